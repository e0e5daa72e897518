//! Messages for the import area.

crate::messages! {
    PLACEHOLDER_IMPORT: "(unused)" / "（未使用）";
}
