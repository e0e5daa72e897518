//! Agreement statistics on published worked examples, checked against the values in
//! `tests/fixtures/worked_examples/reference_values.json`. Each check names the source
//! of its expected value: the publication, or the peer library and version that
//! recomputed it to 6 decimals (krippendorff 0.9.0, statsmodels 0.15.0,
//! scikit-learn 1.5.2, R irr as quoted by statsmodels' tests).

use std::path::Path;

use quorum::core::agreement::{
    Level, Ratings, Stat, Weights, cohen_kappa_pair, cohen_kappa_table, fleiss_kappa, fleiss_kappa_counts,
    krippendorff_alpha, percent_agreement, summary,
};

/// Half a unit in the 6th decimal, the rounding of the peer-library values.
const SIX_DECIMALS: f64 = 5e-7 + 1e-12;

fn fixture(name: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/worked_examples").join(name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    reader.records().map(|r| r.expect("valid CSV record").iter().map(str::to_string).collect()).collect()
}

/// Ratings from an `item,worker,label` file.
fn long_ratings(name: &str) -> Ratings {
    let mut builder = Ratings::builder();
    for row in fixture(name).iter().skip(1) {
        builder.add(&row[0], &row[1], &row[2]);
    }
    builder.build()
}

/// Reads ratings from a wide file whose empty cells are missing answers. Rows are items
/// and columns annotators when `rows_are_items` is true, and the reverse otherwise.
fn wide_ratings(name: &str, rows_are_items: bool) -> Ratings {
    let rows = fixture(name);
    let header = &rows[0];
    let mut builder = Ratings::builder();
    for row in &rows[1..] {
        for (column, cell) in header.iter().zip(row).skip(1) {
            if cell.is_empty() {
                continue;
            }
            let (item, annotator) = if rows_are_items { (&row[0], column) } else { (column, &row[0]) };
            builder.add(item, annotator, cell);
        }
    }
    builder.build()
}

/// A count table without its header row and first column.
fn count_table(name: &str) -> Vec<Vec<u64>> {
    fixture(name)
        .iter()
        .skip(1)
        .map(|row| row[1..].iter().map(|c| c.parse().expect("integer count")).collect())
        .collect()
}

fn value(stat: &Stat) -> f64 {
    stat.value().unwrap_or_else(|| panic!("expected a value, got {stat}"))
}

fn assert_close(actual: f64, expected: f64, tolerance: f64, check: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{check}: got {actual:.9}, expected {expected} (tolerance {tolerance:e})"
    );
}

#[test]
fn krippendorff_2011_all_levels() {
    let ratings = long_ratings("krippendorff2011_long.csv");
    assert_eq!(ratings.n_items(), 12);
    assert_eq!(ratings.n_annotators(), 4);
    assert_eq!(ratings.n_annotations(), 41);

    // Krippendorff (2011) states nominal alpha = 0.743; the coincidence matrix gives 113/152.
    let nominal = value(&krippendorff_alpha(&ratings, Level::Nominal));
    assert_close(nominal, 113.0 / 152.0, 1e-12, "nominal, exact 113/152");
    // Krippendorff (2011) gives 0.815, 0.849 and 0.797; krippendorff 0.9.0 gives 6 decimals.
    let cases = [
        (Level::Ordinal, 0.815388, "ordinal, krippendorff 0.9.0"),
        (Level::Interval, 0.849107, "interval, krippendorff 0.9.0 and nltk 3.10.4"),
        (Level::Ratio, 0.797403, "ratio, krippendorff 0.9.0"),
    ];
    for (level, expected, check) in cases {
        assert_close(value(&krippendorff_alpha(&ratings, level)), expected, SIX_DECIMALS, check);
    }
}

#[test]
fn krippendorff_2011_wide_matches_long() {
    let long = long_ratings("krippendorff2011_long.csv");
    let wide = wide_ratings("krippendorff2011_matrix.csv", false);
    assert_eq!(wide.n_annotations(), long.n_annotations());
    for level in [Level::Nominal, Level::Ordinal, Level::Interval, Level::Ratio] {
        let (a, b) = (value(&krippendorff_alpha(&wide, level)), value(&krippendorff_alpha(&long, level)));
        assert_close(a, b, 1e-12, &format!("{level:?}"));
    }
}

#[test]
fn krippendorff_wikipedia_example() {
    let ratings = long_ratings("wikipedia_krippendorff_long.csv");
    // Items 2 and 14 have no answers, so they are absent from the table.
    assert_eq!(ratings.n_items(), 13);
    let cases = [
        // Wikipedia "Krippendorff's alpha" states 0.691; krippendorff 0.9.0 gives 0.691358.
        (Level::Nominal, 0.691358, "nominal, Wikipedia / krippendorff 0.9.0"),
        // Wikipedia states 0.811; krippendorff 0.9.0 and nltk 3.10.4 give 0.810845.
        (Level::Interval, 0.810845, "interval, krippendorff 0.9.0"),
        // No published figure; peer value only.
        (Level::Ordinal, 0.806721, "ordinal, krippendorff 0.9.0"),
        (Level::Ratio, 0.808944, "ratio, krippendorff 0.9.0"),
    ];
    for (level, expected, check) in cases {
        assert_close(value(&krippendorff_alpha(&ratings, level)), expected, SIX_DECIMALS, check);
    }
    let wide = wide_ratings("wikipedia_krippendorff_matrix.csv", false);
    let wide_nominal = value(&krippendorff_alpha(&wide, Level::Nominal));
    assert_close(wide_nominal, 0.691358, SIX_DECIMALS, "nominal from the matrix file");
}

#[test]
fn fleiss_wikipedia_counts() {
    let counts = count_table("fleiss_wikipedia_counts.csv");
    let result = fleiss_kappa_counts(&counts);
    // statsmodels 0.15.0 gives 0.209931; Wikipedia states 0.210.
    assert_close(value(&result.kappa), 0.209931, SIX_DECIMALS, "kappa, statsmodels 0.15.0");
    // Wikipedia states P̄ = 0.378 and P̄_e = 0.213; 6 decimals from statsmodels 0.15.0.
    let mean = result.mean_agreement.expect("pairable items exist");
    assert_close(mean, 0.378022, SIX_DECIMALS, "P_bar");
    let chance = result.chance_agreement.expect("pairable items exist");
    assert_close(chance, 0.212755, SIX_DECIMALS, "P_e_bar");

    let expected_shares = [0.142857, 0.2, 0.278571, 0.15, 0.228571];
    assert_eq!(result.category_shares.len(), expected_shares.len());
    for (j, (&actual, &expected)) in result.category_shares.iter().zip(&expected_shares).enumerate() {
        assert_close(actual, expected, SIX_DECIMALS, &format!("p_{}", j + 1));
    }
    let expected_items = [1.0, 0.252747, 0.307692, 0.43956, 0.32967, 0.461538, 0.241758, 0.175824, 0.285714, 0.285714];
    assert_eq!(result.item_agreement.len(), expected_items.len());
    for (i, (&actual, &expected)) in result.item_agreement.iter().zip(&expected_items).enumerate() {
        assert_close(actual, expected, SIX_DECIMALS, &format!("P_{}", i + 1));
    }
}

/// Ratings with one pseudo-annotator per rating, from a count table.
fn ratings_from_counts(counts: &[Vec<u64>]) -> Ratings {
    let mut builder = Ratings::builder();
    for (item, row) in counts.iter().enumerate() {
        let mut rater = 0;
        for (category, &count) in row.iter().enumerate() {
            for _ in 0..count {
                builder.add(&item.to_string(), &format!("r{rater}"), &format!("c{}", category + 1));
                rater += 1;
            }
        }
    }
    builder.build()
}

#[test]
fn fleiss_wikipedia_from_ratings() {
    let ratings = ratings_from_counts(&count_table("fleiss_wikipedia_counts.csv"));
    assert_eq!(ratings.n_annotations(), 140);
    assert_close(value(&fleiss_kappa(&ratings)), 0.209931, SIX_DECIMALS, "kappa, statsmodels 0.15.0");
    assert_close(value(&percent_agreement(&ratings)), 0.378022, SIX_DECIMALS, "P_bar");
    let alpha = value(&krippendorff_alpha(&ratings, Level::Nominal));
    assert_close(alpha, 0.215574, SIX_DECIMALS, "alpha nominal, krippendorff 0.9.0");
}

#[test]
fn fleiss_1971_diagnoses() {
    let ratings = wide_ratings("fleiss1971_diagnoses_ratings.csv", true);
    assert_eq!(ratings.n_items(), 30);
    assert_eq!(ratings.n_annotations(), 180);
    // Fleiss (1971) reports 0.430; R irr kappam.fleiss gives 0.4302445, quoted by statsmodels.
    assert_close(value(&fleiss_kappa(&ratings)), 0.4302445, 5e-8, "kappa, R irr kappam.fleiss");
    let alpha = value(&krippendorff_alpha(&ratings, Level::Nominal));
    assert_close(alpha, 0.43341, SIX_DECIMALS, "alpha nominal, krippendorff 0.9.0");
}

#[test]
fn cohen_wikipedia_2x2() {
    let table = count_table("cohen_wikipedia_2x2.csv");
    let result = cohen_kappa_table(&table, Weights::Unweighted).expect("square table");
    // Wikipedia "Cohen's kappa": p_o = 0.7, p_e = 0.5, kappa = 0.4.
    assert_close(value(&result.kappa), 0.4, 1e-12, "kappa, Wikipedia");
    assert_close(result.observed_agreement.expect("non-empty table"), 0.7, 1e-12, "p_o");
    assert_close(result.expected_agreement.expect("non-empty table"), 0.5, 1e-12, "p_e");
}

#[test]
fn cohen_sas_3x3() {
    let table = count_table("cohen_sas_3x3.csv");
    let plain = cohen_kappa_table(&table, Weights::Unweighted).expect("square table");
    // SAS PROC FREQ prints 0.4842 and 0.4701; statsmodels 0.15.0 and scikit-learn 1.5.2
    // give the 6-decimal values.
    assert_close(value(&plain.kappa), 0.484163, SIX_DECIMALS, "kappa, statsmodels 0.15.0");
    assert_close(plain.observed_agreement.expect("non-empty"), 0.684211, SIX_DECIMALS, "p_o");
    assert_close(plain.expected_agreement.expect("non-empty"), 0.387812, SIX_DECIMALS, "p_e");

    let linear = cohen_kappa_table(&table, Weights::Linear).expect("square table");
    assert_close(value(&linear.kappa), 0.47012, SIX_DECIMALS, "linear, statsmodels 0.15.0");
    let quadratic = cohen_kappa_table(&table, Weights::Quadratic).expect("square table");
    assert_close(value(&quadratic.kappa), 0.450161, SIX_DECIMALS, "quadratic, scikit-learn 1.5.2");
}

#[test]
fn cohen_anxiety_raters_2_and_3() {
    let ratings = wide_ratings("irr_anxiety_ratings.csv", true);
    // R irr kappa2 output, quoted in statsmodels' tests, to 7 significant digits.
    let cases = [
        (Weights::Unweighted, -0.006289308, "unweighted, R irr kappa2"),
        (Weights::Linear, 0.1459075, "linear (equal), R irr kappa2"),
        (Weights::Quadratic, 0.2520325, "quadratic (squared), R irr kappa2"),
    ];
    for (weights, expected, check) in cases {
        let result = cohen_kappa_pair(&ratings, "rater2", "rater3", weights).expect("known raters");
        assert_close(value(&result.kappa), expected, 5e-8, check);
    }
}

#[test]
fn anxiety_all_three_raters() {
    let ratings = wide_ratings("irr_anxiety_ratings.csv", true);
    let cases = [
        (value(&fleiss_kappa(&ratings)), -0.041076, "Fleiss, statsmodels 0.15.0"),
        (value(&krippendorff_alpha(&ratings, Level::Nominal)), -0.023725, "alpha nominal, krippendorff 0.9.0"),
        (value(&krippendorff_alpha(&ratings, Level::Interval)), 0.170099, "alpha interval, krippendorff 0.9.0"),
    ];
    for (actual, expected, check) in cases {
        assert_close(actual, expected, SIX_DECIMALS, check);
    }
}

#[test]
fn summary_on_fleiss_1971() {
    let ratings = wide_ratings("fleiss1971_diagnoses_ratings.csv", true);
    let result = summary(&ratings);
    assert_eq!(result.n_annotators, 6);
    assert_close(value(&result.fleiss_kappa), 0.4302445, 5e-8, "Fleiss, R irr kappam.fleiss");
    assert_close(value(&result.krippendorff_alpha), 0.43341, SIX_DECIMALS, "alpha, krippendorff 0.9.0");

    let json = result.to_json();
    assert_eq!(json["n_items"], 30);
    assert_eq!(json["n_annotations"], 180);
    let fleiss = json["fleiss_kappa"].as_f64().expect("Fleiss is a number");
    assert_close(fleiss, 0.4302445, 5e-8, "Fleiss in JSON");
    assert!(json["undefined_reasons"].as_object().expect("object").is_empty());
}
