//! Quorum against peer implementations on real crowd data sets. The expected values in
//! tests/fixtures/stats/peer_values.json come from krippendorff 0.9.0, statsmodels
//! 0.15.0, scikit-learn 1.5.2 and crowd-kit 1.4.2; that file records the versions and
//! the method, and docs/statistics.md describes how the values were computed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quorum::core::aggregation::{AggregateOptions, Method, accuracy, aggregate};
use quorum::core::agreement::{Level, Ratings, Stat, cohen_kappa_mean, fleiss_kappa, krippendorff_alpha};
use serde_json::Value;

/// Closed-form statistics must agree to this absolute difference.
const CLOSED_FORM_TOLERANCE: f64 = 1e-6;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn peer_values() -> Value {
    let path = fixtures().join("stats/peer_values.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("peer_values.json is valid JSON")
}

/// Reads an answers file with the same reader `quorum agree --labels` uses.
fn ratings(file: &str) -> Ratings {
    let path = fixtures().join("crowd").join(file);
    quorum::crowd_file::read_ratings(&path, None).expect("the answers file is readable")
}

fn gold(file: &str) -> HashMap<String, String> {
    let dataset = Path::new(file).parent().expect("file has a dataset folder");
    quorum::crowd_file::read_gold(&fixtures().join("crowd").join(dataset).join("gold.csv"))
        .expect("gold.csv is readable")
}

fn value(stat: &Stat, context: &str) -> f64 {
    stat.value().unwrap_or_else(|| panic!("{context}: expected a value, got {stat}"))
}

fn datasets(values: &Value) -> Vec<(String, Value)> {
    values["datasets"].as_object().expect("datasets object").iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

#[test]
fn alpha_matches_krippendorff_package() {
    let values = peer_values();
    let mut checked = 0;
    for (file, expected) in datasets(&values) {
        let table = ratings(&file);
        for (level_name, peer) in expected["krippendorff_alpha"].as_object().expect("levels") {
            let level = *Level::ALL.iter().find(|l| l.name() == level_name).expect("known level");
            let ours = value(&krippendorff_alpha(&table, level), &file);
            let peer = peer.as_f64().expect("number");
            assert!(
                (ours - peer).abs() < CLOSED_FORM_TOLERANCE,
                "{file} {level_name}: Quorum {ours}, krippendorff 0.9.0 {peer}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} alpha values checked");
}

#[test]
fn fleiss_matches_statsmodels() {
    let values = peer_values();
    let mut checked = 0;
    for (file, expected) in datasets(&values) {
        // statsmodels needs the same number of raters on every item, so the peer value is
        // null on the other data sets.
        let Some(peer) = expected["fleiss_kappa"].as_f64() else {
            continue;
        };
        let ours = value(&fleiss_kappa(&ratings(&file)), &file);
        assert!((ours - peer).abs() < CLOSED_FORM_TOLERANCE, "{file}: Quorum {ours}, statsmodels {peer}");
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} Fleiss values checked");
}

#[test]
fn cohen_mean_matches_scikit_learn() {
    let values = peer_values();
    for (file, expected) in datasets(&values) {
        let Some(peer) = expected["cohen_kappa_mean"].as_f64() else {
            continue;
        };
        let ours = value(&cohen_kappa_mean(&ratings(&file)), &file);
        assert!(
            (ours - peer).abs() < CLOSED_FORM_TOLERANCE,
            "{file}: Quorum {ours}, mean of scikit-learn cohen_kappa_score {peer}"
        );
    }
}

/// Accuracy tolerance per method, with the peer key it is compared with.
///
/// Majority vote and Wawa are closed-form, and both tools break ties towards the smallest
/// label, so they must agree exactly. The EM methods stop at different points: crowd-kit
/// 1.4.2 stops DS, one-coin DS and GLAD when its loss rises by less than 1e-5 (or after
/// 100 iterations) and runs MACE for a fixed 50 iterations from a random start, while
/// Quorum iterates until the objective per answer changes by at most 1e-7. Items whose
/// posterior is close to 0.5 can then take different labels, so accuracies may differ by
/// a few items; 0.02 bounds the largest gap seen on these data sets. MACE is compared with
/// crowd-kit run on rows sorted by worker, see `mace_d_product_matches_consistent_crowd_kit`
/// in tests/aggregation_reference.rs for why.
const METHODS: &[(Method, &str, f64)] = &[
    (Method::Majority, "MV", 1e-12),
    (Method::Wawa, "Wawa", 1e-12),
    (Method::DawidSkene, "DS", 0.02),
    (Method::OneCoin, "OneCoin", 0.02),
    (Method::Glad, "GLAD", 0.02),
    (Method::Mace, "MACE_rows_sorted_by_worker", 0.02),
];

/// Data sets too slow for the EM methods in a debug build (TREC: 88,385 answers, about
/// 70 s for GLAD alone); they are checked with majority vote and Wawa only.
const EM_SKIPPED: &[&str] = &["trec2011_relevance/answers.csv"];

#[test]
fn aggregation_matches_crowd_kit() {
    let values = peer_values();
    let mut checked = 0;
    for (file, expected) in datasets(&values) {
        let Some(accuracies) = expected["accuracy"].as_object() else {
            continue;
        };
        let table = ratings(&file);
        let gold = gold(&file);
        for &(method, peer_key, tolerance) in METHODS {
            let closed_form = matches!(method, Method::Majority | Method::Wawa);
            if !closed_form && EM_SKIPPED.contains(&file.as_str()) {
                continue;
            }
            let peer = accuracies[peer_key].as_f64().expect("peer accuracy");
            let result = aggregate(method, &table, &AggregateOptions::default())
                .unwrap_or_else(|e| panic!("{file} {method}: {e}"));
            let (ours, _) = accuracy(&result, &gold).expect("gold covers items");
            assert!((ours - peer).abs() <= tolerance, "{file} {method}: Quorum {ours}, crowd-kit 1.4.2 {peer}");
            checked += 1;
        }
    }
    assert!(checked >= 24, "only {checked} accuracies checked");
}
