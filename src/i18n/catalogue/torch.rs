//! Messages for the libtorch backend and its `[model]` settings.

crate::messages! {
    TORCH_BACKEND_UNKNOWN: "is \"{value}\"; use \"linfa\" or \"torch\""
        / "为 \"{value}\"；请使用 \"linfa\" 或 \"torch\"";
    TORCH_DEVICE_UNKNOWN: "is \"{value}\"; use \"auto\", \"cpu\" or \"cuda\""
        / "为 \"{value}\"；请使用 \"auto\"、\"cpu\" 或 \"cuda\"";
    TORCH_COUNT_RANGE: "is {value}; use a whole number from 1 to {max}"
        / "为 {value}；请使用 1 到 {max} 之间的整数";
    TORCH_LEARNING_RATE_INVALID: "is {value}; use a finite number > 0, such as 0.001"
        / "为 {value}；请使用大于 0 的有限数，例如 0.001";
    TORCH_DROPOUT_INVALID: "is {value}; use a number >= 0 and < 1, such as 0.2"
        / "为 {value}；请使用大于等于 0 且小于 1 的数，例如 0.2";

    TORCH_ERR_NOT_BUILT: "model.backend is \"torch\", but this build of Quorum has no torch backend; rebuild with `cargo build --features torch` (see docs/torch.md) or set model.backend = \"linfa\" in quorum.toml."
        / "model.backend 为 \"torch\"，但当前构建的 Quorum 不含 torch 后端；请用 `cargo build --features torch` 重新构建（见 docs/torch.md），或在 quorum.toml 中设置 model.backend = \"linfa\"。";
    TORCH_ERR_LIBTORCH: "libtorch failed: {reason}; check the [model] settings and the libtorch install (docs/torch.md)."
        / "libtorch 出错：{reason}；请检查 [model] 设置和 libtorch 的安装（见 docs/torch.md）。";
    TORCH_ERR_NO_CUDA: "model.device is \"cuda\", but libtorch finds no CUDA device; set model.device = \"auto\" or \"cpu\", or install a CUDA build of libtorch (docs/torch.md)."
        / "model.device 为 \"cuda\"，但 libtorch 找不到 CUDA 设备；请设置 model.device = \"auto\" 或 \"cpu\"，或安装支持 CUDA 的 libtorch（见 docs/torch.md）。";
    TORCH_ERR_WEIGHTS: "Cannot read the network weights {path}, which belong to the model file next to it: {reason}; keep both files together or train the model again."
        / "无法读取网络权重文件 {path}（它属于旁边的模型文件）：{reason}；请将两个文件放在一起，或重新训练模型。";
}
