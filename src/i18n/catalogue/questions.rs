//! Messages about tasks that ask several questions per item.

crate::messages! {
    QUESTIONS_TABLE_INVALID: "is not a valid question table: {error}" / "不是有效的问题表：{error}";
    QUESTIONS_NOT_TABLE: "must be a `[question]` table or a `[[question]]` list of tables" / "必须是一个 `[question]` 表，或由表组成的 `[[question]]` 列表";
    QUESTIONS_NONE: "lists no questions; add at least one `[[question]]` table" / "没有列出任何问题；请至少添加一个 `[[question]]` 表";
    QUESTIONS_ID_MISSING: "is missing; every question needs an `id` when the task has several" / "缺失；任务有多个问题时，每个问题都需要 `id`";
    QUESTIONS_ID_REPEATED: "repeats the id `{id}`; give each question its own id" / "重复了 id `{id}`；请为每个问题取不同的 id";
    QUESTIONS_ID_RESERVED: "is `{id}`, a column name of the labels export (`item`, or a name ending in `_confidence`); choose another id" / "为 `{id}`，与标签导出的列名冲突（`item`，或以 `_confidence` 结尾的名称）；请换一个 id";
    QUESTIONS_ID_INVALID: "is `{id}`; use a lowercase letter followed by up to 31 lowercase letters, digits, `_` or `-`" / "为 `{id}`；请以小写字母开头，后接最多 31 个小写字母、数字、`_` 或 `-`";
    QUESTIONS_FIRST_GOLD: "is set on the first question; name its gold column in `[fields] gold` instead" / "设置在第一个问题上；请改在 `[fields] gold` 中指定它的金标准列";
    QUESTIONS_UNKNOWN: "unknown question `{id}`; the task's questions are: {ids}" / "未知的问题 `{id}`；本任务的问题有：{ids}";
    QUESTIONS_GOLD_NOT_LABEL: "gold column `{column}` holds `{value}`, which is not a label of question `{question}` ({labels}); fix the value or the labels" / "金标准列 `{column}` 的值为 `{value}`，不是问题 `{question}` 的标签（{labels}）；请修改该值或标签";
    QUESTIONS_ARG: "Id of the question to work on (default: the first question in quorum.toml)." / "要处理的问题的 id（默认：quorum.toml 中的第一个问题）。";
    QUESTIONS_SCREEN_TITLE: "question {id} ({n} of {total})" / "问题 {id}（第 {n} 个，共 {total} 个）";
    QUESTIONS_NEXT_HINT: "{question} next question" / "{question} 下一个问题";
    QUESTIONS_HELP_NEXT: "next question on the agreement and review screens" / "一致性页面和审核页面：切换到下一个问题";
    QUESTIONS_ARG_PREDICT: "Id of the question the predictions are stored for (default: the question the run was trained on)." / "预测所属问题的 id（默认：该运行训练时所用的问题）。";
    QUESTIONS_ROW: "question" / "问题";
    QUESTIONS_UNLISTED_ANSWERS: "{store} contains answers to question `{id}`, which quorum.toml does not list (its questions: {ids}); give that question back its id `{id}` in quorum.toml, or add a [[question]] with that id, so that no answers are left out" / "{store} 中有问题 `{id}` 的回答，但 quorum.toml 中没有列出该问题（现有问题：{ids}）；请在 quorum.toml 中把该问题的 id 改回 `{id}`，或添加一个使用该 id 的 [[question]]，以免遗漏这些回答";
    QUESTIONS_PRIMARY_ONLY: "question {id}" / "问题 {id}";
    QUESTIONS_STATUS_ANSWERS: "answers, over all {n} questions" / "回答（全部 {n} 个问题）";
    QUESTIONS_STATUS_NEEDED: "finished items still needed (all questions answered)" / "仍需完成的条目回答（须答完所有问题）";
    QUESTIONS_PROGRESS: "question {n} of {total}" / "第 {n} 题，共 {total} 题";
}
