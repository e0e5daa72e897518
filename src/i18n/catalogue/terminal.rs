//! Messages of the terminal craft: theme, key map, image protocols, clap's own words
//! and operating-system error reasons.

crate::messages! {
    // Command-line options
    TERM_ARG_THEME: "Colours of the screens: auto (colour unless NO_COLOR is set) or mono (no colour)." / "界面配色：auto（未设置 NO_COLOR 时使用颜色）或 mono（不使用颜色）。";

    // The [keys] table
    TERM_KEYS_UNKNOWN_ACTION: "names `{name}`, which is not an action; actions that take a key: {actions}" / "指定了 `{name}`，但这不是可设按键的操作；可设按键的操作：{actions}";
    TERM_KEYS_LENGTH: "has key `{key}`; an action key must be exactly one character" / "的键为 `{key}`；操作键必须恰好是一个字符";
    TERM_KEYS_NOT_PRINTABLE: "has key {key}, which is not a printable ASCII character; use a letter, digit or punctuation mark that any SSH client sends unchanged" / "的键为 {key}，不是可打印的 ASCII 字符；请使用任何 SSH 客户端都能原样发送的字母、数字或标点";
    TERM_KEYS_DUPLICATE: "binds key '{key}' to both `{first}` and `{second}`; give one of them another key" / "把键 '{key}' 同时分配给了 `{first}` 和 `{second}`；请为其中一个换一个键";
    TERM_KEY_LABEL_CLASH: "has key '{key}', which the action `{action}` uses (action keys: {reserved}); pick another key for the label, or move `{action}` in [keys]" / "的键 '{key}' 已被操作 `{action}` 使用（操作键：{reserved}）；请为该标签另选一个键，或在 [keys] 中为 `{action}` 换键";

    // Help and key hints; {undo}, {quit}... are the project's action keys
    TERM_HELP_REFRESH: "recompute the figures of the open lead screen" / "重新计算当前负责人界面的数据";
    TERM_HELP_CLOSE: "Esc, {quit} or {help} closes help; {instructions} shows the instructions; {next}/{prev} ↓/↑ scroll." / "按 Esc、{quit} 或 {help} 关闭帮助；按 {instructions} 查看任务说明；{next}/{prev} ↓/↑ 滚动。";
    TERM_HELP_MORE: "{shown}/{total} ↓" / "{shown}/{total} ↓";
    TERM_KEY_HINTS: "{undo} undo · {skip} skip · {help} help · {jobs} jobs · {quit} quit" / "{undo} 撤销 · {skip} 跳过 · {help} 帮助 · {jobs} 任务 · {quit} 退出";
    TERM_SCROLL_HINT: "{next}/{prev} ↑/↓ PgUp/PgDn to scroll" / "{next}/{prev} ↑/↓ PgUp/PgDn 滚动";
    TERM_QUEUE_EMPTY_HINT: "Items held by others come back when their leases expire. Press {undo} to undo, {quit} to quit." / "他人占用的条目在租约到期后会重新出现。按 {undo} 撤销，按 {quit} 退出。";
    TERM_PROJECT_EMPTY: "This project has no items yet." / "此项目还没有条目。";
    TERM_PROJECT_EMPTY_HINT: "Run `quorum import FILE` in another terminal to add items; they appear here within seconds. Press {quit} to quit." / "请在另一个终端运行 `quorum import FILE` 导入条目，几秒内即会在此出现。按 {quit} 退出。";
    TERM_ANNOTATORS_HINTS: "{next}/{prev} ↑/↓ select · {refresh} recompute · Esc back" / "{next}/{prev} ↑/↓ 选择 · {refresh} 重新计算 · Esc 返回";
    TERM_REVIEW_HINTS: "label key: final label · {next}/{prev} ↑/↓ select · PgUp/PgDn page · {refresh} reload · Esc back" / "按标签键设定最终标签 · {next}/{prev} ↑/↓ 选择 · PgUp/PgDn 翻页 · {refresh} 刷新 · Esc 返回";
    TERM_AGREEMENT_HINTS: "{next}/{prev} ↑/↓ scroll labels · {refresh} recompute · Esc back" / "{next}/{prev} ↑/↓ 滚动标签 · {refresh} 重新计算 · Esc 返回";
    TERM_LIST_POSITION: "{first}–{last} of {total}" / "第 {first}–{last} 项，共 {total} 项";
}
