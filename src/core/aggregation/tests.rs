//! Tie rules, method names, accuracy and posterior properties.

use std::collections::HashMap;
use std::str::FromStr;

use proptest::prelude::*;

use super::*;
use crate::core::agreement::Ratings;

fn ratings(answers: &[(&str, &str, &str)]) -> Ratings {
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
    assert_eq!(result.items[0].posterior, vec![1.0 / 3.0, 2.0 / 3.0]);
    assert_eq!(result.items[0].confidence, 2.0 / 3.0);
    assert_eq!(result.method, Method::Majority);
    assert!(result.converged);
}

#[test]
fn smallest_label_is_numeric_when_all_numbers() {
    // "10" sorts before "9" as a string, but 9 is the smaller number.
    let table = ratings(&[("i", "a", "10"), ("i", "b", "9")]);
    assert_eq!(
        majority_vote(&table, TieRule::SmallestLabel).items[0].label,
        "9"
    );
    let words = ratings(&[("i", "a", "b"), ("i", "b", "B"), ("i", "c", "a")]);
    assert_eq!(
        majority_vote(&words, TieRule::SmallestLabel).items[0].label,
        "B"
    );
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
        result.items.into_iter().map(|i| i.label).collect()
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
    assert_eq!(
        err,
        AggregationError::UnknownMethod {
            name: "median".into()
        }
    );
    assert!(err.to_string().contains("median"));
}

#[test]
fn accuracy_counts_gold_overlap() {
    let table = ratings(&[("i1", "a", "x"), ("i2", "a", "y"), ("i3", "a", "x")]);
    let result = majority_vote(&table, TieRule::SmallestLabel);
    let gold: HashMap<String, String> = [("i1", "x"), ("i2", "x"), ("other", "x")]
        .iter()
        .map(|(i, l)| (i.to_string(), l.to_string()))
        .collect();
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
        for tie in [TieRule::SmallestLabel, TieRule::Random { seed }] {
            let result = majority_vote(&table, tie);
            prop_assert_eq!(result.items.len(), table.n_items());
            for inferred in &result.items {
                let sum: f64 = inferred.posterior.iter().sum();
                prop_assert!((sum - 1.0).abs() < 1e-12, "sum {}", sum);
                let best = inferred.posterior.iter().copied().fold(0.0, f64::max);
                prop_assert_eq!(inferred.confidence, best);
            }
        }
    }
}
