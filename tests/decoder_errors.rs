//! Failures of the JSON and image decoders reach the user in the chosen language: the
//! kind of failure and what to do in catalogue words, the file named, and the decoder's
//! own English text only as a detail in brackets.

mod common;

use common::binary::{command, init_sample, stderr};
use common::{draw, lock_lang, open_app};
use quorum::i18n::Lang;
use quorum::i18n::catalogue::polish as msg;
use quorum::ml::TrainedModel;
use quorum::project::Project;
use std::path::Path;

fn case(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases").join(name)
}

#[test]
fn invalid_jsonl_import_in_chinese() {
    let (_temp, dir) = init_sample("fortune-topics", "project");
    let file = case("bad-line.jsonl");
    let out = command(&dir, &["import", file.to_str().unwrap()]).env("QUORUM_LANG", "zh").output().unwrap();
    let text = stderr(&out);

    assert!(!out.status.success(), "{text}");
    assert!(text.contains("bad-line.jsonl"), "the file is named: {text}");
    assert!(text.contains("第 3 行"), "the line is named: {text}");
    assert!(text.contains(msg::POL_JSON_SYNTAX.zh), "the failure is said in Chinese: {text}");
    assert!(text.contains("每行必须是一个完整的 JSON 对象"), "what to do is said: {text}");
    assert!(text.contains("（trailing comma"), "serde_json's text follows in brackets: {text}");
}

#[test]
fn invalid_model_file_in_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.json");

    std::fs::write(&path, "{\"format_version\": 1,").unwrap();
    let text = TrainedModel::load(&path).unwrap_err().to_string();
    assert!(text.contains(&path.display().to_string()), "the file is named: {text}");
    assert!(text.contains(msg::POL_JSON_ENDS_EARLY.zh), "the failure is said in Chinese: {text}");
    assert!(text.contains("请重新训练模型"), "what to do is said: {text}");
    assert!(text.contains("（EOF while parsing"), "serde_json's text follows in brackets: {text}");

    std::fs::write(&path, "{\"format_version\": \"one\"}").unwrap();
    let text = TrainedModel::load(&path).unwrap_err().to_string();
    assert!(text.contains(msg::POL_JSON_WRONG_SHAPE.zh), "{text}");
}

#[test]
fn undecodable_training_image_in_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let path = case("images/not-an-image.png");
    let text = quorum::ml::image::pixel_features(&path, 8).unwrap_err().to_string();

    assert!(text.contains("not-an-image.png"), "the file is named: {text}");
    assert!(text.contains(msg::POL_IMAGE_UNDECODABLE.zh), "the failure is said in Chinese: {text}");
    assert!(text.contains("请检查图像列"), "what to do is said: {text}");
    assert!(text.contains("（"), "the decoder's text follows in brackets: {text}");
}

/// Creates a digits project whose one item points at a text file named `.png`.
fn project_with_broken_image() -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let (project, _) = Project::init(&root, Some(Path::new("sample_tasks/digits"))).unwrap();
    std::fs::copy(case("images/not-an-image.png"), root.join("broken.png")).unwrap();

    let mut store = project.store().unwrap();
    let mut inserter = store.begin_import("custom.csv", quorum::core::assignment::Order::Sequential).unwrap();
    let fields = vec![("image".to_string(), "broken.png".to_string())];
    inserter.insert("broken", &fields, Some("broken.png"), None, 2).unwrap();
    inserter.commit().unwrap();
    (dir, project)
}

#[test]
fn undecodable_item_image_in_chinese() {
    let _lang = lock_lang(Lang::ZhCn);
    let (_dir, project) = project_with_broken_image();
    let mut app = open_app(&project, "alice");

    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("无法读取图像 broken.png"), "what failed and the file:\n{screen}");
    assert!(screen.contains("不是 PNG 或 JPEG"), "the failure is said in Chinese:\n{screen}");
    assert!(screen.contains("请换成"), "what to do is said:\n{screen}");
    insta::assert_snapshot!("undecodable_image_zh_80x24", screen);
    insta::assert_snapshot!("undecodable_image_zh_40x12", draw(&mut app, 40, 12));
}

#[test]
fn undecodable_item_image_in_english() {
    let _lang = lock_lang(Lang::En);
    let (_dir, project) = project_with_broken_image();
    let mut app = open_app(&project, "alice");

    let screen = draw(&mut app, 80, 24);
    assert!(screen.contains("Cannot read the image broken.png"), "{screen}");
    assert!(screen.contains("correct the item's image path"), "{screen}");
}
