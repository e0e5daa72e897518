//! The key map: which printable key runs each action of the annotation screen.
//!
//! Projects may move action keys in the `[keys]` table of `quorum.toml`. The keys in
//! use are the ones label keys may not take, so the reserved set always matches what
//! the screen actually does. Arrow keys, PgUp/PgDn, Home/End, Backspace, Esc, Enter and
//! Ctrl-C are fixed and keep working whatever the map says.

use crate::i18n::catalogue::terminal as msg;
use std::collections::BTreeMap;

/// An action that a key in `[keys]` can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyAction {
    Undo,
    Skip,
    /// Scrolls the item down, or moves a list's selection down.
    Next,
    /// Scrolls the item up, or moves a list's selection up.
    Prev,
    Top,
    AgreementPanel,
    Agreement,
    Annotators,
    Review,
    Refresh,
    Jobs,
    Help,
    Instructions,
    Quit,
    /// Switches the agreement and review screens to the task's next question.
    Question,
}

impl KeyAction {
    /// Every action, in the order the help lists them.
    pub const ALL: [KeyAction; 15] = [
        KeyAction::Undo,
        KeyAction::Skip,
        KeyAction::Next,
        KeyAction::Prev,
        KeyAction::Top,
        KeyAction::AgreementPanel,
        KeyAction::Agreement,
        KeyAction::Annotators,
        KeyAction::Review,
        KeyAction::Refresh,
        KeyAction::Jobs,
        KeyAction::Help,
        KeyAction::Instructions,
        KeyAction::Quit,
        KeyAction::Question,
    ];

    /// The action's name in `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            KeyAction::Undo => "undo",
            KeyAction::Skip => "skip",
            KeyAction::Next => "next",
            KeyAction::Prev => "prev",
            KeyAction::Top => "top",
            KeyAction::AgreementPanel => "agreement_panel",
            KeyAction::Agreement => "agreement",
            KeyAction::Annotators => "annotators",
            KeyAction::Review => "review",
            KeyAction::Refresh => "refresh",
            KeyAction::Jobs => "jobs",
            KeyAction::Help => "help",
            KeyAction::Instructions => "instructions",
            KeyAction::Quit => "quit",
            KeyAction::Question => "question",
        }
    }

    /// The key the action has when `[keys]` does not move it.
    pub fn default_key(self) -> char {
        match self {
            KeyAction::Undo => 'u',
            KeyAction::Skip => 's',
            KeyAction::Next => 'j',
            KeyAction::Prev => 'k',
            KeyAction::Top => 'g',
            KeyAction::AgreementPanel => 'a',
            KeyAction::Agreement => 'G',
            KeyAction::Annotators => 'A',
            KeyAction::Review => 'R',
            KeyAction::Refresh => 'r',
            KeyAction::Jobs => 't',
            KeyAction::Help => '?',
            KeyAction::Instructions => 'i',
            KeyAction::Quit => 'q',
            KeyAction::Question => 'N',
        }
    }

    fn from_name(name: &str) -> Option<KeyAction> {
        KeyAction::ALL.into_iter().find(|action| action.name() == name)
    }
}

/// The key of every action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    keys: BTreeMap<KeyAction, char>,
}

impl Default for KeyMap {
    fn default() -> KeyMap {
        KeyMap { keys: KeyAction::ALL.into_iter().map(|action| (action, action.default_key())).collect() }
    }
}

/// A refused `[keys]` table: the field at fault and a text naming the key and actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMapError {
    /// The `quorum.toml` field at fault, such as `keys.undo`.
    pub field: String,
    pub problem: String,
}

impl KeyMap {
    /// Builds the map from the `[keys]` table: `action name -> key`. Unnamed actions
    /// keep their default keys.
    pub fn from_table(table: &BTreeMap<String, String>) -> Result<KeyMap, KeyMapError> {
        let mut map = KeyMap::default();
        for (name, text) in table {
            let field = format!("keys.{name}");
            let Some(action) = KeyAction::from_name(name) else {
                let names: Vec<&str> = KeyAction::ALL.iter().map(|a| a.name()).collect();
                let problem = msg::TERM_KEYS_UNKNOWN_ACTION.fmt(&[("name", name), ("actions", &names.join(", "))]);
                return Err(KeyMapError { field, problem });
            };
            let key = parse_action_key(text).map_err(|problem| KeyMapError { field, problem })?;
            map.keys.insert(action, key);
        }

        // Two actions on one key would make one of them unreachable.
        for (index, first) in KeyAction::ALL.iter().enumerate() {
            for second in &KeyAction::ALL[index + 1..] {
                let key = map.key(*first);
                if key == map.key(*second) {
                    let problem = msg::TERM_KEYS_DUPLICATE.fmt(&[
                        ("key", &key),
                        ("first", &first.name()),
                        ("second", &second.name()),
                    ]);
                    return Err(KeyMapError { field: "keys".to_string(), problem });
                }
            }
        }
        Ok(map)
    }

    /// The key bound to `action`.
    pub fn key(&self, action: KeyAction) -> char {
        self.keys.get(&action).copied().unwrap_or_else(|| action.default_key())
    }

    /// The action bound to `key`, if any.
    pub fn action_for(&self, key: char) -> Option<KeyAction> {
        self.keys.iter().find(|(_, bound)| **bound == key).map(|(action, _)| *action)
    }

    /// Every key in use, in the help's order, for messages that list them.
    pub fn keys_text(&self) -> String {
        KeyAction::ALL.iter().map(|action| self.key(*action)).collect()
    }
}

/// Checks one action key: exactly one printable, non-space character, which every
/// terminal and SSH client can send as it is.
fn parse_action_key(text: &str) -> Result<char, String> {
    let mut chars = text.chars();
    let (Some(key), None) = (chars.next(), chars.next()) else {
        return Err(msg::TERM_KEYS_LENGTH.fmt(&[("key", &text.escape_debug())]));
    };
    if key.is_whitespace() || key.is_control() || !key.is_ascii_graphic() {
        // A visible character such as `é` is easier to find in quorum.toml as itself; an
        // invisible one can only be named by its code point.
        let shown = if key.is_whitespace() || key.is_control() {
            key.escape_unicode().to_string()
        } else {
            format!("'{key}' (U+{:04X})", u32::from(key))
        };
        return Err(msg::TERM_KEYS_NOT_PRINTABLE.fmt(&[("key", &shown)]));
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(a, k)| (a.to_string(), k.to_string())).collect()
    }

    #[test]
    fn defaults_match_the_long_standing_keys() {
        let map = KeyMap::default();
        assert_eq!(map.keys_text(), "usjkgaGARrt?iqN");
        assert_eq!(map.action_for('u'), Some(KeyAction::Undo));
        assert_eq!(map.action_for('h'), None);
    }

    #[test]
    fn moved_key_replaces_default() {
        let map = KeyMap::from_table(&table(&[("undo", "z")])).unwrap();
        assert_eq!(map.key(KeyAction::Undo), 'z');
        assert_eq!(map.action_for('u'), None);
    }

    #[test]
    fn duplicate_names_both_actions() {
        let err = KeyMap::from_table(&table(&[("skip", "u")])).unwrap_err();
        assert!(err.problem.contains("undo"), "{err:?}");
        assert!(err.problem.contains("skip"), "{err:?}");
        assert!(err.problem.contains('u'), "{err:?}");
    }

    #[test]
    fn unprintable_and_long_keys_refused() {
        let tab = KeyMap::from_table(&table(&[("undo", "\t")])).unwrap_err();
        assert_eq!(tab.field, "keys.undo");
        assert!(tab.problem.contains("\\u{9}"), "{tab:?}");
        let accented = KeyMap::from_table(&table(&[("skip", "é")])).unwrap_err();
        assert!(accented.problem.contains("'é' (U+00E9)"), "{accented:?}");
        let long = KeyMap::from_table(&table(&[("quit", "esc")])).unwrap_err();
        assert!(long.problem.contains("esc"), "{long:?}");
        let unknown = KeyMap::from_table(&table(&[("jump", "x")])).unwrap_err();
        assert!(unknown.problem.contains("jump"), "{unknown:?}");
        assert!(unknown.problem.contains("undo"), "{unknown:?}");
    }
}
