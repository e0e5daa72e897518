//! Messages about project directories and the files commands read and write.

crate::messages! {
    FILE_CANNOT_READ: "cannot read {path}" / "无法读取 {path}";
    FILE_CANNOT_OPEN: "cannot open {path}" / "无法打开 {path}";
    FILE_CANNOT_CREATE: "cannot create {path}" / "无法创建 {path}";
    FILE_CANNOT_WRITE: "cannot write {path}" / "无法写入 {path}";
    FILE_CANNOT_COPY: "cannot copy {from} to {to}" / "无法将 {from} 复制到 {to}";
    FILE_CANNOT_MOVE: "cannot move {from} to {to}" / "无法将 {from} 移动到 {to}";
    PROJECT_SPEC_UNREADABLE: "cannot read {spec}; is {root} a Quorum project?" / "无法读取 {spec}；{root} 是 Quorum 项目吗？";
    PROJECT_NOT_FOUND: "no quorum.toml in {start} or any directory above it; run `quorum init DIR`, `cd` into a project, or pass --project DIR" / "{start} 及其上级目录中都没有 quorum.toml；请运行 `quorum init DIR`、`cd` 进入项目目录，或使用 --project DIR";
    PROJECT_EXISTS: "{dir} already holds a Quorum project; choose an empty directory" / "{dir} 中已有 Quorum 项目；请选择一个空目录";
    PROJECT_STORE: "opening the store of project {root}" / "打开项目 {root} 的存储时出错";
    SAMPLE_NO_SPEC: "{dir} is not a sample task: it has no quorum.toml; pass a directory such as sample_tasks/fortune-topics" / "{dir} 不是示例任务：其中没有 quorum.toml；请传入例如 sample_tasks/fortune-topics 这样的目录";
    SAMPLE_NO_ITEMS: "sample task {dir} has no {file} to import" / "示例任务 {dir} 中没有可导入的 {file}";
    LABELS_NO_HEADER: "cannot read the header of {path}" / "无法读取 {path} 的表头";
    LABELS_MISSING_COLUMN: "{path}: the header has no `{column}` column (found: {found}); name the columns item,worker,label in a label file and item,label in a gold file" / "{path}：表头中没有 `{column}` 列（现有列：{found}）；标签文件的列应命名为 item,worker,label，标准答案文件的列应命名为 item,label";
    LABELS_EMPTY_VALUE: "{path}, line {line}: column {column} is empty or missing; every row needs a value there" / "{path} 第 {line} 行：第 {column} 列为空或缺失；每一行在该列都必须有值";
}
