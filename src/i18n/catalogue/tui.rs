//! Messages for the tui area.

crate::messages! {
    PLACEHOLDER_TUI: "(unused)" / "（未使用）";
}
