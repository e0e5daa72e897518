// mimalloc replaces the system allocator because it requests transparent huge pages
// for its large regions. A majority vote on a million answers then takes about 300 page
// faults instead of 22,000. Those faults were a fifth of its CPU time, and the switch
// cut its wall time by a quarter (docs/benchmarks.md, "Statistics").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    quorum::cli::main()
}
