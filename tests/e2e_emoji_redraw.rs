//! The real binary under tmux, where glyphs of an emoji item must not stay on screen
//! under the next item.
//!
//! tmux 3.3a draws a ZWJ family, a flag and a skin-tone emoji wider than ratatui measures
//! them, so without a full repaint their code points remain in cells that the next
//! frame's diff leaves alone.

mod common;

use common::binary::run_ok;
use common::tmux::{Tmux, WAIT, wait_until};

const ITEMS: &str =
    "id,text\nemoji,family 👨\u{200D}👩\u{200D}👧\u{200D}👦 and flag 🇨🇳 and skin tone 👍🏽\nplain,plain line\n";

#[test]
fn emoji_item_leaves_no_glyphs() {
    let temp = tempfile::tempdir().expect("temp dir");
    run_ok(temp.path(), &["init", "proj"]);
    let dir = temp.path().join("proj");
    // The queue order is fixed at import, so the emoji item is asked first.
    let spec = std::fs::read_to_string(dir.join("quorum.toml")).expect("read quorum.toml");
    std::fs::write(dir.join("quorum.toml"), spec.replace("order = \"random\"", "order = \"sequential\""))
        .expect("write quorum.toml");
    std::fs::write(dir.join("items.csv"), ITEMS).expect("write items");
    run_ok(&dir, &["import", "items.csv"]);

    let command =
        format!("QUORUM_LANG=en {} --project {} annotate --as tester", env!("CARGO_BIN_EXE_quorum"), dir.display());
    let tmux = Tmux::start("e2e-emoji", &command, 80, 24);
    wait_until("the instructions", WAIT, || tmux.capture().contains("Press any key"));
    tmux.send("Enter");
    tmux.wait_for_screen("the emoji item", WAIT, |screen| screen.contains("skin tone"));
    tmux.send("s");
    tmux.wait_for_screen("the plain item", WAIT, |screen| screen.contains("plain line"));

    let screen = tmux.capture();
    for glyph in ["👨", "👩", "👧", "👦", "🇨", "🇳", "👍", "🏽"] {
        assert!(!screen.contains(glyph), "{glyph} left on the next item:\n{screen}");
    }
}
