//! Localised `--help`: the clap command with every about and argument help text taken
//! from the message catalogue.
//!
//! clap's derive reads doc comments, which are English only, so the command built by
//! derive is patched here after the language is known. A test checks that every
//! subcommand and argument named below exists, because clap panics on a wrong name.

use super::Cli;
use crate::i18n::catalogue::cli as msg;
use crate::i18n::catalogue::jobs;
use crate::i18n::catalogue::learning as learn;
use crate::i18n::catalogue::privacy as privacy_msg;
use crate::i18n::catalogue::terminal as term;
use crate::i18n::{Lang, Msg};
use clap::CommandFactory;

/// `(subcommand, about, [(argument id, help)])`.
type HelpEntry = (&'static str, Msg, &'static [(&'static str, Msg)]);

const HELP: &[HelpEntry] = &[
    ("init", msg::CMD_INIT, &[("dir", msg::ARG_INIT_DIR), ("from", msg::ARG_INIT_FROM)]),
    (
        "import",
        msg::CMD_IMPORT,
        &[
            ("file", msg::ARG_IMPORT_FILE),
            ("format", msg::ARG_IMPORT_FORMAT),
            ("delimiter", msg::ARG_IMPORT_DELIMITER),
            ("encoding", msg::ARG_IMPORT_ENCODING),
            ("detach", jobs::JOB_ARG_DETACH),
        ],
    ),
    ("annotate", msg::CMD_ANNOTATE, &[("annotator", msg::ARG_AS), ("image_protocol", term::TERM_ARG_IMAGE_PROTOCOL)]),
    (
        "agree",
        msg::CMD_AGREE,
        &[
            ("labels", msg::ARG_LABELS_FILE),
            ("level", msg::ARG_LEVEL),
            ("bootstrap", msg::ARG_BOOTSTRAP),
            ("seed", msg::ARG_BOOTSTRAP_SEED),
            ("label_order", crate::i18n::catalogue::review::REV_ARG_LABEL_ORDER),
            ("pairs", crate::i18n::catalogue::stats::STAT_ARG_PAIRS),
            ("per_item", crate::i18n::catalogue::stats::STAT_ARG_PER_ITEM),
            ("json", msg::ARG_JSON),
        ],
    ),
    (
        "aggregate",
        msg::CMD_AGGREGATE,
        &[
            ("method", msg::ARG_METHOD),
            ("labels", msg::ARG_LABELS_FILE),
            ("gold", msg::ARG_GOLD_FILE),
            ("out", msg::ARG_AGG_OUT),
            ("tie", msg::ARG_TIE),
            ("seed", msg::ARG_TIE_SEED),
            ("crowd_kit_compat", crate::i18n::catalogue::stats::STAT_ARG_CROWD_KIT_COMPAT),
            ("json", msg::ARG_JSON),
        ],
    ),
    (
        "train",
        msg::CMD_TRAIN,
        &[
            ("labels_from", jobs::JOB_ARG_LABELS_FROM),
            ("with_eval", jobs::JOB_ARG_WITH_EVAL),
            ("soft_labels", jobs::JOB_ARG_SOFT_LABELS),
            ("detach", jobs::JOB_ARG_DETACH),
            ("json", msg::ARG_JSON),
        ],
    ),
    (
        "eval",
        msg::CMD_EVAL,
        &[
            ("folds", msg::ARG_FOLDS),
            ("labels_from", jobs::JOB_ARG_LABELS_FROM),
            ("soft_labels", jobs::JOB_ARG_EVAL_SOFT_LABELS),
            ("detach", jobs::JOB_ARG_DETACH),
            ("json", msg::ARG_JSON),
        ],
    ),
    (
        "predict",
        jobs::JOB_CMD_PREDICT,
        &[
            ("run", jobs::JOB_ARG_PREDICT_RUN),
            ("all", jobs::JOB_ARG_PREDICT_ALL),
            ("out", jobs::JOB_ARG_PREDICT_OUT),
            ("apply_order", jobs::JOB_ARG_APPLY_ORDER),
            ("detach", jobs::JOB_ARG_DETACH),
            ("json", msg::ARG_JSON),
        ],
    ),
    ("jobs", jobs::JOB_CMD_JOBS, &[("json", msg::ARG_JSON)]),
    ("models", jobs::JOB_CMD_MODELS, &[("json", msg::ARG_JSON)]),
    ("job-run", jobs::JOB_CMD_JOB_RUN, &[("id", jobs::JOB_ARG_ID)]),
    (
        "export",
        privacy_msg::PRIV_CMD_EXPORT,
        &[
            ("format", msg::ARG_EXPORT_FORMAT),
            ("what", privacy_msg::PRIV_ARG_EXPORT_WHAT),
            ("out", msg::ARG_EXPORT_OUT),
            ("redact", privacy_msg::PRIV_ARG_EXPORT_REDACT),
            ("pseudonymise", privacy_msg::PRIV_ARG_EXPORT_PSEUDONYMISE),
        ],
    ),
    ("redact", privacy_msg::PRIV_CMD_REDACT, &[]),
    ("status", msg::CMD_STATUS, &[("json", msg::ARG_JSON)]),
    (
        "simulate",
        msg::CMD_SIMULATE,
        &[
            ("annotator", msg::ARG_SIM_AS),
            ("accuracy", msg::ARG_SIM_ACCURACY),
            ("count", msg::ARG_SIM_COUNT),
            ("seed", msg::ARG_SIM_SEED),
            ("ack", msg::ARG_SIM_ACK),
        ],
    ),
    ("annotators", msg::CMD_ANNOTATORS, &[("json", msg::ARG_JSON)]),
    (
        "adjudicate",
        msg::CMD_ADJUDICATE,
        &[
            ("item", msg::ARG_ADJ_ITEM),
            ("label", msg::ARG_ADJ_LABEL),
            ("list", msg::ARG_ADJ_LIST),
            ("limit", msg::ARG_ADJ_LIMIT),
            ("offset", msg::ARG_ADJ_OFFSET),
            ("json", msg::ARG_ADJ_JSON),
        ],
    ),
    (
        "demo",
        msg::CMD_DEMO,
        &[
            ("no_tui", msg::ARG_DEMO_NO_TUI),
            ("json", msg::ARG_DEMO_JSON),
            ("dir", msg::ARG_DEMO_DIR),
            ("items", msg::ARG_DEMO_ITEMS),
            ("seed", msg::ARG_DEMO_SEED),
            ("image_protocol", term::TERM_ARG_IMAGE_PROTOCOL),
        ],
    ),
    (
        "synth",
        msg::CMD_SYNTH,
        &[("out", msg::ARG_SYNTH_OUT), ("seed", msg::ARG_SYNTH_SEED), ("items", msg::ARG_SYNTH_ITEMS)],
    ),
    ("order", learn::LEARN_CMD_ORDER, &[("by", learn::LEARN_ARG_ORDER_BY), ("json", msg::ARG_JSON)]),
    (
        "simulate-learning",
        learn::LEARN_CMD_SIMULATE,
        &[
            ("labels_from", learn::LEARN_ARG_LABELS_FROM),
            ("strategy", learn::LEARN_ARG_STRATEGY),
            ("seed", learn::LEARN_ARG_SEED),
            ("start", learn::LEARN_ARG_START),
            ("step", learn::LEARN_ARG_STEP),
            ("target_f1", learn::LEARN_ARG_TARGET_F1),
            ("max_labels", learn::LEARN_ARG_MAX_LABELS),
            ("out", learn::LEARN_ARG_OUT),
            ("json", msg::ARG_JSON),
        ],
    ),
    (
        "live-bench",
        msg::CMD_LIVE_BENCH,
        &[("updates", msg::ARG_LIVE_BENCH_UPDATES), ("seed", msg::ARG_SYNTH_SEED), ("items", msg::ARG_SYNTH_ITEMS)],
    ),
];

/// The clap command with help texts in the current language.
pub fn localized_command() -> clap::Command {
    localized_command_in(crate::i18n::lang())
}

/// The clap command with help texts in `lang`.
pub fn localized_command_in(lang: Lang) -> clap::Command {
    let mut command = Cli::command()
        .about(msg::ABOUT.text_in(lang))
        .mut_arg("project", |arg| arg.help(msg::ARG_PROJECT.text_in(lang)))
        .mut_arg("lang", |arg| arg.help(msg::ARG_LANG.text_in(lang)))
        .mut_arg("theme", |arg| arg.help(term::TERM_ARG_THEME.text_in(lang)));
    for (name, about, args) in HELP {
        command = command.mut_subcommand(*name, |mut sub| {
            sub = sub.about(about.text_in(lang));
            for (id, help) in args.iter() {
                sub = sub.mut_arg(*id, |arg| arg.help(help.text_in(lang)));
            }
            sub
        });
    }
    let command = super::jobs::localize_help(command, lang);
    let command = super::models::localize_help(command, lang);
    let command = super::redact::localize_help(command, lang);
    let command = super::question_arg::localize_help(command, lang);
    super::clap_words::localize(command, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_has_localized_help() {
        let command = localized_command();
        command.clone().debug_assert();
        for sub in command.get_subcommands() {
            assert!(HELP.iter().any(|(name, _, _)| *name == sub.get_name()), "no help entry for `{}`", sub.get_name());
        }
    }

    #[test]
    fn help_switches_to_chinese() {
        let command = localized_command_in(Lang::ZhCn);
        let about = command.find_subcommand("agree").and_then(|s| s.get_about()).map(|a| a.to_string());
        assert_eq!(about.as_deref(), Some(msg::CMD_AGREE.zh));
    }
}
