//! Messages for training, evaluation and background model jobs.

crate::messages! {
    ML_ERR_NO_EXAMPLES: "No labelled examples to train on; label some items first."
        / "没有可供训练的已标注样本；请先标注一些条目。";
    ML_ERR_ONE_CLASS: "Only 1 class has labels (`{label}`); label items of at least 2 classes."
        / "只有 1 个类别有标注（`{label}`）；请至少为 2 个类别标注条目。";
    ML_ERR_FOLDS: "Cannot run {folds}-fold evaluation on {n} labelled examples; use at least 2 folds and no more folds than examples."
        / "无法在 {n} 个已标注样本上进行 {folds} 折评估；折数至少为 2，且不能多于样本数。";
    ML_ERR_FOLD_ONE_CLASS: "Fold {fold} would train on class `{label}` alone; label more items of the other classes or lower model.folds."
        / "第 {fold} 折的训练部分只有类别 `{label}`；请为其他类别标注更多条目，或调低 model.folds。";
    ML_ERR_NO_FEATURES: "The examples produced no features because every text is empty and no item has an image; check the train columns in quorum.toml."
        / "样本没有产生任何特征：所有文本为空，且没有条目带图像；请检查 quorum.toml 中的训练列。";
    ML_ERR_MIXED_IMAGES: "Item `{key}` has no image, but the model uses image features; give every item an image or none."
        / "条目 `{key}` 没有图像，但模型使用图像特征；请为所有条目都提供图像，或都不提供。";
    ML_ERR_IMAGE: "Cannot read image {path}: {reason}; check the image column and that the file exists."
        / "无法读取图像 {path}：{reason}；请检查图像列以及文件是否存在。";
    ML_ERR_FIT: "Model training failed: {reason}; try a larger model.alpha or a smaller model.max_features."
        / "模型训练失败：{reason}；请尝试调大 model.alpha 或调小 model.max_features。";
    ML_ERR_CANCELLED: "The job was cancelled."
        / "任务已取消。";
    ML_ERR_IO: "Cannot read or write the model file {path}: {reason}."
        / "无法读写模型文件 {path}：{reason}。";
    ML_ERR_MODEL_FILE: "The model file {path} is invalid: {reason}; train the model again."
        / "模型文件 {path} 无效：{reason}；请重新训练模型。";
    ML_ERR_MODEL_VERSION: "The model file {path} has format version {found}, but this version of Quorum reads only version {expected}; train the model again."
        / "模型文件 {path} 的格式版本为 {found}，而当前版本的 Quorum 只能读取版本 {expected}；请重新训练模型。";
    ML_ERR_PARAM_NON_NEGATIVE: "Invalid model parameter {name} = {value}; use a finite number >= 0."
        / "模型参数 {name} = {value} 无效；请使用不小于 0 的有限数。";
    ML_ERR_PARAM_POSITIVE: "Invalid model parameter {name} = {value}; use a finite number > 0."
        / "模型参数 {name} = {value} 无效；请使用大于 0 的有限数。";
    ML_ERR_SHAPE: "The feature matrix has {rows} rows but {targets} targets were given; pass one target per row."
        / "特征矩阵有 {rows} 行，但给出了 {targets} 个目标值；请为每一行提供一个目标值。";
    ML_ERR_NOT_FINITE: "A feature value is infinite or NaN; check the input features."
        / "有特征值为无穷大或 NaN；请检查输入特征。";
    ML_ERR_NEGATIVE_FEATURE: "Naive Bayes needs feature values >= 0, but a value is negative or not finite; use model.kind = \"logistic\" for such features."
        / "朴素贝叶斯要求特征值不小于 0，但有特征值为负数或非有限数；此类特征请使用 model.kind = \"logistic\"。";

    ML_STAGE_LOADING: "Loading labels"
        / "正在加载标注";
    ML_STAGE_FEATURES: "Extracting features"
        / "正在提取特征";
    ML_STAGE_TRAINING: "Training the model"
        / "正在训练模型";
    ML_STAGE_FOLD: "Fold {fold} of {folds}"
        / "第 {fold} 折（共 {folds} 折）";
    ML_STAGE_SAVING: "Saving the model"
        / "正在保存模型";
    ML_STAGE_DONE: "Done"
        / "完成";

    ML_JOB_LOAD_FAILED: "Loading the labels failed: {reason}"
        / "加载标注失败：{reason}";
    ML_JOB_STOPPED: "The background job stopped unexpectedly; see the log for details."
        / "后台任务意外终止；详情请查看日志。";

    ML_TABLE_SUMMARY: "{folds}-fold cross-validation on {n} examples: accuracy {accuracy}, macro-F1 {macro_f1}"
        / "{n} 个样本上的 {folds} 折交叉验证：准确率 {accuracy}，macro-F1 {macro_f1}";
    ML_TABLE_CLASS: "class"
        / "类别";
    ML_TABLE_PRECISION: "precision"
        / "精确率";
    ML_TABLE_RECALL: "recall"
        / "召回率";
    ML_TABLE_F1: "F1"
        / "F1";
    ML_TABLE_SUPPORT: "support"
        / "样本数";
    ML_TABLE_CONFUSION: "Confusion matrix (rows: true label, columns: predicted label)"
        / "混淆矩阵（行：真实标签，列：预测标签）";
    EVAL_TITLE: "Stratified {folds}-fold cross-validation on {n} examples (labels from {source}): accuracy {accuracy}, macro-F1 {macro_f1}"
        / "在 {n} 个样本上进行分层 {folds} 折交叉验证（标签来源：{source}）：准确率 {accuracy}，macro-F1 {macro_f1}";
}
