//! Messages for soft-label evaluation scores and the runs' TensorBoard event files.

crate::messages! {
    MLP_TABLE_SOFT: "against the soft labels: soft log loss {log_loss}, expected accuracy {expected_accuracy}"
        / "对照软标签：软对数损失 {log_loss}，期望准确率 {expected_accuracy}";
    MLP_LOG_EVENTS_FAILED: "Could not write the TensorBoard event file in {dir}: {error}; the run, its model and its metrics files are kept. Check the directory's permissions and free space."
        / "无法在 {dir} 中写入 TensorBoard 事件文件：{error}；该运行及其模型和指标文件均已保留。请检查该目录的权限和剩余空间。";
}
