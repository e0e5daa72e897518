//! The libtorch backend (`model.backend = "torch"`).
//!
//! With `--features torch` these tests train real networks on the CPU: an MLP over TF-IDF
//! features, a CNN over the digit images of `sample_tasks/digits`, and a two-question
//! network with missing labels. Without the feature, only the error that asks the user to
//! rebuild is checked.

mod common;

use quorum::core::task::{Backend, ModelSettings, TorchDevice};
use quorum::ml::{self, LabelledExample};
use std::sync::atomic::AtomicBool;

/// Small, quick networks; seeded so every run trains the same weights.
fn torch_settings() -> ModelSettings {
    ModelSettings {
        backend: Backend::Torch,
        device: TorchDevice::Cpu,
        word_ngrams: (1, 1),
        hidden: 32,
        epochs: 30,
        batch_size: 16,
        learning_rate: 0.01,
        ..ModelSettings::default()
    }
}

/// Texts of three topics that share no word: each text takes four words of its topic's
/// list, chosen by a fixed rule so the set is the same on every run.
fn toy_texts(n_per_class: usize, offset: usize) -> Vec<LabelledExample> {
    let topics = [
        ("sport", ["goal", "match", "team", "score", "coach", "league", "referee"]),
        ("food", ["bread", "soup", "spice", "oven", "recipe", "butter", "noodle"]),
        ("weather", ["rain", "cloud", "storm", "sunny", "wind", "frost", "humid"]),
    ];
    let mut examples = Vec::new();
    for (label, words) in topics {
        for i in offset..offset + n_per_class {
            let text: Vec<&str> = (0..4).map(|k| words[(i * 3 + k * 5 + i / 7) % words.len()]).collect();
            examples.push(LabelledExample {
                key: format!("{label}-{i}"),
                text: text.join(" "),
                image: None,
                label: label.to_string(),
            });
        }
    }
    examples
}

fn no_progress(_: f64, _: &str) {}

#[cfg(not(feature = "torch"))]
mod without_feature {
    use super::*;

    #[test]
    fn torch_backend_asks_for_a_rebuild() {
        let err = ml::train(&toy_texts(5, 0), &torch_settings(), &no_progress, &AtomicBool::new(false)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("--features torch"), "{message}");
        assert!(message.contains("docs/torch.md"), "{message}");

        let err =
            ml::evaluate(&toy_texts(5, 0), &torch_settings(), 2, &no_progress, &AtomicBool::new(false)).unwrap_err();
        assert!(err.to_string().contains("--features torch"), "{err}");
    }

    #[test]
    fn held_out_evaluation_asks_for_a_rebuild() {
        let (train, test) = (toy_texts(5, 0), toy_texts(2, 5));
        let options = ml::FeatureOptions::default();
        let cancel = AtomicBool::new(false);
        let err = ml::evaluate_held_out(&train, &test, &torch_settings(), &options, &no_progress, &cancel).unwrap_err();
        assert!(matches!(err, ml::MlError::TorchNotBuilt), "{err:?}");

        let linfa = ModelSettings { backend: Backend::Linfa, ..torch_settings() };
        let report = ml::evaluate_held_out(&train, &test, &linfa, &options, &no_progress, &cancel).expect("linfa");
        assert_eq!(report.n_examples, 6);
    }

    #[test]
    fn linfa_backend_still_trains() {
        let settings = ModelSettings { backend: Backend::Linfa, ..torch_settings() };
        let model = ml::train(&toy_texts(5, 0), &settings, &no_progress, &AtomicBool::new(false)).expect("linfa fit");
        assert!(model.torch().is_none());
        assert_eq!(model.registry_names(), ("linfa", settings.kind.name().to_string()));
    }
}

#[cfg(feature = "torch")]
mod with_feature {
    use super::*;
    use crate::common::binary::{init_sample, run_ok};
    use quorum::ml::features::SparseRow;
    use quorum::ml::torch::fit::train_network;
    use quorum::ml::torch::multitask::{MISSING, MultiTaskMlp, masked_cross_entropy, multitask_loss};
    use quorum::ml::torch::tch::{Kind, Reduction, Tensor, nn};
    use quorum::ml::torch::{NetKind, NetSpec};
    use quorum::ml::{MlError, Prediction, TrainedModel};
    use std::path::{Path, PathBuf};

    fn accuracy(predictions: &[Prediction], examples: &[LabelledExample]) -> f64 {
        let correct = predictions.iter().zip(examples).filter(|(p, e)| p.label == e.label).count();
        correct as f64 / examples.len() as f64
    }

    fn train(examples: &[LabelledExample], settings: &ModelSettings) -> TrainedModel {
        ml::train(examples, settings, &no_progress, &AtomicBool::new(false)).expect("torch training")
    }

    #[test]
    fn mlp_learns_separable_texts() {
        let model = train(&toy_texts(30, 0), &torch_settings());
        assert_eq!(model.torch().expect("a torch model").spec().kind, NetKind::Mlp);
        assert_eq!(model.registry_names(), ("torch", "mlp".to_string()));

        let unseen = toy_texts(20, 30);
        let score = accuracy(&model.predict(&unseen), &unseen);
        assert!(score > 0.95, "held-out accuracy {score}");
        assert!(model.summary().train_accuracy > 0.95, "train accuracy {}", model.summary().train_accuracy);
    }

    #[test]
    fn held_out_evaluation_runs_the_network() {
        let options = ml::FeatureOptions::default();
        let cancel = AtomicBool::new(false);
        let report = ml::evaluate_held_out(
            &toy_texts(20, 0),
            &toy_texts(10, 20),
            &torch_settings(),
            &options,
            &no_progress,
            &cancel,
        )
        .expect("held-out evaluation");
        assert_eq!(report.folds, 0);
        assert_eq!(report.n_examples, 30);
        assert!(report.macro_f1 > 0.9, "macro-F1 {}", report.macro_f1);

        let preset = AtomicBool::new(true);
        let err = ml::evaluate_held_out(
            &toy_texts(20, 0),
            &toy_texts(10, 20),
            &torch_settings(),
            &options,
            &no_progress,
            &preset,
        )
        .unwrap_err();
        assert!(matches!(err, MlError::Cancelled), "{err:?}");
    }

    #[test]
    fn cross_validation_runs_the_network() {
        let report =
            ml::evaluate(&toy_texts(20, 0), &torch_settings(), 3, &no_progress, &AtomicBool::new(false)).expect("eval");
        assert_eq!(report.n_examples, 60);
        assert!(report.macro_f1 > 0.9, "macro-F1 {}", report.macro_f1);
    }

    fn digits() -> Vec<LabelledExample> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_tasks/digits");
        let mut reader = csv::Reader::from_path(dir.join("items.csv")).expect("digits items.csv");
        reader
            .records()
            .map(|record| {
                let record = record.expect("CSV record");
                LabelledExample {
                    key: record[0].to_string(),
                    text: String::new(),
                    image: Some(dir.join(&record[1])),
                    label: record[2].to_string(),
                }
            })
            .collect()
    }

    #[test]
    fn cnn_learns_digits() {
        // The items are sorted by label: every third one is held out, the rest train.
        let (test, train_set): (Vec<_>, Vec<_>) = digits().into_iter().enumerate().partition(|(i, _)| i % 3 == 0);
        let test: Vec<LabelledExample> = test.into_iter().map(|(_, e)| e).collect();
        let train_set: Vec<LabelledExample> = train_set.into_iter().map(|(_, e)| e).collect();

        let settings = ModelSettings { epochs: 15, hidden: 64, learning_rate: 0.005, ..torch_settings() };
        let model = train(&train_set, &settings);
        assert_eq!(model.torch().expect("a torch model").spec().kind, NetKind::Cnn);

        // Chance is 0.1 for ten digits.
        let score = accuracy(&model.predict(&test), &test);
        println!("CNN held-out accuracy on digits: {score:.4}");
        assert!(score > 0.8, "held-out accuracy {score}");
    }

    #[test]
    fn masked_loss_ignores_missing_labels() {
        let logits = Tensor::from_slice(&[2.0f32, 0.5, -1.0, 0.3, 0.1, 0.9, -0.4, 1.5, 0.0]).view([3, 3]);
        let targets = Tensor::from_slice(&[1i64, MISSING, 2]);
        let masked = masked_cross_entropy(&logits, &targets).double_value(&[]);

        let labelled_rows = Tensor::from_slice(&[0i64, 2]);
        let expected = logits
            .index_select(0, &labelled_rows)
            .cross_entropy_loss::<Tensor>(&Tensor::from_slice(&[1i64, 2]), None, Reduction::Mean, -100, 0.0)
            .double_value(&[]);
        assert!((masked - expected).abs() < 1e-6, "masked {masked}, expected {expected}");

        let none_labelled = Tensor::from_slice(&[MISSING, MISSING, MISSING]);
        assert_eq!(masked_cross_entropy(&logits, &none_labelled).double_value(&[]), 0.0);

        let total = multitask_loss(&[logits.shallow_clone(), logits.shallow_clone()], &[targets, none_labelled]);
        assert!((total.double_value(&[]) - expected).abs() < 1e-6, "a head without labels adds nothing");
    }

    #[test]
    fn missing_labels_give_no_gradient_to_their_head() {
        let vs = nn::VarStore::new(quorum::ml::torch::tch::Device::Cpu);
        let heads = [("colour".to_string(), 2), ("size".to_string(), 3)];
        let net = MultiTaskMlp::new(&vs.root(), 4, 8, 0.0, &heads);
        assert_eq!(net.head_names().collect::<Vec<_>>(), ["colour", "size"]);

        let xs = Tensor::from_slice(&[1.0f32, 0.0, 0.5, 0.2, 0.0, 1.0, 0.1, 0.9]).view([2, 4]);
        let targets = [Tensor::from_slice(&[0i64, 1]), Tensor::from_slice(&[MISSING, MISSING])];
        multitask_loss(&net.forward_t(&xs, true), &targets).backward();

        let variables = vs.variables();
        let grad_norm = |name: &str| variables[name].grad().norm().to_kind(Kind::Double).double_value(&[]);
        assert!(grad_norm("head0.weight") > 0.0, "the labelled head learns");
        assert_eq!(grad_norm("head1.weight"), 0.0, "the unlabelled head is left alone");
    }

    /// Two questions on four features: `colour` follows feature 0 against feature 1, `size`
    /// follows which of features 2 and 3 is larger and by how much. Every other example lacks
    /// its `size` label.
    fn two_question_set() -> (Vec<SparseRow>, Vec<Vec<i64>>) {
        let mut rows = Vec::new();
        let (mut colour, mut size) = (Vec::new(), Vec::new());
        for i in 0..240usize {
            let c = (i % 2) as i64;
            let s = ((i / 2) % 3) as i64;
            let jitter = (i % 7) as f64 * 0.02;
            let (f0, f1) = if c == 0 { (1.0, 0.1 + jitter) } else { (0.1 + jitter, 1.0) };
            let (f2, f3) = match s {
                0 => (1.0, 0.0),
                1 => (0.5 + jitter, 0.5),
                _ => (0.0, 1.0 - jitter),
            };
            rows.push(vec![(0, f0), (1, f1), (2, f2), (3, f3)]);
            colour.push(c);
            size.push(if i % 4 < 2 { s } else { MISSING });
        }
        (rows, vec![colour, size])
    }

    #[test]
    fn multitask_network_learns_both_questions_with_missing_labels() {
        let (rows, targets) = two_question_set();
        let spec = NetSpec {
            kind: NetKind::Mlp,
            n_inputs: 4,
            hidden: 16,
            dropout: 0.0,
            heads: vec![("colour".to_string(), 2), ("size".to_string(), 3)],
        };
        let settings = ModelSettings { epochs: 60, ..torch_settings() };
        let net = train_network(&spec, &rows, &targets, &settings, &|_| {}, &AtomicBool::new(false)).expect("fit");

        for (head, truth) in targets.iter().enumerate() {
            let probabilities = net.head_probabilities(&rows, head);
            let labelled: Vec<usize> = (0..rows.len()).filter(|&i| truth[i] != MISSING).collect();
            let correct = labelled
                .iter()
                .filter(|&&i| {
                    let p = &probabilities[i];
                    let best = (0..p.len()).fold(0, |b, j| if p[j] > p[b] { j } else { b });
                    best as i64 == truth[i]
                })
                .count();
            let score = correct as f64 / labelled.len() as f64;
            assert!(score > 0.95, "head {head} accuracy {score}");
        }
    }

    #[test]
    fn mismatched_targets_are_rejected() {
        let (rows, targets) = two_question_set();
        let spec = NetSpec { kind: NetKind::Mlp, n_inputs: 4, hidden: 4, dropout: 0.0, heads: vec![("a".into(), 2)] };
        let err = train_network(&spec, &rows, &targets, &torch_settings(), &|_| {}, &AtomicBool::new(false));
        assert!(matches!(err, Err(MlError::ShapeMismatch { .. })), "{err:?}");
    }

    #[test]
    fn saved_model_predicts_the_same_after_loading() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path: PathBuf = dir.path().join("latest.json");
        let examples = toy_texts(10, 0);
        let model = train(&examples, &ModelSettings { epochs: 5, ..torch_settings() });
        model.save(&path).expect("save");
        let weights = dir.path().join("latest.safetensors");
        assert!(weights.is_file(), "weights written next to the model file");

        let loaded = TrainedModel::load(&path).expect("load");
        let unseen = toy_texts(10, 10);
        assert_eq!(loaded.predict(&unseen), model.predict(&unseen));
        assert_eq!(loaded.summary(), model.summary());

        std::fs::remove_file(&weights).expect("remove weights");
        let err = TrainedModel::load(&path).unwrap_err().to_string();
        assert!(err.contains("latest.safetensors"), "{err}");
    }

    #[test]
    fn two_question_project_trains_one_network() {
        // The binary of this test build has the torch feature too.
        let (_temp, project) = init_sample("fortune-questions", "project");
        run_ok(&project, &["simulate", "--as", "a", "--count", "80", "--seed", "1"]);
        run_ok(&project, &["simulate", "--as", "b", "--count", "80", "--seed", "2"]);
        let config = project.join("quorum.toml");
        let text = std::fs::read_to_string(&config).unwrap();
        std::fs::write(&config, text.replace("[model]\n", "[model]\nbackend = \"torch\"\nepochs = 5\n")).unwrap();

        run_ok(&project, &["train"]);
        run_ok(&project, &["predict"]);

        // One run, registered as a two-head network, scores both questions.
        let store = rusqlite::Connection::open(project.join("quorum.db")).expect("the store opens");
        let (backend, kind): (String, String) =
            store.query_row("SELECT backend, model_kind FROM runs", [], |row| Ok((row.get(0)?, row.get(1)?))).unwrap();
        assert_eq!((backend.as_str(), kind.as_str()), ("torch", "mlp, 2 heads"));
        let per_question: Vec<(String, i64)> = store
            .prepare("SELECT question, count(*) FROM predictions GROUP BY question ORDER BY question")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(per_question.len(), 2, "{per_question:?}");
        assert_eq!(per_question[0].0, "joke");
        assert_eq!(per_question[1].0, "topic");
        assert!(per_question.iter().all(|(_, n)| *n > 0), "{per_question:?}");
        assert_eq!(per_question[0].1, per_question[1].1);
    }

    #[test]
    fn cuda_setting_without_a_device_is_an_error() {
        if quorum::ml::torch::tch::Cuda::is_available() {
            println!("a CUDA device is present; the error case cannot be checked here");
            return;
        }
        let settings = ModelSettings { device: TorchDevice::Cuda, ..torch_settings() };
        let err = ml::train(&toy_texts(5, 0), &settings, &no_progress, &AtomicBool::new(false)).unwrap_err();
        assert!(matches!(err, MlError::TorchNoCuda), "{err:?}");
        assert!(err.to_string().contains("model.device"), "{err}");
    }
}

/// Prints 5-fold macro-F1 and wall time of the logistic model and the torch network on the
/// digits and fortune-topics sample tasks, for docs/torch.md. It asserts nothing about speed;
/// run it with `--ignored --nocapture`.
#[cfg(feature = "torch")]
#[test]
#[ignore = "slow comparison; prints figures for docs/torch.md"]
fn compare_with_logistic_model() {
    use std::time::Instant;

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_tasks");
    let read = |task: &str, text: Option<&str>, image: Option<&str>| -> Vec<LabelledExample> {
        let dir = root.join(task);
        let mut reader = csv::Reader::from_path(dir.join("items.csv")).expect("items.csv");
        let headers = reader.headers().expect("header").clone();
        let column = |name: &str| headers.iter().position(|h| h == name).expect("column");
        let (id, gold) = (column("id"), column("gold"));
        let text = text.map(column);
        let image = image.map(column);
        reader
            .records()
            .map(|r| {
                let r = r.expect("record");
                LabelledExample {
                    key: r[id].to_string(),
                    text: text.map(|c| r[c].to_string()).unwrap_or_default(),
                    image: image.map(|c| dir.join(&r[c])),
                    label: r[gold].to_string(),
                }
            })
            .collect()
    };
    let tasks = [
        ("digits", read("digits", None, Some("image"))),
        ("fortune-topics", read("fortune-topics", Some("text"), None)),
    ];
    let torch = ModelSettings { backend: Backend::Torch, device: TorchDevice::Cpu, ..ModelSettings::default() };
    for (name, examples) in &tasks {
        for (model, settings) in [("logistic", ModelSettings::default()), ("torch", torch.clone())] {
            let started = Instant::now();
            let report = ml::evaluate(examples, &settings, 5, &no_progress, &AtomicBool::new(false)).expect("eval");
            println!(
                "{name}: {model}: 5-fold accuracy {:.4}, macro-F1 {:.4}, {:.1} s",
                report.accuracy,
                report.macro_f1,
                started.elapsed().as_secs_f64()
            );
        }
    }
}
