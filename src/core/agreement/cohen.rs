//! Cohen's kappa for two annotators, unweighted or with linear or quadratic weights.

use std::ops::Range;

use super::ratings::{Ratings, rank_order, to_u32};
use super::stat::{AgreementError, Stat, Undefined, table_precondition};
use crate::core::parallel::{available_threads, balanced_ranges, run_in_order};

/// Disagreement weights for categories `i` and `j` at rank distance `|i − j|`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weights {
    /// 0 on the diagonal, 1 elsewhere.
    Unweighted,
    /// `|i − j|`.
    Linear,
    /// `(i − j)²`.
    Quadratic,
}

impl Weights {
    fn weight(self, i: usize, j: usize) -> f64 {
        let distance = i.abs_diff(j) as f64;
        match self {
            Weights::Unweighted => f64::from(u8::from(i != j)),
            Weights::Linear => distance,
            Weights::Quadratic => distance * distance,
        }
    }
}

/// Cohen's kappa with its observed and chance agreement, both on the weighted scale
/// `1 − Σ w p / max w`, which for [`Weights::Unweighted`] are the usual `p_o` and `p_e`.
#[derive(Debug, Clone, PartialEq)]
pub struct CohenKappa {
    pub kappa: Stat,
    pub observed_agreement: Option<f64>,
    pub expected_agreement: Option<f64>,
}

/// Cohen's kappa from a square contingency table: `table[i][j]` counts items that the
/// first annotator put in category `i` and the second in category `j`. Weights use the
/// row order as the category order.
pub fn cohen_kappa_table(table: &[Vec<u64>], weights: Weights) -> Result<CohenKappa, AgreementError> {
    let k = table.len();
    if let Some((row, cells)) = table.iter().enumerate().find(|(_, cells)| cells.len() != k) {
        return Err(AgreementError::TableNotSquare { row, len: cells.len(), rows: k });
    }
    let total: u64 = table.iter().flatten().sum();
    if total == 0 {
        return Ok(CohenKappa {
            kappa: Stat::Undefined(Undefined::NoSharedItems),
            observed_agreement: None,
            expected_agreement: None,
        });
    }

    let n = total as f64;
    let rows: Vec<f64> = table.iter().map(|r| r.iter().sum::<u64>() as f64 / n).collect();
    let cols: Vec<f64> = (0..k).map(|j| table.iter().map(|r| r[j]).sum::<u64>() as f64 / n).collect();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for i in 0..k {
        for j in 0..k {
            let w = weights.weight(i, j);
            observed += w * table[i][j] as f64 / n;
            expected += w * rows[i] * cols[j];
        }
    }
    let max_weight = weights.weight(0, k.saturating_sub(1));
    if expected <= 0.0 || max_weight <= 0.0 {
        return Ok(CohenKappa {
            kappa: Stat::Undefined(Undefined::NoVariation),
            observed_agreement: Some(1.0 - observed),
            expected_agreement: Some(1.0),
        });
    }
    Ok(CohenKappa {
        kappa: Stat::Value(1.0 - observed / expected),
        observed_agreement: Some(1.0 - observed / max_weight),
        expected_agreement: Some(1.0 - expected / max_weight),
    })
}

/// Cohen's kappa between annotators `first` and `second` over the items both answered.
///
/// The table's categories are the labels either of them used on those items, in rank
/// order (numeric order when all are numbers, else [`Ratings::labels`] order), so the
/// weights treat the observed levels as equally spaced ranks. R irr's `kappa2` and
/// scikit-learn's `cohen_kappa_score` without `labels` build their weights the same way.
pub fn cohen_kappa_pair(
    ratings: &Ratings,
    first: &str,
    second: &str,
    weights: Weights,
) -> Result<CohenKappa, AgreementError> {
    let lookup = |name: &str| {
        ratings.annotator_index(name).ok_or_else(|| AgreementError::UnknownAnnotator { annotator: name.to_string() })
    };
    let (a, b) = (lookup(first)?, lookup(second)?);
    let mut pairs = Vec::new();
    for item in 0..ratings.n_items() {
        let answers = ratings.item_answers(item);
        let label_of = |who: usize| answers.iter().find(|(x, _)| *x == who).map(|&(_, l)| l);
        if let (Some(la), Some(lb)) = (label_of(a), label_of(b)) {
            pairs.push((la, lb));
        }
    }
    cohen_kappa_table(&pair_table(ratings.labels(), &pairs), weights)
}

/// Contingency table of `(first label, second label)` pairs over the labels they use.
fn pair_table(labels: &[String], pairs: &[(usize, usize)]) -> Vec<Vec<u64>> {
    let mut used: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    used.sort_unstable();
    used.dedup();
    let order = rank_order(labels, &used);
    let position =
        |label: usize| order.iter().position(|&l| l == label).expect("every paired label is in the used set");
    let mut table = vec![vec![0; order.len()]; order.len()];
    for &(a, b) in pairs {
        table[position(a)][position(b)] += 1;
    }
    table
}

/// Mean unweighted Cohen's kappa over every pair of annotators that share at least one
/// item and whose kappa is defined (Light's kappa, extended to incomplete designs).
/// Pairs with an undefined kappa are left out; when every pair is undefined the result
/// is [`Undefined::NoVariation`], the only reason a pair with shared items can have.
///
/// Every pair counts the same, however few items it shares; see
/// [`cohen_kappa_shared_weighted`] for the mean weighted by shared items.
pub fn cohen_kappa_mean(ratings: &Ratings) -> Stat {
    cohen_kappa_means(ratings).0
}

/// Mean unweighted Cohen's kappa over the pairs of [`cohen_kappa_mean`], each pair weighted
/// by the number of items it shares, so that a pair sharing one item moves the mean less
/// than a pair sharing hundreds.
pub fn cohen_kappa_shared_weighted(ratings: &Ratings) -> Stat {
    cohen_kappa_means(ratings).1
}

/// Returns [`cohen_kappa_mean`] and [`cohen_kappa_shared_weighted`] from one pass over the
/// annotator pairs.
pub fn cohen_kappa_means(ratings: &Ratings) -> (Stat, Stat) {
    match pair_kappas(ratings) {
        Ok(kappas) => {
            let mean = kappas.iter().map(|&(kappa, _)| kappa).sum::<f64>() / kappas.len() as f64;
            let shared: u64 = kappas.iter().map(|&(_, n)| n).sum();
            let weighted = kappas.iter().map(|&(kappa, n)| kappa * n as f64).sum::<f64>() / shared as f64;
            (Stat::Value(mean), Stat::Value(weighted))
        }
        Err(reason) => (Stat::Undefined(reason.clone()), Stat::Undefined(reason)),
    }
}

/// The defined unweighted kappa of every annotator pair with shared items, with the number
/// of items the pair shares; never empty on success. Pairs come in order of the first
/// annotator's index, then the second's, so the means add them in a fixed order.
fn pair_kappas(ratings: &Ratings) -> Result<Vec<(f64, u64)>, Undefined> {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Err(reason);
    }

    // Each thread takes a range of first annotators with about the same number of
    // answer pairs, and the ranges' kappas are joined in order.
    let pair_starts = pair_starts(ratings);
    let threads = if ratings.n_annotations() >= PARALLEL_MIN_ANSWERS { available_threads() } else { 1 };
    let ranges = balanced_ranges(&pair_starts, threads);
    let parts = run_in_order(threads, ranges, |firsts| pair_kappas_of(ratings, &pair_starts, firsts));
    let mut kappas = Vec::new();
    for part in parts {
        kappas.extend(part);
    }

    if pair_starts.last().is_none_or(|&n| n == 0) {
        return Err(Undefined::NoSharedItems);
    }
    // A pair's unweighted kappa is undefined only when its expected disagreement is 0.
    match kappas.is_empty() {
        true => Err(Undefined::NoVariation),
        false => Ok(kappas),
    }
}

/// Answer tables from this size on compute their pair kappas on several threads.
const PARALLEL_MIN_ANSWERS: usize = 1 << 16;

/// Where each annotator's answer pairs start when every pair on an item is listed under
/// its first annotator (the one with the smaller index), plus the total at the end.
fn pair_starts(ratings: &Ratings) -> Vec<usize> {
    let n_annotators = ratings.n_annotators();
    let mut starts = vec![0usize; n_annotators + 1];
    for item in 0..ratings.n_items() {
        let answers = ratings.item_answers(item);
        for (i, &(annotator, _)) in answers.iter().enumerate() {
            starts[annotator + 1] += answers.len() - 1 - i;
        }
    }
    for annotator in 0..n_annotators {
        starts[annotator + 1] += starts[annotator];
    }
    starts
}

/// Returns the defined kappas of the pairs whose first annotator is in `firsts`, in pair
/// order.
fn pair_kappas_of(ratings: &Ratings, pair_starts: &[usize], firsts: Range<usize>) -> Vec<(f64, u64)> {
    let n_labels = ratings.labels().len();
    let mut table = vec![0u64; n_labels * n_labels];
    let mut scratch = KappaScratch::new(n_labels);
    let mut kappas = Vec::new();
    for_each_pair(ratings, pair_starts, firsts, |_, _, answers| {
        table.fill(0);
        for &(_, first_label, second_label) in answers {
            table[first_label as usize * n_labels + second_label as usize] += 1;
        }
        if let Some(kappa) = scratch.unweighted_kappa(&table) {
            kappas.push((kappa, answers.len() as u64));
        }
    });
    kappas
}

/// Calls `visit(first, second, answers)` for every annotator pair with shared items whose
/// first annotator is in `firsts`, in pair order, where `answers` contains one `(second,
/// first's label, second's label)` per shared item.
///
/// The answer pairs of those first annotators are put into one bucket per first annotator
/// in a pass over the items in order, and each bucket is sorted on its own, in cache.
/// One sort of every answer pair of the table was most of `quorum agree` on a million
/// answers, and visiting each annotator's items in turn missed the cache on every item.
fn for_each_pair(
    ratings: &Ratings,
    pair_starts: &[usize],
    firsts: Range<usize>,
    mut visit: impl FnMut(usize, usize, &[(u32, u32, u32)]),
) {
    let base = pair_starts[firsts.start];
    let mut next: Vec<usize> = pair_starts[firsts.clone()].iter().map(|start| start - base).collect();
    let mut pairs = vec![(0u32, 0u32, 0u32); pair_starts[firsts.end] - base];
    for item in 0..ratings.n_items() {
        let answers = ratings.item_answers(item);
        for (i, &(first, first_label)) in answers.iter().enumerate() {
            if !firsts.contains(&first) {
                continue;
            }
            // Answers are sorted by annotator, so the later ones are the second annotators.
            for &(second, second_label) in &answers[i + 1..] {
                let slot = &mut next[first - firsts.start];
                pairs[*slot] = (to_u32(second), to_u32(first_label), to_u32(second_label));
                *slot += 1;
            }
        }
    }

    for first in firsts {
        let bucket = &mut pairs[pair_starts[first] - base..pair_starts[first + 1] - base];
        bucket.sort_unstable_by_key(|&(second, _, _)| second);
        for run in bucket.chunk_by(|x, y| x.0 == y.0) {
            visit(first, run[0].0 as usize, run);
        }
    }
}

/// Cohen's kappa of one pair of annotators, by their indices in [`Ratings::annotators`].
#[derive(Debug, Clone, PartialEq)]
pub struct PairKappa {
    pub first: usize,
    pub second: usize,
    /// Items both annotators answered.
    pub shared_items: u64,
    pub unweighted: Stat,
    /// With weights `|i − j|` on the rank distance, for ordinal labels.
    pub linear: Stat,
    /// With weights `(i − j)²` on the rank distance, for ordinal labels.
    pub quadratic: Stat,
}

/// Cohen's kappa of every pair of annotators that share an item, unweighted and with
/// linear and quadratic weights, in order of the first annotator's index and then the
/// second's. Each value equals [`cohen_kappa_pair`] on that pair.
pub fn cohen_kappa_pairs(ratings: &Ratings) -> Vec<PairKappa> {
    if table_precondition(ratings.n_annotations(), ratings.n_annotators()).is_some() {
        return Vec::new();
    }
    let pair_starts = pair_starts(ratings);
    let mut kappas = Vec::new();
    let mut labels = Vec::new();
    for_each_pair(ratings, &pair_starts, 0..ratings.n_annotators(), |first, second, answers| {
        labels.clear();
        labels.extend(answers.iter().map(|&(_, a, b)| (a as usize, b as usize)));
        let table = pair_table(ratings.labels(), &labels);
        let kappa =
            |weights| cohen_kappa_table(&table, weights).map_or(Stat::Undefined(Undefined::NoSharedItems), |k| k.kappa);
        kappas.push(PairKappa {
            first,
            second,
            shared_items: answers.len() as u64,
            unweighted: kappa(Weights::Unweighted),
            linear: kappa(Weights::Linear),
            quadratic: kappa(Weights::Quadratic),
        });
    });
    kappas
}

/// Buffers for the margins of one contingency table, reused for every pair.
struct KappaScratch {
    size: usize,
    rows: Vec<f64>,
    cols: Vec<f64>,
}

impl KappaScratch {
    fn new(size: usize) -> KappaScratch {
        KappaScratch { size, rows: vec![0.0; size], cols: vec![0.0; size] }
    }

    /// Unweighted kappa `1 − D_o / D_e` of a row-major `size × size` table over all labels,
    /// the same value as [`cohen_kappa_table`] on the table of used labels, because unused
    /// labels add zero rows and columns. `None` when the expected disagreement is 0.
    fn unweighted_kappa(&mut self, table: &[u64]) -> Option<f64> {
        let size = self.size;
        let total: u64 = table.iter().sum();
        let n = total as f64;
        self.rows.fill(0.0);
        self.cols.fill(0.0);

        // Most pairs share a few items, so most cells are 0. A zero cell or margin adds
        // exactly 0 to every sum here, so skipping it leaves each sum bit for bit the
        // same while the other terms keep their order.
        let mut observed = 0.0;
        for i in 0..size {
            for j in 0..size {
                let count = table[i * size + j];
                if count == 0 {
                    continue;
                }
                let cell = count as f64 / n;
                self.rows[i] += cell;
                self.cols[j] += cell;
                if i != j {
                    observed += cell;
                }
            }
        }
        let mut expected = 0.0;
        for i in 0..size {
            if self.rows[i] == 0.0 {
                continue;
            }
            for j in 0..size {
                if i != j && self.cols[j] != 0.0 {
                    expected += self.rows[i] * self.cols[j];
                }
            }
        }
        (expected > 0.0).then(|| 1.0 - observed / expected)
    }
}
