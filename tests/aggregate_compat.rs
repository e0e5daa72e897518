//! `quorum aggregate --crowd-kit-compat`: MACE as crowd-kit 1.4.2 computes it, and a
//! clear error with any other method, the numeric ones included.

mod common;

use common::binary::{quorum, run_ok, stderr};
use std::path::Path;

#[test]
fn compat_mace_gives_published_d_product() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crowd/zheng2017_d_product");
    let args = [
        "aggregate",
        "--labels",
        "answers.csv",
        "--gold",
        "gold.csv",
        "--method",
        "mace",
        "--crowd-kit-compat",
        "--json",
    ];
    let json: serde_json::Value = serde_json::from_str(&run_ok(&dir, &args)).expect("JSON output");
    let accuracy = json["accuracy"].as_f64().expect("scored against gold");
    assert!((accuracy - 0.929).abs() < 5e-4, "{accuracy}");
}

#[test]
fn compat_with_another_method_is_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), "item,worker,label\ni1,a,x\ni1,b,y\n").unwrap();
    let output =
        quorum(dir.path(), &["aggregate", "--labels", "answers.csv", "--method", "glad", "--crowd-kit-compat"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--crowd-kit-compat changes only MACE"), "{}", stderr(&output));
}

#[test]
fn compat_with_numeric_method_rejected() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("answers.csv"), "item,worker,label\ni1,a,1\ni1,b,3\n").unwrap();
    for method in ["mean", "median"] {
        let output =
            quorum(dir.path(), &["aggregate", "--labels", "answers.csv", "--method", method, "--crowd-kit-compat"]);
        assert!(!output.status.success(), "{method} accepted --crowd-kit-compat");
        assert!(stderr(&output).contains(&format!("the method is {method}")), "{}", stderr(&output));
    }
}
