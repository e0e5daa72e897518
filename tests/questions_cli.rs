//! `--question` on the statistics, adjudication and export commands of the `quorum`
//! binary, on a project made from the two-question fortune sample task.

mod common;

use common::binary::{init_sample, quorum, run_ok, stderr};
use std::path::{Path, PathBuf};

/// Creates a project from the two-question sample, and has two simulated annotators
/// finish 40 items each, so every answered item has both questions answered.
fn answered_project() -> (tempfile::TempDir, PathBuf) {
    let (temp, dir) = init_sample("fortune-questions", "fortunes");
    for (name, seed) in [("ann", "1"), ("bob", "2")] {
        run_ok(&dir, &["simulate", "--as", name, "--count", "40", "--seed", seed]);
    }
    (temp, dir)
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|err| panic!("not JSON ({err}): {text}"))
}

#[test]
fn agree_defaults_to_primary_question() {
    let (_temp, dir) = answered_project();
    let value = json(&run_ok(&dir, &["agree", "--json"]));
    assert_eq!(value["question"], "topic");
    let labels: Vec<&str> =
        value["categories"].as_array().unwrap().iter().filter_map(|c| c["label"].as_str()).collect();
    assert!(labels.contains(&"computers"), "{labels:?}");
}

#[test]
fn agree_on_second_question() {
    let (_temp, dir) = answered_project();
    let value = json(&run_ok(&dir, &["agree", "--question", "joke", "--json"]));
    assert_eq!(value["question"], "joke");
    let labels: Vec<&str> =
        value["categories"].as_array().unwrap().iter().filter_map(|c| c["label"].as_str()).collect();
    assert!(labels.iter().all(|l| ["joke", "serious", "unsure"].contains(l)), "{labels:?}");
    assert_eq!(value["n_items"], 40, "{value}");

    let text = run_ok(&dir, &["agree", "--question", "joke"]);
    assert!(text.starts_with("Question `joke`"), "the text output names the question:\n{text}");
}

#[test]
fn unknown_question_lists_ids() {
    let (_temp, dir) = answered_project();
    for command in [&["agree"][..], &["aggregate"], &["annotators"], &["adjudicate", "--list"]] {
        let mut args = command.to_vec();
        args.extend(["--question", "mood"]);
        let out = quorum(&dir, &args);
        assert!(!out.status.success(), "{args:?} accepted an unknown question");
        let err = stderr(&out);
        assert!(err.contains("`mood`"), "{args:?}: {err}");
        assert!(err.contains("topic, joke"), "{args:?}: {err}");
    }
}

#[test]
fn aggregate_and_annotators_name_question() {
    let (_temp, dir) = answered_project();
    let value = json(&run_ok(&dir, &["aggregate", "--question", "joke", "--json"]));
    assert_eq!(value["question"], "joke");
    assert_eq!(value["n_gold_scored"], serde_json::Value::Null, "the joke question has no gold labels");
    let value = json(&run_ok(&dir, &["aggregate", "--json"]));
    assert_eq!(value["question"], "topic");
    assert!(value["n_gold_scored"].as_u64().unwrap() > 0, "{value}");

    let value = json(&run_ok(&dir, &["annotators", "--question", "joke", "--json"]));
    assert_eq!(value["question"], "joke");
    let first = &value["annotators"][0];
    assert_eq!(first["gold_answered"], 0, "{value}");
}

#[test]
fn adjudicate_checks_question_labels() {
    let (_temp, dir) = answered_project();
    let out = quorum(&dir, &["adjudicate", "computers-0", "joke"]);
    assert!(!out.status.success(), "`joke` is not a topic label");
    run_ok(&dir, &["adjudicate", "--question", "joke", "computers-0", "joke"]);

    let labels_path = dir.join("labels.csv");
    run_ok(&dir, &["export", "--what", "labels", "--out", labels_path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&labels_path).unwrap();
    let row = text.lines().find(|line| line.starts_with("computers-0,")).expect("the adjudicated item is listed");
    assert!(row.ends_with(",joke,1.0"), "{row}");
}

#[test]
fn exports_cover_every_question() {
    let (_temp, dir) = answered_project();

    let path = dir.join("answers.csv");
    run_ok(&dir, &["export", "--out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().next(), Some("item,annotator,question,label"));
    assert_eq!(text.lines().filter(|l| l.contains(",topic,")).count(), 80);
    assert_eq!(text.lines().filter(|l| l.contains(",joke,")).count(), 80);

    let path = dir.join("joke.csv");
    run_ok(&dir, &["export", "--question", "joke", "--out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().next(), Some("item,annotator,label"));
    assert_eq!(text.lines().count(), 81);

    let path = dir.join("labels.csv");
    run_ok(&dir, &["export", "--what", "labels", "--out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().next(), Some("item,topic,topic_confidence,joke,joke_confidence"));
    assert_eq!(text.lines().count(), 41, "one row per answered item");

    let path = dir.join("history.jsonl");
    run_ok(&dir, &["export", "--what", "history", "--format", "jsonl", "--out", path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&path).unwrap();
    let first = json(text.lines().next().unwrap());
    assert_eq!(first["question"], "topic");
    let second = json(text.lines().nth(1).unwrap());
    assert_eq!(second["question"], "joke");
}

#[test]
fn single_question_exports_keep_columns() {
    let (_temp, dir) = init_sample("fortune-topics", "topics");
    run_ok(&dir, &["simulate", "--as", "ann", "--count", "5", "--seed", "1"]);

    let path = dir.join("history.csv");
    run_ok(&dir, &["export", "--what", "history", "--out", path.to_str().unwrap()]);
    let header = std::fs::read_to_string(&path).unwrap().lines().next().unwrap().to_string();
    assert_eq!(header, "seq,item,annotator,action,label,created_at,time_spent_ms,suggested");

    let path = dir.join("labels.csv");
    run_ok(&dir, &["export", "--what", "labels", "--out", path.to_str().unwrap()]);
    let header = std::fs::read_to_string(&path).unwrap().lines().next().unwrap().to_string();
    assert_eq!(header, "item,label,confidence");
}

#[test]
fn train_records_question_of_run() {
    let (_temp, dir) = answered_project();
    let value = json(&run_ok(&dir, &["train", "--question", "joke", "--labels-from", "majority", "--json"]));
    assert_eq!(value["question"], "joke");
    let labels: Vec<&str> = value["labels"].as_array().unwrap().iter().filter_map(|l| l.as_str()).collect();
    assert!(labels.iter().all(|l| ["joke", "serious", "unsure"].contains(l)), "{labels:?}");

    let models = json(&run_ok(&dir, &["models", "--json"]));
    let runs = models.as_array().or_else(|| models["runs"].as_array()).expect("a list of runs");
    assert_eq!(runs[0]["question"], "joke", "{models}");

    let value = json(&run_ok(&dir, &["predict", "--json"]));
    assert_eq!(value["question"], "joke", "predictions go to the run's question");

    let value = json(&run_ok(&dir, &["eval", "--folds", "2", "--labels-from", "majority", "--json"]));
    assert_eq!(value["question"], "topic");
}

#[test]
fn question_targets_cover_every_labelled_item() {
    let (_temp, dir) = answered_project();
    let project = quorum::project::Project::open(&dir).unwrap();
    let (examples, questions) = project.load_question_targets(quorum::dataset::LabelSource::Majority).unwrap();
    assert_eq!(examples.len(), 40);
    let ids: Vec<&str> = questions.iter().map(|q| q.question.as_str()).collect();
    assert_eq!(ids, vec!["topic", "joke"]);
    assert_eq!(questions[1].labels, vec!["joke".to_string(), "serious".to_string(), "unsure".to_string()]);
    for question in &questions {
        assert_eq!(question.targets.len(), examples.len(), "{}", question.question);
        assert!(question.targets.iter().all(Option::is_some), "every item has both answers: {}", question.question);
    }

    let mut joke_first = project.clone();
    joke_first.select_question(Some("joke")).unwrap();
    let (_, questions) = joke_first.load_question_targets(quorum::dataset::LabelSource::Majority).unwrap();
    assert_eq!(questions[0].question, "joke", "the selected question's head comes first");
}

#[cfg(not(feature = "torch"))]
#[test]
fn torch_training_of_several_questions_needs_torch_build() {
    let (_temp, dir) = answered_project();
    let spec = dir.join("quorum.toml");
    let text = std::fs::read_to_string(&spec).unwrap().replace("[model]\n", "[model]\nbackend = \"torch\"\n");
    std::fs::write(&spec, text).unwrap();
    let out = quorum(&dir, &["train", "--labels-from", "majority"]);
    assert!(!out.status.success(), "a build without libtorch cannot train a torch model");
    let err = stderr(&out);
    assert!(err.contains("--features torch"), "{err}");
}

/// Writes a two-question project whose second question has a gold column, `joke_gold`.
fn project_with_question_gold(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let spec = "[task]\nname = 'gold'\n[fields]\ngold = 'gold'\n\
        [[question]]\nid = 'topic'\nprompt = 'Topic?'\nlabels = ['law', 'food']\n\
        [[question]]\nid = 'joke'\nprompt = 'Joke?'\ngold = 'joke_gold'\nlabels = ['joke', 'serious']\n";
    std::fs::write(dir.join("quorum.toml"), spec).unwrap();
    let out = quorum(dir.parent().unwrap(), &["init", dir.to_str().unwrap()]);
    assert!(!out.status.success(), "init refuses a directory that already has a quorum.toml");
    quorum::store::Store::create(&dir.join("quorum.db")).unwrap();
}

#[test]
fn import_stores_gold_of_later_question() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("gold");
    project_with_question_gold(&dir);
    std::fs::write(dir.join("items.csv"), "id,text,gold,joke_gold\na,one,law,joke\nb,two,food,\n").unwrap();
    run_ok(&dir, &["import", "items.csv"]);

    let project = quorum::project::Project::open(&dir).unwrap();
    let mut store = project.store().unwrap();
    assert_eq!(store.gold_labels().unwrap().len(), 2);
    store.select_question("joke");
    let gold = store.gold_labels().unwrap();
    assert_eq!(gold.len(), 1, "an empty cell is no gold label: {gold:?}");
    assert_eq!(gold.get("a").map(String::as_str), Some("joke"));
}

#[test]
fn import_rejects_unknown_gold_of_later_question() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("gold");
    project_with_question_gold(&dir);
    std::fs::write(dir.join("items.csv"), "id,text,gold,joke_gold\na,one,law,funny\n").unwrap();
    let out = quorum(&dir, &["import", "items.csv"]);
    assert!(!out.status.success(), "`funny` is not a label of the joke question");
    let err = stderr(&out);
    assert!(err.contains("`funny`"), "{err}");
    assert!(err.contains("joke, serious"), "{err}");

    let project = quorum::project::Project::open(&dir).unwrap();
    assert_eq!(project.store().unwrap().counts().unwrap().n_items, 0, "nothing is imported");
}

#[test]
fn renamed_question_with_answers_rejected() {
    let (_temp, dir) = init_sample("fortune-topics", "topics");
    run_ok(&dir, &["simulate", "--as", "ann", "--count", "5", "--seed", "1"]);

    // The single [question] becomes a list whose first question has a new id.
    let spec_path = dir.join("quorum.toml");
    let spec = std::fs::read_to_string(&spec_path).unwrap();
    let listed = spec.replace("[question]\n", "[[question]]\nid = \"topic\"\n");
    std::fs::write(&spec_path, &listed).unwrap();
    let out = quorum(&dir, &["agree", "--json"]);
    assert!(!out.status.success(), "answers under `label` would be left out");
    let err = stderr(&out);
    assert!(err.contains("`label`"), "{err}");
    assert!(err.contains("topic"), "{err}");

    std::fs::write(&spec_path, listed.replace("id = \"topic\"", "id = \"label\"")).unwrap();
    let value = json(&run_ok(&dir, &["agree", "--json"]));
    assert_eq!(value["question"], "label");
    assert_eq!(value["n_annotations"], 5, "{value}");
}

#[test]
fn order_uses_question_of_active_run() {
    let (_temp, dir) = answered_project();
    run_ok(&dir, &["train", "--question", "joke"]);
    run_ok(&dir, &["predict"]);

    // The predictions are stored under `joke`, the question the active run learned.
    let value = json(&run_ok(&dir, &["order", "--by", "margin", "--json"]));
    assert_eq!(value["run"], 1);
    let ranked = value["ranked"].as_u64().unwrap();
    assert!(ranked > 0, "no item was ranked: {value}");
}

#[test]
fn models_table_names_question_of_runs() {
    let (_temp, dir) = answered_project();
    run_ok(&dir, &["train"]);
    run_ok(&dir, &["train", "--question", "joke"]);

    let table = run_ok(&dir, &["models"]);
    let header = table.lines().next().expect("a header line");
    assert!(header.contains("question"), "{table}");
    let question_of = |run: &str| {
        let row = table.lines().find(|line| line.split_whitespace().any(|cell| cell == run)).expect("a row per run");
        row.split_whitespace().find(|cell| *cell == "topic" || *cell == "joke").map(str::to_string)
    };
    assert_eq!(question_of("1").as_deref(), Some("topic"), "{table}");
    assert_eq!(question_of("2").as_deref(), Some("joke"), "{table}");
}

#[test]
fn aggregate_text_names_question_and_file() {
    let (_temp, dir) = answered_project();
    let out = dir.join("joke.csv");
    let text = run_ok(&dir, &["aggregate", "--question", "joke", "--out", out.to_str().unwrap()]);

    let question_row = text.lines().find(|line| line.trim_start().starts_with("question"));
    assert_eq!(question_row.map(|line| line.split_whitespace().last()), Some(Some("joke")), "{text}");
    assert!(text.contains("joke.csv"), "the output file is named:\n{text}");
    assert!(out.exists(), "{text}");
}

#[test]
fn eval_text_names_question() {
    let (_temp, dir) = answered_project();
    let text = run_ok(&dir, &["eval", "--question", "joke", "--folds", "2"]);
    assert_eq!(text.lines().next(), Some("Question `joke`"), "{text}");
}

#[test]
fn adjudicate_list_aligns_shares() {
    let (_temp, dir) = answered_project();
    let text = run_ok(&dir, &["adjudicate", "--list", "--limit", "50"]);
    let columns: Vec<usize> = text.lines().filter_map(|line| line.find('%')).collect();
    assert!(columns.len() > 1, "several disagreements:\n{text}");
    assert!(columns.iter().all(|&c| c == columns[0]), "the shares line up:\n{text}");
}

#[test]
fn status_names_units_with_several_questions() {
    let (_temp, dir) = answered_project();
    let text = run_ok(&dir, &["status"]);
    assert!(text.contains("answers, over all 2 questions"), "{text}");
    assert!(text.contains("finished items still needed"), "{text}");
}
