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
    UNDEFINED_SINGLE_CATEGORY:
        "the rating scale has fewer than two labels" /
        "评分尺度上的标签少于两个";
    UNDEFINED_LABEL_NOT_USED:
        "no answer on an item with two or more answers has label \"{label}\"" /
        "在有两个或以上回答的条目中，没有回答使用标签“{label}”";
    UNDEFINED_NO_DEFINED_RESAMPLE:
        "alpha is undefined on every bootstrap resample" /
        "在所有自助重抽样样本上 alpha 均无定义";
    INVALID_RESAMPLES:
        "the number of bootstrap resamples must be at least 1" /
        "自助重抽样次数必须至少为 1";
    INVALID_CONFIDENCE:
        "invalid confidence level {value}: expected a number strictly between 0 and 1" /
        "置信水平 {value} 无效：应为严格介于 0 和 1 之间的数";
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
        "{method} EM did not converge within {iterations} iterations (last change in the objective per answer: {change}); raise the iteration limit or the tolerance" /
        "{method} EM 在 {iterations} 次迭代内未收敛（最后一次每个回答的目标函数变化：{change}）；请提高迭代上限或容差";
    INVALID_OPTION:
        "invalid aggregation option {name} = {value}: {expected}" /
        "聚合选项 {name} = {value} 无效：{expected}";
    MISSING_GOLD:
        "gold-weighted majority vote needs gold labels for some of the answered items; pass --gold FILE with item,label rows" /
        "标准答案加权多数投票需要部分已作答条目的标准答案；请用 --gold FILE 提供 item,label 行";
    EXPECTED_FINITE: "expected a finite number" / "应为有限数";
    EXPECTED_POSITIVE: "expected a number greater than zero" / "应为大于零的数";
    EXPECTED_NON_NEGATIVE: "expected a number of zero or more" / "应为不小于零的数";
    SYNTH_TOO_FEW_WORKERS:
        "{per_item} distinct workers per item need at least that many workers, but there are {workers}" /
        "每个条目需要 {per_item} 位不同的标注者，但只有 {workers} 位";
    SYNTH_TOO_FEW_CLASSES:
        "synthetic data need at least 2 classes, got {classes}" /
        "合成数据至少需要 2 个类别，实际为 {classes}";
    SYNTH_INVALID_PROBABILITY:
        "{name} = {value} is not a probability; expected a number from 0 to 1" /
        "{name} = {value} 不是概率值；应为 0 到 1 之间的数";
    SYNTH_TOO_LARGE:
        "item, worker and class counts must each be at most {limit}" /
        "条目数、标注者数和类别数均不得超过 {limit}";
    STATS_FILE_NOT_UTF8:
        "{path}, line {line}: column {column} is not valid UTF-8 text; save the file as UTF-8 and run the command again" /
        "{path} 第 {line} 行：第 {column} 列不是有效的 UTF-8 文本；请将文件另存为 UTF-8 后重新运行命令";
    STAT_COHEN_KAPPA_SHARED_WEIGHTED: "Cohen's kappa (mean over pairs, weighted by shared items)"
        / "Cohen's kappa（两两平均，按共同条目数加权）";
    STAT_ARG_PAIRS:
        "Also list Cohen's kappa of every annotator pair that shares an item: unweighted, and with linear and quadratic weights on the label ranks for ordinal labels."
        / "同时列出每对有共同条目的标注者的 Cohen's kappa：不加权，以及按标签等级的线性和二次加权（适用于顺序标签）。";
    STAT_PAIRS_HEADER:
        "Cohen's kappa per annotator pair (items both answered; unweighted, linear and quadratic weights on label ranks; - where undefined):"
        / "每对标注者的 Cohen's kappa（两人都回答的条目数；不加权、按标签等级的线性加权和二次加权；无定义处为 -）：";
    STAT_PAIRS_ROW:
        "shared {n}  kappa {kappa}  linear {linear}  quadratic {quadratic}"
        / "共同条目 {n}  kappa {kappa}  线性 {linear}  二次 {quadratic}";
    STAT_PAIRS_NONE: "No two annotators share an item, so no pair has a kappa." / "没有任何两位标注者有共同条目，因此没有成对的 kappa。";
    STAT_REPLACED_ROWS:
        "{path}: {n} {n|row repeats|rows repeat} an (item, worker) pair of an earlier row; only the last row of each pair counts"
        / "{path}：有 {n} 行与前面某行的（条目，标注者）组合重复；每个组合只计最后一行";
    STATS_FILE_EMPTY:
        "{path} is empty; a label file starts with a header line such as item,worker,label (item,label for a gold file)"
        / "{path} 是空文件；标签文件应以表头行开始，例如 item,worker,label（标准答案文件为 item,label）";
    STATS_FILE_RAGGED_ROW:
        "{path}, line {line}: {fields} {fields|field|fields}, but the header has {expected}; put double quotes around a value that contains the delimiter, or fix the row"
        / "{path} 第 {line} 行：有 {fields} 个字段，但表头有 {expected} 个；含有分隔符的值请用双引号括起来，或修正该行";
    UNDEFINED_NO_CORRELATION:
        "a correlation needs two or more items with a gold value, and both the estimates and the gold values must vary" /
        "相关系数需要两个或以上有标准答案的条目，且估计值与标准答案值都须有变化";
    NON_NUMERIC_ANSWER:
        "item \"{item}\", annotator \"{annotator}\": label \"{label}\" is not a number, so mean and median do not apply; use a categorical method such as majority or dawid-skene" /
        "条目“{item}”，标注者“{annotator}”：标签“{label}”不是数字，因此不能使用均值或中位数；请改用 majority 或 dawid-skene 等类别方法";
    NUMERIC_PEARSON: "Pearson r with gold" / "与标准答案的 Pearson r";
    NUMERIC_PEARSON_VALUE: "{r} over {n} {n|item|items}" / "{r}（基于 {n} 个条目）";
    NUMERIC_GOLD_NOT_A_NUMBER:
        "{source}: the gold value \"{value}\" of item \"{item}\" is not a number; give numeric gold values for mean and median, or use a categorical method"
        / "{source}：条目“{item}”的标准答案“{value}”不是数字；均值和中位数需要数值型标准答案，否则请改用类别方法";
    STAT_ARG_PER_ITEM:
        "Write each item's percent agreement to this CSV file, as item,answers,percent_agreement (empty for an item with one answer)."
        / "将每个条目的百分比一致率写入此 CSV 文件，列为 item,answers,percent_agreement（只有一个回答的条目留空）。";
    STATS_FILE_SHORT_ROW:
        "{path}, line {line}: {fields} {fields|field|fields}, but the header has {expected}; a value is missing, so fill it in or remove the row"
        / "{path} 第 {line} 行：有 {fields} 个字段，但表头有 {expected} 个；缺少一个值，请补上或删除该行";
    STATS_FILE_SEMICOLONS:
        "{path}: the header is separated by semicolons, but a label file takes commas or tabs; save it as CSV with commas (or as TSV) and run the command again"
        / "{path}：表头以分号分隔，但标签文件只接受逗号或制表符；请另存为以逗号分隔的 CSV（或 TSV）后重新运行命令";
    STATS_LABEL_ORDER_NUMERIC:
        "--label-order applies to text labels, but every label of {path} is a number and numbers are ranked by value; leave --label-order out"
        / "--label-order 只适用于文本标签，但 {path} 的标签全是数字，数字按数值排序；请去掉 --label-order";
    STAT_ARG_CROWD_KIT_COMPAT:
        "With --method mace, reproduce crowd-kit 1.4.2, which gives each annotator the spamming strategy of the annotator at the same position in sorted-name order; this matches the Crowd-Kit paper's MACE figures but not the published model."
        / "与 --method mace 一起使用时复现 crowd-kit 1.4.2 的做法：每位标注者使用按姓名排序后同一位置标注者的随机作答策略；这与 Crowd-Kit 论文中的 MACE 数值一致，但不是所发表的模型。";
    STATS_COMPAT_MACE_ONLY:
        "--crowd-kit-compat changes only MACE, and the method is {method}; add --method mace or leave the option out"
        / "--crowd-kit-compat 只影响 MACE，而当前方法是 {method}；请加上 --method mace 或去掉该选项";
    NUMERIC_PEARSON_UNDEFINED: "{reason}; {n} {n|item has|items have} a gold value" / "{reason}；有标准答案的条目为 {n} 个";
    NUMERIC_HINT_OUT: "Use --out FILE to write each item's value." / "使用 --out FILE 写出每个条目的数值。";
    NUMERIC_PROJECT_GOLD: "the project's gold column" / "项目的标准答案列";
}
