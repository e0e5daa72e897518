//! Messages for the store area.

crate::messages! {
    PLACEHOLDER_STORE: "(unused)" / "（未使用）";
}
