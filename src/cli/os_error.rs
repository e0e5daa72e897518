//! Operating-system error reasons in the user's language.
//!
//! `std::io::Error` prints the C library's English text ("No such file or directory").
//! Where an error chain carries one, the printer swaps that text for a catalogue
//! reason, keeping the OS error number so the original can still be looked up.

use crate::i18n::catalogue::terminal as msg;
use crate::i18n::{Lang, Msg};
use std::io::{self, ErrorKind};

/// The catalogue reason for an I/O error kind, if it has one.
fn reason(kind: ErrorKind) -> Option<Msg> {
    let message = match kind {
        ErrorKind::NotFound => msg::TERM_OS_NOT_FOUND,
        ErrorKind::PermissionDenied => msg::TERM_OS_PERMISSION_DENIED,
        ErrorKind::AlreadyExists => msg::TERM_OS_ALREADY_EXISTS,
        ErrorKind::IsADirectory => msg::TERM_OS_IS_A_DIRECTORY,
        ErrorKind::NotADirectory => msg::TERM_OS_NOT_A_DIRECTORY,
        ErrorKind::StorageFull => msg::TERM_OS_STORAGE_FULL,
        ErrorKind::ReadOnlyFilesystem => msg::TERM_OS_READ_ONLY,
        ErrorKind::DirectoryNotEmpty => msg::TERM_OS_DIRECTORY_NOT_EMPTY,
        ErrorKind::InvalidFilename => msg::TERM_OS_INVALID_FILENAME,
        ErrorKind::BrokenPipe => msg::TERM_OS_BROKEN_PIPE,
        ErrorKind::Interrupted => msg::TERM_OS_INTERRUPTED,
        ErrorKind::TimedOut => msg::TERM_OS_TIMED_OUT,
        ErrorKind::UnexpectedEof => msg::TERM_OS_UNEXPECTED_EOF,
        ErrorKind::OutOfMemory => msg::TERM_OS_OUT_OF_MEMORY,
        _ => return None,
    };
    Some(message)
}

/// The error's reason in `lang`: the catalogue text with the OS error number, or the
/// error's own text where the catalogue has nothing better.
pub fn describe(error: &io::Error, lang: Lang) -> String {
    match (lang, reason(error.kind())) {
        (Lang::En, _) | (_, None) => error.to_string(),
        (_, Some(message)) => match error.raw_os_error() {
            Some(code) => crate::i18n::fill(
                msg::TERM_OS_WITH_CODE.text_in(lang),
                &[("reason", &message.text_in(lang)), ("code", &code)],
            ),
            None => message.text_in(lang).to_string(),
        },
    }
}

/// Replaces the English text of every I/O error in `chain` found inside `text`.
pub fn localize(text: &str, chain: &anyhow::Error, lang: Lang) -> String {
    let mut out = text.to_string();
    for cause in chain.chain() {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            out = out.replace(&io.to_string(), &describe(io, lang));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_in_chinese_keeps_the_number() {
        let error = io::Error::from_raw_os_error(2);
        let text = describe(&error, Lang::ZhCn);
        assert!(text.contains(msg::TERM_OS_NOT_FOUND.zh), "{text}");
        assert!(text.contains('2'), "{text}");
        assert_eq!(describe(&error, Lang::En), error.to_string());
    }
}
