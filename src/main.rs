fn main() -> std::process::ExitCode {
    quorum::cli::main()
}
