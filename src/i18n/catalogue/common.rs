//! Messages shared by several areas: generic words and error wrappers.

crate::messages! {
    UNDEFINED: "undefined" / "无定义";
    ERROR_PREFIX: "error" / "错误";
    HINT_PREFIX: "hint" / "提示";
}
