//! Truth inference: one label per item, with a posterior, from many annotators' answers.
