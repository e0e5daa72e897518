//! Inter-annotator agreement: percent agreement, Cohen's kappa, Fleiss' kappa and
//! Krippendorff's alpha, computed in batch from [`Ratings`] or kept live by
//! [`LiveAgreement`].
//!
//! A statistic that the data cannot define is a [`Stat::Undefined`] with its reason,
//! never NaN, 0 or 1.

// Interface contract (filled in by the agreement module's implementation):
//
// pub struct Ratings;                 // items x annotators, labels as category indices
// impl Ratings { pub fn builder() -> RatingsBuilder; pub fn n_items/n_annotators/n_annotations }
// pub struct RatingsBuilder;          // add(item: &str, annotator: &str, label: &str); declare_labels(&[String]); build()
// pub enum Stat { Value(f64), Undefined(Undefined) }
// pub enum Undefined { ... }          // each variant has `message()` from the catalogue
// pub struct AgreementSummary { n_items, n_annotators, n_annotations, percent_agreement,
//                               fleiss_kappa, cohen_kappa_mean, krippendorff_alpha }
// pub fn summary(&Ratings) -> AgreementSummary;      // Serialize: value or null + undefined_reasons
// pub struct LiveAgreement;           // new(labels); update_item(before, after); summary()
