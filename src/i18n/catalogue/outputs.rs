//! Messages about the output files that `--out` and `--per-item` name.

crate::messages! {
    OUT_IS_INPUT_FILE:
        "{option} {out} is the input file {input}, and writing the output there would overwrite it; choose another output file" /
        "{option} {out} 就是输入文件 {input}，写入输出会覆盖该文件；请另选一个输出文件";
}
