//! The task spec: what a project asks of its annotators, read from `quorum.toml`.
//!
//! The file is parsed into raw serde structs and then checked once into a [`TaskSpec`];
//! every later part of the program trusts that type. Errors name the field and the fix.

use super::assignment::Order;
use super::redact::{CustomRule, DEFAULT_REPLACEMENT, Preset, Redactor, RuleError};
pub use super::roles::{Permission, Role, Roles};
use crate::i18n::catalogue::learning as learn;
use crate::i18n::catalogue::privacy as privacy_msg;
use crate::i18n::catalogue::questions as qmsg;
use crate::i18n::catalogue::task as msg;
use crate::i18n::catalogue::torch as torch_msg;
use crate::store::Uncertainty;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use thiserror::Error;

pub use super::keys::{KeyAction, KeyMap};

/// Keys handed to labels that do not name one, in this order.
const DEFAULT_LABEL_KEYS: &str = "1234567890bcdefmnopvwxyz";

/// A checked task spec.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskSpec {
    pub name: String,
    pub instructions: Localized,
    /// Distinct annotators wanted per item.
    pub redundancy: u32,
    /// How long an item handed out stays reserved for its annotator without a renewal.
    pub lease_seconds: u64,
    /// Queue order of items, fixed when they are imported.
    pub order: Order,
    pub fields: FieldMap,
    /// The questions asked about each item, in the order the screen shows them; never
    /// empty. The first is the primary question, which commands use unless `--question`
    /// selects another.
    pub questions: Vec<Question>,
    pub model: ModelSettings,
    /// Share of each annotator's items drawn from the gold items, from 0 to 1; `None`
    /// leaves gold items at their place in the queue order.
    pub gold_rate: Option<f64>,
    /// Whether an annotator is shown the expected answer after answering a gold item.
    pub gold_feedback: bool,
    /// Whether annotators (not leads or reviewers) see the team's agreement figures.
    pub show_agreement_to_annotators: bool,
    /// Whether reviewers see annotator names on the review screen; leads always do.
    pub show_names_to_reviewers: bool,
    /// Whether the annotation screen shows the active model's suggested label. Off by
    /// default: a visible guess pulls answers towards it (anchoring), which biases both
    /// the labels and the agreement figures computed from them.
    pub suggestions: bool,
    /// The rule of `order = "uncertainty"` (then `order` is [`Order::Priority`] and the
    /// priorities come from the active run's predictions); `None` for other orders.
    pub uncertainty: Option<Uncertainty>,
    /// Retrain and predict again after this many new labels (`task.retrain_every`).
    pub retrain_every: Option<u32>,
    pub roles: Roles,
    /// The keys of the screen's actions, which label keys may not take.
    pub keys: KeyMap,
    pub redaction: Redaction,
    /// Whether exports replace annotator names by pseudonyms (`[export] pseudonymise`).
    pub pseudonymise_exports: bool,
}

/// The `[redaction]` table: compiled rules and when they apply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Redaction {
    pub redactor: Redactor,
    /// Redact at import, so that the original text is never stored.
    pub at_import: bool,
}

/// A text with an optional Simplified Chinese version.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Localized {
    pub en: String,
    pub zh: Option<String>,
}

impl Localized {
    /// The text in the current language, falling back to English.
    pub fn current(&self) -> &str {
        match (crate::i18n::lang(), &self.zh) {
            (crate::i18n::Lang::ZhCn, Some(zh)) => zh,
            _ => &self.en,
        }
    }
}

/// Which columns of an imported file play which part.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldMap {
    pub id: String,
    /// Text columns shown to the annotator, in order.
    pub show: Vec<String>,
    /// Column holding an image path relative to the project directory.
    pub image: Option<String>,
    /// Column holding the known true label.
    pub gold: Option<String>,
    /// Text columns the models train on (defaults to `show`).
    pub train: Vec<String>,
    /// Columns shown dim under the item for context. Models do not train on them unless
    /// `train` names them too.
    pub metadata: Vec<String>,
    /// Gold columns of the questions after the first, as `(question id, column)`.
    pub question_gold: Vec<(String, String)>,
}

impl FieldMap {
    /// Returns the columns whose values are labels, ids or paths rather than text, so
    /// redaction leaves them alone.
    pub fn non_text_columns(&self) -> Vec<&str> {
        std::iter::once(self.id.as_str())
            .chain(self.image.as_deref())
            .chain(self.gold.as_deref())
            .chain(self.question_gold.iter().map(|(_, column)| column.as_str()))
            .collect()
    }
}

/// The id of a question given as a single `[question]` table, which needs none.
pub const DEFAULT_QUESTION_ID: &str = "label";

/// Maximum length of a question id, in characters.
const MAX_QUESTION_ID_LEN: usize = 32;

/// One question asked about every item.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Short ascii name, unique in the task; stored with every answer and used by
    /// `--question` and as the export column name.
    pub id: String,
    pub prompt: Localized,
    pub labels: Vec<LabelChoice>,
}

/// One answer option with its key.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelChoice {
    /// The value stored and exported, e.g. `computers` or `唐`.
    pub value: String,
    /// What the screen shows; defaults to the value.
    pub display: Localized,
    pub key: char,
}

/// Settings for training and evaluation jobs.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSettings {
    pub folds: u32,
    pub seed: u64,
    /// Word n-gram range `(min, max)`.
    pub word_ngrams: (usize, usize),
    /// Character n-gram range; `(0, 0)` turns character n-grams off.
    pub char_ngrams: (usize, usize),
    /// L2 penalty of the logistic regression on the summed loss, the same as
    /// scikit-learn's `1 / C`: the fit minimises `Σ_i loss_i + (alpha / 2)·‖W‖²`
    /// (intercepts unpenalised). Naive Bayes ignores it.
    pub alpha: f64,
    pub max_iterations: u64,
    /// Vocabulary size cap: the n-grams of highest total count over the training texts are kept.
    pub max_features: usize,
    /// The classifier that training and evaluation fit.
    pub kind: ModelKind,
    /// Train logistic regression on each item's label distribution from the
    /// aggregation (Dawid–Skene posterior) instead of its single label.
    pub soft_labels: bool,
    /// Which library fits the model: the built-in linear models, or a libtorch network.
    pub backend: Backend,
    /// Where a torch network trains; the linear models ignore it.
    pub device: TorchDevice,
    /// Hidden layer width of the torch networks.
    pub hidden: usize,
    /// Passes over the training examples of the torch networks.
    pub epochs: usize,
    /// Examples per gradient step of the torch networks.
    pub batch_size: usize,
    /// Adam step size of the torch networks.
    pub learning_rate: f64,
    /// Share of hidden units dropped at each training step of the torch networks.
    pub dropout: f64,
}

/// Model library, `model.backend` in `quorum.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// The pure-Rust linear models (`"linfa"`), chosen by `model.kind`.
    #[default]
    Linfa,
    /// Neural networks on libtorch (`"torch"`); needs a build with `--features torch`.
    Torch,
}

/// Device of the torch networks, `model.device` in `quorum.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TorchDevice {
    /// The first CUDA device when libtorch finds one, the CPU otherwise.
    #[default]
    Auto,
    Cpu,
    /// The first CUDA device; training fails when there is none.
    Cuda,
}

/// Classifier choice, `model.kind` in `quorum.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModelKind {
    /// Multinomial logistic regression (`"logistic"`).
    #[default]
    Logistic,
    /// Multinomial naive Bayes (`"naive-bayes"`).
    NaiveBayes,
    /// One-vs-rest linear SVM with the squared hinge loss (`"linear-svm"`); its margins
    /// become probabilities by softmax.
    LinearSvm,
}

impl ModelKind {
    /// Returns the name written in `quorum.toml`.
    pub fn name(self) -> &'static str {
        match self {
            ModelKind::Logistic => "logistic",
            ModelKind::NaiveBayes => "naive-bayes",
            ModelKind::LinearSvm => "linear-svm",
        }
    }
}

impl Default for ModelSettings {
    fn default() -> Self {
        ModelSettings {
            folds: 5,
            seed: 0,
            word_ngrams: (1, 2),
            char_ngrams: (0, 0),
            alpha: 0.01,
            max_iterations: 200,
            max_features: 5000,
            kind: ModelKind::Logistic,
            soft_labels: false,
            backend: Backend::Linfa,
            device: TorchDevice::Auto,
            hidden: 128,
            epochs: 20,
            batch_size: 32,
            learning_rate: 1e-3,
            dropout: 0.2,
        }
    }
}

impl Question {
    pub fn label_for_key(&self, key: char) -> Option<&LabelChoice> {
        self.labels.iter().find(|l| l.key == key)
    }

    pub fn label_values(&self) -> Vec<String> {
        self.labels.iter().map(|l| l.value.clone()).collect()
    }

    pub fn has_label(&self, value: &str) -> bool {
        self.labels.iter().any(|l| l.value == value)
    }
}

/// A problem in `quorum.toml`; the message names the field and what to write instead.
#[derive(Debug, Error, PartialEq)]
pub enum TaskError {
    #[error("{}", msg::TASK_SYNTAX.fmt(&[("error", .0)]))]
    Syntax(String),
    #[error("{}", msg::TASK_INVALID.fmt(&[("field", field), ("problem", problem)]))]
    Invalid { field: String, problem: String },
}

impl TaskError {
    /// The message with `quorum.toml` replaced by the path of the file that was read, so an
    /// error names the file once and in full.
    pub fn in_file(&self, path: &std::path::Path) -> String {
        let spec = path.display();
        match self {
            TaskError::Syntax(error) => msg::TASK_SYNTAX_IN.fmt(&[("spec", &spec), ("error", error)]),
            TaskError::Invalid { field, problem } => {
                msg::TASK_INVALID_IN.fmt(&[("spec", &spec), ("field", field), ("problem", problem)])
            }
        }
    }
}

fn invalid(field: &str, problem: impl Into<String>) -> TaskError {
    TaskError::Invalid { field: field.to_string(), problem: problem.into() }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    task: RawTask,
    #[serde(default)]
    fields: RawFields,
    /// One `[question]` table or a `[[question]]` array, distinguished in [`check_questions`].
    question: toml::Value,
    #[serde(default)]
    model: RawModel,
    #[serde(default)]
    roles: RawRoles,
    /// `[keys]`: action name -> key.
    #[serde(default)]
    keys: BTreeMap<String, String>,
    #[serde(default)]
    redaction: RawRedaction,
    #[serde(default)]
    export: RawExport,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRedaction {
    #[serde(default)]
    presets: Vec<String>,
    #[serde(default)]
    at_import: bool,
    replacement: Option<String>,
    /// Placeholder templates per rule name, overriding `replacement`.
    #[serde(default)]
    replacements: BTreeMap<String, String>,
    #[serde(default)]
    rules: Vec<RawRedactionRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRedactionRule {
    name: String,
    pattern: String,
    replacement: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawExport {
    #[serde(default)]
    pseudonymise: bool,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    #[serde(default)]
    leads: Vec<String>,
    #[serde(default)]
    reviewers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTask {
    name: String,
    #[serde(default)]
    instructions: String,
    instructions_zh: Option<String>,
    #[serde(default = "default_redundancy")]
    redundancy: i64,
    #[serde(default = "default_lease")]
    lease_seconds: i64,
    #[serde(default)]
    order: Option<String>,
    #[serde(default)]
    seed: u64,
    gold_rate: Option<f64>,
    #[serde(default)]
    gold_feedback: bool,
    #[serde(default = "default_show_agreement")]
    show_agreement_to_annotators: bool,
    #[serde(default)]
    show_names_to_reviewers: bool,
    #[serde(default)]
    suggestions: bool,
    uncertainty: Option<String>,
    retrain_every: Option<i64>,
}

fn default_show_agreement() -> bool {
    true
}

fn default_redundancy() -> i64 {
    2
}

fn default_lease() -> i64 {
    120
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFields {
    id: Option<String>,
    show: Option<Vec<String>>,
    image: Option<String>,
    gold: Option<String>,
    train: Option<Vec<String>>,
    metadata: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<String>,
    /// Gold column of a question after the first; the first uses `fields.gold`.
    gold: Option<String>,
    prompt: String,
    prompt_zh: Option<String>,
    labels: Vec<RawLabel>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawLabel {
    Plain(String),
    Full { value: String, key: Option<String>, display: Option<String>, display_zh: Option<String> },
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawModel {
    folds: Option<i64>,
    seed: Option<u64>,
    word_ngrams: Option<[usize; 2]>,
    char_ngrams: Option<[usize; 2]>,
    alpha: Option<f64>,
    max_iterations: Option<u64>,
    max_features: Option<usize>,
    kind: Option<String>,
    soft_labels: Option<bool>,
    backend: Option<String>,
    device: Option<String>,
    hidden: Option<usize>,
    epochs: Option<usize>,
    batch_size: Option<usize>,
    learning_rate: Option<f64>,
    dropout: Option<f64>,
}

impl TaskSpec {
    /// Returns the primary question: the first, which commands use by default.
    pub fn question(&self) -> &Question {
        &self.questions[0]
    }

    /// Whether the task asks more than one question about each item.
    pub fn has_several_questions(&self) -> bool {
        self.questions.len() > 1
    }

    /// Returns the ids of the questions, primary first.
    pub fn question_ids(&self) -> Vec<String> {
        self.questions.iter().map(|q| q.id.clone()).collect()
    }

    /// Looks a question up by id; `None` picks the primary question. An unknown id
    /// yields an error message that lists the ids there are.
    pub fn find_question(&self, id: Option<&str>) -> Result<&Question, String> {
        let Some(id) = id else { return Ok(self.question()) };
        self.questions
            .iter()
            .find(|q| q.id == id)
            .ok_or_else(|| qmsg::QUESTIONS_UNKNOWN.fmt(&[("id", &id), ("ids", &self.question_ids().join(", "))]))
    }

    /// Parses and checks the text of a `quorum.toml`.
    pub fn from_toml(text: &str) -> Result<TaskSpec, TaskError> {
        let raw: RawSpec = toml::from_str(text).map_err(|e| TaskError::Syntax(e.to_string()))?;
        raw.check()
    }
}

impl RawSpec {
    fn check(self) -> Result<TaskSpec, TaskError> {
        let task = self.task;
        if task.name.trim().is_empty() {
            return Err(invalid("task.name", msg::TASK_NAME_EMPTY.text()));
        }
        if !(1..=100).contains(&task.redundancy) {
            return Err(invalid("task.redundancy", msg::TASK_REDUNDANCY_RANGE.fmt(&[("value", &task.redundancy)])));
        }
        if !(5..=86_400).contains(&task.lease_seconds) {
            return Err(invalid("task.lease_seconds", msg::TASK_LEASE_RANGE.fmt(&[("value", &task.lease_seconds)])));
        }

        let order = match task.order.as_deref() {
            None | Some("sequential") => Order::Sequential,
            Some("random") => Order::Random { seed: task.seed },
            Some("priority") | Some("uncertainty") => Order::Priority,
            Some(other) => {
                return Err(invalid("task.order", msg::TASK_ORDER_UNKNOWN.fmt(&[("value", &other)])));
            }
        };
        if let Some(rate) = task.gold_rate
            && !(rate.is_finite() && (0.0..=1.0).contains(&rate))
        {
            return Err(invalid("task.gold_rate", msg::TASK_GOLD_RATE_RANGE.fmt(&[("value", &rate)])));
        }
        let uncertainty = check_uncertainty(task.order.as_deref(), task.uncertainty.as_deref())?;
        let retrain_every = match task.retrain_every {
            None => None,
            Some(n) if (1..=1_000_000).contains(&n) => Some(n as u32),
            Some(n) => {
                return Err(invalid("task.retrain_every", learn::LEARN_TASK_RETRAIN_RANGE.fmt(&[("value", &n)])));
            }
        };
        let roles = check_roles(self.roles)?;
        let mut fields = check_fields(self.fields)?;
        let keys = KeyMap::from_table(&self.keys).map_err(|err| invalid(&err.field, err.problem))?;
        let (questions, question_gold) = check_questions(self.question, &keys)?;
        fields.question_gold = question_gold;
        let model = check_model(self.model)?;
        let redaction = check_redaction(self.redaction)?;

        Ok(TaskSpec {
            name: task.name,
            instructions: Localized { en: task.instructions, zh: task.instructions_zh },
            redundancy: task.redundancy as u32,
            lease_seconds: task.lease_seconds as u64,
            order,
            fields,
            questions,
            model,
            gold_rate: task.gold_rate,
            gold_feedback: task.gold_feedback,
            show_agreement_to_annotators: task.show_agreement_to_annotators,
            show_names_to_reviewers: task.show_names_to_reviewers,
            suggestions: task.suggestions,
            uncertainty,
            retrain_every,
            roles,
            keys,
            redaction,
            pseudonymise_exports: self.export.pseudonymise,
        })
    }
}

/// Reads the uncertainty rule: margin unless `task.uncertainty` names another, and only
/// with `order = "uncertainty"`.
fn check_uncertainty(order: Option<&str>, rule: Option<&str>) -> Result<Option<Uncertainty>, TaskError> {
    let parsed = match rule {
        None => None,
        Some(name) => Some(Uncertainty::from_name(name).ok_or_else(|| {
            invalid("task.uncertainty", learn::LEARN_TASK_UNCERTAINTY_UNKNOWN.fmt(&[("value", &name)]))
        })?),
    };
    match (order, parsed) {
        (Some("uncertainty"), rule) => Ok(Some(rule.unwrap_or(Uncertainty::Margin))),
        (_, Some(_)) => Err(invalid("task.uncertainty", learn::LEARN_TASK_UNCERTAINTY_ORDER.text())),
        (_, None) => Ok(None),
    }
}

fn check_roles(raw: RawRoles) -> Result<Roles, TaskError> {
    for (field, names) in [("roles.leads", &raw.leads), ("roles.reviewers", &raw.reviewers)] {
        if let Some(index) = names.iter().position(|n| n.trim().is_empty() || n.trim() != n) {
            return Err(invalid(&format!("{field}[{index}]"), msg::TASK_ROLE_NAME_INVALID.text()));
        }
    }
    Ok(Roles { leads: raw.leads, reviewers: raw.reviewers })
}

/// Appends a `[roles]` table naming `lead` to the text of a `quorum.toml` that has
/// none; text that already has one is returned unchanged.
pub fn with_lead(toml_text: &str, lead: &str) -> String {
    let has_roles = toml::from_str::<toml::Table>(toml_text).is_ok_and(|table| table.contains_key("roles"));
    if has_roles {
        return toml_text.to_string();
    }
    // Every escape serde_json writes (\", \\, \n, \t, \uXXXX and the like) is also valid in
    // a TOML basic string.
    let quoted = serde_json::Value::String(lead.to_string()).to_string();
    let mut text = toml_text.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "\n[roles]\n# Login names. Leads may annotate `--as` others; leads and reviewers see\n\
         # `quorum annotators` and adjudicate. Everyone else is an annotator.\n\
         leads = [{quoted}]\nreviewers = []\n"
    ));
    text
}

fn check_fields(raw: RawFields) -> Result<FieldMap, TaskError> {
    let id = raw.id.unwrap_or_else(|| "id".to_string());
    let image = raw.image.filter(|s| !s.is_empty());
    let default_show = if image.is_some() { Vec::new() } else { vec!["text".to_string()] };
    let show = raw.show.unwrap_or(default_show);
    if show.is_empty() && image.is_none() {
        return Err(invalid("fields.show", msg::TASK_SHOW_EMPTY.text()));
    }
    let train = raw.train.unwrap_or_else(|| show.clone());
    let metadata = raw.metadata.unwrap_or_default();
    let gold = raw.gold.filter(|s| !s.is_empty());
    Ok(FieldMap { id, show, image, gold, train, metadata, question_gold: Vec::new() })
}

fn check_redaction(raw: RawRedaction) -> Result<Redaction, TaskError> {
    let mut presets = Vec::new();
    for (index, name) in raw.presets.iter().enumerate() {
        let Some(preset) = Preset::from_name(name) else {
            let known: Vec<&str> = Preset::ALL.iter().map(|p| p.name()).collect();
            return Err(invalid(
                &format!("redaction.presets[{index}]"),
                privacy_msg::PRIV_PRESET_UNKNOWN.fmt(&[("value", name), ("presets", &known.join(", "))]),
            ));
        };
        if presets.contains(&preset) {
            let problem = privacy_msg::PRIV_RULE_REPEATED.fmt(&[("name", name)]);
            return Err(invalid(&format!("redaction.presets[{index}]"), problem));
        }
        presets.push(preset);
    }

    let mut names: Vec<&str> = presets.iter().map(|p| p.name()).collect();
    let mut custom = Vec::new();
    for (index, rule) in raw.rules.iter().enumerate() {
        let field = format!("redaction.rules[{index}]");
        if rule.name.trim().is_empty() {
            return Err(invalid(&field, privacy_msg::PRIV_RULE_NAME_EMPTY.text()));
        }
        if names.contains(&rule.name.as_str()) {
            return Err(invalid(&field, privacy_msg::PRIV_RULE_REPEATED.fmt(&[("name", &rule.name)])));
        }
        names.push(&rule.name);
        custom.push(CustomRule {
            name: rule.name.clone(),
            pattern: rule.pattern.clone(),
            replacement: rule.replacement.clone(),
        });
    }

    let replacement = raw.replacement.as_deref().unwrap_or(DEFAULT_REPLACEMENT);
    let mut redactor = Redactor::new(&presets, &custom, replacement).map_err(|error| {
        let index = |name: &str| raw.rules.iter().position(|r| r.name == name).unwrap_or_default();
        match error {
            RuleError::InvalidPattern { rule, error } => invalid(
                &format!("redaction.rules[{}].pattern", index(&rule)),
                privacy_msg::PRIV_PATTERN_INVALID.fmt(&[("name", &rule), ("error", &error)]),
            ),
            RuleError::MatchesEmpty { rule } => invalid(
                &format!("redaction.rules[{}].pattern", index(&rule)),
                privacy_msg::PRIV_PATTERN_EMPTY.fmt(&[("name", &rule)]),
            ),
        }
    })?;
    for (name, template) in &raw.replacements {
        if !redactor.set_replacement(name, template) {
            let rules: Vec<&str> = redactor.rule_names().collect();
            let problem = privacy_msg::PRIV_UNKNOWN_RULE.fmt(&[("name", name), ("rules", &rules.join(", "))]);
            return Err(invalid(&format!("redaction.replacements.{name}"), problem));
        }
    }
    Ok(Redaction { redactor, at_import: raw.at_import })
}

/// Gold columns of the questions after the first, as `(question id, column)`.
type QuestionGold = Vec<(String, String)>;

/// Reads `question`, either one `[question]` table or a `[[question]]` array, into the
/// checked questions and the gold columns of the questions after the first.
fn check_questions(raw: toml::Value, keys: &KeyMap) -> Result<(Vec<Question>, QuestionGold), TaskError> {
    use serde::de::IntoDeserializer;
    let parse = |value: toml::Value, field: &str| {
        RawQuestion::deserialize(value.into_deserializer())
            .map_err(|err| invalid(field, qmsg::QUESTIONS_TABLE_INVALID.fmt(&[("error", &err.message())])))
    };
    let (raws, listed) = match raw {
        toml::Value::Array(values) => {
            let mut raws = Vec::with_capacity(values.len());
            for (index, value) in values.into_iter().enumerate() {
                raws.push(parse(value, &format!("question[{index}]"))?);
            }
            (raws, true)
        }
        table @ toml::Value::Table(_) => (vec![parse(table, "question")?], false),
        _ => return Err(invalid("question", qmsg::QUESTIONS_NOT_TABLE.text())),
    };
    if raws.is_empty() {
        return Err(invalid("question", qmsg::QUESTIONS_NONE.text()));
    }

    let several = raws.len() > 1;
    let mut questions: Vec<Question> = Vec::with_capacity(raws.len());
    let mut question_gold = Vec::new();
    for (index, mut raw) in raws.into_iter().enumerate() {
        let field = if listed { format!("question[{index}]") } else { "question".to_string() };
        let id = match raw.id.take() {
            Some(id) => check_question_id(&id, &format!("{field}.id"))?,
            None if several => return Err(invalid(&format!("{field}.id"), qmsg::QUESTIONS_ID_MISSING.text())),
            None => DEFAULT_QUESTION_ID.to_string(),
        };
        if questions.iter().any(|q| q.id == id) {
            return Err(invalid(&format!("{field}.id"), qmsg::QUESTIONS_ID_REPEATED.fmt(&[("id", &id)])));
        }
        match raw.gold.take().filter(|column| !column.is_empty()) {
            Some(_) if index == 0 => {
                return Err(invalid(&format!("{field}.gold"), qmsg::QUESTIONS_FIRST_GOLD.text()));
            }
            Some(column) => question_gold.push((id.clone(), column)),
            None => {}
        }
        questions.push(check_question(raw, id, &field, keys)?);
    }
    Ok((questions, question_gold))
}

/// Checks a question id: a letter, then up to 31 lowercase letters, digits, `_` or `-`,
/// so that it works unquoted as a CSV column name and a command-line value.
fn check_question_id(id: &str, field: &str) -> Result<String, TaskError> {
    let mut chars = id.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_allowed = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if !starts_with_letter || !rest_allowed || id.len() > MAX_QUESTION_ID_LEN {
        return Err(invalid(field, qmsg::QUESTIONS_ID_INVALID.fmt(&[("id", &id)])));
    }
    // The labels export names its columns `item`, then `ID` and `ID_confidence` for each
    // question, so these ids would give two columns one name.
    if id == "item" || id.ends_with("_confidence") {
        return Err(invalid(field, qmsg::QUESTIONS_ID_RESERVED.fmt(&[("id", &id)])));
    }
    Ok(id.to_string())
}

/// Checks one question; `field` is how errors name it (`question` or `question[N]`).
fn check_question(raw: RawQuestion, id: String, field: &str, keys: &KeyMap) -> Result<Question, TaskError> {
    if raw.labels.len() < 2 {
        return Err(invalid(&format!("{field}.labels"), msg::TASK_LABELS_TOO_FEW.text()));
    }

    let mut explicit_keys = HashSet::new();
    let mut parsed = Vec::new();
    for (index, label) in raw.labels.into_iter().enumerate() {
        let label_field = format!("{field}.labels[{index}]");
        let (value, key, display, display_zh) = match label {
            RawLabel::Plain(value) => (value, None, None, None),
            RawLabel::Full { value, key, display, display_zh } => (value, key, display, display_zh),
        };
        if value.trim().is_empty() {
            return Err(invalid(&label_field, msg::TASK_LABEL_EMPTY.text()));
        }
        let key = match key {
            Some(text) => Some(parse_key(&label_field, &text, keys)?),
            None => None,
        };
        if let Some(k) = key
            && !explicit_keys.insert(k)
        {
            return Err(invalid(&label_field, msg::TASK_LABEL_KEY_TAKEN.fmt(&[("key", &k)])));
        }
        parsed.push((value, key, display, display_zh));
    }

    let mut spare = DEFAULT_LABEL_KEYS.chars().filter(|c| !explicit_keys.contains(c) && keys.action_for(*c).is_none());
    let mut values = HashSet::new();
    let mut labels = Vec::new();
    for (index, (value, key, display, display_zh)) in parsed.into_iter().enumerate() {
        if !values.insert(value.clone()) {
            return Err(invalid(
                &format!("{field}.labels[{index}]"),
                msg::TASK_LABEL_REPEATED.fmt(&[("value", &value)]),
            ));
        }
        let key = match key {
            Some(k) => k,
            None => {
                spare.next().ok_or_else(|| invalid(&format!("{field}.labels"), msg::TASK_LABELS_OUT_OF_KEYS.text()))?
            }
        };
        let display = Localized { en: display.unwrap_or_else(|| value.clone()), zh: display_zh };
        labels.push(LabelChoice { value, display, key });
    }

    Ok(Question { id, prompt: Localized { en: raw.prompt, zh: raw.prompt_zh }, labels })
}

fn parse_key(field: &str, text: &str, keys: &KeyMap) -> Result<char, TaskError> {
    let mut chars = text.chars();
    let (Some(key), None) = (chars.next(), chars.next()) else {
        return Err(invalid(field, msg::TASK_KEY_LENGTH.fmt(&[("key", &text)])));
    };
    if let Some(action) = keys.action_for(key) {
        let problem = crate::i18n::catalogue::terminal::TERM_KEY_LABEL_CLASH.fmt(&[
            ("key", &key),
            ("action", &action.name()),
            ("reserved", &keys.keys_text()),
        ]);
        return Err(invalid(field, problem));
    }
    if key.is_whitespace() || key.is_control() {
        return Err(invalid(
            field,
            msg::TASK_KEY_RESERVED.fmt(&[("key", &key.escape_debug()), ("reserved", &keys.keys_text())]),
        ));
    }
    Ok(key)
}

fn check_model(raw: RawModel) -> Result<ModelSettings, TaskError> {
    let defaults = ModelSettings::default();
    let folds = raw.folds.unwrap_or(defaults.folds as i64);
    if !(2..=50).contains(&folds) {
        return Err(invalid("model.folds", msg::TASK_FOLDS_RANGE.fmt(&[("value", &folds)])));
    }
    let word_ngrams = raw.word_ngrams.map(|[a, b]| (a, b)).unwrap_or(defaults.word_ngrams);
    let char_ngrams = raw.char_ngrams.map(|[a, b]| (a, b)).unwrap_or(defaults.char_ngrams);
    for (field, (lo, hi)) in [("model.word_ngrams", word_ngrams), ("model.char_ngrams", char_ngrams)] {
        if lo > hi || hi > 8 {
            return Err(invalid(field, msg::TASK_NGRAMS_RANGE.fmt(&[("lo", &lo), ("hi", &hi)])));
        }
    }
    if word_ngrams.1 == 0 && char_ngrams.1 == 0 {
        return Err(invalid("model.word_ngrams", msg::TASK_NGRAMS_OFF.text()));
    }
    let alpha = raw.alpha.unwrap_or(defaults.alpha);
    if !(alpha.is_finite() && alpha >= 0.0) {
        return Err(invalid("model.alpha", msg::TASK_ALPHA_INVALID.fmt(&[("value", &alpha)])));
    }
    let kind = match raw.kind.as_deref() {
        None => defaults.kind,
        Some("logistic") => ModelKind::Logistic,
        Some("naive-bayes") => ModelKind::NaiveBayes,
        Some("linear-svm") => ModelKind::LinearSvm,
        Some(other) => {
            return Err(invalid("model.kind", learn::LEARN_TASK_KIND_UNKNOWN.fmt(&[("value", &other)])));
        }
    };
    let backend = match raw.backend.as_deref() {
        None | Some("linfa") => Backend::Linfa,
        Some("torch") => Backend::Torch,
        Some(other) => {
            return Err(invalid("model.backend", torch_msg::TORCH_BACKEND_UNKNOWN.fmt(&[("value", &other)])));
        }
    };
    let device = match raw.device.as_deref() {
        None | Some("auto") => TorchDevice::Auto,
        Some("cpu") => TorchDevice::Cpu,
        Some("cuda") => TorchDevice::Cuda,
        Some(other) => return Err(invalid("model.device", torch_msg::TORCH_DEVICE_UNKNOWN.fmt(&[("value", &other)]))),
    };
    // Counts of 0 would train nothing; the upper bounds catch typos that would run for days.
    let count = |field: &str, value: Option<usize>, default: usize, max: usize| match value.unwrap_or(default) {
        n if (1..=max).contains(&n) => Ok(n),
        n => Err(invalid(field, torch_msg::TORCH_COUNT_RANGE.fmt(&[("value", &n), ("max", &max)]))),
    };
    let hidden = count("model.hidden", raw.hidden, defaults.hidden, 65_536)?;
    let epochs = count("model.epochs", raw.epochs, defaults.epochs, 100_000)?;
    let batch_size = count("model.batch_size", raw.batch_size, defaults.batch_size, 1_000_000)?;
    let learning_rate = raw.learning_rate.unwrap_or(defaults.learning_rate);
    if !(learning_rate.is_finite() && learning_rate > 0.0) {
        let problem = torch_msg::TORCH_LEARNING_RATE_INVALID.fmt(&[("value", &learning_rate)]);
        return Err(invalid("model.learning_rate", problem));
    }
    let dropout = raw.dropout.unwrap_or(defaults.dropout);
    if !(0.0..1.0).contains(&dropout) {
        return Err(invalid("model.dropout", torch_msg::TORCH_DROPOUT_INVALID.fmt(&[("value", &dropout)])));
    }
    Ok(ModelSettings {
        folds: folds as u32,
        seed: raw.seed.unwrap_or(defaults.seed),
        word_ngrams,
        char_ngrams,
        alpha,
        max_iterations: raw.max_iterations.unwrap_or(defaults.max_iterations).max(1),
        max_features: raw.max_features.unwrap_or(defaults.max_features).clamp(1, 1_000_000),
        kind,
        soft_labels: raw.soft_labels.unwrap_or(defaults.soft_labels),
        backend,
        device,
        hidden,
        epochs,
        batch_size,
        learning_rate,
        dropout,
    })
}

/// The `quorum.toml` written by `quorum init DIR` without `--from`: a one-question text
/// task that the user edits.
pub const DEFAULT_TOML: &str = r#"# Quorum task spec. Edit it, then run `quorum import FILE` and `quorum annotate`.

[task]
name = "my-task"
instructions = """
Read the text and pick the label that fits best.
Press the label's key to answer, u to undo, s to skip, ? for help, q to quit.
"""
instructions_zh = """
阅读文本，选出最合适的标签。
按标签对应的键作答，u 撤销，s 跳过，? 查看帮助，q 退出。
"""
# Distinct annotators wanted per item.
redundancy = 2
# Seconds an item stays reserved for the annotator it was handed to.
lease_seconds = 120
# Queue order: "sequential" (file order) or "random" (seeded by `seed`), fixed at import,
# or "priority" (highest priority first, set by a model step; file order otherwise),
# or "uncertainty" (what the active model is least sure of first, by `uncertainty`:
# "margin", "least-confidence" or "entropy").
order = "random"
seed = 1
# Share of each annotator's items taken from the gold items (those with a `gold` value).
# Gold items count toward `redundancy` like any other item.
gold_rate = 0.1
# Show the expected answer after an annotator answers a gold item.
gold_feedback = false
# Let annotators see the team's agreement figures (leads and reviewers always do).
show_agreement_to_annotators = true
# Whether reviewers see annotator names when they adjudicate (leads always do).
show_names_to_reviewers = false
# Show the active model's guess on the annotation screen. Off by default, because a
# visible guess pulls answers towards it.
suggestions = false

[fields]
id = "id"          # column with a unique item id
show = ["text"]    # columns shown to the annotator, in order
# gold = "gold"    # column with known answers, if any
# image = "image"  # column with an image path relative to this directory

[question]
prompt = "Is this text positive, negative or neutral?"
prompt_zh = "这段文本是正面、负面还是中性？"
labels = [
  { value = "positive", key = "1", display_zh = "正面" },
  { value = "negative", key = "2", display_zh = "负面" },
  { value = "neutral", key = "3", display_zh = "中性" },
]

[model]
folds = 5
seed = 0
word_ngrams = [1, 2]
char_ngrams = [0, 0]

# Action keys can be moved; a label key may not be one of the keys in use.
# Names: undo skip next prev top agreement_panel agreement annotators review refresh
# jobs help instructions quit question.
# [keys]
# skip = "x"
"#;

/// Counts per label value, in the order of the question's labels; used by several screens.
pub fn label_counts<'a>(question: &Question, values: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = question.labels.iter().map(|l| (l.value.clone(), 0)).collect();
    for value in values {
        *counts.entry(value.to_string()).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_toml_parses() {
        let spec = TaskSpec::from_toml(DEFAULT_TOML).expect("the shipped default must parse");
        assert_eq!(spec.redundancy, 2);
        assert_eq!(spec.question().labels.len(), 3);
        assert_eq!(spec.question().label_for_key('2').map(|l| l.value.as_str()), Some("negative"));
        assert_eq!(spec.fields.train, vec!["text".to_string()]);
    }

    #[test]
    fn labels_get_default_keys() {
        let spec = TaskSpec::from_toml("[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b','c']\n").unwrap();
        let keys: Vec<char> = spec.question().labels.iter().map(|l| l.key).collect();
        assert_eq!(keys, vec!['1', '2', '3']);
    }

    #[test]
    fn reserved_key_rejected() {
        let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=[{value='a',key='q'},'b']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question.labels[0]"), "{err}");
        assert!(err.contains("`quit`"), "{err}");
    }

    #[test]
    fn moved_action_key_frees_the_old_one_for_labels() {
        let text = "[task]\nname='x'\n[keys]\nquit='x'\n[question]\nprompt='p'\nlabels=[{value='a',key='q'},'b']\n";
        let spec = TaskSpec::from_toml(text).unwrap();
        assert_eq!(spec.question().labels[0].key, 'q');
        assert_eq!(spec.keys.key(KeyAction::Quit), 'x');
    }

    #[test]
    fn action_key_clashing_with_label_names_both() {
        let text = "[task]\nname='x'\n[keys]\nskip='1'\n[question]\nprompt='p'\nlabels=[{value='a',key='1'},'b']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question.labels[0]") && err.contains("`skip`") && err.contains("'1'"), "{err}");
    }

    #[test]
    fn default_label_keys_skip_moved_action_keys() {
        let text = "[task]\nname='x'\n[keys]\nundo='1'\n[question]\nprompt='p'\nlabels=['a','b']\n";
        let spec = TaskSpec::from_toml(text).unwrap();
        let keys: Vec<char> = spec.question().labels.iter().map(|l| l.key).collect();
        assert_eq!(keys, vec!['2', '3']);
    }

    #[test]
    fn duplicate_value_rejected() {
        let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','a']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("repeats the value `a`"), "{err}");
    }

    #[test]
    fn redundancy_out_of_range_rejected() {
        let text = "[task]\nname='x'\nredundancy=0\n[question]\nprompt='p'\nlabels=['a','b']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("task.redundancy"), "{err}");
    }

    #[test]
    fn default_toml_sets_team_settings() {
        let spec = TaskSpec::from_toml(DEFAULT_TOML).unwrap();
        assert_eq!(spec.gold_rate, Some(0.1));
        assert!(!spec.gold_feedback);
        assert!(spec.show_agreement_to_annotators);
        assert!(!spec.roles.is_enabled(), "init adds the lead, not the default text");
    }

    #[test]
    fn team_settings_default_when_absent() {
        let spec = TaskSpec::from_toml("[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n").unwrap();
        assert_eq!(spec.gold_rate, None);
        assert!(spec.show_agreement_to_annotators);
        assert!(spec.permits("anyone", Permission::ActAsOther), "no leads listed: roles are off");
    }

    #[test]
    fn gold_rate_out_of_range_rejected() {
        let text = "[task]\nname='x'\ngold_rate=1.5\n[question]\nprompt='p'\nlabels=['a','b']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("task.gold_rate"), "{err}");
    }

    #[test]
    fn priority_order_parses() {
        let text = "[task]\nname='x'\norder='priority'\n[question]\nprompt='p'\nlabels=['a','b']\n";
        assert_eq!(TaskSpec::from_toml(text).unwrap().order, Order::Priority);
    }

    #[test]
    fn blank_role_name_rejected() {
        let text = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n[roles]\nleads=[' ']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("roles.leads[0]"), "{err}");
    }

    #[test]
    fn with_lead_appends_roles_once() {
        let text = with_lead(DEFAULT_TOML, "li \"wei\"");
        let spec = TaskSpec::from_toml(&text).unwrap();
        assert_eq!(spec.roles.leads, vec!["li \"wei\"".to_string()]);
        assert_eq!(with_lead(&text, "other"), text, "an existing [roles] table is kept");
    }

    #[test]
    fn model_kind_parsed() {
        let base = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n";
        let default = TaskSpec::from_toml(base).expect("no [model]");
        assert_eq!(default.model.kind, ModelKind::Logistic);
        let bayes = TaskSpec::from_toml(&format!("{base}[model]\nkind='naive-bayes'\n")).expect("naive-bayes");
        assert_eq!(bayes.model.kind, ModelKind::NaiveBayes);
        let err = TaskSpec::from_toml(&format!("{base}[model]\nkind='svm'\n")).unwrap_err().to_string();
        assert!(err.contains("model.kind"), "{err}");
        assert!(err.contains("naive-bayes"), "{err}");
    }

    #[test]
    fn torch_settings_parsed_and_checked() {
        let base = "[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n";
        let default = TaskSpec::from_toml(base).expect("no [model]");
        assert_eq!(default.model.backend, Backend::Linfa);
        assert_eq!(default.model.device, TorchDevice::Auto);

        let text = format!("{base}[model]\nbackend='torch'\ndevice='cpu'\nhidden=16\nepochs=3\nlearning_rate=0.01\n");
        let torch = TaskSpec::from_toml(&text).expect("torch settings");
        assert_eq!(torch.model.backend, Backend::Torch);
        assert_eq!(torch.model.device, TorchDevice::Cpu);
        assert_eq!((torch.model.hidden, torch.model.epochs), (16, 3));

        for (line, field) in [
            ("backend='tensorflow'", "model.backend"),
            ("device='tpu'", "model.device"),
            ("epochs=0", "model.epochs"),
            ("learning_rate=-1.0", "model.learning_rate"),
            ("dropout=1.0", "model.dropout"),
        ] {
            let err = TaskSpec::from_toml(&format!("{base}[model]\n{line}\n")).unwrap_err().to_string();
            assert!(err.contains(field), "{line}: {err}");
        }
    }

    #[test]
    fn unknown_field_rejected() {
        let text = "[task]\nname='x'\nredundancy=2\ncolour='red'\n[question]\nprompt='p'\nlabels=['a','b']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("colour"), "{err}");
    }

    const TWO_QUESTIONS: &str = "[task]\nname='x'\n[fields]\ngold='g'\n\
        [[question]]\nid='topic'\nprompt='Topic?'\nlabels=['a','b']\n\
        [[question]]\nid='funny'\nprompt='Funny?'\nprompt_zh='好笑吗？'\ngold='funny_gold'\nlabels=['yes','no']\n";

    #[test]
    fn single_question_table_gets_default_id() {
        let spec = TaskSpec::from_toml("[task]\nname='x'\n[question]\nprompt='p'\nlabels=['a','b']\n").unwrap();
        assert_eq!(spec.questions.len(), 1);
        assert_eq!(spec.question().id, DEFAULT_QUESTION_ID);
        assert!(!spec.has_several_questions());
    }

    #[test]
    fn question_array_parses_in_order() {
        let spec = TaskSpec::from_toml(TWO_QUESTIONS).unwrap();
        assert_eq!(spec.question_ids(), vec!["topic".to_string(), "funny".to_string()]);
        assert_eq!(spec.question().id, "topic");
        assert_eq!(spec.questions[1].prompt.zh.as_deref(), Some("好笑吗？"));
        assert!(spec.has_several_questions());
    }

    #[test]
    fn question_gold_columns_recorded() {
        let spec = TaskSpec::from_toml(TWO_QUESTIONS).unwrap();
        assert_eq!(spec.fields.gold.as_deref(), Some("g"));
        assert_eq!(spec.fields.question_gold, vec![("funny".to_string(), "funny_gold".to_string())]);
        assert!(spec.fields.non_text_columns().contains(&"funny_gold"), "redaction must leave gold alone");
    }

    #[test]
    fn label_keys_may_repeat_across_questions() {
        let spec = TaskSpec::from_toml(TWO_QUESTIONS).unwrap();
        assert_eq!(spec.questions[0].labels[0].key, '1');
        assert_eq!(spec.questions[1].labels[0].key, '1');
    }

    #[test]
    fn label_key_repeated_within_question_rejected() {
        let text = "[task]\nname='x'\n[[question]]\nid='a'\nprompt='p'\nlabels=['x','y']\n\
            [[question]]\nid='b'\nprompt='p'\nlabels=[{value='x',key='5'},{value='y',key='5'}]\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question[1].labels[1]"), "{err}");
    }

    #[test]
    fn label_key_clashing_with_action_names_question() {
        let text = "[task]\nname='x'\n[[question]]\nid='a'\nprompt='p'\nlabels=['x','y']\n\
            [[question]]\nid='b'\nprompt='p'\nlabels=[{value='x',key='q'},'y']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question[1].labels[0]"), "{err}");
        assert!(err.contains("`quit`"), "{err}");
    }

    #[test]
    fn question_id_required_when_several() {
        let text = "[task]\nname='x'\n[[question]]\nid='a'\nprompt='p'\nlabels=['x','y']\n\
            [[question]]\nprompt='p'\nlabels=['x','y']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question[1].id"), "{err}");
    }

    #[test]
    fn single_listed_question_needs_no_id() {
        let text = "[task]\nname='x'\n[[question]]\nprompt='p'\nlabels=['x','y']\n";
        let spec = TaskSpec::from_toml(text).unwrap();
        assert_eq!(spec.question().id, DEFAULT_QUESTION_ID);
    }

    #[test]
    fn question_id_repeated_rejected() {
        let text = "[task]\nname='x'\n[[question]]\nid='a'\nprompt='p'\nlabels=['x','y']\n\
            [[question]]\nid='a'\nprompt='p'\nlabels=['x','y']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question[1].id"), "{err}");
        assert!(err.contains("`a`"), "{err}");
    }

    #[test]
    fn question_id_cannot_be_export_column() {
        for reserved in ["item", "topic_confidence"] {
            let text = format!("[task]\nname='x'\n[[question]]\nid='{reserved}'\nprompt='p'\nlabels=['x','y']\n");
            let err = TaskSpec::from_toml(&text).unwrap_err().to_string();
            assert!(err.contains("question[0].id") && err.contains(reserved), "{reserved}: {err}");
        }
    }

    #[test]
    fn question_id_must_be_slug() {
        for bad in ["Topic", "1st", "has space", "", "a.b", "ä", &"x".repeat(33)] {
            let text = format!("[task]\nname='x'\n[[question]]\nid='{bad}'\nprompt='p'\nlabels=['x','y']\n");
            let err = TaskSpec::from_toml(&text).unwrap_err().to_string();
            assert!(err.contains("question[0].id"), "{bad}: {err}");
        }
        for good in ["a", "is-funny", "topic_2"] {
            let text = format!("[task]\nname='x'\n[[question]]\nid='{good}'\nprompt='p'\nlabels=['x','y']\n");
            assert_eq!(TaskSpec::from_toml(&text).unwrap().question().id, good);
        }
    }

    #[test]
    fn gold_on_first_question_rejected() {
        let text = "[task]\nname='x'\n[[question]]\nid='a'\ngold='g'\nprompt='p'\nlabels=['x','y']\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question[0].gold"), "{err}");
        assert!(err.contains("[fields] gold"), "{err}");
    }

    #[test]
    fn unknown_question_field_named() {
        let text = "[task]\nname='x'\n[[question]]\nid='a'\nprompt='p'\nlabels=['x','y']\ncolour='red'\n";
        let err = TaskSpec::from_toml(text).unwrap_err().to_string();
        assert!(err.contains("question[0]"), "{err}");
        assert!(err.contains("colour"), "{err}");
    }

    #[test]
    fn empty_question_list_rejected() {
        let err = TaskSpec::from_toml("[task]\nname='x'\nquestion=[]\n").unwrap_err().to_string();
        assert!(err.contains("`question`"), "{err}");
    }

    #[test]
    fn find_question_lists_ids_when_unknown() {
        let spec = TaskSpec::from_toml(TWO_QUESTIONS).unwrap();
        assert_eq!(spec.find_question(None).unwrap().id, "topic");
        assert_eq!(spec.find_question(Some("funny")).unwrap().id, "funny");
        let err = spec.find_question(Some("mood")).unwrap_err();
        assert!(err.contains("mood"), "{err}");
        assert!(err.contains("topic, funny"), "{err}");
    }
}
