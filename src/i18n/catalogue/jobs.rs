//! Messages for job processes, the run registry and prediction.

crate::messages! {
    JOB_CMD_JOBS: "List jobs (newest first) with their state and progress; `jobs log ID`, `jobs cancel ID`, `jobs show ID` act on one job."
        / "列出任务（最新的在前）及其状态和进度；`jobs log ID`、`jobs cancel ID`、`jobs show ID` 作用于单个任务。";
    JOB_CMD_LOG: "Print a job's log." / "输出任务的日志。";
    JOB_CMD_CANCEL: "Ask a job to stop; a running job stops at its next check." / "请求停止任务；运行中的任务会在下一次检查时停止。";
    JOB_CMD_SHOW: "Print a job and its result as JSON." / "以 JSON 输出任务及其结果。";
    JOB_CMD_JOB_RUN: "Run one queued job (started by the commands that detach a job)." / "运行一个排队中的任务（由后台启动任务的命令调用）。";
    JOB_CMD_MODELS: "List trained runs with their metrics and mark the active one; `models activate ID` pins a run, `models unpin` releases the pin."
        / "列出已训练的运行及其指标，并标出当前启用的运行；`models activate ID` 固定启用某个运行，`models unpin` 取消固定。";
    JOB_CMD_ACTIVATE: "Make a run active and keep it active when later runs are trained." / "启用一个运行，并在之后训练新运行时保持其启用。";
    JOB_CMD_UNPIN: "Let the newest run become active again after each training." / "恢复为每次训练后启用最新的运行。";
    JOB_CMD_PREDICT: "Score items with a run's model and store the predictions (the active run by default)." / "用某个运行的模型为条目打分并保存预测（默认使用当前启用的运行）。";
    JOB_ARG_ID: "Job id, as `quorum jobs` lists it." / "任务编号，即 `quorum jobs` 列出的编号。";
    JOB_ARG_RUN: "Run id, as `quorum models` lists it." / "运行编号，即 `quorum models` 列出的编号。";
    JOB_ARG_JSON: "Print JSON instead of text." / "输出 JSON 而不是文本。";
    JOB_ARG_LIMIT: "Number of jobs to list, newest first." / "列出的任务数，最新的在前。";
    JOB_ARG_DETACH: "Start the work as a background job, print its id and return at once; follow it with `quorum jobs`." / "以后台任务启动，输出任务编号后立即返回；用 `quorum jobs` 查看进度。";
    JOB_ARG_WITH_EVAL: "Cross-validate before training and store the metrics with the run." / "训练前先做交叉验证，并把指标与运行一起保存。";
    JOB_ARG_PREDICT_RUN: "Run whose model scores the items (default: the active run)." / "用于打分的运行编号（默认：当前启用的运行）。";
    JOB_ARG_PREDICT_ALL: "Score every item, not only items without answers or an adjudicated label." / "为所有条目打分，而不只是没有回答且没有裁定标签的条目。";
    JOB_ARG_PREDICT_OUT: "Also write item,label,confidence,margin,entropy rows to this CSV file." / "同时把 item,label,confidence,margin,entropy 写入此 CSV 文件。";

    JOB_DETACHED: "Started job {id} ({kind}) in the background; follow it with `quorum jobs` and `quorum jobs log {id}`."
        / "已在后台启动任务 {id}（{kind}）；可用 `quorum jobs` 和 `quorum jobs log {id}` 查看。";
    JOB_NONE: "No jobs yet; `quorum train` or the jobs menu (t) starts one." / "还没有任务；可用 `quorum train` 或任务菜单（t）启动。";
    JOB_NOT_FOUND: "No job has id {id}; run `quorum jobs` to list the jobs." / "没有编号为 {id} 的任务；运行 `quorum jobs` 查看任务列表。";
    JOB_NOT_QUEUED: "Job {id} is {state}, not queued, so it was not started again; start a new job instead." / "任务 {id} 的状态是 {state}，不是排队中，因此不会再次启动；请新建任务。";
    JOB_ALREADY_ENDED: "Job {id} has already ended ({state}); nothing to cancel." / "任务 {id} 已经结束（{state}），无需取消。";
    JOB_CANCEL_REQUESTED: "Asked job {id} to stop; it stops at its next check." / "已请求任务 {id} 停止；它会在下一次检查时停止。";
    JOB_CANCELLED_NOW: "Job {id} was cancelled before it started." / "任务 {id} 在开始前已取消。";
    JOB_LOG_FILE_AT: "Full output of the worker process: {path}" / "任务进程的完整输出：{path}";
    JOB_LOST: "the job process ended without reporting; see its log with `quorum jobs log` and start the job again"
        / "任务进程未报告结果就结束了；可用 `quorum jobs log` 查看日志，然后重新启动任务";
    JOB_LOG_FILE_FAILED: "Cannot open the job log file {path}; check that the project directory is writable." / "无法打开任务日志文件 {path}；请检查项目目录是否可写。";
    JOB_SPAWN_FAILED: "Cannot start the job process {program}; check that the file exists and is executable." / "无法启动任务进程 {program}；请检查该文件是否存在且可执行。";
    JOB_NO_EXE: "Cannot find the path of the running quorum executable to start a job process." / "找不到当前 quorum 可执行文件的路径，无法启动任务进程。";
    JOB_SIGNAL_FAILED: "Cannot install the signal handlers of the job." / "无法为任务安装信号处理程序。";
    JOB_BAD_PARAMS: "Job {id} has invalid parameters ({error}); start a new job with this version of quorum." / "任务 {id} 的参数无效（{error}）；请用当前版本的 quorum 新建任务。";
    JOB_PANICKED: "the job process hit an internal error; see its log file under .quorum/jobs/ and report it" / "任务进程遇到内部错误；请查看 .quorum/jobs/ 下的日志文件并报告此问题";
    JOB_BAD_FORMAT: "Invalid file format `{value}`; use csv, tsv or jsonl." / "文件格式 `{value}` 无效；请使用 csv、tsv 或 jsonl。";
    JOB_NO_REPORT: "Job {id} finished without an evaluation report; see `quorum jobs show {id}`." / "任务 {id} 已结束，但没有评估报告；请查看 `quorum jobs show {id}`。";

    JOB_LOG_STARTED: "worker process {pid} started" / "任务进程 {pid} 已启动";
    JOB_LOG_LOADED: "loaded {n} labelled examples ({source} labels)" / "已加载 {n} 个已标注样本（标签来源：{source}）";
    JOB_LOG_RUN_REGISTERED: "registered run {run}, model saved to {path}" / "已登记运行 {run}，模型保存在 {path}";
    JOB_LOG_LATEST_FAILED: "could not copy the model to {path}: {error}" / "无法把模型复制到 {path}：{error}";
    JOB_LOG_SCORING: "scoring {n} items with run {run}" / "正在用运行 {run} 为 {n} 个条目打分";
    JOB_LOG_DONE: "done" / "已完成";
    JOB_LOG_CANCELLED: "cancelled" / "已取消";
    JOB_LOG_FAILED: "failed: {error}" / "失败：{error}";

    JOB_STAGE_READING_ITEMS: "Reading items" / "正在读取条目";
    JOB_STAGE_SCORING: "Scoring items" / "正在为条目打分";
    JOB_STAGE_SAVING_PREDICTIONS: "Saving predictions" / "正在保存预测";
    JOB_STAGE_IMPORTING: "Importing" / "正在导入";

    JOB_STATE_QUEUED: "queued" / "排队中";
    JOB_STATE_RUNNING: "running" / "运行中";
    JOB_STATE_DONE: "done" / "已完成";
    JOB_STATE_FAILED: "failed" / "失败";
    JOB_STATE_CANCELLED: "cancelled" / "已取消";

    JOB_COL_ID: "id" / "编号";
    JOB_COL_KIND: "kind" / "类型";
    JOB_COL_STATE: "state" / "状态";
    JOB_COL_PROGRESS: "progress" / "进度";
    JOB_COL_STAGE: "stage" / "阶段";
    JOB_COL_CREATED: "created (UTC)" / "创建时间（UTC）";
    JOB_COL_WHO: "who" / "发起人";
    JOB_COL_RUN: "run" / "运行";
    JOB_COL_MODEL: "model" / "模型";
    JOB_COL_LABELS: "labels" / "标签来源";
    JOB_COL_EXAMPLES: "examples" / "样本数";
    JOB_COL_ACCURACY: "cv accuracy" / "交叉验证准确率";
    JOB_COL_MACRO_F1: "cv macro-F1" / "交叉验证宏平均 F1";
    JOB_COL_DATA: "data SHA-256" / "数据 SHA-256";
    JOB_ROW_RUN: "run" / "运行";
    JOB_ROW_JOB: "job" / "任务";
    JOB_ROW_CV_ACCURACY: "cross-validated accuracy" / "交叉验证准确率";
    JOB_ROW_CV_MACRO_F1: "cross-validated macro-F1" / "交叉验证宏平均 F1";

    JOB_NO_RUNS: "No runs yet; `quorum train` registers one." / "还没有运行；`quorum train` 会登记一个。";
    JOB_RUNS_LEGEND: "* active run, ! pinned with `quorum models activate`; metrics are from cross-validation of the same data."
        / "* 为当前启用的运行，! 表示已用 `quorum models activate` 固定；指标来自同一数据上的交叉验证。";
    JOB_RUN_NOT_FOUND: "No run has id {run}; run `quorum models` to list the runs." / "没有编号为 {run} 的运行；运行 `quorum models` 查看列表。";
    JOB_NO_ACTIVE_RUN: "No model is active yet; train one with `quorum train`, or name a run with --run." / "还没有启用的模型；请先用 `quorum train` 训练，或用 --run 指定运行。";
    JOB_RUN_ACTIVATED: "Run {run} is active and pinned; new runs will not replace it until `quorum models unpin`." / "运行 {run} 已启用并固定；在执行 `quorum models unpin` 之前，新运行不会取代它。";
    JOB_RUN_UNPINNED: "No run is pinned; the next trained run becomes active." / "已取消固定；下一次训练的运行将被启用。";
    JOB_RUN_NOT_ACTIVATED: "Run {run} was registered but not activated, because a pinned run stays active; `quorum models activate {run}` switches to it."
        / "运行 {run} 已登记但未启用，因为已固定的运行保持启用；可用 `quorum models activate {run}` 切换到它。";
    JOB_PREDICTED: "Scored {n} items with run {run}; the predictions are stored in the project." / "已用运行 {run} 为 {n} 个条目打分；预测已保存到项目中。";
    JOB_PREDICTIONS_WRITTEN: "Predictions written to {path}." / "预测已写入 {path}。";

    JOB_MENU_TRAIN: "Train a model" / "训练模型";
    JOB_MENU_EVALUATE: "Evaluate by cross-validation" / "交叉验证评估";
    JOB_MENU_PREDICT: "Predict unlabelled items" / "预测未标注条目";
    JOB_TUI_HINTS: "{next}/{prev} ↑/↓ select · Enter start / show result · c cancel job · Esc/{jobs} close (jobs keep running)"
        / "{next}/{prev} ↑/↓ 选择 · Enter 启动 / 查看结果 · c 取消任务 · Esc/{jobs} 关闭（任务继续运行）";
    JOB_TUI_HINTS_NO_CANCEL: "{next}/{prev} ↑/↓ select · Enter start / show result · Esc/{jobs} close (jobs keep running; `quorum jobs cancel ID` stops one)"
        / "{next}/{prev} ↑/↓ 选择 · Enter 启动 / 查看结果 · Esc/{jobs} 关闭（任务继续运行；`quorum jobs cancel ID` 可停止任务）";
    JOB_TUI_INTRO: "Jobs run as their own processes: they keep running when this screen or the terminal closes. Select a job below to see its log."
        / "任务在独立进程中运行：关闭本界面或终端后仍会继续。选中下方的任务可查看其日志。";
    JOB_TUI_NO_JOBS: "No jobs yet." / "还没有任务。";
    JOB_TUI_LOG_TITLE: "Log of job #{id} (Enter shows the result)" / "任务 #{id} 的日志（Enter 查看结果）";
    JOB_TUI_LOG_EMPTY: "(no log lines yet)" / "（暂无日志）";
    JOB_TUI_NO_RESULT: "This job has no result yet." / "该任务还没有结果。";
    JOB_TUI_RUN: "Run {run}, model {path}" / "运行 {run}，模型 {path}";
    JOB_TUI_STARTED: "Started job #{id}: {kind}." / "已启动任务 #{id}：{kind}。";
    JOB_TUI_ALREADY_RUNNING: "{kind} is already queued or running." / "{kind}任务已在排队或运行中。";
    JOB_TUI_SELECT_A_JOB: "Select a job in the list to cancel it." / "请先在列表中选中要取消的任务。";
    JOB_TUI_NOT_ACTIVE: "Job #{id} has already ended." / "任务 #{id} 已经结束。";
    JOB_TUI_DONE: "Job #{id} ({kind}) finished; press {jobs} to see the result." / "任务 #{id}（{kind}）已完成，按 {jobs} 查看结果。";
    JOB_TUI_FAILED: "Job #{id} ({kind}) failed; press {jobs} to see why." / "任务 #{id}（{kind}）失败，按 {jobs} 查看原因。";
    JOB_TUI_DONE_HERE: "Job #{id} ({kind}) finished; press Enter on its row to see the result." / "任务 #{id}（{kind}）已完成，在该行按 Enter 查看结果。";
    JOB_TUI_FAILED_HERE: "Job #{id} ({kind}) failed; select its row to see why." / "任务 #{id}（{kind}）失败，选中该行查看原因。";
    JOB_TUI_CANCELLED: "Job #{id} ({kind}) was cancelled." / "任务 #{id}（{kind}）已取消。";

    JOB_STAGE_CURVE: "Learning curve" / "正在计算学习曲线";
    JOB_STAGE_ORDERING: "Ordering items by uncertainty" / "正在按不确定度排序条目";
    JOB_LOG_NO_CURVE: "no learning curve: {reason}" / "未计算学习曲线：{reason}";
    JOB_LOG_ORDERED: "set the priority of {n} items by {rule} from run {run}" / "已按 {rule} 根据运行 {run} 设置 {n} 个条目的优先级";
    JOB_ARG_APPLY_ORDER: "After predicting, set item priorities so the most uncertain items come first (the task's `uncertainty` rule, margin by default)."
        / "预测完成后设置条目优先级，使最不确定的条目排在最前（使用任务的 `uncertainty` 规则，默认为 margin）。";
    JOB_ARG_LABELS_FROM: "Which labels to use: auto (majority vote if anyone answered, else gold), gold, or an aggregation method: majority, dawid-skene, wawa, glad, mace, one-coin. An adjudicated label replaces the inferred one."
        / "使用哪种标签：auto（有人作答时用多数投票，否则用标准答案）、gold，或一种聚合方法：majority、dawid-skene、wawa、glad、mace、one-coin。裁定标签优先于推断的标签。";
    JOB_ARG_SOFT_LABELS: "Train towards each item's Dawid–Skene label distribution instead of one label (also `[model] soft_labels = true`)."
        / "以每个条目的 Dawid–Skene 标签分布而非单一标签为训练目标（也可在配置中设 `[model] soft_labels = true`）。";
    JOB_ARG_EVAL_SOFT_LABELS: "Evaluate on each item's most probable Dawid–Skene label, as training with soft labels sees it (also `[model] soft_labels = true`)."
        / "以每个条目概率最高的 Dawid–Skene 标签进行评估，与软标签训练所用的数据一致（也可在配置中设 `[model] soft_labels = true`）。";
    JOB_ORDER_APPLIED: "Set the priority of {n} items by {rule}; the most uncertain come first." / "已按 {rule} 设置 {n} 个条目的优先级，最不确定的排在最前。";
    JOB_RETRAIN_STARTED: "{n} new labels since the last model: retraining in the background (job #{id})." / "自上次训练以来新增 {n} 个标签：正在后台重新训练（任务 #{id}）。";
    JOB_RETRAINED: "Run {run} trained on {n} labels; {ranked} items reordered by {rule}." / "运行 {run} 已用 {n} 个标签训练；已按 {rule} 重排 {ranked} 个条目。";
    JOB_KIND_TRAIN: "train" / "训练";
    JOB_KIND_EVALUATE: "evaluate" / "评估";
    JOB_KIND_PREDICT: "predict" / "预测";
    JOB_KIND_RETRAIN: "retrain" / "重新训练";
    JOB_KIND_IMPORT: "import" / "导入";
    JOB_CANCELLED_NOTICE: "Job {id} was cancelled; `quorum jobs log {id}` shows how far it got."
        / "任务 {id} 已取消；`quorum jobs log {id}` 可查看它进行到哪一步。";
}
