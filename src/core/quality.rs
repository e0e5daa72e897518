//! Per-annotator quality: throughput, accuracy on gold items, agreement with the other
//! annotators, speed, and flags for answers that look careless.
//!
//! The figures are accumulated one item at a time ([`QualityAccumulator::add_item`]), so
//! a store can stream its answers grouped by item without holding them all.
//!
//! Agreement with the consensus compares an annotator's label with the majority vote of
//! the *other* annotators on the same item, so that an annotator never votes on their
//! own consensus. Items where the others tie for first place, or where nobody else
//! answered, are left out of that figure.

use std::collections::{BTreeMap, HashMap};

/// Limits behind the quality flags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualityThresholds {
    /// An annotator is flagged as suspiciously fast when their median time per item is
    /// below this share of the median of the other annotators' medians.
    pub fast_share: f64,
    /// Timed answers an annotator needs before the speed flag applies.
    pub fast_min_answers: u64,
    /// An annotator is flagged for constant answers when one label takes at least this
    /// share of their answers...
    pub constant_share: f64,
    /// ...over at least this many answers.
    pub constant_min_answers: u64,
}

impl Default for QualityThresholds {
    fn default() -> Self {
        QualityThresholds { fast_share: 0.25, fast_min_answers: 10, constant_share: 0.9, constant_min_answers: 20 }
    }
}

/// A reason to look at an annotator's work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QualityFlag {
    /// Median time per item far below the rest of the team's.
    SuspiciousSpeed,
    /// One label for nearly every answer.
    ConstantAnswers,
}

/// One annotator's figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnnotatorQuality {
    pub annotator: String,
    /// Items with a current answer from this annotator.
    pub items_done: u64,
    /// Gold items answered, and how many of them matched the gold label.
    pub gold_answered: u64,
    pub gold_correct: u64,
    /// `gold_correct / gold_answered`, or `None` without gold answers.
    pub gold_accuracy: Option<f64>,
    /// Items where the other annotators had a clear majority, and how many of them
    /// this annotator matched.
    pub consensus_items: u64,
    pub consensus_agreed: u64,
    pub consensus_agreement: Option<f64>,
    /// Median time spent per item in milliseconds, over answers with a recorded time.
    pub median_ms: Option<i64>,
    /// The annotator's most used label and its share of their answers.
    pub top_label: Option<(String, f64)>,
    pub flags: Vec<QualityFlag>,
}

/// The team's figures, annotators sorted by name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TeamQuality {
    pub annotators: Vec<AnnotatorQuality>,
    /// Median of the annotators' median times per item.
    pub team_median_ms: Option<i64>,
}

/// One current answer on an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemAnswer<'a> {
    pub annotator: &'a str,
    pub label: &'a str,
    pub time_spent_ms: Option<i64>,
}

#[derive(Debug, Default)]
struct Tally {
    items_done: u64,
    gold_answered: u64,
    gold_correct: u64,
    consensus_items: u64,
    consensus_agreed: u64,
    // NOTE: one i64 per timed answer; ten million answers take about 80 MB here.
    times_ms: Vec<i64>,
    labels: HashMap<String, u64>,
}

/// Builds [`TeamQuality`] from items fed one at a time.
#[derive(Debug, Default)]
pub struct QualityAccumulator {
    tallies: BTreeMap<String, Tally>,
}

impl QualityAccumulator {
    pub fn new() -> Self {
        QualityAccumulator::default()
    }

    /// Adds every current answer of one item, whose gold label is `gold` if it has one.
    /// The store has one current answer per annotator and item; an annotator listed
    /// twice here would be counted twice.
    pub fn add_item(&mut self, gold: Option<&str>, answers: &[ItemAnswer<'_>]) {
        for (index, answer) in answers.iter().enumerate() {
            let tally = self.tallies.entry(answer.annotator.to_string()).or_default();
            tally.items_done += 1;
            *tally.labels.entry(answer.label.to_string()).or_default() += 1;
            if let Some(ms) = answer.time_spent_ms.filter(|ms| *ms >= 0) {
                tally.times_ms.push(ms);
            }
            if let Some(gold) = gold {
                tally.gold_answered += 1;
                tally.gold_correct += u64::from(answer.label == gold);
            }
            let others = answers.iter().enumerate().filter(|(other, _)| *other != index).map(|(_, a)| a.label);
            if let Some(consensus) = clear_majority(others) {
                tally.consensus_items += 1;
                tally.consensus_agreed += u64::from(answer.label == consensus);
            }
        }
    }

    /// Computes the figures and flags.
    pub fn finish(self, thresholds: &QualityThresholds) -> TeamQuality {
        let medians: Vec<(String, Option<i64>)> =
            self.tallies.iter().map(|(name, tally)| (name.clone(), median(&tally.times_ms))).collect();
        let all_medians: Vec<i64> = medians.iter().filter_map(|(_, m)| *m).collect();
        let team_median_ms = median(&all_medians);

        let mut annotators = Vec::with_capacity(self.tallies.len());
        for (name, tally) in self.tallies {
            let own_median = median(&tally.times_ms);
            let others: Vec<i64> = medians.iter().filter(|(other, _)| *other != name).filter_map(|(_, m)| *m).collect();
            let mut flags = Vec::new();
            if let (Some(own), Some(team)) = (own_median, median(&others))
                && tally.times_ms.len() as u64 >= thresholds.fast_min_answers
                && (own as f64) < thresholds.fast_share * team as f64
            {
                flags.push(QualityFlag::SuspiciousSpeed);
            }
            let top_label = tally
                .labels
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(label, n)| (label.clone(), *n as f64 / tally.items_done as f64));
            if let Some((_, share)) = &top_label
                && tally.items_done >= thresholds.constant_min_answers
                && *share >= thresholds.constant_share
            {
                flags.push(QualityFlag::ConstantAnswers);
            }
            annotators.push(AnnotatorQuality {
                annotator: name,
                items_done: tally.items_done,
                gold_answered: tally.gold_answered,
                gold_correct: tally.gold_correct,
                gold_accuracy: ratio(tally.gold_correct, tally.gold_answered),
                consensus_items: tally.consensus_items,
                consensus_agreed: tally.consensus_agreed,
                consensus_agreement: ratio(tally.consensus_agreed, tally.consensus_items),
                median_ms: own_median,
                top_label,
                flags,
            });
        }
        TeamQuality { annotators, team_median_ms }
    }
}

fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The median, as the lower middle value for an even count; `None` when empty.
fn median(values: &[i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    Some(sorted[(sorted.len() - 1) / 2])
}

/// The most frequent label, or `None` when there is none or the first place is tied.
fn clear_majority<'a>(labels: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for label in labels {
        *counts.entry(label).or_default() += 1;
    }
    let top = counts.values().copied().max()?;
    let mut leaders = counts.iter().filter(|(_, n)| **n == top);
    let (label, _) = leaders.next()?;
    if leaders.next().is_some() { None } else { Some(label) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer<'a>(annotator: &'a str, label: &'a str, ms: i64) -> ItemAnswer<'a> {
        ItemAnswer { annotator, label, time_spent_ms: Some(ms) }
    }

    fn find<'a>(team: &'a TeamQuality, name: &str) -> &'a AnnotatorQuality {
        team.annotators.iter().find(|a| a.annotator == name).expect("annotator present")
    }

    #[test]
    fn gold_accuracy_counts_matches() {
        let mut acc = QualityAccumulator::new();
        acc.add_item(Some("a"), &[answer("x", "a", 1000), answer("y", "b", 1000)]);
        acc.add_item(Some("b"), &[answer("x", "a", 1000), answer("y", "b", 1000)]);
        acc.add_item(None, &[answer("x", "a", 1000)]);
        let team = acc.finish(&QualityThresholds::default());
        let x = find(&team, "x");
        assert_eq!((x.items_done, x.gold_answered, x.gold_correct), (3, 2, 1));
        assert_eq!(x.gold_accuracy, Some(0.5));
        assert_eq!(find(&team, "y").gold_accuracy, Some(0.5));
    }

    #[test]
    fn consensus_excludes_own_vote() {
        let mut acc = QualityAccumulator::new();
        // x disagrees with y, z and w, who agree: x gets 0 of 1, the others 1 of 1.
        acc.add_item(None, &[answer("x", "a", 1), answer("y", "b", 1), answer("z", "b", 1), answer("w", "b", 1)]);
        let team = acc.finish(&QualityThresholds::default());
        assert_eq!(find(&team, "x").consensus_agreement, Some(0.0));
        assert_eq!(find(&team, "y").consensus_agreement, Some(1.0), "x's vote is outweighed by z and w");
    }

    #[test]
    fn tied_others_give_no_consensus() {
        let mut acc = QualityAccumulator::new();
        acc.add_item(None, &[answer("x", "a", 1), answer("y", "a", 1), answer("z", "b", 1)]);
        let team = acc.finish(&QualityThresholds::default());
        assert_eq!(find(&team, "x").consensus_items, 0, "y and z tie, so x has no consensus");
        assert_eq!(find(&team, "z").consensus_items, 1);
    }

    #[test]
    fn fast_annotator_flagged() {
        let mut acc = QualityAccumulator::new();
        for i in 0..20 {
            let labels = ["a", "b"];
            let label = labels[i % 2];
            acc.add_item(
                None,
                &[answer("fast", label, 300), answer("slow1", label, 4000), answer("slow2", label, 5000)],
            );
        }
        let team = acc.finish(&QualityThresholds::default());
        assert_eq!(find(&team, "fast").flags, vec![QualityFlag::SuspiciousSpeed]);
        assert!(find(&team, "slow1").flags.is_empty());
        assert_eq!(find(&team, "fast").median_ms, Some(300));
        assert_eq!(team.team_median_ms, Some(4000));
    }

    #[test]
    fn constant_answers_flagged_only_with_enough_answers() {
        let mut few = QualityAccumulator::new();
        let mut many = QualityAccumulator::new();
        for i in 0..19 {
            few.add_item(None, &[answer("x", "a", 1000)]);
            many.add_item(None, &[answer("x", if i == 0 { "b" } else { "a" }, 1000)]);
        }
        many.add_item(None, &[answer("x", "a", 1000)]);
        assert!(few.finish(&QualityThresholds::default()).annotators[0].flags.is_empty());
        let team = many.finish(&QualityThresholds::default());
        assert_eq!(team.annotators[0].flags, vec![QualityFlag::ConstantAnswers], "19 of 20 is 95%");
        assert_eq!(team.annotators[0].top_label, Some(("a".to_string(), 0.95)));
    }

    #[test]
    fn median_takes_lower_middle() {
        assert_eq!(median(&[4, 1, 3, 2]), Some(2));
        assert_eq!(median(&[]), None);
    }
}
