//! Messages for the stats area: reasons a statistic is undefined and aggregation errors.

crate::messages! {
    STAT_UNDEFINED: "undefined ({reason})" / "无定义（{reason}）";
    UNDEFINED_NO_ANNOTATIONS: "there are no annotations" / "没有任何标注";
    UNDEFINED_SINGLE_ANNOTATOR: "only one annotator has answered" / "只有一位标注者作答";
    UNDEFINED_NO_PAIRABLE_ITEMS:
        "no item has answers from two or more annotators" /
        "没有任何条目获得两位或以上标注者的回答";
    UNDEFINED_NO_VARIATION:
        "all answers carry the same label, so the agreement expected by chance is already 1" /
        "所有回答都是同一个标签，偶然期望一致度已经为 1";
    UNDEFINED_NO_SHARED_ITEMS:
        "no two annotators answered a common item" /
        "没有任何两位标注者回答过同一条目";
    UNDEFINED_NON_NUMERIC_LABEL:
        "label \"{label}\" is not a number, but the interval and ratio metrics need numeric labels" /
        "标签“{label}”不是数字，而区间和比率度量需要数值标签";
    UNDEFINED_NEGATIVE_RATIO_VALUE:
        "label \"{label}\" is negative, but the ratio metric needs values of zero or more" /
        "标签“{label}”为负数，而比率度量要求数值不小于零";
    TABLE_NOT_SQUARE:
        "contingency table row {row} has {len} cells, but the table has {rows} rows; a Cohen table must be square" /
        "列联表第 {row} 行有 {len} 个单元格，而表共有 {rows} 行；Cohen 列联表必须是方阵";
    UNKNOWN_ANNOTATOR:
        "annotator \"{annotator}\" has no answers in these ratings" /
        "标注者“{annotator}”在这些评分中没有任何回答";
    UNKNOWN_METHOD:
        "unknown aggregation method \"{name}\"; expected one of: {expected}" /
        "未知的聚合方法“{name}”；可选值：{expected}";
    NOT_CONVERGED:
        "Dawid-Skene EM did not converge within {iterations} iterations (last change in log-likelihood per answer: {change}); raise the iteration limit or the tolerance" /
        "Dawid-Skene EM 在 {iterations} 次迭代内未收敛（最后一次每个回答的对数似然变化：{change}）；请提高迭代上限或容差";
    INVALID_OPTION:
        "invalid Dawid-Skene option {name} = {value}: {expected}" /
        "Dawid-Skene 选项 {name} = {value} 无效：{expected}";
    EXPECTED_POSITIVE: "expected a number greater than zero" / "应为大于零的数";
    EXPECTED_NON_NEGATIVE: "expected a number of zero or more" / "应为不小于零的数";
}
