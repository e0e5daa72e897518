//! Build script. It does nothing unless the `torch` feature is on.
//!
//! With `--features torch` and `LIBTORCH` set, it records libtorch's `lib/` directory as a
//! run-time search path (rpath) of every binary and test the crate links, so `quorum` starts
//! without `LD_LIBRARY_PATH`. For a CUDA build of libtorch it also forces `libtorch_cuda` to be
//! linked: nothing in the Rust code refers to its symbols, so the linker's `--as-needed` would
//! drop it and libtorch would then report that no CUDA device exists.

use std::env;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");

    // Cheap exit for the default build: no environment lookups, no file system access.
    if env::var_os("CARGO_FEATURE_TORCH").is_none() {
        return;
    }

    println!("cargo:rerun-if-env-changed=LIBTORCH");
    println!("cargo:rerun-if-env-changed=QUORUM_TORCH_CUDA");

    let Some(libtorch) = env::var_os("LIBTORCH") else {
        // tch's own build script explains how to point at libtorch; the rpath is then up to
        // the user (LD_LIBRARY_PATH), as described in docs/torch.md.
        println!("cargo:warning=LIBTORCH is not set: quorum will need LD_LIBRARY_PATH to find libtorch at run time");
        return;
    };
    let lib_dir = PathBuf::from(libtorch).join("lib");

    // `rustc-link-arg` reaches binaries, tests, benches and examples alike.
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib_dir.display());

    if link_cuda(&lib_dir) {
        println!("cargo:rustc-link-search=native={}", lib_dir.display());
        println!("cargo:rustc-link-arg=-Wl,--no-as-needed");
        println!("cargo:rustc-link-arg=-ltorch_cuda");
        println!("cargo:rustc-link-arg=-Wl,--as-needed");
    }
}

/// Decides whether to force `libtorch_cuda` into the link.
///
/// `QUORUM_TORCH_CUDA=1` or `0` decides outright. Otherwise the library must exist and the CUDA
/// libraries it needs must be installed too: either bundled in libtorch's `lib/` (the libtorch
/// zip) or as the `nvidia` wheels next to the `torch` wheel. A slim CPU install of the CUDA wheel
/// ships `libtorch_cuda.so` without cuDNN or cuBLAS; linking it there would fail.
fn link_cuda(lib_dir: &Path) -> bool {
    let cuda_lib = lib_dir.join("libtorch_cuda.so");
    match env::var("QUORUM_TORCH_CUDA").as_deref() {
        Ok("1") => return cuda_lib.exists(),
        Ok("0") => return false,
        _ => {}
    }
    if !cuda_lib.exists() {
        return false;
    }

    let bundled = std::fs::read_dir(lib_dir)
        .map(|entries| entries.flatten().any(|entry| entry.file_name().to_string_lossy().starts_with("libcudnn")))
        .unwrap_or(false);
    let wheels = lib_dir.join("../../nvidia/cudnn/lib").is_dir();
    bundled || wheels
}
