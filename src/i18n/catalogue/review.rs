//! Messages of small fixes across screens and commands, such as the note that replaces
//! a learning curve with too little room to be drawn.

crate::messages! {
    REV_JOB_CANCELLED_NO_RESULT: "This job was cancelled, so it has no result; start it again from the menu above." / "该任务已取消，因此没有结果；可在上方菜单中重新启动。";
    REV_EVAL_QUESTION: "Question `{id}`" / "问题 `{id}`";
    REV_CURVE_NO_ROOM: "Learning curve: too little room; enlarge the terminal" / "学习曲线：空间不足，请放大终端窗口";
    REV_GOLD_NO_MATCH:
        "{path}: none of the items in this gold file is among the {items} {items|item|items} with answers, so no accuracy is reported; use the same item ids in the gold file as in the answers"
        / "{path}：此标准答案文件中的条目都不在 {items} 个有回答的条目之中，因此不报告准确率；请在标准答案文件中使用与回答相同的条目编号";
}
