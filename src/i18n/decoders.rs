//! Reasons of the JSON and image decoders in the user's language.
//!
//! serde_json and the `image` crate describe a failure in English ("expected `,` or
//! `}`", "Format error decoding Png"). A message built here starts with the kind of
//! failure in the catalogue's words and keeps the decoder's own text in brackets, so a
//! reader of either language sees what failed and a bug report still has the detail.

use crate::core::sanitize::{sanitize_plain, truncate};
use crate::i18n::Msg;
use crate::i18n::catalogue::polish as msg;

/// Maximum width in columns of a decoder's text inside a message. serde_json quotes
/// parts of the input in its text, and those can be long.
const MAX_DETAIL_WIDTH: usize = 120;

/// The kind of failure serde_json reports, in words a reader can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonFailure {
    /// The text breaks the JSON grammar, such as a trailing comma.
    Syntax,
    /// The text stops inside a value.
    EndsEarly,
    /// The JSON is well formed but does not have the expected fields or types.
    WrongShape,
    /// Reading the bytes failed.
    Unreadable,
}

impl JsonFailure {
    pub fn of(error: &serde_json::Error) -> JsonFailure {
        use serde_json::error::Category;
        match error.classify() {
            Category::Syntax => JsonFailure::Syntax,
            Category::Eof => JsonFailure::EndsEarly,
            Category::Data => JsonFailure::WrongShape,
            Category::Io => JsonFailure::Unreadable,
        }
    }

    pub fn message(self) -> Msg {
        match self {
            JsonFailure::Syntax => msg::POL_JSON_SYNTAX,
            JsonFailure::EndsEarly => msg::POL_JSON_ENDS_EARLY,
            JsonFailure::WrongShape => msg::POL_JSON_WRONG_SHAPE,
            JsonFailure::Unreadable => msg::POL_JSON_UNREADABLE,
        }
    }
}

/// The kind of failure the PNG and JPEG decoders report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFailure {
    /// The bytes are not a valid image of the format the header or extension names.
    Undecodable,
    /// The format is not one this build decodes.
    Unsupported,
    /// The image is larger than the limits the decoder was given.
    OverLimits,
    /// Reading the file failed.
    Unreadable,
    /// Any other decoder failure, such as a parameter it rejects.
    DecoderFailed,
}

impl ImageFailure {
    pub fn of(error: &image::ImageError) -> ImageFailure {
        use image::ImageError;
        match error {
            ImageError::Decoding(_) => ImageFailure::Undecodable,
            ImageError::Unsupported(_) => ImageFailure::Unsupported,
            ImageError::Limits(_) => ImageFailure::OverLimits,
            ImageError::IoError(_) => ImageFailure::Unreadable,
            ImageError::Parameter(_) | ImageError::Encoding(_) => ImageFailure::DecoderFailed,
        }
    }

    pub fn message(self) -> Msg {
        match self {
            ImageFailure::Undecodable => msg::POL_IMAGE_UNDECODABLE,
            ImageFailure::Unsupported => msg::POL_IMAGE_UNSUPPORTED,
            ImageFailure::OverLimits => msg::POL_IMAGE_OVER_LIMITS,
            ImageFailure::Unreadable => msg::POL_IMAGE_UNREADABLE_FILE,
            ImageFailure::DecoderFailed => msg::POL_IMAGE_DECODER_FAILED,
        }
    }
}

/// Formats `reason` in the current language followed by the decoder's `detail` in
/// brackets. The detail is sanitised and cut, because it may quote the input.
pub fn with_detail(reason: Msg, detail: &str) -> String {
    let detail = truncate(&sanitize_plain(detail).replace('\n', " "), MAX_DETAIL_WIDTH);
    msg::POL_REASON_DETAIL.fmt(&[("reason", &reason.text()), ("detail", &detail)])
}

/// Describes a serde_json error with its position, for a file that is read whole.
pub fn json_reason(error: &serde_json::Error) -> String {
    with_detail(JsonFailure::of(error).message(), &error.to_string())
}

/// Describes an error of the `image` crate.
pub fn image_reason(error: &image::ImageError) -> String {
    with_detail(ImageFailure::of(error).message(), &error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn json_failures_classified() {
        let syntax = serde_json::from_str::<serde_json::Value>(r#"{"a":1,}"#).unwrap_err();
        assert_eq!(JsonFailure::of(&syntax), JsonFailure::Syntax);
        let cut = serde_json::from_str::<serde_json::Value>(r#"{"a":"#).unwrap_err();
        assert_eq!(JsonFailure::of(&cut), JsonFailure::EndsEarly);
        let shape = serde_json::from_str::<Vec<u8>>(r#"{"a":1}"#).unwrap_err();
        assert_eq!(JsonFailure::of(&shape), JsonFailure::WrongShape);
    }

    #[test]
    fn detail_sanitised_and_cut() {
        let text = with_detail(msg::POL_JSON_SYNTAX, &format!("bad \u{1b}[31m{}", "x".repeat(500)));
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.chars().count() < 200, "{text}");
    }

    #[test]
    fn chinese_reason_keeps_detail() {
        let error = serde_json::from_str::<serde_json::Value>("[1,").unwrap_err();
        let reason = crate::i18n::fill(
            msg::POL_REASON_DETAIL.text_in(Lang::ZhCn),
            &[("reason", &JsonFailure::of(&error).message().text_in(Lang::ZhCn)), ("detail", &error)],
        );
        assert!(reason.starts_with(msg::POL_JSON_ENDS_EARLY.zh), "{reason}");
        assert!(reason.contains("EOF"), "serde_json's own words stay as detail: {reason}");
    }
}
