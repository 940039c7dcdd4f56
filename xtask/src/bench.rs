//! `cargo xtask bench card|sandbox|edge`: the benchmarks. `card` is here; `sandbox` and `edge`
//! live in `bench_sandbox.rs` and `bench_edge.rs`.
//!
//! `card` builds the package, installs its tarball and the locked card-validator from
//! `crates/omnigate-card-wasm/bench/` into a scratch project, and runs `bench/card.mjs` there,
//! which prints ops/s side by side, the ratios, and the gzip sizes of the browser build.
//! Timings are printed, never asserted: they depend on the machine.

use crate::project::Project;
use crate::{Result, bench_edge, bench_sandbox, run, setup, wasm};

/// Runs the benchmark named on the command line.
pub(crate) fn run(project: &Project, parser: &mut lexopt::Parser) -> Result {
    use lexopt::prelude::*;
    match parser.next().map_err(|error| error.to_string())? {
        Some(Value(name)) if name == "card" => card(project),
        Some(Value(name)) if name == "sandbox" => bench_sandbox::run(project, parser),
        Some(Value(name)) if name == "edge" => bench_edge::run(project, parser),
        Some(other) => Err(format!("{} (benchmarks: card, sandbox, edge)", other.unexpected())),
        None => Err("name a benchmark: `cargo xtask bench card|sandbox|edge`".to_owned()),
    }
}

fn card(project: &Project) -> Result {
    let setup = setup::run(project)?;
    wasm::build(project, &setup)?;
    let bench = project.path("crates/omnigate-card-wasm/bench");
    let scratch = project.target().join("bench-card");
    wasm::install_packed(project, &scratch, &bench)?;
    std::fs::copy(bench.join("card.mjs"), scratch.join("card.mjs"))
        .map_err(|error| format!("cannot copy card.mjs: {error}"))?;
    let mut node = setup.toolchain.command(&setup.tools.node);
    // The size is measured on the browser build as a bundler ships it: minified by esbuild.
    node.arg("card.mjs").env("ESBUILD_BIN", &setup.tools.esbuild).current_dir(&scratch);
    run::status(&mut node)
}
