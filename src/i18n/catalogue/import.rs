//! Messages for the import area: reading item files and what is wrong in them.

crate::messages! {
    IMPORT_IO:
        "Cannot read {file}: {error}"
        / "无法读取 {file}：{error}";
    IMPORT_UNKNOWN_FORMAT:
        "{file}: unknown file type; name the file .csv, .tsv, .jsonl or .ndjson, or choose the format with --format csv, tsv or jsonl"
        / "{file}：无法识别文件类型；请把文件扩展名改为 .csv、.tsv、.jsonl 或 .ndjson，或用 --format csv、tsv 或 jsonl 指定格式";
    IMPORT_UNKNOWN_ENCODING:
        "{file}: unknown encoding `{name}`; use a name such as UTF-8, GBK, GB18030, Big5, Shift_JIS, UTF-16LE or windows-1252"
        / "{file}：未知编码 `{name}`；请使用 UTF-8、GBK、GB18030、Big5、Shift_JIS、UTF-16LE 或 windows-1252 等名称";
    IMPORT_BAD_DELIMITER:
        "{file}: the delimiter must be one ASCII character other than a quote or a line break, got `{delimiter}`"
        / "{file}：分隔符必须是一个 ASCII 字符，且不能是引号或换行符，当前为 `{delimiter}`";
    IMPORT_EMPTY:
        "{file} is empty; a CSV or TSV file needs a header line that names its columns, and a JSONL file needs one JSON object per line"
        / "{file} 是空文件；CSV 或 TSV 文件需要一行列名作为表头，JSONL 文件需要每行一个 JSON 对象";
    IMPORT_MISSING_COLUMNS:
        "{file}: {count|column|columns} {missing} named in the [fields] section of quorum.toml {count|is|are} missing; the file has the columns {found}. Rename the column in the file or change [fields]"
        / "{file}：缺少 quorum.toml 的 [fields] 中指定的列 {missing}；文件中的列为 {found}。请修改文件中的列名或修改 [fields]";
    IMPORT_DUPLICATE_COLUMN:
        "{file}: column `{column}` appears more than once in the header; rename one of them"
        / "{file}：表头中的列 `{column}` 出现了不止一次；请重命名其中之一";
    IMPORT_ROW:
        "{file}: {problem}"
        / "{file}：{problem}";
    IMPORT_PROBLEMS:
        "{file}: {count} {count|problem|problems} found, so nothing was imported. Fix them and import again:"
        / "{file}：发现 {count} 个问题，因此未导入任何条目。请修正后重新导入：";
    IMPORT_MORE_PROBLEMS:
        "... and {count} more"
        / "……另有 {count} 个问题";
    IMPORT_SINK:
        "{file}: line {line}: saving the item failed: {error}"
        / "{file}：第 {line} 行：保存条目失败：{error}";
    IMPORT_WARN_DELIMITER:
        "{file}: detected `{delimiter}` as the delimiter; pass --delimiter to choose another"
        / "{file}：检测到分隔符为 `{delimiter}`；如需其他分隔符，请使用 --delimiter";
    IMPORT_WARN_NO_GOLD_COLUMN:
        "{file}: the gold column `{column}` is not in the header, so these items have no gold answers; if the file has gold answers under another name, fix [fields] gold in quorum.toml and import again"
        / "{file}：表头中没有标准答案列 `{column}`，这些条目将没有标准答案；如果文件中的标准答案列名称不同，请修改 quorum.toml 中的 [fields] gold 后重新导入";
    IMPORT_WARN_DUPLICATE_COLUMN:
        "{file}: column `{column}` appears more than once in the header; every copy is kept as data"
        / "{file}：表头中的列 `{column}` 出现了不止一次；每一列都会作为数据保留";
    PROBLEM_INVALID_UTF8:
        "line {line}, byte {offset}: the text is not valid UTF-8, so the file is probably in another encoding. Import it again with --encoding {suggestion}, or name the file's real encoding, e.g. GBK, GB18030, Big5, Shift_JIS or windows-1252"
        / "第 {line} 行，第 {offset} 字节：文本不是有效的 UTF-8，文件可能使用了其他编码。请加上 --encoding {suggestion} 重新导入，或指定文件的实际编码，例如 GBK、GB18030、Big5、Shift_JIS 或 windows-1252";
    PROBLEM_MALFORMED:
        "line {line}, byte {offset}: invalid {encoding} data; check that the file really is {encoding}, or choose another encoding with --encoding"
        / "第 {line} 行，第 {offset} 字节：无效的 {encoding} 数据；请确认文件确实是 {encoding} 编码，或用 --encoding 选择其他编码";
    PROBLEM_FIELD_COUNT:
        "line {line}: {found} {found|field|fields}, but the header has {expected}; quote fields that contain the delimiter `{delimiter}` or a line break"
        / "第 {line} 行：有 {found} 个字段，但表头有 {expected} 个；含有分隔符 `{delimiter}` 或换行的字段请加引号";
    PROBLEM_CSV:
        "line {line}: invalid CSV: {detail}"
        / "第 {line} 行：无效的 CSV：{detail}";
    PROBLEM_JSON:
        "line {line}, column {column}: {reason}; each line must hold one complete JSON object"
        / "第 {line} 行，第 {column} 列：{reason}；每行必须是一个完整的 JSON 对象";
    PROBLEM_NOT_OBJECT:
        "line {line}: not a JSON object; write one object per line, such as {\"id\": \"a1\", \"text\": \"...\"}"
        / "第 {line} 行：不是 JSON 对象；请每行写一个对象，例如 {\"id\": \"a1\", \"text\": \"...\"}";
    PROBLEM_MISSING_KEY:
        "line {line}: key `{key}` is missing"
        / "第 {line} 行：缺少键 `{key}`";
    PROBLEM_DUPLICATE_KEY:
        "line {line}: key `{key}` appears twice in one object"
        / "第 {line} 行：键 `{key}` 在同一对象中出现了两次";
    PROBLEM_EMPTY_ID:
        "line {line}: the id in column `{column}` is empty; every item needs a unique id"
        / "第 {line} 行：列 `{column}` 中的 ID 为空；每个条目都需要唯一的 ID";
    PROBLEM_ID_NOT_TEXT:
        "line {line}: the id in `{column}` must be a string or a number"
        / "第 {line} 行：`{column}` 中的 ID 必须是字符串或数字";
    PROBLEM_DUPLICATE_ID:
        "line {line}: id `{id}` is already used on line {first_line}; ids must be unique"
        / "第 {line} 行：ID `{id}` 已在第 {first_line} 行使用；ID 必须唯一";
    PROBLEM_GOLD:
        "line {line}: gold label `{value}` is not one of the task's labels ({allowed})"
        / "第 {line} 行：标准答案 `{value}` 不是任务的标签之一（{allowed}）";
    PROBLEM_TOO_LONG:
        "line {line}: the line is longer than {limit} MiB; shorten the item or split it"
        / "第 {line} 行：该行超过 {limit} MiB；请缩短或拆分该条目";
    IMPORT_HEADER_ONE_COLUMN_HINT:
        ". The header was read as the single column `{column}` with the delimiter `{delimiter}`, so the file probably uses another delimiter; import again without --delimiter or with the file's own delimiter"
        / "。表头按分隔符 `{delimiter}` 只读出一列 `{column}`，文件很可能使用了其他分隔符；请去掉 --delimiter 或改用文件实际的分隔符重新导入";
}
