//! Messages of the annotation screen.

crate::messages! {
    // Item text
    FIELD_MISSING: "(this item has no such column)" / "（此条目没有该列）";
    FIELD_EMPTY: "(empty)" / "（空）";
    SCROLL_HINT: "j/k ↑/↓ PgUp/PgDn to scroll" / "j/k ↑/↓ PgUp/PgDn 滚动";
    SCROLL_END: "end" / "末尾";

    // Images
    IMAGE_UNAVAILABLE: "Image not shown" / "无法显示图像";
    IMAGE_NO_PATH: "The item names no image file." / "该条目没有指定图像文件。";
    IMAGE_OUTSIDE_PROJECT: "The image path leads outside the project directory, so it is not opened." / "图像路径指向项目目录之外，因此不予打开。";
    IMAGE_NOT_FOUND: "The image file was not found." / "找不到图像文件。";
    IMAGE_NOT_A_FILE: "the path is not a regular file" / "该路径不是普通文件";
    IMAGE_TOO_LARGE: "The image file is {mb} MB; the limit is {max_mb} MB." / "图像文件为 {mb} MB，上限为 {max_mb} MB。";
    IMAGE_TOO_MANY_PIXELS: "The image is {width}×{height} pixels; the limit is {max_mp} megapixels." / "图像为 {width}×{height} 像素，上限为 {max_mp} 百万像素。";

    // Answers
    ANSWER_RECORDED: "Saved “{label}” for {item}." / "已保存 {item} 的回答：“{label}”。";
    ITEM_FULL: "{item} already has enough answers from others; yours was not recorded." / "{item} 已有足够的他人回答，你的回答未被记录。";
    ITEM_SKIPPED: "Skipped {item}." / "已跳过 {item}。";
    ANSWER_WITHDRAWN: "Withdrew “{label}” from {item}; answer it again." / "已撤回 {item} 的回答“{label}”，请重新作答。";
    NOTHING_TO_UNDO: "Nothing to undo: you have no answers yet." / "没有可撤销的回答。";
    NOTHING_TO_ANSWER: "No item is shown, so there is nothing to answer." / "当前没有条目，无法作答。";
    NOTHING_TO_SKIP: "No item is shown, so there is nothing to skip." / "当前没有条目，无法跳过。";
    QUEUE_EMPTY: "Nothing left for you to annotate." / "你已没有待标注的条目。";
    QUEUE_EMPTY_HINT: "Items held by others come back when their leases expire. Press u to undo, q to quit." / "他人占用的条目在租约到期后会重新出现。按 u 撤销，按 q 退出。";

    // Store
    TUI_STORE_BUSY: "The store is busy (another process holds the write lock); nothing was saved. Try again." / "存储忙（另一进程持有写锁），本次未保存。请重试。";
    STORE_FAILED: "Store error, nothing was saved: {error}" / "存储出错，本次未保存：{error}";

    // Status and progress
    KEY_HINTS: "u undo · s skip · ? help · t jobs · q quit" / "u 撤销 · s 跳过 · ? 帮助 · t 任务 · q 退出";
    PROGRESS_DONE: "You: {n} done" / "你已完成 {n} 条";
    PROGRESS_NEEDED: "project: {n} more {n|answer|answers} needed · items: {items}" / "项目还需 {n} 个回答 · 条目数：{items}";
    TERMINAL_TOO_SMALL: "Terminal too small: {width}×{height}. Enlarge it to at least {min_width}×{min_height}." / "终端太小：{width}×{height}。请调整到至少 {min_width}×{min_height}。";

    // Agreement
    AGREEMENT_TITLE: "Agreement (live)" / "一致性（实时）";
    AGREEMENT_SHORT: "agreement" / "一致性";
    AGREEMENT_WAITING: "agreement: reading answers…" / "一致性：正在读取回答…";
    AGREEMENT_STALE: "Cannot read new answers; the figures may be out of date. Retrying." / "无法读取新回答，数据可能已过时，正在重试。";
    AGREEMENT_STALE_SHORT: "out of date" / "已过时";
    PERCENT_AGREEMENT: "Percent agreement" / "百分比一致性";
    KRIPPENDORFF_ALPHA: "Krippendorff's α (nominal)" / "Krippendorff α（名义）";
    ITEMS_PAIRED: "{n} {n|item|items} with two or more answers" / "{n} 个条目有两个以上回答";

    // Help and instructions
    HELP_TITLE: "Help" / "帮助";
    HELP_LABELS: "Answer with a label key" / "按标签键作答";
    HELP_KEYS: "Other keys" / "其他按键";
    HELP_UNDO: "undo your last answer and reopen its item" / "撤销上一个回答并重新打开该条目";
    HELP_SKIP: "skip this item (it is not shown to you again)" / "跳过此条目（不会再分配给你）";
    HELP_SCROLL_LINE: "scroll the item one line" / "条目滚动一行";
    HELP_SCROLL_PAGE: "scroll the item one page" / "条目滚动一页";
    HELP_SCROLL_ENDS: "go to the start / end of the item" / "跳到条目开头／末尾";
    HELP_TOGGLE_AGREEMENT: "show or hide the agreement panel" / "显示或隐藏一致性面板";
    HELP_JOBS: "train or evaluate a model" / "训练或评估模型";
    HELP_HELP: "open or close this help" / "打开或关闭本帮助";
    HELP_INSTRUCTIONS: "show the task instructions" / "显示任务说明";
    HELP_QUIT: "quit (answers are already saved)" / "退出（回答已保存）";
    HELP_CLOSE: "Esc, q or ? closes help; i shows the instructions." / "按 Esc、q 或 ? 关闭帮助；按 i 查看任务说明。";
    INSTRUCTIONS_TITLE: "Instructions" / "任务说明";
    NO_INSTRUCTIONS: "This task has no instructions." / "此任务没有说明。";
    PRESS_ANY_KEY: "Press any key to begin." / "按任意键开始。";

    // Jobs
    JOBS_TITLE: "Model jobs" / "模型任务";
    JOBS_INTRO: "Train a model on the answers so far, or estimate its accuracy by cross-validation. You can keep annotating while a job runs." / "用已有回答训练模型，或通过交叉验证估计其准确率。任务运行时可以继续标注。";
    JOBS_HINTS: "↑/↓ select · Enter start · c cancel · Esc close" / "↑/↓ 选择 · Enter 开始 · c 取消 · Esc 关闭";
    JOB_TRAIN: "Train" / "训练";
    JOB_EVALUATE: "Evaluate" / "评估";
    JOB_IDLE: "not run yet" / "尚未运行";
    JOB_RUNNING: "running" / "运行中";
    JOB_DONE: "finished" / "已完成";
    JOB_FAILED_WORD: "failed" / "失败";
    JOB_CANCELLED_WORD: "cancelled" / "已取消";
    JOB_STARTING: "starting" / "正在启动";
    JOB_ALREADY_RUNNING: "{job} is already running." / "{job}任务已在运行。";
    MODEL_DIR_FAILED: "Cannot create the model directory {dir}: {error}. Check its permissions." / "无法创建模型目录 {dir}：{error}。请检查权限。";
    JOB_NOT_RUNNING: "That job is not running." / "该任务未在运行。";
    JOB_FINISHED: "{job} finished; press t to see the result." / "{job}任务已完成，按 t 查看结果。";
    JOB_FAILED: "{job} failed: {error}" / "{job}任务失败：{error}";
    JOB_CANCELLED: "{job} was cancelled." / "{job}任务已取消。";
    JOB_ERROR_DETAIL: "The job failed: {error}" / "任务失败：{error}";
    RESULT_EXAMPLES: "Examples: {n}" / "样本数：{n}";
    RESULT_FEATURES: "Features: {n}" / "特征数：{n}";
    RESULT_TRAIN_ACCURACY: "Training accuracy: {value}" / "训练集准确率：{value}";
    RESULT_SECONDS: "Time: {seconds} s" / "用时：{seconds} 秒";
    EVAL_SUMMARY: "{folds}-fold cross-validation on {n} examples: accuracy {accuracy}, macro-F1 {macro_f1}" / "{folds} 折交叉验证，{n} 个样本：准确率 {accuracy}，宏平均 F1 {macro_f1}";
    COLUMN_LABEL: "label" / "标签";
    COLUMN_PRECISION: "precision" / "精确率";
    COLUMN_RECALL: "recall" / "召回率";
    COLUMN_SUPPORT: "support" / "样本数";
    CONFUSION_CORNER: "actual\\pred" / "真实\\预测";

    // Roles
    NOT_ALLOWED_REVIEW: "Not allowed: only leads and reviewers can open this screen." / "无权操作：只有负责人和审核人可以打开此界面。";
    NOT_ALLOWED_AGREEMENT: "Not allowed: this project hides agreement figures from annotators." / "无权操作：本项目不向标注者显示一致性数据。";

    // Gold feedback
    GOLD_CORRECT: "That matches the expected answer." / "与预期答案一致。";
    GOLD_EXPECTED: "The expected answer was “{label}”." / "预期答案是“{label}”。";

    // Background reports
    REPORT_LOADING: "Computing…" / "正在计算…";
    REPORT_UPDATING: "updating…" / "正在更新…";
    REPORT_FAILED: "Cannot compute the figures: {error}" / "无法计算数据：{error}";
    REPORT_THREAD_FAILED: "Cannot start the background computation: {error}" / "无法启动后台计算：{error}";

    // Annotators screen
    ANNOTATORS_TITLE: "Annotators" / "标注者";
    ANNOTATORS_HINTS: "j/k ↑/↓ select · r recompute · Esc back" / "j/k ↑/↓ 选择 · r 重新计算 · Esc 返回";
    ANNOTATORS_SCREEN_EMPTY: "No answers yet." / "还没有回答。";
    COL_ANNOTATOR: "Annotator" / "标注者";
    COL_DONE: "Done" / "完成";
    COL_GOLD: "Gold acc." / "标准答案准确率";
    COL_CONSENSUS: "Consensus" / "与共识一致";
    COL_MEDIAN_TIME: "Median" / "中位用时";
    COL_MODEL_ACCURACY: "D–S acc." / "D–S 准确率";
    COL_FLAGS: "Flags" / "提示";
    FLAG_FAST: "fast" / "过快";
    FLAG_CONSTANT: "constant" / "答案单一";
    FLAG_FAST_DETAIL: "Suspicious speed: median time per item far below the team's median of {team}." / "速度可疑：每条中位用时远低于团队中位数 {team}。";
    FLAG_CONSTANT_DETAIL: "Constant answers: one label for nearly every answer." / "答案单一：几乎所有回答都是同一标签。";
    ANNOTATOR_TOP_LABEL: "{name} answers “{label}” most often ({share} of answers)." / "{name} 最常回答“{label}”（占回答的 {share}）。";
    TEAM_MEDIAN_TIME: "Team median time per item: {time}. Consensus is the majority of the other annotators; (n) counts the items compared. D–S acc. is the accuracy a Dawid–Skene model fitted to all answers estimates." / "团队每条中位用时：{time}。共识指其他标注者的多数答案；括号内为比较的条目数。D–S 准确率是按全部回答拟合的 Dawid–Skene 模型估计的准确率。";

    // Review screen
    REVIEW_TITLE: "Review: disagreements, worst first" / "审核：分歧条目（最严重的在前）";
    REVIEW_HINTS: "label key: final label · j/k ↑/↓ select · PgUp/PgDn page · r reload · Esc back" / "按标签键设定最终标签 · j/k ↑/↓ 选择 · PgUp/PgDn 翻页 · r 刷新 · Esc 返回";
    REVIEW_PROMPT: "Final label for the selected item:" / "为所选条目设定最终标签：";
    REVIEW_EMPTY: "No disagreements left to review." / "没有待审核的分歧条目。";
    REVIEW_EMPTY_HINT: "Items appear here when their answers differ; adjudicated items leave the list." / "回答不一致的条目会出现在这里；已裁定的条目会移出列表。";
    REVIEW_ANSWERS_TITLE: "Answers" / "回答";
    REVIEW_NOTHING_SELECTED: "No item is selected, so there is nothing to adjudicate." / "未选中条目，无法裁定。";
    COL_ITEM: "Item" / "条目";
    COL_ANSWERS: "Answers" / "回答数";
    COL_MAJORITY: "Majority" / "多数占比";
    ANNOTATOR_NUMBER: "annotator {n}" / "标注者 {n}";
    FINAL_LABEL: "Final label: “{label}” (set by {reviewer})" / "最终标签：“{label}”（由 {reviewer} 设定）";
    ADJUDICATED: "Final label “{label}” saved for {item}." / "已保存 {item} 的最终标签“{label}”。";

    // Agreement screen
    AGREEMENT_SCREEN_TITLE: "Agreement" / "一致性";
    AGREEMENT_HINTS: "r recompute · Esc back" / "r 重新计算 · Esc 返回";
    TABLE_SIZE: "{items} {items|item|items} · {annotators} {annotators|annotator|annotators} · {answers} {answers|answer|answers}" / "{items} 个条目 · {annotators} 名标注者 · {answers} 个回答";
    COHEN_KAPPA_MEAN: "Mean Cohen's κ (pairs)" / "Cohen κ 均值（两两）";
    ALPHA_INTERVAL: "{confidence}% bootstrap interval [{lower}, {upper}], {resamples} resamples" / "{confidence}% 自助法区间 [{lower}, {upper}]，{resamples} 次重抽样";
    ALPHA_INTERVAL_UNDEFINED: "no bootstrap interval: {reason}" / "无自助法区间：{reason}";
    KAPPA_PARADOX: "High agreement but low κ: “{label}” takes {share} of the answers, so chance agreement is high. Read percent agreement and κ together." / "高一致但 κ 低：“{label}”占回答的 {share}，偶然一致的概率很高。请结合百分比一致性和 κ 一起看。";
    KAPPA_PARADOX_SHORT: "High agreement but low κ: one label dominates, so chance agreement is high." / "高一致但 κ 低：某一标签占多数，偶然一致的概率很高。";
    PER_LABEL_TITLE: "Per label" / "各标签";
    COL_LABEL: "Label" / "标签";
    COL_SHARE: "Share" / "占比";
    COL_LABEL_KAPPA: "Fleiss κ" / "Fleiss κ";
    COL_SPECIFIC: "Specific" / "特定一致";
    PER_ANNOTATOR_TITLE: "Agreement with consensus" / "与共识的一致性";
    ALPHA_HISTORY_TITLE: "α over the last {n} {n|change|changes} (0 to 1)" / "最近 {n} 次变化的 α（0 到 1）";
    ALPHA_HISTORY_EMPTY: "No change of α seen since this screen was opened." / "自打开本界面以来 α 尚无变化。";

    // Help: lead screens
    HELP_AGREEMENT_SCREEN: "all agreement statistics" / "全部一致性统计";
    HELP_ANNOTATORS: "annotator quality" / "标注者质量";
    HELP_REVIEW: "review disagreements, set final labels" / "审核分歧，设定最终标签";
}
