//! Messages of small fixes across screens and commands, such as the note that replaces
//! a learning curve with too little room to be drawn.

crate::messages! {
    REV_JOB_CANCELLED_NO_RESULT: "This job was cancelled, so it has no result; start it again from the menu above." / "该任务已取消，因此没有结果；可在上方菜单中重新启动。";
    REV_EVAL_QUESTION: "Question `{id}`" / "问题 `{id}`";
    REV_CURVE_NO_ROOM: "Learning curve: too little room; enlarge the terminal" / "学习曲线：空间不足，请放大终端窗口";
    REV_GOLD_NO_MATCH:
        "{path}: none of the items in this gold file is among the {items} {items|item|items} with answers, so no accuracy is reported; use the same item ids in the gold file as in the answers"
        / "{path}：此标准答案文件中的条目都不在 {items} 个有回答的条目之中，因此不报告准确率；请在标准答案文件中使用与回答相同的条目编号";
    REV_ARG_LABEL_ORDER:
        "Labels of the --labels file in scale order, lowest first, separated by commas; the ordinal level and the weighted kappas of --pairs rank them so (default: by value when every label is a number, else in order of first appearance in the file)."
        / "--labels 文件中标签的尺度顺序，从低到高，以逗号分隔；顺序尺度和 --pairs 的加权 kappa 按此排列（默认：标签全为数字时按数值排列，否则按在文件中首次出现的顺序）。";
    REV_LABEL_ORDER_MISSING:
        "{path}: label \"{label}\" is not in --label-order ({order}); list every label of the file, lowest first"
        / "{path}：标签“{label}”不在 --label-order（{order}）中；请从低到高列出文件中的所有标签";
    REV_ORDINAL_FIRST_APPEARANCE:
        "{path}: not every label is a number, so the ordinal level ranks the labels in the order they first appear in the file: {order}; if the scale runs otherwise, pass it with --label-order, lowest first"
        / "{path}：标签并非全为数字，因此顺序尺度按标签在文件中首次出现的顺序排列：{order}；如果实际尺度顺序不同，请用 --label-order 从低到高给出";
    REV_PAIRS_FIRST_APPEARANCE:
        "{path}: not every label is a number, so the linear and quadratic pair kappas of --pairs rank the labels in the order they first appear in the file: {order}; if the scale runs otherwise, pass it with --label-order, lowest first"
        / "{path}：标签并非全为数字，因此 --pairs 的线性和二次加权 kappa 按标签在文件中首次出现的顺序排列：{order}；如果实际尺度顺序不同，请用 --label-order 从低到高给出";
    REV_PAIRS_UNDEFINED:
        "- is undefined for {n} {n|pair|pairs}: {reason}"
        / "- 表示无定义，共 {n} 对：{reason}";
}
