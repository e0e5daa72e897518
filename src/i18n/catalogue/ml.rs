//! Messages for the ml area.

crate::messages! {
    PLACEHOLDER_ML: "(unused)" / "（未使用）";
}
