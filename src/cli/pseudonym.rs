//! Pseudonyms for annotator names in exports: a keyed hash with a per-project secret.
//!
//! The pseudonym of a name is `ann-` and the first 8 hex digits (32 bits) of
//! HMAC-SHA-256(secret, name). The secret is 32 random bytes in `.quorum/secret` inside
//! the project, created on first use with mode 0600. The same name therefore gets the same
//! pseudonym in every export of one project and an unrelated one in another project.
//! Whoever holds the secret can recompute the pseudonym of any name they guess, so the
//! secret must stay with the project lead (docs/security.md).

use crate::i18n::catalogue::privacy as msg;
use crate::project::Project;
use anyhow::{Context, Result, anyhow, bail};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

const SECRET_BYTES: usize = 32;
/// Hex digits kept from the hash. With 32 bits, the birthday bound estimates the chance
/// that two of 1,000 annotators share a pseudonym at about 0.01%.
const PSEUDONYM_HEX_DIGITS: usize = 8;

/// Maps annotator names to pseudonyms with one project's secret.
pub struct Pseudonymiser {
    mac: Hmac<Sha256>,
    cache: HashMap<String, String>,
}

impl Pseudonymiser {
    /// Loads the project's secret, creating it first when there is none.
    pub fn for_project(project: &Project) -> Result<Pseudonymiser> {
        let path = project.secret_path();
        let secret = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => create_secret(&project.root, &path)?,
            Err(error) => bail!(msg::PRIV_SECRET_UNREADABLE.fmt(&[("path", &path.display()), ("error", &error)])),
        };
        Pseudonymiser::with_secret(&secret)
            .ok_or_else(|| anyhow!(msg::PRIV_SECRET_INVALID.fmt(&[("path", &path.display()), ("n", &secret.len())])))
    }

    /// Builds a pseudonymiser from a secret of exactly 32 bytes.
    pub fn with_secret(secret: &[u8]) -> Option<Pseudonymiser> {
        if secret.len() != SECRET_BYTES {
            return None;
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret).ok()?;
        Some(Pseudonymiser { mac, cache: HashMap::new() })
    }

    /// Returns the pseudonym of `name`, such as `ann-3f9a1c2b`.
    pub fn pseudonym(&mut self, name: &str) -> String {
        if let Some(known) = self.cache.get(name) {
            return known.clone();
        }
        let mut mac = self.mac.clone();
        mac.update(name.as_bytes());
        let digest = mac.finalize().into_bytes();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let pseudonym = format!("ann-{}", &hex[..PSEUDONYM_HEX_DIGITS]);
        self.cache.insert(name.to_string(), pseudonym.clone());
        pseudonym
    }
}

/// Writes 32 fresh random bytes to `path` with mode 0600 and returns them. When another
/// process created the secret meanwhile, its secret is read and returned instead, so two
/// exports started together agree.
fn create_secret(root: &Path, path: &Path) -> Result<Vec<u8>> {
    let cannot_create = |error: &dyn std::fmt::Display| {
        msg::PRIV_SECRET_CANNOT_CREATE.fmt(&[("path", &path.display()), ("error", error)])
    };
    let dir = path.parent().expect("the secret path has a parent");
    fs::create_dir_all(dir).map_err(|e| anyhow!(cannot_create(&e)))?;

    let mut secret = vec![0u8; SECRET_BYTES];
    getrandom::fill(&mut secret).map_err(|e| anyhow!(msg::PRIV_SECRET_NO_RANDOM.fmt(&[("error", &e)])))?;

    // Written whole under a temporary name, then hard-linked into place: a link fails when
    // the secret exists, so no process ever reads a half-written secret or replaces one.
    let temporary = dir.join(format!("secret.{}.partial", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&temporary).and_then(|mut file| {
        file.write_all(&secret)?;
        file.sync_all()
    });
    written.map_err(|e| anyhow!(cannot_create(&e)))?;
    let linked = fs::hard_link(&temporary, path);
    let _ = fs::remove_file(&temporary);
    match linked {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return fs::read(path)
                .map_err(|e| anyhow!(msg::PRIV_SECRET_UNREADABLE.fmt(&[("path", &path.display()), ("error", &e)])));
        }
        Err(error) => bail!(cannot_create(&error)),
    }
    tracing::info!(path = %path.display(), "created the pseudonym secret");

    ignore_in_git(root, path)?;
    Ok(secret)
}

/// Adds the secret's directory to the project's `.gitignore`, when the project has one,
/// so that the secret is not committed with the project.
fn ignore_in_git(root: &Path, secret: &Path) -> Result<()> {
    let gitignore = root.join(".gitignore");
    let Ok(text) = fs::read_to_string(&gitignore) else { return Ok(()) };
    let Some(dir) = secret.parent().and_then(|d| d.strip_prefix(root).ok()) else { return Ok(()) };
    let entry = format!("/{}/", dir.display());
    if text.lines().any(|line| line.trim() == entry || line.trim() == entry.trim_start_matches('/')) {
        return Ok(());
    }
    let separator = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
    fs::write(&gitignore, format!("{text}{separator}{entry}\n"))
        .with_context(|| crate::i18n::catalogue::files::FILE_CANNOT_WRITE.fmt(&[("path", &gitignore.display())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonym_is_stable_and_keyed() {
        let mut first = Pseudonymiser::with_secret(&[1; 32]).unwrap();
        let mut second = Pseudonymiser::with_secret(&[2; 32]).unwrap();
        let id = first.pseudonym("张伟");
        assert!(id.starts_with("ann-") && id.len() == 12, "{id}");
        assert_eq!(first.pseudonym("张伟"), id);
        assert_ne!(first.pseudonym("li"), id);
        assert_ne!(second.pseudonym("张伟"), id);
    }

    #[test]
    fn short_secret_rejected() {
        assert!(Pseudonymiser::with_secret(&[0; 16]).is_none());
    }
}
