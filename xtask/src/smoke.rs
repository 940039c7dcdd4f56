//! A check of `cargo xtask dev` itself: it starts the whole product, the demo page and `/health`
//! answer (proving the Worker reached the sandbox), and Ctrl-C stops everything it started.

use crate::Result;
use crate::project::Project;
use crate::services::{Service, free_port};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

/// Runs `xtask dev` on free ports, probes it, interrupts it and checks that nothing listens.
pub(crate) fn dev(project: &Project) -> Result {
    let (port, gateway_port) = (free_port()?, free_port()?);
    // Exactly what a user types: the cargo that started this xtask (cargo sets `CARGO`).
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "xtask",
            "dev",
            "--port",
            &port.to_string(),
            "--gateway-port",
            &gateway_port.to_string(),
        ])
        .current_dir(&project.root);
    let log = project.target().join("dev-smoke.log");
    let mut dev = Service::start("cargo xtask dev", command, &log)?;
    let url = format!("http://127.0.0.1:{port}");
    dev.wait_until_ready(&format!("{url}/health"), Duration::from_secs(600))?;
    let health = get(&format!("{url}/health"))?;
    if !health.contains(r#""gateway":"ok""#) {
        return Err(format!("/health did not reach the gateway: {health}"));
    }
    let page = get(&format!("{url}/"))?;
    if !page.contains("<title>omnigate demo checkout</title>") {
        return Err("the demo page was not served at /".into());
    }
    dev.interrupt(Duration::from_secs(60))?;
    for open in [port, gateway_port] {
        if TcpStream::connect(("127.0.0.1", open)).is_ok() {
            return Err(format!("port {open} still answers after Ctrl-C"));
        }
    }
    println!("xtask: `cargo xtask dev` served {url}/ and /health, and Ctrl-C stopped it cleanly");
    Ok(())
}

fn get(url: &str) -> Result<String> {
    let mut response = ureq::get(url).call().map_err(|error| format!("GET {url}: {error}"))?;
    response.body_mut().read_to_string().map_err(|error| format!("GET {url}: {error}"))
}
