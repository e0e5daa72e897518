//! Messages for the store area: errors a store call can return.

crate::messages! {
    STORE_BUSY: "the store is busy: another quorum process held the write lock for {seconds} s and nothing was saved; try again, and look for a stuck quorum process with `ps`" / "存储繁忙：另一个 quorum 进程占用写锁达 {seconds} 秒，本次没有保存任何内容；请重试，并用 `ps` 查找卡住的 quorum 进程";
    STORE_FULL: "the store is full ({detail}); this change was rolled back and earlier answers are intact; free disk space, then try again" / "存储已满（{detail}）；本次修改已回滚，之前的回答完好无损；请释放磁盘空间后重试";
    STORE_BAD_PRIORITY: "invalid priority {value} for item {item}: use a finite number" / "条目 {item} 的优先级 {value} 无效：请使用有限数值";
}
