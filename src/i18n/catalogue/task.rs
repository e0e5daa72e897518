//! Messages about mistakes in `quorum.toml`. Each problem follows the field name.

crate::messages! {
    TASK_SYNTAX: "quorum.toml is not valid TOML: {error}" / "quorum.toml 不是有效的 TOML：{error}";
    TASK_INVALID: "quorum.toml: `{field}` {problem}" / "quorum.toml：`{field}` {problem}";
    TASK_NAME_EMPTY: "is empty; give the project a short name" / "为空；请给项目取一个简短的名称";
    TASK_REDUNDANCY_RANGE: "is {value}; set it to the number of annotators wanted per item, 1 to 100" / "为 {value}；请设为每个条目所需的标注者人数，取值 1 到 100";
    TASK_LEASE_RANGE: "is {value}; set it between 5 and 86400 seconds" / "为 {value}；请设在 5 到 86400 秒之间";
    TASK_ORDER_UNKNOWN: "is `{value}`; use \"sequential\", \"random\" or \"priority\"" / "为 `{value}`；请使用 \"sequential\"、\"random\" 或 \"priority\"";
    TASK_GOLD_RATE_RANGE: "is {value}; use a share from 0 to 1, e.g. 0.1" / "为 {value}；请使用 0 到 1 之间的比例，例如 0.1";
    TASK_ROLE_NAME_INVALID: "is empty or has spaces around it; write the login name exactly" / "为空或前后带有空格；请准确写出登录名";
    TASK_SHOW_EMPTY: "is empty and no `fields.image` is set; name at least one column to show" / "为空且未设置 `fields.image`；请至少指定一个要显示的列";
    TASK_LABELS_TOO_FEW: "needs at least two labels" / "至少需要两个标签";
    TASK_LABEL_EMPTY: "has an empty value" / "的值为空";
    TASK_LABEL_KEY_TAKEN: "uses key '{key}', which another label already uses" / "使用的键 '{key}' 已被另一个标签占用";
    TASK_LABEL_REPEATED: "repeats the value `{value}`" / "重复了值 `{value}`";
    TASK_LABELS_OUT_OF_KEYS: "has more labels than free keys; give some labels an explicit `key`" / "标签数多于可用的按键；请为部分标签显式指定 `key`";
    TASK_KEY_LENGTH: "has key `{key}`; a key must be one character" / "的键为 `{key}`；键必须是单个字符";
    TASK_KEY_RESERVED: "has key '{key}', which is reserved for actions ({reserved}); pick another" / "的键 '{key}' 已保留给操作（{reserved}）；请另选一个";
    TASK_FOLDS_RANGE: "is {value}; use 2 to 50 folds" / "为 {value}；请使用 2 到 50 折";
    TASK_NGRAMS_RANGE: "is [{lo}, {hi}]; write [min, max] with min <= max <= 8" / "为 [{lo}, {hi}]；请写成 [min, max]，且 min <= max <= 8";
    TASK_NGRAMS_OFF: "and `model.char_ngrams` are both off; turn one on" / "与 `model.char_ngrams` 都已关闭；请至少开启一个";
    TASK_KIND_UNKNOWN: "is \"{value}\"; use \"logistic\" or \"naive-bayes\"" / "为 \"{value}\"；请使用 \"logistic\" 或 \"naive-bayes\"";
    TASK_ALPHA_INVALID: "is {value}; use a finite number >= 0" / "为 {value}；请使用大于等于 0 的有限数";
    TASK_SYNTAX_IN: "{spec} is not valid TOML: {error}" / "{spec} 不是有效的 TOML：{error}";
    TASK_INVALID_IN: "{spec}: `{field}` {problem}" / "{spec}：`{field}` {problem}";
}
