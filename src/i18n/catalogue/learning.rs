//! Messages of the model loop: suggestions, the uncertainty order, calibration figures,
//! the active-learning simulation and the evaluation widgets.

crate::messages! {
    // quorum.toml
    LEARN_TASK_UNCERTAINTY_UNKNOWN: "unknown uncertainty rule `{value}`; use \"margin\", \"least-confidence\" or \"entropy\""
        / "未知的不确定度规则 `{value}`；请使用 \"margin\"、\"least-confidence\" 或 \"entropy\"";
    LEARN_TASK_UNCERTAINTY_ORDER: "is only used with order = \"uncertainty\"; set task.order to \"uncertainty\" or remove task.uncertainty"
        / "仅在 order = \"uncertainty\" 时使用；请将 task.order 设为 \"uncertainty\"，或删除 task.uncertainty";
    LEARN_TASK_RETRAIN_RANGE: "must be between 1 and 1000000 labels, got {value}"
        / "必须在 1 到 1000000 个标注之间，实际为 {value}";
    LEARN_TASK_KIND_UNKNOWN: "is \"{value}\"; use \"logistic\", \"naive-bayes\" or \"linear-svm\""
        / "为 \"{value}\"；请使用 \"logistic\"、\"naive-bayes\" 或 \"linear-svm\"";

    // Annotation screen
    LEARN_SUGGESTED: "Suggested: {label} ({percent}%)" / "模型建议：{label}（{percent}%）";

    // quorum order
    LEARN_CMD_ORDER: "Set the queue order from the active model's predictions (most uncertain first)"
        / "按当前模型的预测设置队列顺序（最不确定的优先）";
    LEARN_ARG_ORDER_BY: "Uncertainty rule: margin, least-confidence or entropy"
        / "不确定度规则：margin、least-confidence 或 entropy";
    LEARN_ORDER_NO_ACTIVE_RUN: "No active model run has predictions; train a model and run `quorum predict` first."
        / "没有带预测结果的当前模型；请先训练模型并运行 `quorum predict`。";
    LEARN_ORDER_APPLIED: "Ranked {n} items by {rule} from run {run}."
        / "已按 {rule} 为 {n} 个条目排序（来自运行 {run}）。";
    LEARN_ORDER_NOT_PRIORITY: "Note: task.order is not \"uncertainty\" or \"priority\", so the queue ignores these priorities; set task.order = \"uncertainty\" in quorum.toml."
        / "注意：task.order 不是 \"uncertainty\" 或 \"priority\"，队列会忽略这些优先级；请在 quorum.toml 中设置 task.order = \"uncertainty\"。";

    // quorum simulate-learning
    LEARN_CMD_SIMULATE: "Replay the gold labels to compare active-learning strategies"
        / "重放金标准标签，比较主动学习策略";
    LEARN_ARG_LABELS_FROM: "Labels to replay (only gold is supported)" / "要重放的标签（目前仅支持 gold）";
    LEARN_ARG_STRATEGY: "Strategy: random, least-confidence, margin, entropy or all"
        / "策略：random、least-confidence、margin、entropy 或 all";
    LEARN_ARG_SEED: "Seed of the held-out split and the first batch" / "留出集划分和首批样本的随机种子";
    LEARN_ARG_START: "Labels in the first, random batch" / "首批随机样本的标注数";
    LEARN_ARG_STEP: "Labels added per round" / "每轮新增的标注数";
    LEARN_ARG_TARGET_F1: "Macro-F1 to reach" / "要达到的宏平均 F1";
    LEARN_ARG_MAX_LABELS: "Stop after this many labels (default: the whole pool)" / "达到该标注数后停止（默认：全部样本）";
    LEARN_ARG_OUT: "Write the whole curve to this CSV file" / "将完整曲线写入此 CSV 文件";
    LEARN_SIM_ONLY_GOLD: "simulate-learning replays the gold column only; use --labels-from gold"
        / "simulate-learning 只能重放金标准列；请使用 --labels-from gold";
    LEARN_SIM_BAD_NUMBER: "--{name} must be at least {min}, got {value}" / "--{name} 至少为 {min}，实际为 {value}";
    LEARN_SIM_BAD_TARGET: "--target-f1 must be between 0 and 1, got {value}" / "--target-f1 必须在 0 到 1 之间，实际为 {value}";
    LEARN_SIM_TOO_FEW: "{n} gold-labelled items are too few: the held-out split and a first batch of {start} need at least {needed}; lower --start or add gold labels."
        / "{n} 个带金标准的条目太少：留出集和首批 {start} 个样本至少需要 {needed} 个；请调低 --start 或补充金标准。";
    LEARN_SIM_HEADER: "Active learning on {pool} pool items, scored on {held_out} held-out items (seed {seed})"
        / "主动学习：候选池 {pool} 个条目，在 {held_out} 个留出条目上评分（种子 {seed}）";
    LEARN_SIM_STRATEGY: "strategy" / "策略";
    LEARN_SIM_LABELS_NEEDED: "labels to reach macro-F1 {target}" / "达到宏平均 F1 {target} 所需标注数";
    LEARN_SIM_FINAL_F1: "final macro-F1" / "最终宏平均 F1";
    LEARN_SIM_NOT_REACHED: "not reached" / "未达到";
    LEARN_SIM_ROUND: "{strategy}: {n} labels" / "{strategy}：{n} 个标注";
    LEARN_SIM_CURVE_WRITTEN: "Curve written to {path}" / "曲线已写入 {path}";

    // Evaluation report and widgets
    LEARN_TABLE_CALIBRATION: "log loss {log_loss}, expected calibration error {ece} ({bins} bins)"
        / "对数损失 {log_loss}，期望校准误差 {ece}（{bins} 个分箱）";
    LEARN_TABLE_HELD_OUT: "Held-out evaluation on {n} examples: accuracy {accuracy}, macro-F1 {macro_f1}"
        / "{n} 个留出样本上的评估：准确率 {accuracy}，macro-F1 {macro_f1}";
    LEARN_VIEW_CONFUSION: "Confusion (row-normalised)" / "混淆矩阵（按行归一化）";
    LEARN_VIEW_CLASSES: "Per class" / "各类别";
    LEARN_VIEW_CURVE: "Learning curve" / "学习曲线";
    LEARN_VIEW_LABELS_AXIS: "labels" / "标注数";
    LEARN_VIEW_SUMMARY: "accuracy {accuracy}  macro-F1 {macro_f1}  n={n}" / "准确率 {accuracy}  宏平均 F1 {macro_f1}  n={n}";
    LEARN_VIEW_LEGEND: "P precision  R recall  F F1" / "P 精确率  R 召回率  F F1";
    LEARN_VIEW_TOO_SMALL: "Too small to draw the results" / "空间太小，无法显示结果";

    // Errors of the library
    LEARN_ERR_NO_GOLD_TEST: "No gold items to score on; give some items a gold label."
        / "没有可用于评分的金标准条目；请为一些条目提供金标准标签。";
    LEARN_ERR_CURVE_SIZES: "Learning-curve sizes must be between 2 and {n}, got {value}"
        / "学习曲线的样本数必须在 2 到 {n} 之间，实际为 {value}";
}
