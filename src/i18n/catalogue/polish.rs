//! Messages for the evaluation header, cancelled foreground jobs and errors in a named `quorum.toml`.

crate::messages! {
    EVAL_TITLE: "Stratified {folds}-fold cross-validation on {n} examples (labels from {source}): accuracy {accuracy}, macro-F1 {macro_f1}"
        / "在 {n} 个样本上进行分层 {folds} 折交叉验证（标签来源：{source}）：准确率 {accuracy}，macro-F1 {macro_f1}";
    JOB_CANCELLED_NOTICE: "Job {id} was cancelled; `quorum jobs log {id}` shows how far it got."
        / "任务 {id} 已取消；`quorum jobs log {id}` 可查看它进行到哪一步。";
    TASK_SYNTAX_IN: "{spec} is not valid TOML: {error}" / "{spec} 不是有效的 TOML：{error}";
    TASK_INVALID_IN: "{spec}: `{field}` {problem}" / "{spec}：`{field}` {problem}";
    STAT_COHEN_KAPPA_SHARED_WEIGHTED: "Cohen's kappa (mean over pairs, weighted by shared items)"
        / "Cohen's kappa（两两平均，按共同条目数加权）";
}
