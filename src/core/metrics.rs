//! Classification metrics for model evaluation: accuracy, per-class precision, recall
//! and F1, macro-F1 and the confusion matrix.
