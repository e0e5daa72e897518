//! A project: a directory with `quorum.toml` (the task spec) and `quorum.db` (the store).
//!
//! Commands find the project from `--project DIR` or `QUORUM_PROJECT`, else by walking up
//! from the current directory to the first directory holding a `quorum.toml`, the way
//! git finds its repository.

use crate::core::task::{DEFAULT_TOML, TaskSpec, with_lead};
use crate::i18n::catalogue::files as msg;
use crate::i18n::catalogue::questions as qmsg;
use crate::store::{AssignmentPolicy, Store};
use anyhow::{Context, Result, bail};
use std::fs;
use std::path::{Path, PathBuf};

pub const SPEC_FILE: &str = "quorum.toml";
pub const STORE_FILE: &str = "quorum.db";
/// The items file a sample task ships, imported by `quorum init --from`.
pub const SAMPLE_ITEMS_FILE: &str = "items.csv";

/// An open project: its directory and checked task spec.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub spec: TaskSpec,
    /// Id of the question that statistics, exports and models work on: the primary
    /// question unless [`Project::select_question`] picked another.
    question: String,
}

impl Project {
    /// Opens the project in `root`, reading and checking its `quorum.toml`.
    pub fn open(root: &Path) -> Result<Project> {
        let spec_path = root.join(SPEC_FILE);
        let text = fs::read_to_string(&spec_path).with_context(|| {
            msg::PROJECT_SPEC_UNREADABLE.fmt(&[("spec", &spec_path.display()), ("root", &root.display())])
        })?;
        let spec = TaskSpec::from_toml(&text).map_err(|err| anyhow::anyhow!(err.in_file(&spec_path)))?;
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let question = spec.question().id.clone();
        Ok(Project { root, spec, question })
    }

    /// Finds the project: `explicit` (from `--project` or `QUORUM_PROJECT`) when given,
    /// else the nearest directory at or above `start` holding a `quorum.toml`.
    pub fn discover(explicit: Option<&Path>, start: &Path) -> Result<Project> {
        if let Some(dir) = explicit {
            return Project::open(dir);
        }
        let mut dir = Some(start);
        while let Some(candidate) = dir {
            if candidate.join(SPEC_FILE).is_file() {
                return Project::open(candidate);
            }
            dir = candidate.parent();
        }
        bail!(msg::PROJECT_NOT_FOUND.fmt(&[("start", &start.display())]))
    }

    /// Creates a project in `dir`: from a sample task directory when `from` is given
    /// (its `quorum.toml`, README and data folders are copied in), else with the
    /// default one-question text task. Returns the project and, for a sample task, the
    /// path of its items file to import.
    pub fn init(dir: &Path, from: Option<&Path>) -> Result<(Project, Option<PathBuf>)> {
        if dir.join(SPEC_FILE).exists() {
            bail!(msg::PROJECT_EXISTS.fmt(&[("dir", &dir.display())]));
        }
        fs::create_dir_all(dir).with_context(|| msg::FILE_CANNOT_CREATE.fmt(&[("path", &dir.display())]))?;

        let items = match from {
            Some(sample) => Some(copy_sample_task(sample, dir)?),
            None => {
                fs::write(dir.join(SPEC_FILE), DEFAULT_TOML)
                    .with_context(|| msg::FILE_CANNOT_WRITE.fmt(&[("path", &dir.join(SPEC_FILE).display())]))?;
                None
            }
        };

        // The person creating the project becomes its lead, unless the spec names roles.
        let spec_path = dir.join(SPEC_FILE);
        let text = fs::read_to_string(&spec_path).with_context(|| format!("cannot read {}", spec_path.display()))?;
        fs::write(&spec_path, with_lead(&text, &login_name()))
            .with_context(|| format!("cannot write {}", spec_path.display()))?;

        let project = Project::open(dir)?;
        Store::create(&project.store_path())?;
        Ok((project, items))
    }

    pub fn store_path(&self) -> PathBuf {
        self.root.join(STORE_FILE)
    }

    /// Opens a new connection to the project's store, with the task's assignment policy
    /// and the selected question.
    pub fn store(&self) -> Result<Store> {
        let mut store = Store::open(&self.store_path())
            .with_context(|| msg::PROJECT_STORE.fmt(&[("root", &self.root.display())]))?;
        store.set_policy(AssignmentPolicy::from_spec(&self.spec));
        store.set_questions(self.spec.question_ids());
        store.select_question(&self.question);
        // Answers to a question that quorum.toml no longer lists would drop out of every
        // statistic and export without a word, so the project refuses to work until the
        // spec names that question again.
        if let Some(unlisted) = store.unlisted_answer_question()? {
            bail!(qmsg::QUESTIONS_UNLISTED_ANSWERS.fmt(&[
                ("store", &self.store_path().display()),
                ("id", &unlisted),
                ("ids", &self.spec.question_ids().join(", ")),
            ]));
        }
        Ok(store)
    }

    /// Selects the question that statistics, exports and models work on, by id; `None`
    /// selects the primary question. An unknown id is an error that lists the ids.
    pub fn select_question(&mut self, id: Option<&str>) -> Result<()> {
        let question = self.spec.find_question(id).map_err(anyhow::Error::msg)?;
        self.question = question.id.clone();
        Ok(())
    }

    /// Returns the selected question.
    pub fn question(&self) -> &crate::core::task::Question {
        self.spec.find_question(Some(&self.question)).unwrap_or_else(|_| self.spec.question())
    }

    /// Returns the path of the secret key behind pseudonymised exports.
    pub fn secret_path(&self) -> PathBuf {
        self.root.join(".quorum").join("secret")
    }

    pub fn log_dir(&self) -> PathBuf {
        self.root.join("logs")
    }

    pub fn model_dir(&self) -> PathBuf {
        self.root.join("models")
    }

    /// Returns the path the last trained model is saved to.
    pub fn model_path(&self) -> PathBuf {
        self.model_dir().join("latest.json")
    }
}

/// Copies a sample task into `dir` and returns the path of its items file there.
fn copy_sample_task(sample: &Path, dir: &Path) -> Result<PathBuf> {
    let spec = sample.join(SPEC_FILE);
    if !spec.is_file() {
        bail!(msg::SAMPLE_NO_SPEC.fmt(&[("dir", &sample.display())]));
    }
    for entry in fs::read_dir(sample).with_context(|| msg::FILE_CANNOT_READ.fmt(&[("path", &sample.display())]))? {
        let entry = entry?;
        let target = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target).with_context(|| {
                msg::FILE_CANNOT_COPY.fmt(&[("from", &entry.path().display()), ("to", &target.display())])
            })?;
        }
    }
    let items = dir.join(SAMPLE_ITEMS_FILE);
    if !items.is_file() {
        bail!(msg::SAMPLE_NO_ITEMS.fmt(&[("dir", &sample.display()), ("file", &SAMPLE_ITEMS_FILE)]));
    }
    Ok(items)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| msg::FILE_CANNOT_CREATE.fmt(&[("path", &to.display())]))?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// The annotator name when none is given: the login name, else `annotator`.
pub fn login_name() -> String {
    ["QUORUM_USER", "LOGNAME", "USER", "USERNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .or_else(passwd_name)
        .unwrap_or_else(|| "annotator".to_string())
}

/// Looks the process's real user id up in `/etc/passwd`, for sessions (cron, some
/// terminal multiplexers) that set none of the user variables.
fn passwd_name() -> Option<String> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let uid = status.lines().find_map(|line| line.strip_prefix("Uid:"))?.split_whitespace().next()?.to_string();
    let passwd = fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discover_walks_up_to_project() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        Project::init(&root, None).unwrap();
        let nested = root.join("a/b");
        fs::create_dir_all(&nested).unwrap();
        let found = Project::discover(None, &nested).unwrap();
        assert_eq!(found.root, root.canonicalize().unwrap());
    }

    #[test]
    fn discover_without_project_names_start() {
        let dir = tempfile::tempdir().unwrap();
        let err = Project::discover(None, dir.path()).unwrap_err().to_string();
        assert!(err.contains("quorum init"), "{err}");
    }

    #[test]
    fn passwd_lookup_finds_current_user() {
        let name = passwd_name().expect("the current uid has a passwd entry");
        assert!(!name.is_empty());
    }

    #[test]
    fn init_refuses_existing_project() {
        let dir = tempfile::tempdir().unwrap();
        Project::init(dir.path(), None).unwrap();
        let err = Project::init(dir.path(), None).unwrap_err().to_string();
        assert!(err.contains("already holds"), "{err}");
    }
}
