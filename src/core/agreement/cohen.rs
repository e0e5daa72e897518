//! Cohen's kappa for two annotators, unweighted or with linear or quadratic weights.

use super::ratings::{Ratings, rank_order};
use super::stat::{AgreementError, Stat, Undefined, table_precondition};

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
    match pair_kappas(ratings) {
        Ok(kappas) => Stat::Value(kappas.iter().map(|&(kappa, _)| kappa).sum::<f64>() / kappas.len() as f64),
        Err(reason) => Stat::Undefined(reason),
    }
}

/// Mean unweighted Cohen's kappa over the pairs of [`cohen_kappa_mean`], each pair weighted
/// by the number of items it shares, so that a pair sharing one item moves the mean less
/// than a pair sharing hundreds.
pub fn cohen_kappa_shared_weighted(ratings: &Ratings) -> Stat {
    match pair_kappas(ratings) {
        Ok(kappas) => {
            let shared: u64 = kappas.iter().map(|&(_, n)| n).sum();
            let sum: f64 = kappas.iter().map(|&(kappa, n)| kappa * n as f64).sum();
            Stat::Value(sum / shared as f64)
        }
        Err(reason) => Stat::Undefined(reason),
    }
}

/// The defined unweighted kappa of every annotator pair with shared items, with the number
/// of items the pair shares; never empty on success.
fn pair_kappas(ratings: &Ratings) -> Result<Vec<(f64, u64)>, Undefined> {
    if let Some(reason) = table_precondition(ratings.n_annotations(), ratings.n_annotators()) {
        return Err(reason);
    }
    // Every (first annotator, second annotator, first label, second label) on a shared
    // item, sorted so that each pair's answers are contiguous.
    // u32 halves the memory of the records. Over u32::MAX annotators or labels would
    // need more than 100 GB for their names alone, so the casts do not truncate.
    let mut records: Vec<(u32, u32, u32, u32)> = Vec::new();
    for item in 0..ratings.n_items() {
        let answers = ratings.item_answers(item);
        for (i, &(a, la)) in answers.iter().enumerate() {
            for &(b, lb) in &answers[i + 1..] {
                records.push((a as u32, b as u32, la as u32, lb as u32));
            }
        }
    }
    if records.is_empty() {
        return Err(Undefined::NoSharedItems);
    }
    records.sort_unstable();

    let n_labels = ratings.labels().len();
    let mut table = vec![0u64; n_labels * n_labels];
    let mut kappas = Vec::new();
    for group in records.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        table.fill(0);
        for &(_, _, la, lb) in group {
            table[la as usize * n_labels + lb as usize] += 1;
        }
        if let Some(kappa) = unweighted_kappa(&table, n_labels) {
            kappas.push((kappa, group.len() as u64));
        }
    }
    // A pair's unweighted kappa is undefined only when its expected disagreement is 0.
    match kappas.is_empty() {
        true => Err(Undefined::NoVariation),
        false => Ok(kappas),
    }
}

/// Unweighted kappa `1 − D_o / D_e` of a row-major `size × size` table over all labels,
/// the same value as [`cohen_kappa_table`] on the table of used labels, because unused
/// labels add zero rows and columns. `None` when the expected disagreement is 0.
fn unweighted_kappa(table: &[u64], size: usize) -> Option<f64> {
    let total: u64 = table.iter().sum();
    let n = total as f64;
    let mut rows = vec![0.0; size];
    let mut cols = vec![0.0; size];
    for i in 0..size {
        for j in 0..size {
            let cell = table[i * size + j] as f64 / n;
            rows[i] += cell;
            cols[j] += cell;
        }
    }
    let mut observed = 0.0;
    let mut expected = 0.0;
    for i in 0..size {
        for j in 0..size {
            if i != j {
                observed += table[i * size + j] as f64 / n;
                expected += rows[i] * cols[j];
            }
        }
    }
    (expected > 0.0).then(|| 1.0 - observed / expected)
}
