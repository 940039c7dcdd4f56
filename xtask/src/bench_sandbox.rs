//! `cargo xtask bench sandbox`: standalone tokenizations and token payments per second against
//! the release sandbox, with durable writes as it always runs, from N concurrent clients.
//!
//! The sandbox runs on a free port with a fresh database under the target folder and is stopped
//! when the benchmark ends, whatever happens.

use crate::bench_load::{self, Call, Load, Measured};
use crate::project::Project;
use crate::services::{self, Service};
use crate::setup::Setup;
use crate::{Result, run, setup, stack};
use std::path::PathBuf;
use std::time::Duration;

const ACCESS_TOKEN: &str = "bench-access-token";
const ENTITY: &str = "8ac7a4c9be7cbe7cbe7cbe7cbe7cbe7c";
const FORM: &str = "application/x-www-form-urlencoded";
/// The issue's target on a 2-core machine.
const TARGET_TOKENIZATIONS: f64 = 5_000.0;

/// Builds the release sandbox, starts it, and prints the table.
pub(crate) fn run(project: &Project, parser: &mut lexopt::Parser) -> Result {
    let load = Load::parse(parser, 32, 10)?;
    let setup = setup::run(project)?;
    let binary = build_release(project, &setup)?;
    let state = project.target().join("bench-sandbox");
    stack::fresh_dir(&state)?;
    let port = services::free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut command = setup.toolchain.command(&binary);
    command
        .args(["--listen", &format!("127.0.0.1:{port}"), "--db"])
        .arg(state.join("sandbox.db"))
        .args(["--access-token", ACCESS_TOKEN, "--entity-id", ENTITY])
        .env_remove("OMNIGATE_SANDBOX_KEY");
    let mut sandbox = Service::start("omnigate-sandbox", command, &state.join("sandbox.log"))?;
    sandbox.wait_until_ready(&format!("{base}/v1/payments/ready"), Duration::from_secs(30))?;

    println!(
        "\nomnigate-sandbox (release, SQLite WAL, synchronous=FULL) on {base}, {} clients, \
         {} s per row after a {} s warm-up",
        load.clients,
        load.duration.as_secs(),
        load.warmup.as_secs()
    );
    println!(
        "The load generator runs on the same {} cores as the sandbox: the numbers are a floor.\n",
        cores()
    );
    println!("{}  {:>11} {:>11}", bench_load::header(), "sandbox CPU", "client CPU");
    let db = state.join("sandbox.db").display().to_string();
    let pid = bench_load::find_process(&db);
    let tokenize =
        Call::post(format!("{base}/v1/omnitokens"), FORM, tokenize_body()).bearer(ACCESS_TOKEN);
    let tokenized = measure(load, std::slice::from_ref(&tokenize), pid.as_deref(), "tokenize");

    let tokens = issue_tokens(&tokenize, load.clients)?;
    let payments: Vec<Call> = tokens
        .iter()
        .map(|token| {
            Call::post(format!("{base}/v1/payments"), FORM, pay_body(token)).bearer(ACCESS_TOKEN)
        })
        .collect();
    let paid = measure(load, &payments, pid.as_deref(), "token pay");

    for (name, measured) in [("tokenize", &tokenized), ("token pay", &paid)] {
        if let Some(failure) = &measured.first_failure {
            println!("{name}: {} failed, first: {failure}", measured.failed);
        }
    }
    println!(
        "(CPU columns: microseconds of CPU per request, warm-up included, of the sandbox process \
         and of this load generator)"
    );
    let rate = tokenized.per_second();
    let verdict = if rate >= TARGET_TOKENIZATIONS { "met" } else { "NOT met" };
    println!(
        "\ntokenizations/s: {rate:.0} measured, target >= {TARGET_TOKENIZATIONS:.0} on 2 cores \
         with durable writes: {verdict} (timings are reported, not asserted)"
    );
    drop(sandbox);
    Ok(())
}

/// Drives `calls` and prints the row with the CPU time per request of both processes.
fn measure(load: Load, calls: &[Call], sandbox: Option<&str>, name: &str) -> Measured {
    let cpu = || (sandbox.and_then(bench_load::cpu_time), bench_load::cpu_time("self"));
    let before = cpu();
    let measured = bench_load::drive(load, calls);
    let after = cpu();
    let per_request = |before: Option<Duration>, after: Option<Duration>| match (before, after) {
        (Some(before), Some(after)) if measured.sent > 0 => {
            format!("{:.0} us", (after - before).as_secs_f64() * 1e6 / measured.sent as f64)
        }
        _ => "-".to_owned(),
    };
    let label = format!("{name:<12} {} {}", calls[0].method, path_of(&calls[0]));
    println!(
        "{}  {:>11} {:>11}",
        measured.row(&label),
        per_request(before.0, after.0),
        per_request(before.1, after.1)
    );
    measured
}

fn path_of(call: &Call) -> &str {
    if call.body.contains("card.omniToken") {
        "/v1/payments card.omniToken"
    } else {
        "/v1/omnitokens"
    }
}

fn build_release(project: &Project, setup: &Setup) -> Result<PathBuf> {
    let mut cargo = setup.toolchain.cargo(project);
    cargo.args(["build", "--release", "--quiet", "--package", "omnigate-sandbox"]);
    cargo.args(["--bin", "omnigate-sandbox"]);
    run::status(&mut cargo)?;
    Ok(project.target().join("release/omnigate-sandbox"))
}

fn tokenize_body() -> String {
    form(&[
        ("entityId", ENTITY),
        ("paymentBrand", "VISA"),
        ("card.number", "4200000000000000"),
        ("card.holder", "Jane Jones"),
        ("card.expiryMonth", "12"),
        ("card.expiryYear", "2034"),
    ])
}

fn pay_body(token: &str) -> String {
    form(&[
        ("entityId", ENTITY),
        ("amount", "1.00"),
        ("currency", "EUR"),
        ("paymentType", "DB"),
        ("card.omniToken", token),
    ])
}

/// `name=value&…`; the benchmark's values need no escaping except the holder's space.
fn form(pairs: &[(&str, &str)]) -> String {
    let pairs: Vec<String> =
        pairs.iter().map(|(name, value)| format!("{name}={}", value.replace(' ', "+"))).collect();
    pairs.join("&")
}

/// One token per client, so that concurrent payments do not all read the same vault row.
fn issue_tokens(tokenize: &Call, count: usize) -> Result<Vec<String>> {
    let agent = bench_load::agent();
    (0..count)
        .map(|_| {
            let (status, body) = tokenize.send(&agent)?;
            bench_load::json_string(&body, "omniToken")
                .ok_or_else(|| format!("tokenization answered {status} without a token: {body}"))
        })
        .collect()
}

/// How many cores this machine offers (for the report).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
