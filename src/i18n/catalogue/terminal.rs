//! Messages of the terminal craft: theme, key map, image protocols, clap's own words
//! and operating-system error reasons.

crate::messages! {
    // Command-line options
    TERM_ARG_IMAGE_PROTOCOL: "How images are drawn: auto asks the terminal and uses kitty, iTerm2 or sixel graphics where it has them (half-blocks under tmux or when it does not answer); halfblocks works everywhere." / "图像的显示方式：auto 会询问终端，终端支持时使用 kitty、iTerm2 或 sixel 图形（在 tmux 中或终端无应答时使用半块字符）；halfblocks 在任何终端都可用。";
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
    TERM_AGREEMENT_HINTS: "{next}/{prev} ↑/↓ scroll labels · {refresh} recompute · Esc back" / "{next}/{prev} ↑/↓ 滚动标签 · {refresh} 重新计算 · Esc 返回";
    TERM_LIST_POSITION: "{first}–{last} of {total}" / "第 {first}–{last} 项，共 {total} 项";

    // clap's own words
    TERM_CLAP_USAGE: "Usage:" / "用法：";
    TERM_CLAP_ARGUMENTS: "Arguments:" / "参数：";
    TERM_CLAP_OPTIONS: "Options:" / "选项：";
    TERM_CLAP_COMMANDS: "Commands:" / "命令：";
    TERM_CLAP_PRINT_HELP: "Print help" / "显示帮助";
    TERM_CLAP_HELP_COMMAND: "Print the help of quorum or of the given command" / "显示 quorum 或指定命令的帮助";
    TERM_CLAP_PRINT_VERSION: "Print version" / "显示版本";
    TERM_CLAP_POSSIBLE_VALUES: " [possible values: {values}]" / "［可选值：{values}］";
    TERM_CLAP_DEFAULT: " [default: {value}]" / "［默认：{value}］";
    TERM_CLAP_ENV: " [env: {name}]" / "［环境变量：{name}］";
    TERM_CLAP_UNKNOWN_ARGUMENT: "unexpected argument '{arg}'; check its spelling in --help" / "无法识别的参数 '{arg}'；请在 --help 中核对拼写";
    TERM_CLAP_UNKNOWN_SUBCOMMAND: "unknown command '{name}'; --help lists the commands" / "未知命令 '{name}'；--help 会列出所有命令";
    TERM_CLAP_MISSING_ARGUMENT: "required argument not given: {args}" / "缺少必需的参数：{args}";
    TERM_CLAP_MISSING_SUBCOMMAND: "a command is required; --help lists them" / "需要指定一个命令；--help 会列出所有命令";
    TERM_CLAP_INVALID_VALUE: "'{value}' is not a valid value for {arg}; use one of: {valid}" / "'{value}' 不是 {arg} 的有效值；可选值：{valid}";
    TERM_CLAP_VALUE_REFUSED: "'{value}' is not a valid value for {arg}" / "'{value}' 不是 {arg} 的有效值";
    TERM_CLAP_CONFLICT: "{arg} cannot be used together with {other}" / "{arg} 不能与 {other} 同时使用";
    TERM_CLAP_BAD_USAGE: "argument {arg} is used wrongly; see --help" / "参数 {arg} 的用法有误；请查看 --help";
    TERM_CLAP_SUGGESTION: "  tip: did you mean '{suggestion}'?" / "  提示：你是否想输入 '{suggestion}'？";
    TERM_CLAP_MORE_HELP: "For more information, run the command with --help." / "更多信息请在命令后加 --help 查看。";

    // Operating-system error reasons
    TERM_OS_WITH_CODE: "{reason} (OS error {code})" / "{reason}（系统错误 {code}）";
    TERM_OS_NOT_FOUND: "no such file or directory" / "文件或目录不存在";
    TERM_OS_PERMISSION_DENIED: "permission denied" / "权限不足";
    TERM_OS_ALREADY_EXISTS: "the file already exists" / "文件已存在";
    TERM_OS_IS_A_DIRECTORY: "this is a directory, not a file" / "这是目录，不是文件";
    TERM_OS_NOT_A_DIRECTORY: "a part of the path is not a directory" / "路径中有一部分不是目录";
    TERM_OS_STORAGE_FULL: "no space left on the device" / "设备空间不足";
    TERM_OS_READ_ONLY: "the file system is read-only" / "文件系统为只读";
    TERM_OS_DIRECTORY_NOT_EMPTY: "the directory is not empty" / "目录不为空";
    TERM_OS_INVALID_FILENAME: "the file name is not valid" / "文件名无效";
    TERM_OS_BROKEN_PIPE: "the other end of the pipe was closed" / "管道另一端已关闭";
    TERM_OS_INTERRUPTED: "the operation was interrupted" / "操作被中断";
    TERM_OS_TIMED_OUT: "the operation timed out" / "操作超时";
    TERM_OS_UNEXPECTED_EOF: "the file ended too early" / "文件提前结束";
    TERM_OS_OUT_OF_MEMORY: "out of memory" / "内存不足";
}
