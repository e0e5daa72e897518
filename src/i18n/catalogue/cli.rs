//! Messages of the command line: help texts, reports and errors.

crate::messages! {
    ABOUT: "Quorum: label data in the terminal with a team, measure agreement, infer labels, train models." / "Quorum：在终端里与团队一起标注数据，衡量一致性，推断标签，训练模型。";
    ARG_PROJECT: "Project directory (default: the nearest directory upwards with a quorum.toml; also QUORUM_PROJECT)." / "项目目录（默认：从当前目录向上最近的含 quorum.toml 的目录；也可用 QUORUM_PROJECT 设置）。";
    ARG_LANG: "Language of screens and messages: en or zh-CN (default: QUORUM_LANG, then the locale)." / "界面和消息的语言：en 或 zh-CN（默认取 QUORUM_LANG，其次取系统区域设置）。";
    CAUSED_BY: "caused by" / "原因";

    CMD_INIT: "Create a project in DIR, from a sample task or with a default text task." / "在 DIR 中创建项目：基于示例任务，或使用默认的文本任务。";
    ARG_INIT_DIR: "Directory to create the project in." / "创建项目的目录。";
    ARG_INIT_FROM: "Sample task directory to copy and import, e.g. sample_tasks/fortune-topics." / "要复制并导入的示例任务目录，例如 sample_tasks/fortune-topics。";
    INIT_CREATED: "Created project `{name}` in {dir}." / "已在 {dir} 创建项目 `{name}`。";
    INIT_NEXT_STEPS: "Next: edit {toml}, then run `quorum import FILE` and `quorum annotate`." / "下一步：编辑 {toml}，然后运行 `quorum import FILE` 和 `quorum annotate`。";

    CMD_IMPORT: "Add items from a CSV, TSV or JSONL file, all or nothing." / "从 CSV、TSV 或 JSONL 文件导入条目；要么全部导入，要么一条不导入。";
    ARG_IMPORT_FILE: "File to import (.csv, .tsv or .jsonl)." / "要导入的文件（.csv、.tsv 或 .jsonl）。";
    ARG_IMPORT_FORMAT: "File format, when the extension does not tell." / "文件格式（当扩展名无法判断时使用）。";
    ARG_IMPORT_DELIMITER: "Field delimiter for CSV, e.g. ';' (detected from the header by default)." / "CSV 字段分隔符，例如 ';'（默认根据表头自动识别）。";
    ARG_IMPORT_ENCODING: "Text encoding of the file, e.g. GBK, GB18030, Big5, Shift_JIS, windows-1252 (default UTF-8)." / "文件的文本编码，例如 GBK、GB18030、Big5、Shift_JIS、windows-1252（默认 UTF-8）。";
    IMPORT_DONE: "Imported {n} {n|item|items} from {file}." / "已从 {file} 导入 {n} 个条目。";
    CLI_BAD_DELIMITER: "invalid delimiter '{value}': use a single ASCII character such as ',' ';' or a tab" / "分隔符 '{value}' 无效：请使用单个 ASCII 字符，例如 ','、';' 或制表符";
    IMPORT_COMMIT_FAILED: "committing the import failed; nothing was imported" / "提交导入失败；没有导入任何条目";

    CMD_ANNOTATE: "Open the annotation screen." / "打开标注界面。";
    ARG_AS: "Annotator name (default: the login name); only leads may name someone else." / "标注者名称（默认：登录用户名）；只有负责人可以指定他人。";
    ROLE_ACT_AS_REQUIRED: "{name} may not annotate as {other}: only leads listed in [roles] leads of quorum.toml may use --as; run `quorum annotate` without --as to annotate as yourself" / "{name} 不能以 {other} 的身份标注：只有 quorum.toml 的 [roles] leads 中列出的负责人可以使用 --as；去掉 --as 即可以自己的身份标注";
    ROLE_REVIEW_REQUIRED: "{name} is not a lead or reviewer of this project; ask a lead to add you to [roles] leads or reviewers in quorum.toml" / "{name} 不是本项目的负责人或审核人；请让负责人把你加入 quorum.toml 的 [roles] leads 或 reviewers";

    CMD_AGREE: "Print inter-annotator agreement: percent agreement, Cohen's and Fleiss' kappa, Scott's pi, Gwet's AC1, Krippendorff's alpha and per-label agreement." / "输出标注者间一致性：百分比一致率、Cohen's kappa、Fleiss' kappa、Scott's pi、Gwet's AC1、Krippendorff's alpha 以及各标签的一致性。";
    ARG_LEVEL: "Level of measurement for Krippendorff's alpha: nominal, ordinal, interval or ratio." / "Krippendorff's alpha 的测量尺度：nominal（名义）、ordinal（顺序）、interval（区间）或 ratio（比率）。";
    ARG_BOOTSTRAP: "Number of item-level bootstrap resamples for a 95% confidence interval on alpha (default 0: no interval)." / "为 alpha 计算 95% 置信区间所用的条目级自助重抽样次数（默认 0：不计算区间）。";
    ARG_BOOTSTRAP_SEED: "Seed of the bootstrap resampling." / "自助重抽样的随机种子。";
    STAT_SCOTT_PI: "Scott's pi (pooled over annotator pairs)" / "Scott's pi（汇总所有标注者对）";
    STAT_GWET_AC1: "Gwet's AC1" / "Gwet's AC1";
    STAT_KRIPPENDORFF_ALPHA_LEVEL: "Krippendorff's alpha ({level})" / "Krippendorff's alpha（{level}）";
    AGREE_ALPHA_CI: "[{percent}% CI {lower} to {upper}, {resamples} item-level bootstrap resamples]" / "[{percent}% 置信区间 {lower} 至 {upper}，{resamples} 次条目级自助重抽样]";
    AGREE_PARADOX_NOTE:
        "Note: percent agreement is {percent} but kappa is near zero, because label \"{label}\" makes up {share}% of the answers and so chance agreement is already high; report both figures." /
        "注意：百分比一致率为 {percent}，但 kappa 接近零，因为标签“{label}”占全部回答的 {share}%，偶然一致的概率本身就很高；请同时报告这两个数值。";
    AGREE_CATEGORY_HEADER: "Per label, on items with two or more answers (share of answers, Fleiss' category kappa, specific agreement):" / "各标签，基于有两个或以上回答的条目（回答占比、Fleiss 类别 kappa、特定一致率）：";
    AGREE_CATEGORY_OMITTED: "Per-label agreement for the {n} {n|label|labels} is in the --json output." / "{n} 个标签各自的一致性见 --json 输出。";
    AGREE_CATEGORY_ROW: "share {share}  kappa {kappa}  specific {specific}" / "占比 {share}  kappa {kappa}  特定一致率 {specific}";
    ARG_LABELS_FILE: "Long-format label file (item,worker,label) to use instead of the current project." / "长格式标注文件（item,worker,label），代替当前项目的数据。";
    ARG_JSON: "Print JSON instead of a table." / "输出 JSON 而不是表格。";
    AGREE_HEADER: "Agreement over {items} {items|item|items}, {annotators} {annotators|annotator|annotators}, {annotations} {annotations|annotation|annotations}" / "共 {items} 个条目、{annotators} 位标注者、{annotations} 条标注的一致性";
    STAT_PERCENT_AGREEMENT: "percent agreement" / "百分比一致率";
    STAT_COHEN_KAPPA_MEAN: "Cohen's kappa (mean over pairs)" / "Cohen's kappa（两两平均）";
    STAT_FLEISS_KAPPA: "Fleiss' kappa" / "Fleiss' kappa";
    STAT_KRIPPENDORFF_ALPHA: "Krippendorff's alpha (nominal)" / "Krippendorff's alpha（名义尺度）";

    CMD_AGGREGATE: "Infer one label per item from the annotators' answers, with a confidence." / "根据标注者的回答为每个条目推断一个标签，并给出置信度。";
    ARG_METHOD: "Inference method: majority, wmv (gold-weighted majority vote, needs gold), wawa, dawid-skene, one-coin, glad or mace; mean or median for numeric labels such as ratings." / "推断方法：majority（多数投票）、wmv（按标准答案准确率加权的多数投票，需要标准答案）、wawa、dawid-skene、one-coin、glad 或 mace；评分等数值标签可用 mean（均值）或 median（中位数）。";
    ARG_GOLD_FILE: "Gold file (item,label) to score against; a project uses its own gold column." / "用于评分的标准答案文件（item,label）；项目默认使用自身的 gold 列。";
    ARG_AGG_OUT: "Write item,label,confidence rows to this CSV file (item,value,answers for mean and median)." / "将 item,label,confidence 写入此 CSV 文件（mean 和 median 写入 item,value,answers）。";
    ARG_TIE: "How ties are broken: smallest (the smallest tied label, by number when every label is a number, else by text) or random (seeded)." / "平局规则：smallest（并列标签中最小者；所有标签都是数字时按数值比较，否则按文本比较）或 random（按种子随机）。";
    ARG_TIE_SEED: "Seed for --tie random." / "--tie random 使用的随机种子。";
    AGG_METHOD: "method" / "方法";
    AGG_ITEMS: "items" / "条目数";
    AGG_ACCURACY: "accuracy against gold" / "相对标准答案的准确率";
    AGG_ACCURACY_VALUE: "{acc} (on {n} gold items)" / "{acc}（基于 {n} 个标准答案条目）";
    AGG_HINT_OUT: "Use --out FILE to write the labels." / "使用 --out FILE 写出推断的标签。";

    CMD_SYNTH: "Write the seeded synthetic benchmark data: synthetic_answers.csv (item,worker,label) and synthetic_gold.csv." / "写出带种子的合成基准数据：synthetic_answers.csv（item,worker,label）和 synthetic_gold.csv。";
    ARG_SYNTH_OUT: "Directory to write the two CSV files into (created if missing)." / "写入两个 CSV 文件的目录（不存在时自动创建）。";
    ARG_SYNTH_SEED: "Seed of the generator (default 20240917)." / "生成器的随机种子（默认 20240917）。";
    ARG_SYNTH_ITEMS: "Number of items, each with five answers (default 200000, i.e. one million answers)." / "条目数，每个条目 5 个回答（默认 200000，即一百万个回答）。";
    SYNTH_DONE: "Wrote {answers} answers on {items} items to {answers_file} and the true labels to {gold_file}." / "已将 {items} 个条目的 {answers} 个回答写入 {answers_file}，真实标签写入 {gold_file}。";
    CMD_LIVE_BENCH: "Time live agreement updates on the synthetic data and print microseconds per update as JSON." / "在合成数据上计时实时一致性更新，并以 JSON 输出每次更新的微秒数。";
    ARG_LIVE_BENCH_UPDATES: "Number of timed updates." / "计时的更新次数。";

    CMD_TRAIN: "Train a model (TF-IDF + logistic regression, or pixels for images) on the labels." / "在标签上训练模型（文本用 TF-IDF + 逻辑回归，图像用像素特征）。";
    ARG_LABELS_FROM: "Which labels to use: auto (majority vote if anyone answered, else gold), gold or majority." / "使用哪种标签：auto（有人作答时用多数投票，否则用标准答案）、gold 或 majority。";
    TRAIN_LABELS_FROM: "labels from" / "标签来源";
    TRAIN_EXAMPLES: "examples" / "样本数";
    TRAIN_FEATURES: "features" / "特征数";
    TRAIN_ACCURACY: "training accuracy" / "训练集准确率";
    TRAIN_SECONDS: "seconds" / "耗时（秒）";
    TRAIN_SAVED: "model saved to" / "模型已保存到";
    NO_LABELS: "no labelled items to train on (labels from {source}); annotate some items or import a gold column" / "没有可用于训练的已标注条目（标签来源：{source}）；请先标注一些条目或导入 gold 列";

    CMD_EVAL: "Evaluate the model by stratified k-fold cross-validation." / "用分层 k 折交叉验证评估模型。";
    ARG_FOLDS: "Number of folds (default: model.folds in quorum.toml)." / "折数（默认：quorum.toml 中的 model.folds）。";
    EVAL_BAD_FOLDS: "invalid --folds {value}: cross-validation needs 2 to 50 folds" / "--folds {value} 无效：交叉验证需要 2 到 50 折";
    DEMO_PERCENT_AGREEMENT: "percent agreement" / "百分比一致率";
    DEMO_NOTE: "The two simulated annotators labelled {n} items; macro-F1 is cross-validated on their majority-vote labels, so it is low with few items per class (run `quorum eval --labels-from gold` in the project for the ceiling)." / "两位模拟标注者标注了 {n} 个条目；macro-F1 是在其多数投票标签上交叉验证得到的，每类条目较少时会偏低（可在项目中运行 `quorum eval --labels-from gold` 查看上限）。";

    CMD_EXPORT: "Export answers, aggregated labels or the full history to CSV or JSONL." / "将回答、聚合标签或完整历史导出为 CSV 或 JSONL。";
    ARG_EXPORT_FORMAT: "Output format: csv or jsonl." / "输出格式：csv 或 jsonl。";
    ARG_EXPORT_WHAT: "What to export: annotations (current answers), labels (majority vote, or the adjudicated label where there is one) or history (every answer, undo, skip and adjudication)." / "导出内容：annotations（当前回答）、labels（多数投票标签；有裁定时用裁定标签）或 history（每次作答、撤销、跳过和裁定）。";
    ARG_EXPORT_OUT: "Output file; written to a temporary file first, then renamed into place." / "输出文件；先写入临时文件，完成后再改名。";
    EXPORT_DONE: "Wrote {n} {n|row|rows} to {file}." / "已将 {n} 行写入 {file}。";

    CMD_STATUS: "Show what the project holds and how far the work is." / "显示项目包含的数据和工作进度。";
    STATUS_HEADER: "Project `{name}` in {root}" / "项目 `{name}`，位于 {root}";
    STATUS_ITEMS: "items" / "条目";
    STATUS_GOLD: "gold items" / "标准答案条目";
    STATUS_ANNOTATIONS: "annotations" / "标注";
    STATUS_ANNOTATORS: "annotators" / "标注者";
    STATUS_REDUNDANCY: "annotators wanted per item" / "每个条目所需标注者数";
    STATUS_NEEDED: "answers still needed" / "仍需的回答数";

    CMD_SIMULATE: "Run a simulated annotator that answers through the store (for demos and load tests)." / "运行一个通过存储作答的模拟标注者（用于演示和负载测试）。";
    ARG_SIM_AS: "Annotator name the answers are recorded under." / "记录回答时使用的标注者名称。";
    ARG_SIM_ACCURACY: "Probability of answering the gold label, from 0 to 1." / "回答出标准答案的概率，取值 0 到 1。";
    ARG_SIM_COUNT: "Maximum number of answers to record." / "最多记录的回答数。";
    ARG_SIM_SEED: "Seed of the annotator's random choices." / "模拟标注者随机选择的种子。";
    SIMULATE_DONE: "{name} recorded {n} {n|answer|answers}." / "{name} 记录了 {n} 个回答。";
    ARG_SIM_ACK: "Print `ACK ITEM ANNOTATOR LABEL SEQ` on stdout after each answer is committed (for crash tests)." / "每个回答提交后在标准输出打印 `ACK ITEM ANNOTATOR LABEL SEQ`（用于崩溃测试）。";
    SIMULATE_BAD_ACCURACY: "invalid accuracy {value}: use a number from 0 to 1" / "准确率 {value} 无效：请使用 0 到 1 之间的数";

    CMD_DEMO: "Build a throwaway fortune-topics project with two simulated annotators and open the annotation screen." / "基于 fortune-topics 建立一个临时项目，加入两位模拟标注者，并打开标注界面。";
    ARG_DEMO_NO_TUI: "Run headless and print alpha, majority-vote accuracy and macro-F1." / "不打开界面，直接输出 alpha、多数投票准确率和 macro-F1。";
    ARG_DEMO_JSON: "With --no-tui, print JSON." / "与 --no-tui 一起使用时输出 JSON。";
    ARG_DEMO_DIR: "Keep the demo project in this new directory instead of a temporary one." / "将演示项目保存在此新目录中，而不是临时目录。";
    ARG_DEMO_ITEMS: "How many items each simulated annotator labels." / "每位模拟标注者标注的条目数。";
    ARG_DEMO_SEED: "Seed of the simulated annotators." / "模拟标注者的随机种子。";
    DEMO_KEPT: "The demo project is kept in {dir}; open it again with `quorum --project {dir} annotate`." / "演示项目保存在 {dir}；可用 `quorum --project {dir} annotate` 再次打开。";
    DEMO_DIR_EXISTS: "{dir} already holds a Quorum project; pass a new directory to --dir" / "{dir} 中已有 Quorum 项目；请给 --dir 指定一个新目录";
    DEMO_MAJORITY_ACCURACY: "majority-vote accuracy against gold" / "多数投票相对标准答案的准确率";
    DEMO_MACRO_F1: "macro-F1 (cross-validated, majority-vote labels)" / "macro-F1（交叉验证，多数投票标签）";

    CMD_ANNOTATORS: "Show each annotator's quality: items done, gold accuracy, agreement with the others, speed and flags (leads and reviewers)." / "显示每位标注者的质量：完成条目数、标准答案准确率、与他人的一致率、速度和警示（限负责人和审核人）。";
    ANNOTATORS_NONE: "No answers yet." / "还没有任何回答。";
    ANNOTATORS_HEADER: "{n} {n|annotator|annotators}; team median time per item {median}" / "共 {n} 位标注者；团队每条目用时中位数 {median}";
    ANNOTATORS_SHARE_OF: "{share} of {n}" / "{n} 个中 {share}";
    ANNOTATORS_DONE: "items done" / "已完成条目";
    ANNOTATORS_GOLD: "accuracy on gold items" / "标准答案准确率";
    ANNOTATORS_CONSENSUS: "agreement with the others' majority" / "与其他人多数意见的一致率";
    ANNOTATORS_MEDIAN: "median time per item" / "每条目用时中位数";
    ANNOTATORS_TOP_LABEL: "most used label" / "最常用标签";
    ANNOTATORS_FLAGS: "flags" / "警示";
    FLAG_SUSPICIOUS_SPEED: "suspiciously fast" / "速度可疑";
    FLAG_CONSTANT_ANSWERS: "nearly always the same label" / "几乎总是同一标签";

    CMD_ADJUDICATE: "Set the final label of an item, or list the items annotators disagree on (leads and reviewers)." / "设定条目的最终标签，或列出标注者意见不一的条目（限负责人和审核人）。";
    ARG_ADJ_ITEM: "External id of the item." / "条目的外部 id。";
    ARG_ADJ_LABEL: "The final label; it replaces the aggregated label in aggregation, export and training." / "最终标签；在聚合、导出和训练中取代推断出的标签。";
    ARG_ADJ_LIST: "List the items whose answers disagree, worst first, instead of adjudicating." / "不做裁定，而是列出回答不一致的条目，分歧最大者在前。";
    ARG_ADJ_LIMIT: "With --list: how many items to print." / "与 --list 一起使用：打印多少个条目。";
    ARG_ADJ_OFFSET: "With --list: how many items to pass over first, for paging." / "与 --list 一起使用：先跳过多少个条目，用于分页。";
    ARG_ADJ_JSON: "With --list: print JSON Lines, one item per line." / "与 --list 一起使用：输出 JSON Lines，每行一个条目。";
    ADJUDICATE_NONE: "No unadjudicated disagreements." / "没有待裁定的分歧条目。";
    ADJUDICATE_MISSING: "give an ITEM and a LABEL, or --list" / "请给出 ITEM 和 LABEL，或使用 --list";
    ADJUDICATE_BAD_LABEL: "`{label}` is not a label of this task; use one of: {labels}" / "`{label}` 不是本任务的标签；请使用以下之一：{labels}";
    ADJUDICATE_NO_ITEM: "no item with id `{item}`; check the id column of the imported file" / "没有 id 为 `{item}` 的条目；请检查导入文件的 id 列";
    ADJUDICATE_DONE: "Item {item} is now labelled {label} (adjudicated by {name})." / "条目 {item} 的标签现为 {label}（由 {name} 裁定）。";
}
