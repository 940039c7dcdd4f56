//! `cargo xtask dev`: builds everything, runs the sandbox and the Worker, stops both on Ctrl-C.

use crate::project::{self, Project};
use crate::stack::{self, Stack};
use crate::{Result, setup, wasm};
use std::sync::mpsc;

/// Ports of `cargo xtask dev`.
#[derive(Debug)]
pub(crate) struct Options {
    port: u16,
    gateway_port: u16,
}

impl Options {
    /// Parses `--port N` and `--gateway-port N`.
    pub(crate) fn parse(parser: &mut lexopt::Parser) -> Result<Self> {
        use lexopt::prelude::*;
        let mut options = Self { port: 8787, gateway_port: 9090 };
        let number = |parser: &mut lexopt::Parser| -> Result<u16> {
            let value = parser.value().map_err(|error| error.to_string())?;
            value.parse().map_err(|error: lexopt::Error| error.to_string())
        };
        while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
            match arg {
                Long("port") => options.port = number(parser)?,
                Long("gateway-port") => options.gateway_port = number(parser)?,
                other => return Err(other.unexpected().to_string()),
            }
        }
        Ok(options)
    }
}

/// Runs until Ctrl-C (or SIGTERM), then stops every process it started.
pub(crate) fn run(project: &Project, options: Options) -> Result {
    // Catch the signal before anything starts, so that the services are always stopped.
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|error| format!("cannot handle Ctrl-C: {error}"))?;

    let setup = setup::run(project)?;
    wasm::build(project, &setup)?;
    let vars = project.path(".dev.vars");
    if !vars.exists() {
        std::fs::copy(project.path(".dev.vars.example"), &vars)
            .map_err(|error| format!("cannot create .dev.vars: {error}"))?;
        println!("xtask: wrote .dev.vars with the documented dev values");
    }
    let options = stack::Options {
        port: options.port,
        gateway_port: options.gateway_port,
        state: project.path(".wrangler/omnigate-dev"),
        dev_mode: true,
        credentials: stack::parse_vars(&project::read(&vars)?),
        gateway_timeout_ms: None,
    };
    let stack = stack::start(project, &setup, &options)?;
    seed_catalog(&stack, options.credentials.get("MERCHANT_API_KEY").unwrap_or_default())?;
    announce(&stack);
    let _ = stopped.recv();
    println!("\nxtask: stopping the Worker and the sandbox");
    drop(stack);
    Ok(())
}

/// The demo catalog: what the demo page sells, priced by the Worker like a static shop's.
const DEMO_CATALOG: &[(&str, &str, &str)] = &[
    ("tee-m", "omnigate T-shirt (M)", "25.00"),
    ("mug", "omnigate mug", "12.50"),
    ("stickers", "Sticker pack", "4.00"),
];

/// Writes the demo catalog through the Worker's merchant API (`PUT /v1/catalog/{sku}`).
fn seed_catalog(stack: &Stack, merchant_key: &str) -> Result {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .new_agent();
    for (sku, name, amount) in DEMO_CATALOG {
        let body = format!(r#"{{"name":"{name}","amount":"{amount}","currency":"EUR"}}"#);
        let response = agent
            .put(&format!("{}/v1/catalog/{sku}", stack.worker_url))
            .header("Authorization", &format!("Bearer {merchant_key}"))
            .header("Content-Type", "application/json")
            .send(body.as_str())
            .map_err(|error| format!("cannot seed the catalog: {error}"))?;
        if response.status().as_u16() != 200 {
            return Err(format!("seeding {sku} answered HTTP {}", response.status()));
        }
    }
    println!("xtask: seeded the demo catalog ({} products)", DEMO_CATALOG.len());
    Ok(())
}

fn announce(stack: &Stack) {
    println!(
        "\nomnigate is running\n  demo checkout    {worker}/\n  Worker health    {worker}/health\n  \
         sandbox gateway  {gateway}\nPress Ctrl-C to stop.",
        worker = stack.worker_url,
        gateway = stack.gateway_url,
    );
}
