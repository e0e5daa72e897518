//! Tie rules, method names, accuracy and posterior properties.

use std::collections::HashMap;
use std::str::FromStr;

use proptest::prelude::*;

use super::*;
use crate::core::agreement::Ratings;

/// Builds a table from `(item, annotator, label)` rows; the method tests share it.
pub(super) fn ratings(answers: &[(&str, &str, &str)]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, annotator, label) in answers {
        builder.add(item, annotator, label);
    }
    builder.build()
}

#[test]
fn majority_picks_most_votes() {
    let table = ratings(&[("i", "a", "x"), ("i", "b", "y"), ("i", "c", "y")]);
    let result = majority_vote(&table, TieRule::SmallestLabel);
    assert_eq!(result.items.len(), 1);
    assert_eq!(result.items[0].label, "y");
    assert_eq!(result.posterior(0), [1.0 / 3.0, 2.0 / 3.0]);
    assert_eq!(result.items[0].confidence, 2.0 / 3.0);
    assert_eq!(result.method, Method::Majority);
    assert!(result.converged);
}

#[test]
fn smallest_label_is_numeric_when_all_numbers() {
    // "10" sorts before "9" as a string, but 9 is the smaller number.
    let table = ratings(&[("i", "a", "10"), ("i", "b", "9")]);
    assert_eq!(majority_vote(&table, TieRule::SmallestLabel).items[0].label, "9");
    let words = ratings(&[("i", "a", "b"), ("i", "b", "B"), ("i", "c", "a")]);
    assert_eq!(majority_vote(&words, TieRule::SmallestLabel).items[0].label, "B");
}

#[test]
fn random_ties_are_seeded() {
    let mut answers = Vec::new();
    let names: Vec<String> = (0..40).map(|i| format!("i{i}")).collect();
    for name in &names {
        answers.push((name.as_str(), "a", "x"));
        answers.push((name.as_str(), "b", "y"));
    }
    let table = ratings(&answers);
    let labels = |seed| -> Vec<String> {
        let result = majority_vote(&table, TieRule::Random { seed });
        result.items.into_iter().map(|i| i.label.into()).collect()
    };
    assert_eq!(labels(7), labels(7));
    assert_ne!(labels(7), labels(8));
    let first = labels(7);
    assert!(first.iter().any(|l| l == "x"));
    assert!(first.iter().any(|l| l == "y"));
}

#[test]
fn method_names_round_trip() {
    for &method in Method::ALL {
        assert_eq!(Method::from_str(method.name()), Ok(method));
    }
    assert_eq!(Method::from_str(" Majority "), Ok(Method::Majority));
    let err = Method::from_str("median").expect_err("unknown method");
    assert_eq!(err, AggregationError::UnknownMethod { name: "median".into() });
    assert!(err.to_string().contains("median"));
}

#[test]
fn accuracy_counts_gold_overlap() {
    let table = ratings(&[("i1", "a", "x"), ("i2", "a", "y"), ("i3", "a", "x")]);
    let result = majority_vote(&table, TieRule::SmallestLabel);
    let gold: HashMap<String, String> =
        [("i1", "x"), ("i2", "x"), ("other", "x")].iter().map(|(i, l)| (i.to_string(), l.to_string())).collect();
    assert_eq!(accuracy(&result, &gold), Some((0.5, 2)));
    assert_eq!(accuracy(&result, &HashMap::new()), None);
}

proptest! {
    #[test]
    fn posteriors_sum_to_one(rows in prop::collection::vec(prop::collection::vec((0..6usize, 0..4usize), 1..8), 1..10), seed in any::<u64>()) {
        let mut builder = Ratings::builder();
        for (item, row) in rows.iter().enumerate() {
            for (annotator, label) in row {
                builder.add(&format!("i{item}"), &format!("a{annotator}"), &format!("{label}"));
            }
        }
        let table = builder.build();
        let mut results = vec![wawa(&table, TieRule::SmallestLabel)];
        for tie in [TieRule::SmallestLabel, TieRule::Random { seed }] {
            results.push(majority_vote(&table, tie));
        }
        let options = DawidSkeneOptions { tolerance: 1e-6, ..DawidSkeneOptions::default() };
        results.push(dawid_skene(&table, &options).expect("small tables converge"));
        for result in results {
            prop_assert_eq!(result.items.len(), table.n_items());
            for (index, inferred) in result.items.iter().enumerate() {
                let sum: f64 = result.posterior(index).iter().sum();
                prop_assert!((sum - 1.0).abs() < 1e-12, "sum {}", sum);
                let best = result.posterior(index).iter().copied().fold(0.0, f64::max);
                prop_assert_eq!(inferred.confidence, best);
            }
        }
    }
}

/// Three annotators on eight items: `good` is always right, `noisy` flips every other
/// item and `contrarian` always answers the opposite of `good`.
fn skewed_table() -> Ratings {
    let mut answers = Vec::new();
    let names: Vec<String> = (0..8).map(|i| format!("i{i}")).collect();
    for (i, name) in names.iter().enumerate() {
        let truth = if i % 3 == 0 { "1" } else { "0" };
        let flipped = if truth == "1" { "0" } else { "1" };
        answers.push((name.as_str(), "good", truth));
        answers.push((name.as_str(), "noisy", if i % 2 == 0 { truth } else { flipped }));
        answers.push((name.as_str(), "contrarian", flipped));
    }
    ratings(&answers)
}

#[test]
fn dawid_skene_converges_and_reports_iterations() {
    let table = skewed_table();
    let result = dawid_skene(&table, &DawidSkeneOptions::default()).expect("small table converges");
    assert_eq!(result.method, Method::DawidSkene);
    assert!(result.converged);
    assert!(result.iterations >= 2);
    for (index, inferred) in result.items.iter().enumerate() {
        let sum: f64 = result.posterior(index).iter().sum();
        assert!((sum - 1.0).abs() < 1e-12, "{}: sum {sum}", inferred.item);
    }
}

#[test]
fn dawid_skene_iteration_limit_is_error() {
    let options = DawidSkeneOptions { max_iterations: 2, tolerance: 1e-15, ..DawidSkeneOptions::default() };
    match dawid_skene(&skewed_table(), &options) {
        Err(AggregationError::NotConverged { iterations, change, .. }) => {
            assert_eq!(iterations, 2);
            assert!(change.is_finite() && change > 0.0, "change {change}");
        }
        other => panic!("expected NotConverged, got {other:?}"),
    }
}

#[test]
fn dawid_skene_rejects_bad_options() {
    for (tolerance, smoothing, name) in
        [(0.0, 1e-10, "tolerance"), (1e-7, -1.0, "smoothing"), (f64::NAN, 1e-10, "tolerance")]
    {
        let options = DawidSkeneOptions { tolerance, smoothing, ..DawidSkeneOptions::default() };
        match dawid_skene(&skewed_table(), &options) {
            Err(AggregationError::InvalidOption { name: got, .. }) => assert_eq!(got, name),
            other => panic!("expected InvalidOption for {name}, got {other:?}"),
        }
    }
}

#[test]
fn wawa_weights_by_agreement() {
    // On i1 to i3, `c` and `e` are outvoted by `a`, `b` and `d`. On i4 they outvote `a`.
    let table = ratings(&[
        ("i1", "a", "x"),
        ("i1", "b", "x"),
        ("i1", "d", "x"),
        ("i1", "c", "y"),
        ("i1", "e", "y"),
        ("i2", "a", "y"),
        ("i2", "b", "y"),
        ("i2", "d", "y"),
        ("i2", "c", "x"),
        ("i2", "e", "x"),
        ("i3", "a", "x"),
        ("i3", "b", "x"),
        ("i3", "d", "x"),
        ("i3", "c", "y"),
        ("i3", "e", "y"),
        ("i4", "a", "x"),
        ("i4", "c", "y"),
        ("i4", "e", "y"),
    ]);
    let plain = majority_vote(&table, TieRule::SmallestLabel);
    assert_eq!(plain.items[3].label, "y");

    // Skills: a 3/4, c and e 1/4 each, so i4 scores x 0.75 against y 0.5.
    let weighted = wawa(&table, TieRule::SmallestLabel);
    assert_eq!(weighted.method, Method::Wawa);
    assert_eq!(weighted.items[3].label, "x");
    let posterior = weighted.posterior(3);
    assert!((posterior[0] - 0.6).abs() < 1e-12, "{posterior:?}");
    assert!((posterior[1] - 0.4).abs() < 1e-12, "{posterior:?}");
    assert_eq!(weighted.items[0].label, "x");
}

fn table_from(answers: &[(usize, usize, usize)]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, annotator, label) in answers {
        builder.add(&format!("i{item}"), &format!("a{annotator}"), &format!("l{label}"));
    }
    builder.build()
}

proptest! {
    // Each case runs all seven methods, GLAD's line search among them.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_method_posterior_sums_to_one(
        answers in prop::collection::btree_map((0usize..15, 0usize..5), 0usize..3, 1..60)
            .prop_map(|m| m.into_iter().map(|((i, a), l)| (i, a, l)).collect::<Vec<_>>())
    ) {
        let table = table_from(&answers);
        let gold: HashMap<String, String> = table
            .items()
            .iter()
            .take(3)
            .map(|item| (item.to_string(), table.labels()[0].clone()))
            .collect();
        let options = AggregateOptions { gold, ..AggregateOptions::default() };
        for &method in Method::ALL {
            let result = match aggregate(method, &table, &options) {
                Ok(result) => result,
                // Tiny random tables may not converge; that is reported, not hidden.
                Err(AggregationError::NotConverged { .. }) => continue,
                Err(e) => panic!("{method}: {e}"),
            };
            prop_assert_eq!(result.items.len(), table.n_items());
            for (index, item) in result.items.iter().enumerate() {
                let posterior = result.posterior(index);
                let sum: f64 = posterior.iter().sum();
                prop_assert!((sum - 1.0).abs() < 1e-9, "{} {}: sum {}", method, item.item, sum);
                prop_assert!(posterior.iter().all(|p| (0.0..=1.0 + 1e-12).contains(p)));
            }
        }
    }
}

#[test]
fn perfect_annotator_gets_identity_confusion() {
    // Annotator "p" always gives the true label; two noisy annotators disagree with it
    // on some items, but "p" is never contradicted by both at once.
    let truth = ["x", "y", "z", "x", "y", "z", "x", "y", "z", "x", "y", "z"];
    let mut answers = Vec::new();
    for (i, label) in truth.iter().enumerate() {
        let item = format!("i{i}");
        answers.push((item.clone(), "p", label.to_string()));
        let noisy_b = if i % 4 == 0 { truth[(i + 1) % 12] } else { label };
        let noisy_c = if i % 5 == 1 { truth[(i + 2) % 12] } else { label };
        answers.push((item.clone(), "b", noisy_b.to_string()));
        answers.push((item, "c", noisy_c.to_string()));
    }
    let mut builder = Ratings::builder();
    for (item, annotator, label) in &answers {
        builder.add(item, annotator, label);
    }
    let table = builder.build();
    let result = aggregate(Method::DawidSkene, &table, &AggregateOptions::default()).expect("EM converges");
    let Parameters::Confusion(matrices) = &result.parameters else {
        panic!("expected confusion matrices, got {:?}", result.parameters);
    };
    let perfect = table.annotator_index("p").expect("annotator p");
    for (c, row) in matrices[perfect].iter().enumerate() {
        for (k, p) in row.iter().enumerate() {
            let expected = if c == k { 1.0 } else { 0.0 };
            assert!((p - expected).abs() < 1e-6, "row {c} column {k}: {p}");
        }
    }
}
