//! Classification metrics for model evaluation: accuracy, per-class precision, recall
//! and F1, macro-F1 and the confusion matrix.
//!
//! Classes are indices `0..n_classes`. Every metric is computed from the confusion
//! matrix, so scores pooled over cross-validation folds come from one summed matrix.
//!
//! Undefined ratios are 0, as in scikit-learn with `zero_division=0`: precision is 0
//! for a class that is never predicted, recall is 0 for a class with no true examples,
//! and F1 is 0 when precision and recall are both 0.

use serde::Serialize;

/// Precision, recall, F1 and support of one class.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClassMetrics {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Number of examples whose true class is this class.
    pub support: usize,
}

/// Builds the confusion matrix, indexed `[true][predicted]`.
///
/// Pairs whose true or predicted class is `n_classes` or above are skipped.
pub fn confusion_matrix(truth: &[usize], predicted: &[usize], n_classes: usize) -> Vec<Vec<usize>> {
    let mut matrix = vec![vec![0; n_classes]; n_classes];
    for (&t, &p) in truth.iter().zip(predicted) {
        if t < n_classes && p < n_classes {
            matrix[t][p] += 1;
        }
    }
    matrix
}

/// Adds `other` into `total`, cell by cell; both must be square of the same size.
pub fn add_confusion(total: &mut [Vec<usize>], other: &[Vec<usize>]) {
    for (total_row, other_row) in total.iter_mut().zip(other) {
        for (cell, value) in total_row.iter_mut().zip(other_row) {
            *cell += value;
        }
    }
}

/// Fraction of examples on the diagonal; 0 for an empty matrix.
pub fn accuracy(confusion: &[Vec<usize>]) -> f64 {
    let total: usize = confusion.iter().flatten().sum();
    let correct: usize = confusion.iter().enumerate().map(|(i, row)| row.get(i).copied().unwrap_or(0)).sum();
    ratio(correct, total)
}

/// Computes precision, recall, F1 and support of every class, in class order.
pub fn per_class(confusion: &[Vec<usize>]) -> Vec<ClassMetrics> {
    (0..confusion.len()).map(|class| class_metrics(confusion, class)).collect()
}

/// Unweighted mean F1 over all classes of the matrix, including classes with no
/// support (their F1 is 0); 0 when there are no classes.
pub fn macro_f1(classes: &[ClassMetrics]) -> f64 {
    if classes.is_empty() {
        return 0.0;
    }
    classes.iter().map(|c| c.f1).sum::<f64>() / classes.len() as f64
}

fn class_metrics(confusion: &[Vec<usize>], class: usize) -> ClassMetrics {
    let true_positives = confusion[class].get(class).copied().unwrap_or(0);
    let support: usize = confusion[class].iter().sum();
    let predicted: usize = confusion.iter().map(|row| row.get(class).copied().unwrap_or(0)).sum();

    let precision = ratio(true_positives, predicted);
    let recall = ratio(true_positives, support);
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    ClassMetrics { precision, recall, f1, support }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 { 0.0 } else { numerator as f64 / denominator as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    // Three classes, 8 examples. Hand count:
    // truth     0 0 0 1 1 2 2 2
    // predicted 0 1 0 1 2 2 2 0
    // class 0: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
    // class 1: tp 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
    // class 2: tp 2, predicted 3, support 3 -> P 2/3, R 2/3, F1 2/3
    // macro-F1 = (2/3 + 1/2 + 2/3) / 3 = 11/18; accuracy = 5/8.
    const TRUTH: [usize; 8] = [0, 0, 0, 1, 1, 2, 2, 2];
    const PREDICTED: [usize; 8] = [0, 1, 0, 1, 2, 2, 2, 0];

    #[test]
    fn confusion_counts_by_hand() {
        let matrix = confusion_matrix(&TRUTH, &PREDICTED, 3);
        assert_eq!(matrix, vec![vec![2, 1, 0], vec![0, 1, 1], vec![1, 0, 2]]);
    }

    #[test]
    fn scores_match_hand_computation() {
        let matrix = confusion_matrix(&TRUTH, &PREDICTED, 3);
        let classes = per_class(&matrix);
        assert!(close(accuracy(&matrix), 5.0 / 8.0));
        assert!(close(classes[0].precision, 2.0 / 3.0));
        assert!(close(classes[0].recall, 2.0 / 3.0));
        assert!(close(classes[1].precision, 0.5));
        assert!(close(classes[1].f1, 0.5));
        assert!(close(classes[2].f1, 2.0 / 3.0));
        assert_eq!(classes[2].support, 3);
        assert!(close(macro_f1(&classes), 11.0 / 18.0));
    }

    // Hand count for two classes, truth [0 1 0 0 1 0] and predicted [0 1 0 0 0 1].
    // Class 1: tp 1, predicted 2, support 2, so P = R = F1 = 1/2.
    // Class 0: tp 3, predicted 4, support 4, so P = R = 3/4.
    #[test]
    fn binary_case_by_hand() {
        let matrix = confusion_matrix(&[0, 1, 0, 0, 1, 0], &[0, 1, 0, 0, 0, 1], 2);
        let classes = per_class(&matrix);
        assert!(close(classes[1].precision, 0.5));
        assert!(close(classes[1].recall, 0.5));
        assert!(close(classes[1].f1, 0.5));
        assert!(close(classes[0].precision, 0.75));
        assert!(close(classes[0].recall, 0.75));
    }

    // Class 2 is never predicted and class 1 never occurs: both ratios are 0/0 or 0/n,
    // so zero_division=0 gives P = R = F1 = 0 for them.
    #[test]
    fn undefined_ratios_are_zero() {
        let matrix = confusion_matrix(&[0, 0, 2], &[0, 1, 0], 3);
        let classes = per_class(&matrix);
        assert_eq!(classes[1].precision, 0.0);
        assert_eq!(classes[1].recall, 0.0);
        assert_eq!(classes[1].f1, 0.0);
        assert_eq!(classes[2].precision, 0.0);
        assert_eq!(classes[2].recall, 0.0);
        assert_eq!(classes[2].f1, 0.0);
        // Class 0: tp 1, predicted 2, support 2 -> P 1/2, R 1/2.
        assert!(close(classes[0].f1, 0.5));
        assert!(close(macro_f1(&classes), 0.5 / 3.0));
    }

    #[test]
    fn empty_inputs_score_zero() {
        let matrix = confusion_matrix(&[], &[], 2);
        assert_eq!(accuracy(&matrix), 0.0);
        assert_eq!(macro_f1(&per_class(&matrix)), 0.0);
        assert_eq!(macro_f1(&[]), 0.0);
    }

    #[test]
    fn out_of_range_pairs_skipped() {
        let matrix = confusion_matrix(&[0, 5, 1], &[0, 0, 7], 2);
        assert_eq!(matrix, vec![vec![1, 0], vec![0, 0]]);
    }

    #[test]
    fn add_confusion_sums_cells() {
        let mut total = vec![vec![1, 0], vec![2, 3]];
        add_confusion(&mut total, &[vec![0, 4], vec![1, 1]]);
        assert_eq!(total, vec![vec![1, 4], vec![3, 4]]);
    }
}
