//! Undefined cases, repeated answers, the live counts and property tests.

use proptest::prelude::*;

use super::*;
use crate::i18n::catalogue::stats as msg;

fn ratings(answers: &[(&str, &str, &str)]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, annotator, label) in answers {
        builder.add(item, annotator, label);
    }
    builder.build()
}

fn reason(stat: &Stat) -> Undefined {
    stat.undefined_reason().unwrap_or_else(|| panic!("expected undefined, got {stat}")).clone()
}

#[test]
fn empty_table_has_no_annotations() {
    let result = summary(&Ratings::builder().build());
    assert_eq!(reason(&result.percent_agreement), Undefined::NoAnnotations);
    assert_eq!(reason(&result.cohen_kappa_mean), Undefined::NoAnnotations);
    assert_eq!(reason(&result.fleiss_kappa), Undefined::NoAnnotations);
    assert_eq!(reason(&result.krippendorff_alpha), Undefined::NoAnnotations);
}

#[test]
fn single_annotator_is_undefined() {
    let table = ratings(&[("i1", "a", "x"), ("i2", "a", "y")]);
    let result = summary(&table);
    assert_eq!(reason(&result.percent_agreement), Undefined::SingleAnnotator);
    assert_eq!(reason(&result.cohen_kappa_mean), Undefined::SingleAnnotator);
    assert_eq!(reason(&result.fleiss_kappa), Undefined::SingleAnnotator);
    assert_eq!(reason(&result.krippendorff_alpha), Undefined::SingleAnnotator);
}

#[test]
fn same_label_everywhere_has_no_variation() {
    let table = ratings(&[("i1", "a", "x"), ("i1", "b", "x"), ("i2", "a", "x"), ("i2", "b", "x")]);
    let result = summary(&table);
    assert_eq!(result.percent_agreement, Stat::Value(1.0));
    assert_eq!(reason(&result.cohen_kappa_mean), Undefined::NoVariation);
    assert_eq!(reason(&result.fleiss_kappa), Undefined::NoVariation);
    assert_eq!(reason(&result.krippendorff_alpha), Undefined::NoVariation);
    for level in [Level::Ordinal, Level::Interval, Level::Ratio] {
        let numeric = ratings(&[("i1", "a", "3"), ("i1", "b", "3")]);
        assert_eq!(reason(&krippendorff_alpha(&numeric, level)), Undefined::NoVariation);
    }
}

#[test]
fn no_shared_items_is_undefined() {
    let table = ratings(&[("i1", "a", "x"), ("i2", "b", "y")]);
    let result = summary(&table);
    assert_eq!(reason(&result.percent_agreement), Undefined::NoPairableItems);
    assert_eq!(reason(&result.cohen_kappa_mean), Undefined::NoSharedItems);
    assert_eq!(reason(&result.fleiss_kappa), Undefined::NoPairableItems);
    assert_eq!(reason(&result.krippendorff_alpha), Undefined::NoPairableItems);
    let pair = cohen_kappa_pair(&table, "a", "b", Weights::Unweighted).expect("known annotators");
    assert_eq!(reason(&pair.kappa), Undefined::NoSharedItems);
}

#[test]
fn non_numeric_and_negative_labels() {
    let words = ratings(&[("i1", "a", "low"), ("i1", "b", "high")]);
    let interval = krippendorff_alpha(&words, Level::Interval);
    assert_eq!(reason(&interval), Undefined::NonNumericLabel { label: "low".into() });
    let signed = ratings(&[("i1", "a", "-1"), ("i1", "b", "2"), ("i2", "a", "2"), ("i2", "b", "2")]);
    let ratio = krippendorff_alpha(&signed, Level::Ratio);
    assert_eq!(reason(&ratio), Undefined::NegativeRatioValue { label: "-1".into() });
    assert!(krippendorff_alpha(&signed, Level::Interval).value().is_some());
}

#[test]
fn cohen_rejects_bad_input() {
    let err = cohen_kappa_table(&[vec![1, 2], vec![3]], Weights::Unweighted).expect_err("ragged");
    assert_eq!(err, AgreementError::TableNotSquare { row: 1, len: 1, rows: 2 });
    let table = ratings(&[("i1", "a", "x"), ("i1", "b", "y")]);
    let err = cohen_kappa_pair(&table, "a", "z", Weights::Unweighted).expect_err("unknown");
    assert_eq!(err, AgreementError::UnknownAnnotator { annotator: "z".into() });
}

#[test]
fn repeated_answer_last_wins() {
    let table = ratings(&[("i1", "a", "x"), ("i1", "b", "y"), ("i1", "a", "y")]);
    assert_eq!(table.n_annotations(), 2);
    assert_eq!(percent_agreement(&table), Stat::Value(1.0));
}

#[test]
fn declared_labels_come_first() {
    let mut builder = Ratings::builder();
    builder.add("i1", "a", "z");
    builder.declare_labels(&["y".to_string(), "x".to_string()]);
    builder.add("i1", "b", "x");
    let table = builder.build();
    assert_eq!(table.labels(), ["y", "x", "z"]);
    assert_eq!(table.item_answers(0), [(0, 2), (1, 1)]);
}

/// Whether `text` is `message` in one of the two languages. Other tests may switch the
/// process-wide language at any time, so these tests accept either.
fn in_either_language(text: &str, message: crate::i18n::Msg) -> bool {
    text == message.en || text == message.zh
}

#[test]
fn stat_display_formats() {
    assert_eq!(Stat::Value(0.123456).to_string(), "0.1235");
    assert_eq!(Stat::Value(-0.5).to_string(), "-0.5000");
    let text = Stat::Undefined(Undefined::NoVariation).to_string();
    let english = "undefined (all answers carry";
    let chinese = "无定义（所有回答";
    assert!(text.starts_with(english) || text.starts_with(chinese), "{text}");
    let message = Undefined::SingleAnnotator.message();
    assert!(in_either_language(&message, msg::UNDEFINED_SINGLE_ANNOTATOR), "{message}");
    let label = Undefined::NonNumericLabel { label: "low".into() }.message();
    assert!(label.contains("\"low\"") || label.contains("“low”"), "{label}");
}

#[test]
fn summary_json_lists_reasons() {
    let table = ratings(&[("i1", "a", "x"), ("i1", "b", "x")]);
    let json = summary(&table).to_json();
    assert_eq!(json["n_items"], 1);
    assert_eq!(json["n_annotators"], 2);
    assert_eq!(json["n_annotations"], 2);
    assert_eq!(json["percent_agreement"], 1.0);
    assert!(json["krippendorff_alpha"].is_null());
    let reason = json["undefined_reasons"]["krippendorff_alpha"].as_str().expect("reason text");
    assert!(in_either_language(reason, msg::UNDEFINED_NO_VARIATION), "{reason}");
    assert!(json["undefined_reasons"].get("percent_agreement").is_none());
}

#[test]
fn live_follows_edits() {
    let mut live = LiveAgreement::new(&["x".to_string(), "y".to_string()]);
    assert_eq!(reason(&live.krippendorff_alpha()), Undefined::NoAnnotations);
    live.update_item(&[], &[("a", "x")]);
    assert_eq!(reason(&live.percent_agreement()), Undefined::SingleAnnotator);
    live.update_item(&[("a", "x")], &[("a", "x"), ("b", "y")]);
    live.update_item(&[], &[("a", "y"), ("b", "y")]);
    assert_eq!(live.n_items_paired(), 2);
    assert_eq!(live.percent_agreement(), Stat::Value(0.5));

    let batch = ratings(&[("1", "a", "x"), ("1", "b", "y"), ("2", "a", "y"), ("2", "b", "y")]);
    assert_eq!(live.krippendorff_alpha(), krippendorff_alpha(&batch, Level::Nominal));
    live.update_item(&[("a", "x"), ("b", "y")], &[]);
    assert_eq!(live.n_items_paired(), 1);
    assert_eq!(reason(&live.krippendorff_alpha()), Undefined::NoVariation);
}

/// Final answers per item after applying `updates` in order; an empty update clears an item.
fn final_state(updates: &[(usize, Vec<(usize, usize)>)]) -> Vec<Vec<(String, String)>> {
    let mut items = vec![Vec::new(); 6];
    for (item, answers) in updates {
        items[*item] = answers.iter().map(|(a, l)| (format!("a{a}"), format!("l{l}"))).collect();
    }
    items
}

fn batch_from(items: &[Vec<(String, String)>]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, answers) in items.iter().enumerate() {
        for (annotator, label) in answers {
            builder.add(&item.to_string(), annotator, label);
        }
    }
    builder.build()
}

fn answers_strategy() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0..5usize, 0..4usize), 0..6)
}

fn assert_same(live: &Stat, batch: &Stat) -> Result<(), TestCaseError> {
    match (live, batch) {
        (Stat::Value(a), Stat::Value(b)) => prop_assert!((a - b).abs() < 1e-12, "{a} vs {b}"),
        _ => prop_assert_eq!(live, batch),
    }
    Ok(())
}

proptest! {
    #[test]
    fn live_matches_batch(updates in prop::collection::vec((0..6usize, answers_strategy()), 0..40)) {
        let mut live = LiveAgreement::new(&["l1".to_string()]);
        let mut current: Vec<Vec<(String, String)>> = vec![Vec::new(); 6];
        for (item, answers) in &updates {
            let after: Vec<(String, String)> =
                answers.iter().map(|(a, l)| (format!("a{a}"), format!("l{l}"))).collect();
            let before_refs: Vec<(&str, &str)> =
                current[*item].iter().map(|(a, l)| (a.as_str(), l.as_str())).collect();
            let after_refs: Vec<(&str, &str)> =
                after.iter().map(|(a, l)| (a.as_str(), l.as_str())).collect();
            live.update_item(&before_refs, &after_refs);
            current[*item] = after;
        }
        let batch = summary(&batch_from(&final_state(&updates)));
        assert_same(&live.percent_agreement(), &batch.percent_agreement)?;
        assert_same(&live.krippendorff_alpha(), &batch.krippendorff_alpha)?;
    }

    #[test]
    fn statistics_at_most_one(items in prop::collection::vec(answers_strategy(), 6)) {
        let updates: Vec<(usize, Vec<(usize, usize)>)> = items.into_iter().enumerate().collect();
        let table = batch_from(&final_state(&updates));
        let result = summary(&table);
        for stat in [&result.percent_agreement, &result.cohen_kappa_mean, &result.fleiss_kappa, &result.krippendorff_alpha] {
            if let Some(v) = stat.value() {
                prop_assert!(v.is_finite() && v <= 1.0 + 1e-12, "{v}");
            }
        }
        for level in [Level::Ordinal, Level::Interval] {
            if let Some(v) = krippendorff_alpha(&table, level).value() {
                prop_assert!(v.is_finite() && v <= 1.0 + 1e-12, "{v}");
            }
        }
    }

    #[test]
    fn pair_kappas_match_one_pair(items in prop::collection::vec(answers_strategy(), 6)) {
        let updates: Vec<(usize, Vec<(usize, usize)>)> = items.into_iter().enumerate().collect();
        let table = batch_from(&final_state(&updates));
        let names = table.annotators();
        for pair in cohen_kappa_pairs(&table) {
            let (first, second) = (&names[pair.first], &names[pair.second]);
            for (weights, stat) in [
                (Weights::Unweighted, &pair.unweighted),
                (Weights::Linear, &pair.linear),
                (Weights::Quadratic, &pair.quadratic),
            ] {
                let one = cohen_kappa_pair(&table, first, second, weights).expect("known annotators");
                prop_assert_eq!(&one.kappa, stat, "{} and {} with {:?}", first, second, weights);
            }
        }
    }

    #[test]
    fn permutation_changes_nothing(items in prop::collection::vec(answers_strategy(), 1..7), seed in any::<u64>()) {
        let mut answers: Vec<(String, String, String)> = Vec::new();
        for (item, row) in items.iter().enumerate() {
            let mut seen = std::collections::HashSet::new();
            for (a, l) in row {
                // One answer per annotator, so that answer order cannot matter.
                if seen.insert(*a) {
                    answers.push((format!("i{item}"), format!("a{a}"), format!("{l}")));
                }
            }
        }
        // Shuffling the answers changes the first-seen order of items, annotators and labels.
        let original_table = build(&answers);
        crate::core::rng::SplitMix64::new(seed).shuffle(&mut answers);
        let shuffled_table = build(&answers);
        let (original, shuffled) = (summary(&original_table), summary(&shuffled_table));
        assert_same(&original.percent_agreement, &shuffled.percent_agreement)?;
        assert_same(&original.cohen_kappa_mean, &shuffled.cohen_kappa_mean)?;
        assert_same(&original.fleiss_kappa, &shuffled.fleiss_kappa)?;
        assert_same(&original.krippendorff_alpha, &shuffled.krippendorff_alpha)?;
        for level in [Level::Ordinal, Level::Interval, Level::Ratio] {
            let before = krippendorff_alpha(&original_table, level);
            assert_same(&before, &krippendorff_alpha(&shuffled_table, level))?;
        }
    }
}

fn build(answers: &[(String, String, String)]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, annotator, label) in answers {
        builder.add(item, annotator, label);
    }
    builder.build()
}

#[test]
fn shared_weighted_kappa_counts_items() {
    // a and b agree on four items (kappa 1); a and c disagree on two (kappa -1).
    let mut answers = Vec::new();
    for (item, label) in [("i1", "x"), ("i2", "y"), ("i3", "x"), ("i4", "y")] {
        answers.push((item, "a", label));
        answers.push((item, "b", label));
    }
    answers.extend([("i5", "a", "x"), ("i5", "c", "y"), ("i6", "a", "y"), ("i6", "c", "x")]);
    let table = ratings(&answers);

    let mean = cohen_kappa_mean(&table).value().expect("defined");
    assert!(mean.abs() < 1e-12, "every pair counts once: {mean}");
    let weighted = cohen_kappa_shared_weighted(&table).value().expect("defined");
    assert!((weighted - 1.0 / 3.0).abs() < 1e-12, "(4 × 1 + 2 × −1) / 6: {weighted}");
}

#[test]
fn shared_weighted_kappa_undefined_like_mean() {
    let table = ratings(&[("i1", "a", "x"), ("i2", "b", "y")]);
    assert_eq!(reason(&cohen_kappa_shared_weighted(&table)), Undefined::NoSharedItems);
}

#[test]
fn every_null_category_value_has_a_reason() {
    let mut builder = Ratings::builder();
    builder.declare_labels(&["a".to_string(), "b".to_string(), "never".to_string()]);
    for (item, annotator, label) in [("i1", "x", "a"), ("i1", "y", "a"), ("i2", "x", "b"), ("i2", "y", "a")] {
        builder.add(item, annotator, label);
    }
    let json = summary(&builder.build()).to_json();

    let mut nulls = 0;
    for category in json["categories"].as_array().expect("categories") {
        let label = category["label"].as_str().expect("label");
        for key in ["fleiss_kappa", "specific_agreement"] {
            if category[key].is_null() {
                nulls += 1;
                let reason = &json["undefined_reasons"]["categories"][label][key];
                assert!(reason.is_string(), "no reason for {label}.{key}: {json}");
            }
        }
    }
    assert!(nulls > 0, "the unused label has undefined values: {json}");
}
