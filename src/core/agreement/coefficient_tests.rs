//! Scott's pi, Gwet's AC1, per-label agreement and the alpha bootstrap on small tables
//! whose values are worked out by hand in the comments.

use super::*;

fn ratings(answers: &[(&str, &str, &str)]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, annotator, label) in answers {
        builder.add(item, annotator, label);
    }
    builder.build()
}

/// Two annotators on ten items: six times (x, x), twice (y, y), twice (x, y).
fn two_annotators() -> Ratings {
    let mut answers = Vec::new();
    let names: Vec<String> = (0..10).map(|i| format!("i{i}")).collect();
    for (i, name) in names.iter().enumerate() {
        let (a, b) = match i {
            0..=5 => ("x", "x"),
            6 | 7 => ("y", "y"),
            _ => ("x", "y"),
        };
        answers.push((name.as_str(), "a", a));
        answers.push((name.as_str(), "b", b));
    }
    ratings(&answers)
}

fn value(stat: &Stat) -> f64 {
    stat.value().unwrap_or_else(|| panic!("expected a value, got {stat}"))
}

#[test]
fn scott_pi_two_annotators_by_hand() {
    // P_o = 0.8; pooled shares x = 14/20, y = 6/20, so P_e = 0.49 + 0.09 = 0.58 and
    // pi = (0.8 − 0.58) / 0.42.
    let pi = value(&scott_pi(&two_annotators()));
    assert!((pi - 0.22 / 0.42).abs() < 1e-12, "{pi}");
}

#[test]
fn scott_pi_relates_to_alpha() {
    // Two annotators, no missing answers, n = 20 pairable values:
    // alpha = 1 − (n − 1) / n · (1 − pi) (Krippendorff 2011).
    let table = two_annotators();
    let pi = value(&scott_pi(&table));
    let alpha = value(&krippendorff_alpha(&table, Level::Nominal));
    assert!((alpha - (1.0 - 19.0 / 20.0 * (1.0 - pi))).abs() < 1e-12);
}

#[test]
fn scott_pi_equals_fleiss_with_constant_raters() {
    let table = ratings(&[
        ("i1", "a", "x"),
        ("i1", "b", "x"),
        ("i1", "c", "y"),
        ("i2", "a", "y"),
        ("i2", "b", "y"),
        ("i2", "c", "y"),
        ("i3", "a", "z"),
        ("i3", "b", "x"),
        ("i3", "c", "z"),
        ("i4", "a", "x"),
        ("i4", "b", "x"),
        ("i4", "c", "x"),
    ]);
    let pi = value(&scott_pi(&table));
    let kappa = value(&fleiss_kappa(&table));
    assert!((pi - kappa).abs() < 1e-12, "{pi} vs {kappa}");
}

#[test]
fn gwet_ac1_two_annotators_by_hand() {
    // p_a = 0.8; π_x = (6 + 2 · 0.5) / 10 = 0.7, π_y = 0.3; p_e = 2 · 0.7 · 0.3 = 0.42.
    let ac1 = value(&gwet_ac1(&two_annotators()));
    assert!((ac1 - 0.38 / 0.58).abs() < 1e-12, "{ac1}");
}

#[test]
fn gwet_ac1_stays_defined_with_one_label_used() {
    // Kappa is undefined when every answer is x, but AC1's chance agreement is
    // Σ π(1 − π) / (q − 1) = 0 with the declared second label, so AC1 = 1.
    let mut builder = Ratings::builder();
    builder.declare_labels(&["x".to_string(), "y".to_string()]);
    builder.add("i1", "a", "x");
    builder.add("i1", "b", "x");
    let table = builder.build();
    assert_eq!(value(&gwet_ac1(&table)), 1.0);
    assert_eq!(fleiss_kappa(&table), Stat::Undefined(Undefined::NoVariation));
    let single = ratings(&[("i1", "a", "x"), ("i1", "b", "x")]);
    assert_eq!(gwet_ac1(&single), Stat::Undefined(Undefined::SingleCategory));
}

#[test]
fn category_kappas_match_fleiss_formula() {
    // Two annotators, so n = 2: κ_j = 1 − Σ_i n_ij (2 − n_ij) / (N · 2 · p_j q_j).
    // Only the two (x, y) items disagree, each contributing 1 to both sums, so
    // κ_x = κ_y = 1 − 2 / (20 · 0.7 · 0.3).
    let categories = category_agreement(&two_annotators());
    assert_eq!(categories.len(), 2);
    let expected = 1.0 - 2.0 / (20.0 * 0.7 * 0.3);
    for category in &categories {
        assert!((value(&category.fleiss_kappa) - expected).abs() < 1e-12);
    }
    // Specific agreement: x has 2 · 6 = 12 agreeing ordered pairs out of 14, y 4 of 6.
    assert!((value(&categories[0].specific_agreement) - 12.0 / 14.0).abs() < 1e-12);
    assert!((value(&categories[1].specific_agreement) - 4.0 / 6.0).abs() < 1e-12);
}

#[test]
fn category_unused_label_is_undefined() {
    let mut builder = Ratings::builder();
    builder.declare_labels(&["x".to_string(), "y".to_string(), "z".to_string()]);
    builder.add("i1", "a", "x");
    builder.add("i1", "b", "y");
    let categories = category_agreement(&builder.build());
    let unused = Undefined::LabelNotUsed { label: "z".to_string() };
    assert_eq!(categories[2].fleiss_kappa, Stat::Undefined(unused.clone()));
    assert_eq!(categories[2].specific_agreement, Stat::Undefined(unused));
}

#[test]
fn bootstrap_is_seeded_and_brackets_alpha() {
    let table = two_annotators();
    let options = BootstrapOptions { resamples: 500, seed: 7, confidence: 0.95 };
    let first = alpha_bootstrap(&table, Level::Nominal, &options).expect("valid options");
    let second = alpha_bootstrap(&table, Level::Nominal, &options).expect("valid options");
    assert_eq!(first, second);
    let alpha = value(&first.alpha);
    let (lower, upper) = (value(&first.lower), value(&first.upper));
    assert!(lower <= alpha, "lower bound {lower} above alpha {alpha}");
    assert!(alpha <= upper, "upper bound {upper} below alpha {alpha}");
    assert!(first.defined_resamples <= 500);
    assert!(first.defined_resamples > 400);
}

#[test]
fn bootstrap_rejects_bad_options() {
    let table = two_annotators();
    let zero = BootstrapOptions { resamples: 0, ..BootstrapOptions::default() };
    assert_eq!(alpha_bootstrap(&table, Level::Nominal, &zero), Err(AgreementError::InvalidResamples));
    let wide = BootstrapOptions { confidence: 1.0, ..BootstrapOptions::default() };
    assert!(alpha_bootstrap(&table, Level::Nominal, &wide).is_err());
}

#[test]
fn paradox_flagged_when_one_label_dominates() {
    // 19 items where both say x and one where they split: P_o = 0.95, but kappa < 0.
    let mut answers = Vec::new();
    let names: Vec<String> = (0..20).map(|i| format!("i{i}")).collect();
    for (i, name) in names.iter().enumerate() {
        answers.push((name.as_str(), "a", "x"));
        answers.push((name.as_str(), "b", if i == 0 { "y" } else { "x" }));
    }
    let result = summary(&ratings(&answers));
    assert!(result.shows_kappa_paradox());
    assert!(!summary(&two_annotators()).shows_kappa_paradox());
}

mod properties {
    use proptest::prelude::*;

    use super::super::*;
    use crate::core::rng::SplitMix64;

    fn build(answers: &[(usize, usize, usize)]) -> Ratings {
        let mut builder = Ratings::builder();
        for (item, annotator, label) in answers {
            builder.add(&format!("i{item}"), &format!("a{annotator}"), &label.to_string());
        }
        builder.build()
    }

    /// Up to 12 items, 5 annotators and 4 numeric labels (so that every level of alpha
    /// has a value), one answer per (item, annotator).
    fn answers() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
        prop::collection::btree_map((0usize..12, 0usize..5), 0usize..4, 0..50)
            .prop_map(|map| map.into_iter().map(|((i, a), l)| (i, a, l)).collect())
    }

    fn stats(table: &Ratings) -> Vec<Stat> {
        let mut all = vec![
            percent_agreement(table),
            cohen_kappa_mean(table),
            fleiss_kappa(table),
            scott_pi(table),
            gwet_ac1(table),
        ];
        for &level in Level::ALL {
            all.push(krippendorff_alpha(table, level));
        }
        all
    }

    proptest! {
        #[test]
        fn chance_corrected_stats_at_most_one(answers in answers()) {
            for stat in stats(&build(&answers)) {
                if let Some(v) = stat.value() {
                    prop_assert!(v <= 1.0 + 1e-12, "{v}");
                }
            }
        }

        #[test]
        fn answer_order_changes_nothing(answers in answers(), seed in any::<u64>()) {
            // Shuffling the rows changes which items and annotators come first, so it
            // permutes both the item and the annotator indices.
            let mut shuffled = answers.clone();
            SplitMix64::new(seed).shuffle(&mut shuffled);
            let (original, permuted) = (stats(&build(&answers)), stats(&build(&shuffled)));
            for (a, b) in original.iter().zip(&permuted) {
                match (a.value(), b.value()) {
                    (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{x} vs {y}"),
                    _ => prop_assert_eq!(a, b),
                }
            }
        }

        #[test]
        fn category_stats_at_most_one(answers in answers()) {
            for category in category_agreement(&build(&answers)) {
                for stat in [&category.fleiss_kappa, &category.specific_agreement] {
                    if let Some(v) = stat.value() {
                        prop_assert!(v <= 1.0 + 1e-12, "{v}");
                    }
                }
            }
        }
    }
}
