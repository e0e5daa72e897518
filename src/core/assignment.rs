//! Assignment policy: which items an annotator may be handed, and in what order.
