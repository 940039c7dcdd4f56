//! `cargo xtask`: the one entry point to set up, build, run and test omnigate.

mod bench;
mod bench_edge;
mod bench_http;
mod bench_load;
mod bench_sandbox;
mod counts;
mod dev;
mod fuzz;
mod project;
mod run;
mod services;
mod setup;
mod smoke;
mod stack;
mod test;
mod toolchain;
mod tools;
mod wasm;
mod worker;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command> [options]

commands:
  setup                 install what is missing (toolchain for wasm32, tools, browsers)
  wasm                  build the npm package into crates/omnigate-card-wasm/pkg/
  build-worker          build the Worker into crates/omnigate-edge/build/ (skipped when fresh)
  dev [--port N] [--gateway-port N]
                        build everything, start the sandbox gateway (default 127.0.0.1:9090) and
                        `wrangler dev` (default 127.0.0.1:8787), print the demo URL, stop on Ctrl-C
  bench card            build the npm package and compare it with card-validator: ops/s of
                        number and expiry checks side by side, and the gzip sizes of the wasm
  bench sandbox [--clients N] [--seconds S]
                        the release sandbox with durable writes: tokenizations/s and token
                        payments/s from N concurrent clients (default 32), p50/p99 latency
  bench edge [--clients N] [--seconds S]
                        the stack as in `dev`: the same requests through the Worker and directly to
                        the sandbox side by side, added p50 latency, the Worker's gzip size
  fuzz [TARGET] [--seconds N]
                        build the fuzz targets in fuzz/ (needs rustup's nightly toolchain) and run
                        each one, or TARGET only (card_inputs, brand_spec, opp_wire), for N seconds
                        (default 30); a crash's input is written to fuzz/artifacts/TARGET/
  test [SUITE...]       setup, then every suite: lint (fmt + clippy), unit (cargo test), fuzz
                        (each fuzz target for 10 s), npm (the npm package's tests), e2e
                        (end-to-end); name suites to run only those";

/// A failed step: what failed, in one sentence.
pub(crate) type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    match dispatch() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch() -> Result {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let command = match parser.next().map_err(|error| error.to_string())? {
        Some(Value(command)) => command.string().map_err(|error| error.to_string())?,
        Some(Long("help") | Short('h')) | None => {
            println!("{USAGE}");
            return Ok(());
        }
        Some(other) => return Err(format!("{}\n\n{USAGE}", other.unexpected())),
    };
    let project = project::Project::locate()?;
    match command.as_str() {
        "setup" => setup::run(&project).map(drop),
        "wasm" => {
            let toolchain = setup::run(&project)?;
            wasm::build(&project, &toolchain)
        }
        "build-worker" => {
            let toolchain = setup::quick(&project)?;
            worker::build(&project, &toolchain)
        }
        "dev" => dev::run(&project, dev::Options::parse(&mut parser)?),
        "bench" => bench::run(&project, &mut parser),
        "fuzz" => fuzz::run(&project, &fuzz::Options::parse(&mut parser)?),
        "test" => test::run(&project, &test::Suites::parse(&mut parser)?),
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    }
}
