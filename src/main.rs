// mimalloc instead of the system allocator. It asks the kernel for transparent huge
// pages on its large regions, so reading a million-answer file takes about 300 page
// faults instead of 22,000. Those faults were a fifth of a majority vote's CPU time,
// and mimalloc cut its wall time by a quarter (docs/benchmarks.md, "Statistics").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    quorum::cli::main()
}
