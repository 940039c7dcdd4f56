//! `cargo xtask bench edge`: what the Worker adds. The stack runs as in `cargo xtask dev` (the
//! sandbox gateway and `wrangler dev`, fresh state, dev mode on); the same operations are sent
//! through the Worker and directly to the sandbox in one run, and the Worker's compressed size
//! comes from `wrangler deploy --dry-run`.

use crate::bench_load::{self, Call, Load, Measured};
use crate::bench_sandbox::cores;
use crate::project::Project;
use crate::setup::Setup;
use crate::stack::{self, Credentials};
use crate::{Result, run, services, setup};
use std::path::Path;

const ENTITY: &str = "8ac7a4c9be7cbe7cbe7cbe7cbe7cbe7c";
const ACCESS_TOKEN: &str = "bench-access-token-31d2";
const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";
/// A payment id no gateway issues; the Worker's `/health` looks it up.
const PROBE_ID: &str = "00000000000000000000000000000000";
/// The issue's targets.
const TARGET_ADDED_P50_MS: f64 = 1.0;
const TARGET_GZIP_KIB: f64 = 1024.0;
/// The row whose p50 is the local runtime's cost of any Worker route.
const FLOOR: &str = "Worker floor";

/// One operation, as the Worker serves it and as the sandbox serves it.
struct Pair {
    name: &'static str,
    /// Who answers through `wrangler dev`: the Worker, or its static-assets layer alone.
    side: &'static str,
    worker: Call,
    /// `None` for the Worker-only row.
    direct: Option<Call>,
}

/// Starts the stack, measures both sides at 1 and N clients, then sizes the Worker.
pub(crate) fn run(project: &Project, parser: &mut lexopt::Parser) -> Result {
    let load = Load::parse(parser, 8, 5)?;
    let setup = setup::run(project)?;
    let state = project.target().join("bench-edge");
    stack::fresh_dir(&state)?;
    let credentials = Credentials(
        [
            ("OPP_ACCESS_TOKEN", ACCESS_TOKEN),
            ("OPP_ENTITY_ID", ENTITY),
            ("MERCHANT_API_KEY", "bench-merchant-key-9a41"),
            ("SHOPPER_JWT_SECRET", "bench-shopper-jwt-secret-6c07"),
        ]
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .to_vec(),
    );
    let options = stack::Options {
        port: services::free_port()?,
        gateway_port: services::free_port()?,
        state: state.clone(),
        dev_mode: true,
        credentials,
        gateway_timeout_ms: None,
    };
    let stack = stack::start(project, &setup, &options)?;
    let pairs = pairs(&stack.worker_url, &stack.gateway_url)?;
    println!(
        "\nWorker under `wrangler dev` ({}) vs the sandbox directly ({}, the debug build `dev` \
         uses); {} s per row after a {} s warm-up",
        stack.worker_url,
        stack.gateway_url,
        load.duration.as_secs(),
        load.warmup.as_secs()
    );
    println!("workerd, the sandbox and the load generator share the same {} cores.\n", cores());
    println!("{}", bench_load::header());
    let mut added = Vec::new();
    for clients in [1, load.clients] {
        let mut floor = 0.0;
        for pair in &pairs {
            let load = load.with_clients(clients);
            let direct = pair.direct.as_ref().map(|call| measure(load, call, pair.name, "sandbox"));
            let worker = measure(load, &pair.worker, pair.name, pair.side);
            match direct {
                Some(direct) => {
                    let ms = worker.percentile_ms(50) - direct.percentile_ms(50);
                    added.push((pair.name, clients, ms, ms - floor));
                }
                None if pair.name == FLOOR => floor = worker.percentile_ms(50),
                None => {}
            }
        }
    }
    drop(stack);

    println!(
        "\nadded p50 latency (Worker minus direct), target <= {TARGET_ADDED_P50_MS} ms; and what"
    );
    println!(
        "remains above the `{FLOOR}` row (wrangler dev's and workerd's own cost of running any"
    );
    println!("Worker route locally): the Worker's logic, its D1 queries and the extra gateway hop");
    for (name, clients, ms, beyond) in added {
        let verdict = if ms <= TARGET_ADDED_P50_MS { "met" } else { "NOT met" };
        println!(
            "  {name:<12} {clients:>3} client(s): {ms:>7.2} ms  {verdict:<8} above the floor: \
             {beyond:>7.2} ms"
        );
    }
    let (total, gzip) = worker_size(project, &setup, &state.join("dry-run"))?;
    let verdict = if gzip <= TARGET_GZIP_KIB { "met" } else { "NOT met" };
    println!(
        "Worker size (wrangler deploy --dry-run): {total:.1} KiB, gzip {gzip:.1} KiB; \
         target gzip <= {TARGET_GZIP_KIB:.0} KiB: {verdict}"
    );
    println!("(timings are reported, not asserted)");
    Ok(())
}

/// Runs one side of a pair and prints its row (and its first failure, if any).
fn measure(load: Load, call: &Call, name: &str, side: &str) -> Measured {
    let measured = bench_load::drive(load, std::slice::from_ref(call));
    let label = format!("{name:<12} {side:<8} {} {}", call.method, path_of(&call.url));
    println!("{}", measured.row(&label));
    if let Some(failure) = &measured.first_failure {
        println!("  {} failed, first: {failure}", measured.failed);
    }
    measured
}

fn path_of(url: &str) -> String {
    let path = url.splitn(4, '/').nth(3).map_or(url, |rest| &url[url.len() - rest.len() - 1..]);
    let path = path.split('?').next().unwrap_or(path);
    path.replace(PROBE_ID, "{probe}")
}

/// `wrangler dev`'s own floor (a static file: no Worker code runs), the Worker's floor (an
/// unknown route: the Worker runs, reads its config and answers a small 404, no I/O), the
/// health probe (a pure pass-through: the
/// Worker looks up an unknown payment id) and a standalone tokenization (the Worker also checks
/// the JWT and the card, and writes the audit row and the wallet row to D1).
fn pairs(worker: &str, gateway: &str) -> Result<Vec<Pair>> {
    let jwt = shopper_token(worker)?;
    let card = r#"{"number":"4200000000000000","holder":"Jane Jones","expiryMonth":"12","expiryYear":"2034","cvv":"123"}"#;
    let tokenize_form = format!(
        "entityId={ENTITY}&paymentBrand=VISA&card.number=4200000000000000&card.holder=Jane+Jones\
         &card.expiryMonth=12&card.expiryYear=2034&card.cvv=123"
    );
    Ok(vec![
        Pair {
            name: "static file",
            side: "assets",
            worker: Call::get(format!("{worker}/style.css")),
            direct: None,
        },
        Pair {
            name: FLOOR,
            side: "Worker",
            worker: Call::get(format!("{worker}/v1/no-such-route")).expecting(404),
            direct: None,
        },
        Pair {
            name: "health probe",
            side: "Worker",
            worker: Call::get(format!("{worker}/health")),
            direct: Some(
                Call::get(format!("{gateway}/v1/payments/{PROBE_ID}?entityId={ENTITY}"))
                    .bearer(ACCESS_TOKEN)
                    .expecting(404),
            ),
        },
        Pair {
            name: "tokenize",
            side: "Worker",
            worker: Call::post(format!("{worker}/v1/tokens"), JSON, format!("{{\"card\":{card}}}"))
                .bearer(&jwt),
            direct: Some(
                Call::post(format!("{gateway}/v1/omnitokens"), FORM, tokenize_form)
                    .bearer(ACCESS_TOKEN),
            ),
        },
    ])
}

/// A shopper JWT from the dev-mode stand-in identity provider.
fn shopper_token(worker: &str) -> Result<String> {
    let call = Call::post(
        format!("{worker}/dev/shopper-token"),
        JSON,
        r#"{"shopperId":"bench-shopper"}"#.to_owned(),
    );
    let (status, body) = call.send(&bench_load::agent())?;
    bench_load::json_string(&body, "token")
        .ok_or_else(|| format!("/dev/shopper-token answered {status} without a token: {body}"))
}

/// `wrangler deploy --dry-run --outdir <dir>`: the upload's total and gzip sizes in KiB.
fn worker_size(project: &Project, setup: &Setup, outdir: &Path) -> Result<(f64, f64)> {
    let mut wrangler = stack::wrangler(project, setup);
    wrangler.args(["deploy", "--dry-run", "--outdir"]).arg(outdir);
    let output = run::output(&mut wrangler)?;
    parse_upload(&output).ok_or_else(|| {
        format!("no `Total Upload: … / gzip: …` line in wrangler's output:\n{output}")
    })
}

/// Reads `Total Upload: 812.34 KiB / gzip: 301.02 KiB` (KiB or MiB) as KiB.
fn parse_upload(output: &str) -> Option<(f64, f64)> {
    let line = output.lines().find(|line| line.contains("Total Upload:"))?;
    let (total, gzip) = line.split_once("Total Upload:")?.1.split_once("/ gzip:")?;
    Some((kib(total)?, kib(gzip)?))
}

fn kib(size: &str) -> Option<f64> {
    let mut parts = size.split_whitespace();
    let number: f64 = parts.next()?.parse().ok()?;
    match parts.next()? {
        "B" | "bytes" => Some(number / 1024.0),
        "KiB" | "KB" => Some(number),
        "MiB" | "MB" => Some(number * 1024.0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_upload, path_of};

    #[test]
    fn wrangler_sizes_and_paths_are_read() {
        let output = "Your Worker has access to:\nTotal Upload: 1500.25 KiB / gzip: 1.5 MiB\n";
        assert_eq!(parse_upload(output), Some((1500.25, 1536.0)));
        assert_eq!(parse_upload("nothing"), None);
        let probe = format!("http://127.0.0.1:1/v1/payments/{}?entityId=x", super::PROBE_ID);
        assert_eq!(path_of(&probe), "/v1/payments/{probe}");
        assert_eq!(path_of("http://127.0.0.1:1/health"), "/health");
    }
}
