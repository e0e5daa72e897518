//! Messages for soft-label evaluation scores.

crate::messages! {
    MLP_TABLE_SOFT: "against the soft labels: soft log loss {log_loss}, expected accuracy {expected_accuracy}"
        / "对照软标签：软对数损失 {log_loss}，期望准确率 {expected_accuracy}";
}
