//! Messages for the stats area.

crate::messages! {
    PLACEHOLDER_STATS: "(unused)" / "（未使用）";
}
