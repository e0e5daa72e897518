//! Dawid and Skene (1979), "Maximum Likelihood Estimation of Observer Error-Rates Using
//! the EM Algorithm": one confusion matrix per annotator, fitted by EM in log space.

use std::ops::Range;

use super::Aggregation;
use super::blocks::{Blocks, add_into};
use super::em::normalise_log_parts;
use super::majority::{normalise_rows, vote_counts};
use super::method::{AggregationError, Method, OptionRule, TieRule};
use super::parameters::Parameters;
use crate::core::agreement::{Ratings, to_u32};
use crate::core::parallel::run_in_order;

/// Settings of [`dawid_skene`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DawidSkeneOptions {
    /// EM iterations allowed before [`AggregationError::NotConverged`].
    pub max_iterations: usize,
    /// Convergence threshold on the change in log-likelihood per answer between two
    /// iterations.
    pub tolerance: f64,
    /// Pseudo-count added to every confusion-matrix cell and class prior in the M-step,
    /// so that no probability is zero and no logarithm is infinite.
    pub smoothing: f64,
    /// Rule for the rare item whose posterior has exactly tied maxima.
    pub tie: TieRule,
}

impl Default for DawidSkeneOptions {
    /// Tolerance 1e-7 runs EM until few labels still move: on the D_Product reference
    /// data, accuracy rounds to the published 0.940 at tolerances from 1e-6 to 1e-8 but
    /// to 0.939 at 1e-5 (see `tests/aggregation_reference.rs`). The smoothing of 1e-10
    /// keeps the estimates practically unsmoothed.
    fn default() -> Self {
        DawidSkeneOptions { max_iterations: 1000, tolerance: 1e-7, smoothing: 1e-10, tie: TieRule::SmallestLabel }
    }
}

/// Dawid–Skene truth inference, initialised from majority-vote shares.
///
/// Each iteration runs the M-step (class priors and, per annotator, the probability
/// of answering label k when the true label is c) and then the E-step (each item's
/// posterior over true labels). EM stops when the log-likelihood per answer changes by
/// at most `tolerance`. Returns [`AggregationError::NotConverged`] when that takes more
/// than `max_iterations`.
pub fn dawid_skene(ratings: &Ratings, options: &DawidSkeneOptions) -> Result<Aggregation, AggregationError> {
    dawid_skene_in_blocks(ratings, options, &Blocks::new(ratings.item_offsets()))
}

/// [`dawid_skene`] with the E-step's items cut into the given blocks.
fn dawid_skene_in_blocks(
    ratings: &Ratings,
    options: &DawidSkeneOptions,
    blocks: &Blocks,
) -> Result<Aggregation, AggregationError> {
    OptionRule::Positive.check("tolerance", options.tolerance)?;
    OptionRule::Positive.check("smoothing", options.smoothing)?;
    let n_answers = ratings.n_annotations().max(1) as f64;
    let n_labels = ratings.labels().len();

    // Posteriors of all items in one array, starting from the majority-vote shares.
    let mut posteriors = vote_counts(ratings);
    normalise_rows(&mut posteriors, n_labels);
    let mut model = Model::new(ratings.n_annotators(), n_labels, options.smoothing, blocks);
    model.count(ratings, &posteriors);
    // Where each answer's values start in the model arrays, computed once: a 4-byte
    // index per answer is a quarter of the bytes each iteration would read otherwise.
    let starts: Vec<u32> =
        ratings.all_answers().iter().map(|&(annotator, k)| to_u32((annotator * n_labels + k) * n_labels)).collect();
    let offsets = ratings.item_offsets();

    let mut previous: Option<f64> = None;
    let mut change = f64::INFINITY;
    for iteration in 1..=options.max_iterations {
        model.fit();
        let log_likelihood = model.infer_and_count(blocks, &starts, offsets, &mut posteriors);
        if let Some(previous) = previous {
            change = (log_likelihood - previous).abs() / n_answers;
            if change <= options.tolerance {
                return Ok(Aggregation {
                    iterations: iteration,
                    parameters: Parameters::Confusion(model.confusion_matrices()),
                    ..Aggregation::from_scores(Method::DawidSkene, ratings, posteriors, options.tie)
                });
            }
        }
        previous = Some(log_likelihood);
    }
    Err(AggregationError::NotConverged { method: Method::DawidSkene, iterations: options.max_iterations, change })
}

/// The expected counts of the M-step and the log-probabilities estimated from them, in
/// buffers allocated once for the whole EM loop.
///
/// Counts and log-probabilities share one layout, with the cell of answer k when the
/// true label is c at `[(annotator * n_labels + k) * n_labels + c]`. The E-step adds one
/// answer's values for every c, and the M-step adds one answer's posterior over every c,
/// so both walk neighbouring cells.
struct Model {
    n_labels: usize,
    smoothing: f64,
    /// The counts the M-step reads, summed by the first block of items.
    totals: Counts,
    /// The counts of the other blocks, added to `totals` after each E-step.
    partials: Vec<Counts>,
    log_prior: Vec<f64>,
    log_confusion: Vec<f64>,
}

/// Expected class counts and confusion counts.
struct Counts {
    prior: Vec<f64>,
    cells: Vec<f64>,
}

impl Counts {
    fn filled(n_labels: usize, n_cells: usize, value: f64) -> Counts {
        Counts { prior: vec![value; n_labels], cells: vec![value; n_cells] }
    }

    fn fill(&mut self, value: f64) {
        self.prior.fill(value);
        self.cells.fill(value);
    }

    fn add(&mut self, other: &Counts) {
        add_into(&mut self.prior, &other.prior);
        add_into(&mut self.cells, &other.cells);
    }

    /// Adds one item's posterior to the expected counts, given where each of its answers
    /// starts in the model arrays.
    #[inline(always)]
    fn add_item(&mut self, starts: impl Iterator<Item = usize>, posterior: &[f64], n_labels: usize) {
        for (prior, p) in self.prior[..n_labels].iter_mut().zip(posterior) {
            *prior += p;
        }
        for start in starts {
            for (count, p) in self.cells[start..start + n_labels].iter_mut().zip(posterior) {
                *count += p;
            }
        }
    }
}

/// The log-probabilities of one M-step, read by every block of the E-step.
#[derive(Clone, Copy)]
struct Estimates<'a> {
    log_prior: &'a [f64],
    log_confusion: &'a [f64],
}

/// The answers of one block of items and where its results go.
struct Block<'a> {
    items: Range<usize>,
    posteriors: &'a mut [f64],
    counts: &'a mut Counts,
}

impl Model {
    fn new(n_annotators: usize, n_labels: usize, smoothing: f64, blocks: &Blocks) -> Model {
        let n_cells = n_annotators * n_labels * n_labels;
        Model {
            n_labels,
            smoothing,
            totals: Counts::filled(n_labels, n_cells, smoothing),
            partials: (1..blocks.len()).map(|_| Counts::filled(n_labels, n_cells, 0.0)).collect(),
            log_prior: vec![0.0; n_labels],
            log_confusion: vec![0.0; n_cells],
        }
    }

    /// Expected counts from the given posteriors, for the first M-step.
    fn count(&mut self, ratings: &Ratings, posteriors: &[f64]) {
        let n_labels = self.n_labels;
        for (item, posterior) in posteriors.chunks_exact(n_labels.max(1)).enumerate() {
            let starts = ratings.item_answers(item).iter().map(|&(annotator, k)| (annotator * n_labels + k) * n_labels);
            self.totals.add_item(starts, posterior, n_labels);
        }
    }

    /// M-step: log-probabilities from the expected counts, which then start again from
    /// `smoothing` for the next E-step to fill.
    fn fit(&mut self) {
        let n_labels = self.n_labels;
        log_normalise_into(&self.totals.prior, &mut self.log_prior);
        let cells = n_labels * n_labels;
        let mut row = vec![0.0; n_labels];
        let mut log_row = vec![0.0; n_labels];
        for (matrix, log_matrix) in
            self.totals.cells.chunks(cells.max(1)).zip(self.log_confusion.chunks_mut(cells.max(1)))
        {
            for c in 0..n_labels {
                // Row c of the confusion matrix, P(answer k | true c) over k.
                for (k, value) in row.iter_mut().enumerate() {
                    *value = matrix[k * n_labels + c];
                }
                log_normalise_into(&row, &mut log_row);
                for (k, value) in log_row.iter().enumerate() {
                    log_matrix[k * n_labels + c] = *value;
                }
            }
        }
        self.totals.fill(self.smoothing);
    }

    /// E-step fused with the counting of the next M-step: writes each item's posterior,
    /// adds it to the expected counts and returns the data log-likelihood. `starts` holds
    /// where each answer's values start, item by item as `offsets` delimits them.
    ///
    /// Each block of items counts into its own buffers, which are then added to the
    /// totals in block order, so the sums do not depend on the number of threads.
    fn infer_and_count(&mut self, blocks: &Blocks, starts: &[u32], offsets: &[usize], posteriors: &mut [f64]) -> f64 {
        let n_labels = self.n_labels;
        let estimates = Estimates { log_prior: &self.log_prior, log_confusion: &self.log_confusion };
        for partial in &mut self.partials {
            partial.fill(0.0);
        }

        let mut rest = posteriors;
        let mut work = Vec::with_capacity(blocks.len());
        let counts = std::iter::once(&mut self.totals).chain(self.partials.iter_mut());
        for (items, counts) in blocks.ranges.iter().zip(counts) {
            let (posteriors, tail) = std::mem::take(&mut rest).split_at_mut(items.len() * n_labels);
            rest = tail;
            work.push(Block { items: items.clone(), posteriors, counts });
        }
        let log_likelihoods =
            run_in_order(blocks.threads, work, |block| infer_and_count(estimates, block, starts, offsets, n_labels));

        for partial in &self.partials {
            self.totals.add(partial);
        }
        log_likelihoods.into_iter().sum()
    }

    /// Per annotator, `P(answer k | true c)` as `[c][k]`.
    fn confusion_matrices(&self) -> Vec<Vec<Vec<f64>>> {
        let n_labels = self.n_labels;
        let cells = (n_labels * n_labels).max(1);
        self.log_confusion
            .chunks(cells)
            .map(|matrix| {
                (0..n_labels).map(|c| (0..n_labels).map(|k| matrix[k * n_labels + c].exp()).collect()).collect()
            })
            .collect()
    }
}

/// Runs the E-step and the counting of one block, as [`Model::infer_and_count`] describes.
fn infer_and_count(
    estimates: Estimates<'_>,
    block: Block<'_>,
    starts: &[u32],
    offsets: &[usize],
    n_labels: usize,
) -> f64 {
    // Each common label count gets its own copy of the loop with the count as a
    // constant, so that the per-label loops unroll. The arithmetic is the same.
    match n_labels {
        2 => infer_and_count_with::<2>(estimates, block, starts, offsets, 2),
        3 => infer_and_count_with::<3>(estimates, block, starts, offsets, 3),
        4 => infer_and_count_with::<4>(estimates, block, starts, offsets, 4),
        5 => infer_and_count_with::<5>(estimates, block, starts, offsets, 5),
        6 => infer_and_count_with::<6>(estimates, block, starts, offsets, 6),
        n => infer_and_count_with::<0>(estimates, block, starts, offsets, n),
    }
}

/// [`infer_and_count`] for `n_labels` labels, a constant `N` of them when `N` is not 0.
#[inline(always)]
fn infer_and_count_with<const N: usize>(
    estimates: Estimates<'_>,
    block: Block<'_>,
    starts: &[u32],
    offsets: &[usize],
    n_labels: usize,
) -> f64 {
    // The log-likelihood sums each item's maximum and the log of its sum of
    // exponentials. Those sums lie between 1 and the number of labels, so the
    // product of up to 32 of them stays far from overflow (below 2^992 for a
    // billion labels) and one `ln` serves 32 items instead of one each.
    const BATCH: usize = 32;
    let mut log_likelihood = 0.0;
    let mut product = 1.0;
    let mut in_product = 0;
    let items = block.items.clone();
    for (item, posterior) in items.zip(block.posteriors.chunks_exact_mut(n_labels.max(1))) {
        let answers = &starts[offsets[item]..offsets[item + 1]];
        sum_log_probabilities::<N>(posterior, estimates, answers);
        let (max, sum) = normalise_log_parts(posterior);
        log_likelihood += max;
        product *= sum;
        in_product += 1;
        if in_product == BATCH {
            log_likelihood += product.ln();
            product = 1.0;
            in_product = 0;
        }
        block.counts.add_item(answers.iter().map(|&start| start as usize), posterior, n_labels);
    }
    log_likelihood + product.ln()
}

/// Writes to `posterior` the log prior plus the log-probability of each answer of one
/// item, for every true label. With a constant number of labels `N`, the sums stay in
/// registers: summing into the slice made each answer wait for the previous store.
#[inline(always)]
fn sum_log_probabilities<const N: usize>(posterior: &mut [f64], estimates: Estimates<'_>, answers: &[u32]) {
    let n_labels = posterior.len();
    let rows = |start: u32| &estimates.log_confusion[start as usize..start as usize + n_labels];
    if N == 0 {
        posterior.copy_from_slice(&estimates.log_prior[..n_labels]);
        for &start in answers {
            for (value, log_p) in posterior.iter_mut().zip(rows(start)) {
                *value += log_p;
            }
        }
        return;
    }
    let mut sums = [0.0; N];
    sums.copy_from_slice(&estimates.log_prior[..N]);
    for &start in answers {
        for (sum, log_p) in sums.iter_mut().zip(rows(start)) {
            *sum += log_p;
        }
    }
    posterior.copy_from_slice(&sums);
}

/// Logarithms of `values` divided by their sum, written to `out`; a zero value gives
/// negative infinity.
fn log_normalise_into(values: &[f64], out: &mut [f64]) {
    let log_total = values.iter().sum::<f64>().ln();
    for (out, v) in out.iter_mut().zip(values) {
        *out = v.ln() - log_total;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::synthetic::{SyntheticSpec, generate};

    fn synthetic_ratings(n_items: usize) -> Ratings {
        let data = generate(&SyntheticSpec { n_items, ..SyntheticSpec::default() }).expect("valid spec");
        let mut builder = Ratings::builder();
        for answer in &data.answers {
            builder.add(&answer.item.to_string(), &answer.worker.to_string(), &answer.label.to_string());
        }
        builder.build()
    }

    fn posteriors(result: &Aggregation) -> Vec<f64> {
        (0..result.items.len()).flat_map(|index| result.posterior(index).iter().copied()).collect()
    }

    #[test]
    fn blocks_match_across_thread_counts() {
        let ratings = synthetic_ratings(20_000);
        let mut blocks = Blocks::new(ratings.item_offsets());
        assert!(blocks.len() > 1, "100,000 answers are cut into blocks");
        let options = DawidSkeneOptions::default();

        blocks.threads = 1;
        let one_thread = dawid_skene_in_blocks(&ratings, &options, &blocks).expect("EM converges");
        blocks.threads = blocks.len();
        let many_threads = dawid_skene_in_blocks(&ratings, &options, &blocks).expect("EM converges");
        assert_eq!(one_thread, many_threads);
    }

    #[test]
    fn blocks_agree_with_one_pass_over_all_items() {
        let ratings = synthetic_ratings(20_000);
        let options = DawidSkeneOptions::default();
        let blocked = dawid_skene_in_blocks(&ratings, &options, &Blocks::new(ratings.item_offsets())).unwrap();
        let all_items = 0..ratings.n_items();
        let whole = Blocks { ranges: vec![all_items], threads: 1 };
        let single = dawid_skene_in_blocks(&ratings, &options, &whole).unwrap();

        // Only the order of the sums differs, so the posteriors differ in the last bits.
        assert_eq!(blocked.iterations, single.iterations);
        let labels = |a: &Aggregation| a.items.iter().map(|i| i.label.clone()).collect::<Vec<_>>();
        assert_eq!(labels(&blocked), labels(&single));
        for (a, b) in posteriors(&blocked).iter().zip(posteriors(&single)) {
            assert!((a - b).abs() < 1e-9, "{a} against {b}");
        }
    }
}
