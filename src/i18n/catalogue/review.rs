//! Hints appended to existing errors. Each starts with the punctuation that ends the
//! sentence before it, because English and Chinese end sentences differently.

crate::messages! {
    IMPORT_HEADER_ONE_COLUMN_HINT:
        ". The header was read as the single column `{column}` with the delimiter `{delimiter}`, so the file probably uses another delimiter; import again without --delimiter or with the file's own delimiter"
        / "。表头按分隔符 `{delimiter}` 只读出一列 `{column}`，文件很可能使用了其他分隔符；请去掉 --delimiter 或改用文件实际的分隔符重新导入";
}
