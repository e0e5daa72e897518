//! Messages for private data: redaction rules, the redaction preview and pseudonymised exports.

crate::messages! {
    PRIV_PRESET_UNKNOWN:
        "unknown redaction preset `{value}`; choose from {presets}"
        / "未知的脱敏预设 `{value}`；可选值为 {presets}";
    PRIV_RULE_REPEATED:
        "the rule name `{name}` is used twice; give every preset and rule a different name"
        / "规则名 `{name}` 出现了两次；每个预设和规则都要有不同的名称";
    PRIV_RULE_NAME_EMPTY:
        "the rule has an empty name; set `name`, e.g. name = \"ticket\""
        / "规则名称为空；请设置 `name`，例如 name = \"ticket\"";
    PRIV_PATTERN_INVALID:
        "rule `{name}`: the pattern is not a valid regular expression: {error}"
        / "规则 `{name}`：pattern 不是有效的正则表达式：{error}";
    PRIV_PATTERN_EMPTY:
        "rule `{name}`: the pattern matches empty text, so it would match everywhere; make it match at least one character"
        / "规则 `{name}`：pattern 能匹配空文本，会在任何位置匹配；请让它至少匹配一个字符";
    PRIV_IMPORT_REDACTED:
        "Redacted {n} matches of rule `{rule}` before storing."
        / "存储前已按规则 `{rule}` 脱敏 {n} 处。";
    PRIV_LEAD_REQUIRED:
        "{name} is not a lead of this project, and only leads may preview what redaction rules match; ask a lead to add you to [roles] leads in quorum.toml"
        / "{name} 不是本项目的负责人，只有负责人可以预览脱敏规则的匹配结果；请让负责人把你加入 quorum.toml 的 [roles] leads";
    PRIV_NO_RULES:
        "No redaction rules: add `presets` or `[[redaction.rules]]` to the [redaction] section of quorum.toml."
        / "没有脱敏规则：请在 quorum.toml 的 [redaction] 中添加 `presets` 或 `[[redaction.rules]]`。";
    PRIV_UNKNOWN_RULE:
        "no redaction rule is called `{name}`; the rules are {rules}"
        / "没有名为 `{name}` 的脱敏规则；现有规则为 {rules}";
    PRIV_PREVIEW_HEADER:
        "Redaction preview of {n} items from {source}:"
        / "脱敏预览：{source} 中的 {n} 个条目：";
    PRIV_PREVIEW_RULE:
        "{rule}: {n} {n|match|matches} in {items} {items|item|items}"
        / "{rule}：{items} 个条目中共 {n} 处匹配";
    PRIV_PREVIEW_SAMPLE:
        "  {item}: {context}"
        / "  {item}：{context}";
    PRIV_PREVIEW_STORE:
        "the project's items"
        / "项目中的条目";
    PRIV_PREVIEW_AT_IMPORT:
        "Note: at_import is on, so the stored items were already redacted when they were imported; preview a file with --file to see what the rules match in it."
        / "注意：at_import 已开启，条目在导入时已脱敏；如需查看规则在文件中的匹配情况，请用 --file 预览该文件。";
    PRIV_SECRET_UNREADABLE:
        "cannot read the pseudonym secret {path}: {error}; restore it from a backup, or delete it to start a new secret (every pseudonym then changes)"
        / "无法读取假名密钥 {path}：{error}；请从备份恢复，或删除它以生成新密钥（所有假名都会随之改变）";
    PRIV_SECRET_INVALID:
        "the pseudonym secret {path} holds {n} bytes, but it must hold 32; restore it from a backup, or delete it to start a new secret (every pseudonym then changes)"
        / "假名密钥 {path} 有 {n} 字节，但必须是 32 字节；请从备份恢复，或删除它以生成新密钥（所有假名都会随之改变）";
    PRIV_SECRET_CANNOT_CREATE:
        "cannot create the pseudonym secret {path}: {error}"
        / "无法创建假名密钥 {path}：{error}";
    PRIV_SECRET_NO_RANDOM:
        "cannot get random bytes from the operating system for the pseudonym secret: {error}"
        / "无法从操作系统获取用于假名密钥的随机字节：{error}";
    PRIV_CMD_REDACT:
        "Preview what the redaction rules match (leads only)."
        / "预览脱敏规则匹配的内容（仅限负责人）。";
    PRIV_CMD_REDACT_PREVIEW:
        "Show per rule the number of matches and sample matches in context, on the project's items or on a file."
        / "按规则显示匹配数量和带上下文的匹配示例，可针对项目中的条目或某个文件。";
    PRIV_ARG_RULE:
        "Preview only the rule with this name."
        / "只预览该名称的规则。";
    PRIV_ARG_LIMIT:
        "Sample matches to show per rule."
        / "每条规则显示的匹配示例数量。";
    PRIV_ARG_FILE:
        "Preview an item file (.csv, .tsv or .jsonl) before importing it, instead of the stored items."
        / "预览尚未导入的条目文件（.csv、.tsv 或 .jsonl），而不是已存储的条目。";
    PRIV_ARG_JSON:
        "Print JSON instead of text."
        / "输出 JSON 而不是文本。";
    PRIV_CMD_EXPORT:
        "Export answers, aggregated labels, the full history, items, annotator quality or pairwise agreement to CSV or JSONL, optionally with redacted text and pseudonymised names."
        / "将回答、聚合标签、完整历史、条目、标注员质量或两两一致性导出为 CSV 或 JSONL，可选择脱敏文本和假名化姓名。";
    PRIV_ARG_EXPORT_WHAT:
        "What to export: annotations (current answers), labels (majority vote, or the adjudicated label where there is one), history (every answer, undo, skip and adjudication), items (the item fields as stored), annotators (per-annotator quality) or agreement (Cohen's kappa per annotator pair)."
        / "导出内容：annotations（当前回答）、labels（多数投票标签；有裁定时用裁定标签）、history（每次作答、撤销、跳过和裁定）、items（存储的条目字段）、annotators（每位标注员的质量）或 agreement（每对标注员的 Cohen's kappa）。";
    PRIV_ARG_EXPORT_REDACT:
        "Apply the [redaction] rules of quorum.toml to the item text written (items export)."
        / "对导出的条目文本应用 quorum.toml 中 [redaction] 的规则（items 导出）。";
    PRIV_ARG_EXPORT_PSEUDONYMISE:
        "Replace annotator names by stable pseudonyms such as ann-3f9a1c2b (also `[export] pseudonymise = true`)."
        / "用稳定的假名（如 ann-3f9a1c2b）代替标注员姓名（也可设置 `[export] pseudonymise = true`）。";
    PRIV_REDACT_NEEDS_RULES:
        "--redact needs redaction rules; add `presets` or `[[redaction.rules]]` to the [redaction] section of quorum.toml"
        / "--redact 需要脱敏规则；请在 quorum.toml 的 [redaction] 中添加 `presets` 或 `[[redaction.rules]]`";
}
