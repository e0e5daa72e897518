//! A seeded synthetic crowd-labelling data set for benchmarks: workers of varying
//! accuracy and some spammers label every item a fixed number of times.
//!
//! The draw order is fixed, so a given [`SyntheticSpec`] always produces the same rows on
//! every platform. With the default spec the CSV rendering of [`SyntheticData::answer_rows`]
//! has SHA-256 `0f022a40…28e11d` and that of [`SyntheticData::gold_rows`] `978cb1fa…a441bd`
//! (checked in the tests).

use crate::core::rng::SplitMix64;
use crate::i18n::catalogue::stats as msg;

/// Parameters of the generator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticSpec {
    pub seed: u64,
    pub n_items: usize,
    pub n_workers: usize,
    pub n_classes: usize,
    /// Distinct workers per item.
    pub labels_per_item: usize,
    /// Probability that a worker is a spammer who answers uniformly at random.
    pub spammer_fraction: f64,
    /// Accuracies of the other workers are uniform on `[accuracy_low, accuracy_high)`.
    pub accuracy_low: f64,
    pub accuracy_high: f64,
}

impl Default for SyntheticSpec {
    /// 200,000 items × 5 labels = 1,000,000 answers from 1,000 workers over 5 classes.
    fn default() -> Self {
        SyntheticSpec {
            seed: 20_240_917,
            n_items: 200_000,
            n_workers: 1_000,
            n_classes: 5,
            labels_per_item: 5,
            spammer_fraction: 0.1,
            accuracy_low: 0.55,
            accuracy_high: 0.95,
        }
    }
}

/// One generated answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntheticAnswer {
    pub item: u32,
    pub worker: u32,
    pub label: u32,
}

/// Generated answers in emission order, the true class of each item, and the workers.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticData {
    pub answers: Vec<SyntheticAnswer>,
    pub truth: Vec<u32>,
    /// Per worker, `None` for a spammer, else the worker's accuracy.
    pub accuracies: Vec<Option<f64>>,
}

/// Invalid generator parameters.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyntheticError {
    #[error("{}", msg::SYNTH_TOO_FEW_WORKERS.fmt(&[("per_item", per_item), ("workers", workers)]))]
    TooFewWorkers { per_item: usize, workers: usize },
    #[error("{}", msg::SYNTH_TOO_FEW_CLASSES.fmt(&[("classes", classes)]))]
    TooFewClasses { classes: usize },
    #[error("{}", msg::SYNTH_INVALID_PROBABILITY.fmt(&[("name", name), ("value", value)]))]
    InvalidProbability { name: &'static str, value: f64 },
    #[error("{}", msg::SYNTH_TOO_LARGE.fmt(&[("limit", &u32::MAX)]))]
    TooLarge,
}

/// Generates the data set from one SplitMix64 stream, in this order:
///
/// 1. For each worker: `uniform() < spammer_fraction` marks a spammer; any other worker
///    takes one more draw for the accuracy `low + (high − low) · uniform()`.
/// 2. For each item: the true class `below(K)`; then `labels_per_item` distinct workers
///    by rejection (`below(W)` again until unused); then, for each chosen worker in draw
///    order, a spammer's label is `below(K)`, and another worker's label is the truth
///    when `uniform() < accuracy`, else `(truth + 1 + below(K − 1)) mod K`.
pub fn generate(spec: &SyntheticSpec) -> Result<SyntheticData, SyntheticError> {
    validate(spec)?;
    let mut rng = SplitMix64::new(spec.seed);
    let mut accuracies = Vec::with_capacity(spec.n_workers);
    for _ in 0..spec.n_workers {
        if rng.uniform() < spec.spammer_fraction {
            accuracies.push(None);
        } else {
            let span = spec.accuracy_high - spec.accuracy_low;
            accuracies.push(Some(spec.accuracy_low + span * rng.uniform()));
        }
    }

    let classes = spec.n_classes;
    let mut answers = Vec::with_capacity(spec.n_items * spec.labels_per_item);
    let mut truth = Vec::with_capacity(spec.n_items);
    let mut chosen: Vec<usize> = Vec::with_capacity(spec.labels_per_item);
    for item in 0..spec.n_items {
        let true_class = rng.below(classes);
        truth.push(true_class as u32);
        chosen.clear();
        while chosen.len() < spec.labels_per_item {
            let worker = rng.below(spec.n_workers);
            if !chosen.contains(&worker) {
                chosen.push(worker);
            }
        }
        for &worker in &chosen {
            let label = match accuracies[worker] {
                None => rng.below(classes),
                Some(accuracy) if rng.uniform() < accuracy => true_class,
                Some(_) => (true_class + 1 + rng.below(classes - 1)) % classes,
            };
            answers.push(SyntheticAnswer { item: item as u32, worker: worker as u32, label: label as u32 });
        }
    }
    Ok(SyntheticData { answers, truth, accuracies })
}

fn validate(spec: &SyntheticSpec) -> Result<(), SyntheticError> {
    if spec.labels_per_item > spec.n_workers {
        return Err(SyntheticError::TooFewWorkers { per_item: spec.labels_per_item, workers: spec.n_workers });
    }
    if spec.n_classes < 2 {
        return Err(SyntheticError::TooFewClasses { classes: spec.n_classes });
    }
    let probabilities = [
        ("spammer_fraction", spec.spammer_fraction),
        ("accuracy_low", spec.accuracy_low),
        ("accuracy_high", spec.accuracy_high),
    ];
    for (name, value) in probabilities {
        if !(0.0..=1.0).contains(&value) {
            return Err(SyntheticError::InvalidProbability { name, value });
        }
    }
    let too_large = |n: usize| u32::try_from(n).is_err();
    if too_large(spec.n_items) || too_large(spec.n_workers) || too_large(spec.n_classes) {
        return Err(SyntheticError::TooLarge);
    }
    Ok(())
}

impl SyntheticData {
    /// CSV lines of the answers file, header `item,worker,label` first, each ending in
    /// `\n`.
    pub fn answer_rows(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once("item,worker,label\n".to_string())
            .chain(self.answers.iter().map(|a| format!("{},{},{}\n", a.item, a.worker, a.label)))
    }

    /// CSV lines of the gold file, header `item,label` first, each ending in `\n`.
    pub fn gold_rows(&self) -> impl Iterator<Item = String> + '_ {
        std::iter::once("item,label\n".to_string())
            .chain(self.truth.iter().enumerate().map(|(item, label)| format!("{item},{label}\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn digest(rows: impl Iterator<Item = String>) -> (String, usize) {
        let mut hasher = Sha256::new();
        let mut bytes = 0;
        for row in rows {
            bytes += row.len();
            hasher.update(row.as_bytes());
        }
        let hex = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
        (hex, bytes)
    }

    #[test]
    fn default_spec_files_match_hashes() {
        let data = generate(&SyntheticSpec::default()).expect("default spec is valid");
        assert_eq!(data.answers.len(), 1_000_000);
        let spammers = data.accuracies.iter().filter(|a| a.is_none()).count();
        assert_eq!(spammers, 104);
        let accurate: Vec<f64> = data.accuracies.iter().flatten().copied().collect();
        let mean = accurate.iter().sum::<f64>() / accurate.len() as f64;
        assert!((mean - 0.756_684).abs() < 5e-7, "{mean}");

        // The reference hashes and sizes come with the generator's specification.
        let (answers, answer_bytes) = digest(data.answer_rows());
        assert_eq!(answer_bytes, 12_334_390);
        assert_eq!(answers, "0f022a4088fa571d1aebe541eaa0aca876b4a51af59f1c98382e5d1ee828e11d");
        let (gold, gold_bytes) = digest(data.gold_rows());
        assert_eq!(gold_bytes, 1_688_901);
        assert_eq!(gold, "978cb1fadfa5a2b548129057516758dae5d2350b1f8b81e2ba327fd6e7a441bd");
    }

    #[test]
    fn invalid_specs_are_rejected() {
        let crowded = SyntheticSpec { n_workers: 3, ..SyntheticSpec::default() };
        assert!(matches!(generate(&crowded), Err(SyntheticError::TooFewWorkers { .. })));
        let one_class = SyntheticSpec { n_classes: 1, ..SyntheticSpec::default() };
        assert!(matches!(generate(&one_class), Err(SyntheticError::TooFewClasses { .. })));
    }
}
