//! Messages of small fixes across screens and commands, such as the note that replaces
//! a learning curve with too little room to be drawn.

crate::messages! {
    REV_CURVE_NO_ROOM: "Learning curve: too little room; enlarge the terminal" / "学习曲线：空间不足，请放大终端窗口";
}
