//! Messages for the cli area.

crate::messages! {
    PLACEHOLDER_CLI: "(unused)" / "（未使用）";
}
