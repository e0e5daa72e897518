//! Messages of the review screen's help and footer, the compact evaluation result, and
//! the reasons that the JSON and image decoders give.

crate::messages! {
    // Review screen footer; {next}, {refresh}... are the project's action keys
    POL_REVIEW_HINT_LABEL: "label key: final label" / "按标签键设定最终标签";
    POL_REVIEW_HINT_SELECT: "{next}/{prev} ↑/↓ select" / "{next}/{prev} ↑/↓ 选择";
    POL_REVIEW_HINT_PAGE: "PgUp/PgDn page" / "PgUp/PgDn 翻页";
    POL_REVIEW_HINT_RELOAD: "{refresh} reload" / "{refresh} 刷新";
    POL_REVIEW_HINT_HELP: "{help} help" / "{help} 帮助";
    POL_REVIEW_HINT_BACK: "Esc back" / "Esc 返回";

    // Help overlay of the review screen
    POL_HELP_REVIEW_LABELS: "Set the final label of the selected item with a label key" / "按标签键为所选条目设定最终标签";
    POL_HELP_REVIEW_SELECT: "select the next or previous item of the queue" / "选择队列中的下一个或上一个条目";
    POL_HELP_REVIEW_PAGE: "show the next or previous page of the queue" / "显示队列的下一页或上一页";
    POL_HELP_REVIEW_RELOAD: "read the queue again, with the answers given since" / "重新读取队列，包括此后新增的回答";
    POL_HELP_REVIEW_BACK: "return to the annotation screen" / "返回标注界面";
    POL_HELP_REVIEW_CLOSE: "Esc, {quit} or {help} returns to the review screen; {next}/{prev} ↓/↑ scroll." / "按 Esc、{quit} 或 {help} 返回审核界面；{next}/{prev} ↓/↑ 滚动。";

    // Evaluation result shown one panel at a time
    POL_EVAL_PANEL_MATRIX: "Confusion matrix" / "混淆矩阵";
    POL_EVAL_PANEL_CLASSES: "Per class" / "各类别";
    POL_EVAL_PANEL_CURVE: "Learning curve" / "学习曲线";
    POL_JOB_RESULT_TITLE: "result of job #{id}" / "任务 #{id} 的结果";
    POL_JOB_RESULT_HINTS: "Tab ←/→ next panel · Enter back to the list · Esc/{jobs} close" / "Tab ←/→ 切换面板 · Enter 返回列表 · Esc/{jobs} 关闭";
    POL_JOB_RESULT_BACK_HINTS: "Enter back to the list · Esc/{jobs} close" / "Enter 返回列表 · Esc/{jobs} 关闭";

    // Reasons of the JSON decoder; the decoder's own words follow in brackets
    POL_REASON_DETAIL: "{reason} ({detail})" / "{reason}（{detail}）";
    POL_JSON_SYNTAX: "the text is not valid JSON" / "文本不符合 JSON 语法";
    POL_JSON_ENDS_EARLY: "the JSON text ends before it is complete" / "JSON 文本不完整，提前结束";
    POL_JSON_WRONG_SHAPE: "a JSON value has the wrong type, or a required field is missing" / "某个 JSON 值的类型不对，或缺少必需的字段";
    POL_JSON_UNREADABLE: "the JSON text could not be read" / "无法读取 JSON 文本";
    POL_MODEL_COEFFICIENTS: "the number of coefficients does not match the features and labels" / "系数的数量与特征和标签的数量不符";

    // Reasons of the PNG and JPEG decoders
    POL_IMAGE_UNDECODABLE: "the file is damaged or is not a PNG or JPEG image" / "文件已损坏，或不是 PNG 或 JPEG 图像";
    POL_IMAGE_UNSUPPORTED: "the image format is not supported; Quorum reads PNG and JPEG" / "不支持该图像格式；Quorum 只读取 PNG 和 JPEG";
    POL_IMAGE_OVER_LIMITS: "the image is larger than the decoder's limits" / "图像超出了解码器的尺寸上限";
    POL_IMAGE_UNREADABLE_FILE: "the file could not be read" / "无法读取该文件";
    POL_IMAGE_DECODER_FAILED: "the decoder could not process the file" / "解码器无法处理该文件";
    POL_IMAGE_CANNOT_SHOW: "Cannot read the image {path}: {reason}. Replace it with a PNG or JPEG file, or correct the item's image path." / "无法读取图像 {path}：{reason}。请换成 PNG 或 JPEG 文件，或更正条目的图像路径。";
}
