//! Private data: redaction presets and custom rules, redaction at import and on screen,
//! the lead's redaction preview, pseudonymised exports and column mapping with Chinese
//! column names, on real project directories and real `quorum` processes.

mod common;

use common::binary::{self, stderr, stdout};
use proptest::prelude::*;
use quorum::core::redact::{CustomRule, DEFAULT_REPLACEMENT, Preset, Redactor, valid_resident_id};
use quorum::i18n::{Lang, set_lang};
use quorum::project::Project;
use quorum::store::Store;
use quorum::tui::{Action, App, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

// ---------------------------------------------------------------------------------------
// Presets

fn preset(preset: Preset) -> Redactor {
    Redactor::new(&[preset], &[], DEFAULT_REPLACEMENT).unwrap()
}

fn all_presets() -> Redactor {
    Redactor::new(&Preset::ALL, &[], DEFAULT_REPLACEMENT).unwrap()
}

/// Checks that `redactor` turns each input into its expected output.
fn check_cases(redactor: &Redactor, cases: &[(&str, &str)]) {
    for (input, expected) in cases {
        assert_eq!(redactor.redact(input), *expected, "input: {input}");
    }
}

/// Checks that `redactor` leaves each input unchanged.
fn check_untouched(redactor: &Redactor, inputs: &[&str]) {
    for input in inputs {
        assert_eq!(redactor.redact(input), *input, "input: {input}");
    }
}

#[test]
fn email_preset_matches() {
    check_cases(
        &preset(Preset::Email),
        &[
            ("mail jane.doe+news@example.co.uk today", "mail [email] today"),
            ("请联系zhang_wei@mail.example.cn谢谢", "请联系[email]谢谢"),
            ("邮箱：li.na@example.com。", "邮箱：[email]。"),
            ("<ops@example.org>, sales@example.org", "<[email]>, [email]"),
        ],
    );
}

#[test]
fn email_preset_rejects() {
    check_untouched(
        &preset(Preset::Email),
        &["user@localhost", "@handle on 微博", "a@b", "price 5@3.50", "name@example.c0m"],
    );
}

#[test]
fn phone_preset_matches() {
    check_cases(
        &preset(Preset::Phone),
        &[
            ("call +44 20 7946 0958.", "call [phone]."),
            ("tel:+1-202-555-0143 now", "tel:[phone] now"),
            ("电话 +81 3-1234-5678 联系", "电话 [phone] 联系"),
            ("+4915123456789", "[phone]"),
            ("office +1 (202) 555-0143", "office [phone]"),
        ],
    );
}

#[test]
fn phone_preset_rejects() {
    check_untouched(&preset(Preset::Phone), &["+1 2", "score +12 today", "2+2=4", "x+44 20 7946 0958"]);
}

#[test]
fn cn_mobile_preset_matches() {
    check_cases(
        &preset(Preset::CnMobile),
        &[
            ("我的手机号是13812345678，请回电", "我的手机号是[cn-mobile]，请回电"),
            ("拨打 138 1234 5678 或 139-8765-4321", "拨打 [cn-mobile] 或 [cn-mobile]"),
            ("+86 15012345678", "[cn-mobile]"),
            ("8618612345678", "[cn-mobile]"),
            ("电话：+86-199-0000-1111。", "电话：[cn-mobile]。"),
        ],
    );
}

#[test]
fn cn_mobile_preset_rejects() {
    check_untouched(
        &preset(Preset::CnMobile),
        &[
            "订单号213812345678901已发货",
            "12812345678 begins with 12",
            "1381234567 has ten digits",
            "138123456789 has twelve",
            "编号A13812345678",
        ],
    );
}

#[test]
fn cn_id_checksum_verified() {
    assert!(valid_resident_id("44030419900307123X", 2026));
    assert!(valid_resident_id("310101198511204410", 2026));
    assert!(!valid_resident_id("440304199003071239", 2026));
    assert!(!valid_resident_id("310101198511204411", 2026));
    assert!(!valid_resident_id("310101198502304410", 2026), "30 February");
    assert!(!valid_resident_id("31010118001120441X", 2026), "born before 1900");
}

#[test]
fn cn_id_preset_matches() {
    check_cases(
        &preset(Preset::CnId),
        &[
            ("身份证号44030419900307123X，请核对", "身份证号[cn-id]，请核对"),
            ("ID 310101198511204410.", "ID [cn-id]."),
            ("小写 44030419900307123x 也算", "小写 [cn-id] 也算"),
        ],
    );
}

#[test]
fn cn_id_preset_rejects() {
    check_untouched(
        &preset(Preset::CnId),
        &[
            "身份证号440304199003071239，校验位错误",
            "随机数字 310101198511204411",
            "更长的 3101011985112044101 数字",
            "日期不对 310101198513204410",
        ],
    );
}

#[test]
fn ip_preset_matches() {
    check_cases(
        &preset(Preset::Ip),
        &[
            ("host 192.168.0.1 down", "host [ip] down"),
            ("服务器10.0.0.254宕机", "服务器[ip]宕机"),
            ("at 2001:db8::8a2e:370:7334.", "at [ip]."),
            ("loopback ::1 and fe80::1:", "loopback [ip] and [ip]:"),
            ("full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 ok", "full [ip] ok"),
            ("mapped ::ffff:192.0.2.128 ok", "mapped [ip] ok"),
            ("地址是2001:db8::1，请记录", "地址是[ip]，请记录"),
            ("网关是192.168.1.20。", "网关是[ip]。"),
            ("路由器10.0.0.1重启了", "路由器[ip]重启了"),
            ("把 DNS 改成8.8.8.8就好了", "把 DNS 改成[ip]就好了"),
            ("备用8.8.4.4，另见1.1.1.1", "备用[ip]，另见[ip]"),
        ],
    );
}

#[test]
fn ip_preset_rejects() {
    check_untouched(
        &preset(Preset::Ip),
        &[
            "version 1.2.3.4.5",
            "256.1.1.1",
            "at 12:30:45",
            "std::vector<int>",
            "Foo::Bar",
            "1.2.3",
            "fe80::1:2:3:4:5:6:7:8:9",
            "see section 2.4.3.5 for the rules",
            "详见第2.4.3.5节",
        ],
    );
}

#[test]
fn url_preset_matches() {
    check_cases(
        &preset(Preset::Url),
        &[
            ("see https://example.org/a?b=1&c=2.", "see [url]."),
            ("访问https://example.com/path。谢谢", "访问[url]。谢谢"),
            ("访问 www.example.cn/新闻 了解", "访问 [url]新闻 了解"),
            ("FTP://files.example.net/pub, then", "[url], then"),
        ],
    );
}

#[test]
fn url_preset_rejects() {
    check_untouched(&preset(Preset::Url), &["http:// alone", "awww.example.org", "example.org without scheme"]);
}

#[test]
fn long_url_redacted_to_bound() {
    let url = format!("https://example.org/{}", "a".repeat(3000));
    let redacted = preset(Preset::Url).redact(&url).into_owned();
    assert!(redacted.starts_with("[url]"), "{redacted}");
    let matched = "https://".len() + 2048;
    assert_eq!(redacted.len(), "[url]".len() + url.len() - matched, "the match stops 2,048 characters after `//`");
}

#[test]
fn hostile_repetitions_redact() {
    let near_misses = ["www.-", "a@b.cc1", "1.2.3.4.", "+1 2 ", "13812345678"];
    for piece in near_misses {
        let text = piece.repeat(20_000);
        let once = all_presets().redact(&text).into_owned();
        assert_eq!(all_presets().redact(&once), once, "idempotent on {piece} repeated");
    }
}

#[test]
fn presets_together_in_chinese_text() {
    let text = "联系人：王芳，手机13912345678，邮箱wang.fang@example.cn，身份证310101198511204410，\
                主页https://wangfang.example.cn/，登录IP 203.0.113.9。";
    let expected = "联系人：王芳，手机[cn-mobile]，邮箱[email]，身份证[cn-id]，主页[url]，登录IP [ip]。";
    assert_eq!(all_presets().redact(text), expected);
}

#[test]
fn custom_rule_and_replacement() {
    let rule = CustomRule { name: "ticket".into(), pattern: "TICKET-[0-9]{6}".into(), replacement: None };
    let redactor = Redactor::new(&[Preset::Email], &[rule], "<{name} removed>").unwrap();
    assert_eq!(redactor.redact("TICKET-123456 from a@b.org"), "<ticket removed> from <email removed>");
    assert_eq!(redactor.redact("TICKET-12345 is too short"), "TICKET-12345 is too short");
}

#[test]
fn spans_point_at_matches() {
    let text = "邮箱 a@b.cn 手机 13812345678";
    let redactor = all_presets();
    let names: Vec<&str> = redactor.rule_names().collect();
    let found: Vec<(&str, &str)> =
        redactor.find(text).iter().map(|m| (names[m.rule], &text[m.range.clone()])).collect();
    assert_eq!(found, vec![("email", "a@b.cn"), ("cn-mobile", "13812345678")]);
}

/// Pieces that combine into text near the edges of the patterns.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a@b.cn".to_string()),
        Just("13812345678".to_string()),
        Just("+86 ".to_string()),
        Just("44030419900307123X".to_string()),
        Just("192.168.1.1".to_string()),
        Just("::".to_string()),
        Just("fe80::1".to_string()),
        Just("https://x.cn/".to_string()),
        Just("www.".to_string()),
        Just("[email]".to_string()),
        Just("电话".to_string()),
        Just("，".to_string()),
        "[0-9.:@+\\- ]{1,6}",
        "[a-z]{1,4}",
        any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #[test]
    fn redaction_idempotent_on_any_text(text in any::<String>()) {
        let redactor = all_presets();
        let once = redactor.redact(&text).into_owned();
        prop_assert_eq!(redactor.redact(&once), once.as_str());
    }

    #[test]
    fn redaction_idempotent_on_mixed_fragments(parts in prop::collection::vec(fragment(), 0..12)) {
        let text = parts.concat();
        let redactor = all_presets();
        let once = redactor.redact(&text).into_owned();
        prop_assert_eq!(redactor.redact(&once), once.as_str(), "input: {:?}", text);
        for m in redactor.find(&text) {
            prop_assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Projects and processes

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/privacy").join(name)
}

fn quorum(dir: &Path, user: &str, args: &[&str]) -> Output {
    binary::command(dir, args).env("QUORUM_USER", user).stdin(Stdio::null()).output().expect("the quorum binary runs")
}

/// Runs `quorum` and fails the test with its stderr when it fails.
fn quorum_ok(dir: &Path, user: &str, args: &[&str]) -> String {
    let out = quorum(dir, user, args);
    assert!(out.status.success(), "quorum {args:?} failed: {}", stderr(&out));
    stdout(&out)
}

/// A project for the Chinese-column fixture, with the extra TOML appended. The lead is `lee`.
fn cn_project(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("proj");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = format!(
        "[task]\nname = \"隐私\"\nredundancy = 2\norder = \"sequential\"\n\
         [fields]\nid = \"编号\"\nshow = [\"文本\"]\ngold = \"标签\"\nmetadata = [\"来源\", \"备注\"]\n\
         [question]\nprompt = \"情感？\"\nlabels = [\"正面\", \"负面\"]\n\
         [roles]\nleads = [\"lee\"]\nreviewers = [\"rev\"]\n{extra}\n"
    );
    std::fs::write(dir.join("quorum.toml"), spec).unwrap();
    Store::create(&dir.join("quorum.db")).unwrap();
    (temp, dir)
}

const ALL_PRESETS: &str = "[redaction]\npresets = [\"email\", \"phone\", \"cn-mobile\", \"cn-id\", \"ip\", \"url\"]\n";

/// Every stored field value, read straight from the SQLite file.
fn stored_fields(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join("quorum.db")).unwrap();
    let mut stmt = conn.prepare("SELECT key, fields FROM items ORDER BY key").unwrap();
    let rows =
        stmt.query_map([], |row| Ok(format!("{}\t{}", row.get::<_, String>(0)?, row.get::<_, String>(1)?))).unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
}

/// The raw bytes of the store and its write-ahead log, as a lossy string.
fn store_bytes(dir: &Path) -> String {
    let mut bytes = std::fs::read(dir.join("quorum.db")).unwrap();
    if let Ok(wal) = std::fs::read(dir.join("quorum.db-wal")) {
        bytes.extend(wal);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

const ORIGINALS: [&str; 4] = ["zhang.wei@example.com.cn", "138 1234 5678", "44030419900307123X", "10.0.3.7"];

#[test]
fn import_at_import_stores_no_original() {
    let (_temp, dir) = cn_project(&format!("{ALL_PRESETS}at_import = true\n"));
    let out = quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    assert!(out.contains("Imported 3 items"), "{out}");
    assert!(out.contains("Redacted 1 matches of rule `email`"), "{out}");
    assert!(out.contains("Redacted 1 matches of rule `cn-mobile`"), "{out}");
    assert!(out.contains("Redacted 1 matches of rule `cn-id`"), "{out}");
    assert!(out.contains("Redacted 1 matches of rule `url`"), "{out}");
    assert!(out.contains("Redacted 0 matches of rule `phone`"), "{out}");

    let fields = stored_fields(&dir);
    assert!(fields.contains("请联系 [email] 或拨打 [cn-mobile]，身份证号 [cn-id]。"), "{fields}");
    assert!(fields.contains("服务器 [ip] 宕机"), "{fields}");
    assert!(fields.contains("订单号 213812345678901"), "a long number is not a phone number: {fields}");
    let raw = store_bytes(&dir);
    for original in ORIGINALS {
        assert!(!fields.contains(original), "{original} stored: {fields}");
        assert!(!raw.contains(original), "{original} found in the database file");
    }

    // The stored text is what leaves the project.
    quorum_ok(&dir, "lee", &["export", "--what", "items", "--out", "items.csv"]);
    let exported = std::fs::read_to_string(dir.join("items.csv")).unwrap();
    assert!(exported.contains("[cn-id]"), "{exported}");
    for original in ORIGINALS {
        assert!(!exported.contains(original), "{original} exported: {exported}");
    }
}

#[test]
fn export_redact_flag_applies_rules() {
    let (_temp, dir) = cn_project(ALL_PRESETS);
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    assert!(stored_fields(&dir).contains("44030419900307123X"), "without at_import the original is kept");

    quorum_ok(&dir, "lee", &["export", "--what", "items", "--out", "plain.csv"]);
    let plain = std::fs::read_to_string(dir.join("plain.csv")).unwrap();
    assert!(plain.contains("44030419900307123X"), "{plain}");

    quorum_ok(&dir, "lee", &["export", "--what", "items", "--format", "jsonl", "--redact", "--out", "red.jsonl"]);
    let redacted = std::fs::read_to_string(dir.join("red.jsonl")).unwrap();
    for original in ORIGINALS {
        assert!(!redacted.contains(original), "{original} exported: {redacted}");
    }
    let first: serde_json::Value = serde_json::from_str(redacted.lines().next().unwrap()).unwrap();
    assert_eq!(first["item"], "cn-1");
    assert_eq!(first["gold"], "正面");
    assert_eq!(first["field:来源"], "微博");
}

#[test]
fn export_redact_without_rules_fails() {
    let (_temp, dir) = cn_project("");
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    let out = quorum(&dir, "lee", &["export", "--what", "items", "--redact", "--out", "x.csv"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("[redaction]"), "{}", stderr(&out));
    assert!(!dir.join("x.csv").exists());
}

#[test]
fn replacement_per_rule_from_toml() {
    let extra = "[redaction]\npresets = [\"email\", \"cn-id\"]\nreplacement = \"<{name}>\"\nat_import = true\n\
                 [redaction.replacements]\ncn-id = \"[身份证]\"\n";
    let (_temp, dir) = cn_project(extra);
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    let fields = stored_fields(&dir);
    assert!(fields.contains("请联系 <email> 或拨打"), "{fields}");
    assert!(fields.contains("身份证号 [身份证]。"), "{fields}");

    let (_temp, dir) = cn_project("[redaction]\npresets = [\"email\"]\n[redaction.replacements]\nip = \"[IP]\"\n");
    let err = stderr(&quorum(&dir, "lee", &["status"]));
    assert!(err.contains("redaction.replacements.ip"), "{err}");
    assert!(err.contains("the rules are email"), "{err}");
}

#[test]
fn invalid_custom_pattern_names_rule() {
    let (_temp, dir) = cn_project("[[redaction.rules]]\nname = \"ticket\"\npattern = \"TICKET-[0-9\"\n");
    let out = quorum(&dir, "lee", &["status"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("redaction.rules[0].pattern"), "{err}");
    assert!(err.contains("ticket"), "{err}");
    assert!(err.contains("regular expression"), "{err}");
}

#[test]
fn unknown_preset_lists_presets() {
    let (_temp, dir) = cn_project("[redaction]\npresets = [\"passport\"]\n");
    let err = stderr(&quorum(&dir, "lee", &["status"]));
    assert!(err.contains("passport"), "{err}");
    assert!(err.contains("cn-mobile"), "{err}");
}

#[test]
fn preview_counts_and_samples() {
    let (_temp, dir) =
        cn_project(&format!("{ALL_PRESETS}[[redaction.rules]]\nname = \"order\"\npattern = \"订单号 ?[0-9]+\"\n"));
    let file = fixture("cn-columns.csv");

    // Before import, on the file.
    let text = quorum_ok(&dir, "lee", &["redact", "preview", "--file", file.to_str().unwrap()]);
    assert!(text.contains("cn-id: 1 match in 1 item"), "{text}");
    assert!(text.contains("[[44030419900307123X]]"), "{text}");
    assert!(text.contains("order: 1 match in 1 item"), "{text}");

    // After import, on the stored items, one rule, as JSON.
    quorum_ok(&dir, "lee", &["import", file.to_str().unwrap()]);
    let json = quorum_ok(&dir, "lee", &["redact", "preview", "--rule", "ip", "--limit", "1", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["items"], 3);
    let rules = value["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 1);
    assert_eq!(rules[0]["rule"], "ip");
    assert_eq!(rules[0]["matches"], 1);
    assert_eq!(rules[0]["samples"][0]["match"], "10.0.3.7");
    assert_eq!(rules[0]["samples"][0]["item"], "cn-2");

    let unknown = quorum(&dir, "lee", &["redact", "preview", "--rule", "passport"]);
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("email, phone"), "{}", stderr(&unknown));
}

#[test]
fn preview_is_for_leads_only() {
    let (_temp, dir) = cn_project(ALL_PRESETS);
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    for user in ["rev", "ann"] {
        let out = quorum(&dir, user, &["redact", "preview"]);
        assert!(!out.status.success(), "{user} ran the preview");
        assert!(stderr(&out).contains("only leads"), "{}", stderr(&out));
        assert!(!stdout(&out).contains("44030419900307123X"));
    }
}

// ---------------------------------------------------------------------------------------
// Pseudonymised exports

const REAL_NAMES: [&str; 3] = ["张伟", "alice.smith", "rev"];

/// Imports the fixture and answers its items as the three real names, one of them a reviewer
/// who also adjudicates.
fn answered_project(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let (temp, dir) = cn_project(extra);
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    let project = Project::open(&dir).unwrap();
    let mut store = project.store().unwrap();
    for (name, label) in [("张伟", "正面"), ("alice.smith", "负面"), ("rev", "正面")] {
        while let Some(item) = store.next_item(name, 3, 60).unwrap() {
            store.record_answer(item.id, name, label, Some(1500), 3).unwrap();
        }
    }
    drop(store);
    quorum_ok(&dir, "rev", &["adjudicate", "cn-1", "正面"]);
    (temp, dir)
}

/// The annotator column of an annotations export, in row order.
fn exported_names(dir: &Path, file: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(dir.join(file)).unwrap();
    reader.records().map(|r| r.unwrap()[1].to_string()).collect()
}

#[test]
fn pseudonyms_stable_and_hide_names() {
    let (_temp, dir) = answered_project("");
    for (what, file) in [
        ("annotations", "a.csv"),
        ("history", "h.csv"),
        ("annotators", "q.csv"),
        ("agreement", "k.csv"),
        ("labels", "l.csv"),
    ] {
        quorum_ok(&dir, "lee", &["export", "--what", what, "--pseudonymise", "--out", file]);
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        for name in REAL_NAMES {
            assert!(!text.contains(name), "{name} appears in the {what} export:\n{text}");
        }
    }
    let pairs = std::fs::read_to_string(dir.join("k.csv")).unwrap();
    assert_eq!(pairs.lines().count(), 4, "a header and three annotator pairs: {pairs}");
    let history = std::fs::read_to_string(dir.join("h.csv")).unwrap();
    assert!(history.contains("adjudicate"), "the reviewer's adjudication is in the history: {history}");

    let first = exported_names(&dir, "a.csv");
    quorum_ok(&dir, "lee", &["export", "--what", "annotations", "--pseudonymise", "--out", "a2.csv"]);
    assert_eq!(exported_names(&dir, "a2.csv"), first, "the same person keeps the same pseudonym");
    assert!(first.iter().all(|n| n.len() == 12 && n.starts_with("ann-")), "{first:?}");
    let mut distinct = first.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 3, "{first:?}");

    quorum_ok(&dir, "lee", &["export", "--what", "annotations", "--out", "plain.csv"]);
    assert!(exported_names(&dir, "plain.csv").contains(&"张伟".to_string()), "without the flag names stay");
}

#[test]
fn pseudonyms_differ_across_projects() {
    let (_one, first) = answered_project("");
    let (_two, second) = answered_project("[export]\npseudonymise = true\n");
    quorum_ok(&first, "lee", &["export", "--pseudonymise", "--out", "a.csv"]);
    quorum_ok(&second, "lee", &["export", "--out", "a.csv"]);
    let (mut a, mut b) = (exported_names(&first, "a.csv"), exported_names(&second, "a.csv"));
    assert!(b.iter().all(|n| n.starts_with("ann-")), "[export] pseudonymise applies without the flag: {b:?}");
    a.sort();
    a.dedup();
    b.sort();
    b.dedup();
    assert!(a.iter().all(|n| !b.contains(n)), "{a:?} vs {b:?}");
}

#[test]
fn secret_private_and_git_ignored() {
    let (_temp, dir) = answered_project("");
    std::fs::write(dir.join(".gitignore"), "logs/").unwrap();
    quorum_ok(&dir, "lee", &["export", "--pseudonymise", "--out", "a.csv"]);
    let secret = dir.join(".quorum/secret");
    assert_eq!(std::fs::read(&secret).unwrap().len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&secret).unwrap().permissions().mode() & 0o777, 0o600);
    }
    assert_eq!(std::fs::read_to_string(dir.join(".gitignore")).unwrap(), "logs/\n/.quorum/\n");

    quorum_ok(&dir, "lee", &["export", "--pseudonymise", "--out", "b.csv"]);
    assert_eq!(std::fs::read_to_string(dir.join(".gitignore")).unwrap(), "logs/\n/.quorum/\n", "added once");

    std::fs::write(&secret, b"short").unwrap();
    let out = quorum(&dir, "lee", &["export", "--pseudonymise", "--out", "c.csv"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("32"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// Column mapping

#[test]
fn chinese_columns_round_trip() {
    let (_temp, dir) = cn_project("");
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    let store = Store::open(&dir.join("quorum.db")).unwrap();
    let item = store.item_by_key("cn-3").unwrap().expect("cn-3 imported by its 编号");
    assert_eq!(item.gold.as_deref(), Some("正面"));
    let field = |name: &str| item.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    assert_eq!(field("文本").as_deref(), Some("今天天气很好，订单号 213812345678901 已发货。"));
    assert_eq!(field("备注").as_deref(), Some("复核"));
    assert_eq!(store.item_by_key("cn-2").unwrap().unwrap().gold.as_deref(), Some("负面"));

    quorum_ok(&dir, "lee", &["export", "--what", "items", "--out", "items.csv"]);
    let mut reader = csv::Reader::from_path(dir.join("items.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, ["item", "gold", "image", "field:编号", "field:文本", "field:来源", "field:标签", "field:备注"]);
    assert_eq!(reader.records().count(), 3);
}

#[test]
fn metadata_columns_not_trained_on() {
    let text = "[task]\nname = \"m\"\n[fields]\nid = \"编号\"\nshow = [\"文本\"]\nmetadata = [\"来源\"]\n\
                [question]\nprompt = \"p\"\nlabels = [\"a\", \"b\"]\n";
    let spec = quorum::core::task::TaskSpec::from_toml(text).unwrap();
    assert_eq!(spec.fields.metadata, ["来源"]);
    assert_eq!(spec.fields.train, ["文本"], "training defaults to the shown columns only");
}

#[test]
fn missing_mapped_column_lists_columns() {
    let (_temp, dir) = cn_project("");
    let out = quorum(&dir, "lee", &["import", fixture("missing-column.csv").to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("文本"), "names the missing column: {err}");
    assert!(err.contains("内容"), "lists the file's columns: {err}");
    assert!(err.contains("备注"), "a missing metadata column is named too: {err}");
}

#[test]
fn annotate_screen_redacts_and_shows_metadata() {
    set_lang(Lang::En);
    let (_temp, dir) = cn_project(ALL_PRESETS);
    quorum_ok(&dir, "lee", &["import", fixture("cn-columns.csv").to_str().unwrap()]);
    let project = Project::open(&dir).unwrap();
    let mut app = App::new(&project, "ann", 80, 24).unwrap();
    update(&mut app, Action::Dismiss);
    update(&mut app, Action::Resize(80, 24));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| view(&app, frame)).unwrap();
    let screen = terminal.backend().to_string();

    assert_eq!(app.current_item_key(), Some("cn-1"));
    assert!(screen.contains("[email]"), "{screen}");
    assert!(screen.contains("[cn-id]"), "{screen}");
    assert!(screen.contains("来源: 微博"), "{screen}");
    for original in ["zhang.wei", "44030419900307123X", "1234 5678"] {
        assert!(!screen.contains(original), "{original} on screen:\n{screen}");
    }
    assert!(stored_fields(&dir).contains("44030419900307123X"), "the store keeps the original without at_import");
    insta::assert_snapshot!("annotate_redacted_80x24", screen);
}
