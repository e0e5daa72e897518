//! clap's own words in Chinese: help headings, the help and version flags, possible
//! values and environment notes, and the usage errors clap reports.
//!
//! clap writes these in English only. For `--help` each command gets a help template
//! with catalogue headings and its own help and version flags; for errors the kind and
//! context values clap found (the argument, the value, the suggestion) are put into a
//! catalogue message. English keeps clap's own output unchanged.

use crate::i18n::catalogue::terminal as msg;
use crate::i18n::{Lang, fill};
use clap::error::{ContextKind, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Rewrites clap's words in `command` and its subcommands for `lang`.
pub fn localize(command: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return command;
    }
    let version = msg::TERM_CLAP_PRINT_VERSION.text_in(lang);
    let command = command
        .disable_version_flag(true)
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(version));
    // clap adds its `help` subcommand while building, so it is built first and then
    // given its words like every other command.
    let mut command = localize_one(command, lang);
    command.build();
    command.mut_subcommand("help", |help| help.about(msg::TERM_CLAP_HELP_COMMAND.text_in(lang)))
}

fn localize_one(mut command: Command, lang: Lang) -> Command {
    let ids: Vec<String> = command.get_arguments().map(|arg| arg.get_id().to_string()).collect();
    for id in ids {
        command = command.mut_arg(id, |arg| localize_arg(arg, lang));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| localize_one(sub, lang));
    }
    let template = help_template(&command, lang);
    command
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(msg::TERM_CLAP_PRINT_HELP.text_in(lang)),
        )
        .help_template(template)
}

/// Moves an argument's possible values and environment variable into its help text,
/// where they are written in `lang`.
fn localize_arg(arg: Arg, lang: Lang) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut help = arg.get_help().map(|text| text.to_string()).unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_string())
        .collect();
    if !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&fill(msg::TERM_CLAP_POSSIBLE_VALUES.text_in(lang), &[("values", &values.join(", "))]));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&fill(msg::TERM_CLAP_DEFAULT.text_in(lang), &[("value", &defaults.join(", "))]));
    }
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        help.push_str(&fill(msg::TERM_CLAP_ENV.text_in(lang), &[("name", &env.to_string_lossy())]));
    }
    arg.help(help).hide_possible_values(true).hide_env(true).hide_default_value(true)
}

/// A help page laid out like clap's, with the headings in `lang` and only the
/// sections the command has.
fn help_template(command: &Command, lang: Lang) -> String {
    let mut template =
        format!("{{before-help}}{{about-with-newline}}\n{} {{usage}}\n", msg::TERM_CLAP_USAGE.text_in(lang));
    if command.get_positionals().next().is_some() {
        template.push_str(&format!("\n{}\n{{positionals}}\n", msg::TERM_CLAP_ARGUMENTS.text_in(lang)));
    }
    template.push_str(&format!("\n{}\n{{options}}\n", msg::TERM_CLAP_OPTIONS.text_in(lang)));
    if command.has_subcommands() {
        template.push_str(&format!("\n{}\n{{subcommands}}\n", msg::TERM_CLAP_COMMANDS.text_in(lang)));
    }
    template.push_str("{after-help}");
    template
}

/// The text of a clap usage error in `lang`, or `None` where clap's own output is
/// right: English, and help or version pages, which are already localised.
pub fn error_text(error: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    let context = |kind: ContextKind| error.get(kind).map(|value| value.to_string()).unwrap_or_default();
    let arg = context(ContextKind::InvalidArg);
    let text = match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::UnknownArgument => fill(msg::TERM_CLAP_UNKNOWN_ARGUMENT.text_in(lang), &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => {
            fill(msg::TERM_CLAP_UNKNOWN_SUBCOMMAND.text_in(lang), &[("name", &context(ContextKind::InvalidSubcommand))])
        }
        ErrorKind::MissingRequiredArgument => fill(msg::TERM_CLAP_MISSING_ARGUMENT.text_in(lang), &[("args", &arg)]),
        ErrorKind::MissingSubcommand => fill(msg::TERM_CLAP_MISSING_SUBCOMMAND.text_in(lang), &[]),
        ErrorKind::InvalidValue => fill(
            msg::TERM_CLAP_INVALID_VALUE.text_in(lang),
            &[
                ("arg", &arg),
                ("value", &context(ContextKind::InvalidValue)),
                ("valid", &context(ContextKind::ValidValue)),
            ],
        ),
        ErrorKind::ValueValidation => fill(
            msg::TERM_CLAP_VALUE_REFUSED.text_in(lang),
            &[("arg", &arg), ("value", &context(ContextKind::InvalidValue))],
        ),
        ErrorKind::ArgumentConflict => {
            fill(msg::TERM_CLAP_CONFLICT.text_in(lang), &[("arg", &arg), ("other", &context(ContextKind::PriorArg))])
        }
        _ => fill(msg::TERM_CLAP_BAD_USAGE.text_in(lang), &[("arg", &arg)]),
    };
    let mut lines = vec![format!("{}: {text}", crate::i18n::catalogue::common::ERROR_PREFIX.text_in(lang))];
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand, ContextKind::SuggestedValue] {
        let suggestion = context(kind);
        if !suggestion.is_empty() {
            lines.push(fill(msg::TERM_CLAP_SUGGESTION.text_in(lang), &[("suggestion", &suggestion)]));
        }
    }
    lines.push(msg::TERM_CLAP_MORE_HELP.text_in(lang).to_string());
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh_command() -> Command {
        crate::cli::help_text::localized_command_in(Lang::ZhCn)
    }

    #[test]
    fn chinese_help_has_no_english_headings() {
        let mut command = zh_command();
        command.build();
        let annotate = command.find_subcommand_mut("annotate").unwrap();
        let help = annotate.render_long_help().to_string();
        for heading in
            ["Usage:", "Options:", "Arguments:", "Commands:", "Print help", "possible values", "[env:", "[default:"]
        {
            assert!(!help.contains(heading), "{heading} in:\n{help}");
        }
        assert!(help.contains(msg::TERM_CLAP_USAGE.zh), "{help}");
    }

    #[test]
    fn unknown_argument_keeps_its_name() {
        let error = zh_command().try_get_matches_from(["quorum", "import", "--bogus", "x.csv"]).unwrap_err();
        let text = error_text(&error, Lang::ZhCn).unwrap();
        assert!(text.contains("--bogus"), "{text}");
        assert!(!text.contains("unexpected"), "{text}");
    }

    #[test]
    fn missing_argument_names_it() {
        let error = zh_command().try_get_matches_from(["quorum", "import"]).unwrap_err();
        let text = error_text(&error, Lang::ZhCn).unwrap();
        assert!(
            text.contains("<FILE>") && text.contains(msg::TERM_CLAP_MISSING_ARGUMENT.zh.split('{').next().unwrap())
        );
    }
}
