//! `cargo xtask bench card`: the npm package against card-validator in one Node process.
//!
//! It builds the package, installs its tarball and the locked card-validator from
//! `crates/omnigate-card-wasm/bench/` into a scratch project, and runs `bench/card.mjs` there,
//! which prints ops/s side by side, the ratios, and the gzip sizes of the browser build.
//! Timings are printed, never asserted: they depend on the machine.

use crate::project::Project;
use crate::{Result, run, setup, wasm};

/// Runs the benchmark named on the command line (only `card` exists).
pub(crate) fn run(project: &Project, parser: &mut lexopt::Parser) -> Result {
    use lexopt::prelude::*;
    match parser.next().map_err(|error| error.to_string())? {
        Some(Value(name)) if name == "card" => {}
        Some(other) => return Err(format!("{} (benchmarks: card)", other.unexpected())),
        None => return Err("name a benchmark: `cargo xtask bench card`".to_owned()),
    }
    let setup = setup::run(project)?;
    wasm::build(project, &setup)?;
    let bench = project.path("crates/omnigate-card-wasm/bench");
    let scratch = project.target().join("bench-card");
    wasm::install_packed(project, &scratch, &bench)?;
    std::fs::copy(bench.join("card.mjs"), scratch.join("card.mjs"))
        .map_err(|error| format!("cannot copy card.mjs: {error}"))?;
    let mut node = setup.toolchain.command(&setup.tools.node);
    node.arg("card.mjs").current_dir(&scratch);
    run::status(&mut node)
}
