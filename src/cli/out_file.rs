//! Where a command writes a file named by `--out`.
//!
//! A regular file is written whole to a temporary sibling and then renamed into place,
//! so an interrupted command leaves no half-written file. Renaming over anything else
//! would replace it: `--out /dev/stdout` or `--out /dev/null` run as root would swap the
//! device for a plain file, and a named pipe would lose its reader. Those targets are
//! written directly instead.

use crate::i18n::catalogue::outputs::OUT_IS_INPUT_FILE;
use std::path::{Path, PathBuf};

/// The path to write to and, when it differs from the final path, the rename still due.
pub struct OutFile {
    pub write_path: PathBuf,
    rename_to: Option<PathBuf>,
}

impl OutFile {
    /// Plans the writing of `out`. A symbolic link to a regular file is followed, so the
    /// link stays and the file it points to is replaced.
    pub fn plan(out: &Path) -> OutFile {
        match std::fs::metadata(out) {
            Ok(meta) if !meta.is_file() => OutFile { write_path: out.to_path_buf(), rename_to: None },
            Ok(_) => {
                let target = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
                OutFile { write_path: partial_path(&target), rename_to: Some(target) }
            }
            Err(_) => OutFile { write_path: partial_path(out), rename_to: Some(out.to_path_buf()) },
        }
    }

    /// Returns the rename that puts the written file in place, if one is due, as `(from, to)`.
    pub fn pending_rename(&self) -> Option<(&Path, &Path)> {
        self.rename_to.as_deref().map(|to| (self.write_path.as_path(), to))
    }
}

/// Returns the temporary sibling of `target`: a hidden name with the full file name and
/// the process id, such as `.labels.csv.4242.partial`, so that it cannot be a file of the
/// user's that the rename would then carry away.
fn partial_path(target: &Path) -> PathBuf {
    let name = target.file_name().map_or_else(|| "out".into(), |name| name.to_string_lossy());
    target.with_file_name(format!(".{name}.{}.partial", std::process::id()))
}

/// Rejects an `option` path `out` that resolves to one of `inputs`, because the written
/// rows would replace the file the command reads. A path that does not exist yet
/// cannot be an input, so it passes.
///
/// NOTE: paths are compared after resolving symbolic links, so a hard link to an input
/// under another name is not caught.
pub fn reject_input_as_output(option: &str, out: &Path, inputs: &[Option<&Path>]) -> anyhow::Result<()> {
    let Ok(out_resolved) = std::fs::canonicalize(out) else {
        return Ok(());
    };
    for input in inputs.iter().flatten() {
        if std::fs::canonicalize(input).is_ok_and(|resolved| resolved == out_resolved) {
            anyhow::bail!(OUT_IS_INPUT_FILE.fmt(&[
                ("option", &option),
                ("out", &out.display()),
                ("input", &input.display()),
            ]));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_is_written_directly() {
        let plan = OutFile::plan(Path::new("/dev/null"));
        assert_eq!(plan.write_path, Path::new("/dev/null"));
        assert!(plan.pending_rename().is_none());
    }

    #[test]
    fn new_file_goes_through_partial() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("labels.csv");
        let plan = OutFile::plan(&out);
        let partial = dir.path().join(format!(".labels.csv.{}.partial", std::process::id()));
        assert_eq!(plan.write_path, partial);
        assert_eq!(plan.pending_rename(), Some((partial.as_path(), out.as_path())));
    }

    #[test]
    fn symlink_keeps_link_and_replaces_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&real, &link).unwrap();

        let plan = OutFile::plan(&link);
        let real = std::fs::canonicalize(&real).unwrap();
        assert_eq!(plan.pending_rename().map(|(_, to)| to.to_path_buf()), Some(real));
    }
}
