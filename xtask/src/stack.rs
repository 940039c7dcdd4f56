//! The running product: the sandbox gateway and the Worker under `wrangler dev`, pointed at it,
//! with fresh local D1 state. Used by `cargo xtask dev` and by the end-to-end tests.

use crate::project::{self, Project};
use crate::services::{self, Service};
use crate::setup::Setup;
use crate::{Result, run, worker};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Credentials shared by the Worker and the sandbox (the same names as in `.dev.vars`).
#[derive(Clone)]
pub(crate) struct Credentials(pub(crate) Vec<(String, String)>);

impl Credentials {
    /// The value of one variable, if set.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// Where and how to run.
pub(crate) struct Options {
    /// Worker port on 127.0.0.1.
    pub(crate) port: u16,
    /// Sandbox gateway port on 127.0.0.1.
    pub(crate) gateway_port: u16,
    /// Local D1 state, sandbox database and logs.
    pub(crate) state: PathBuf,
    /// Turns on the dev-only routes.
    pub(crate) dev_mode: bool,
    /// Secrets and ids for both sides.
    pub(crate) credentials: Credentials,
    /// The Worker's `GATEWAY_TIMEOUT_MS`; `None` keeps `wrangler.toml`'s.
    pub(crate) gateway_timeout_ms: Option<u64>,
}

/// Both services; dropping the stack stops them.
pub(crate) struct Stack {
    /// Base URL of the Worker.
    pub(crate) worker_url: String,
    /// Base URL of the sandbox gateway.
    pub(crate) gateway_url: String,
    // Fields drop in order: the Worker stops before its gateway.
    _worker: Service,
    _sandbox: Service,
}

/// Builds what is stale, then starts the sandbox and the Worker and waits until both answer.
pub(crate) fn start(project: &Project, setup: &Setup, options: &Options) -> Result<Stack> {
    let sandbox_bin = build_sandbox(project, setup)?;
    worker::build(project, setup)?;
    project::create_dir(&options.state)?;
    let gateway_url = format!("http://127.0.0.1:{}", options.gateway_port);
    let credentials = &options.credentials;
    let mut sandbox = setup.toolchain.command(&sandbox_bin);
    sandbox
        .args(["--listen", &format!("127.0.0.1:{}", options.gateway_port), "--db"])
        .arg(options.state.join("sandbox.db"))
        .args(["--access-token", credentials.get("OPP_ACCESS_TOKEN").unwrap_or_default()])
        .args(["--entity-id", credentials.get("OPP_ENTITY_ID").unwrap_or_default()]);
    let mut sandbox =
        Service::start("omnigate-sandbox", sandbox, &options.state.join("sandbox.log"))?;
    sandbox
        .wait_until_ready(&format!("{gateway_url}/v1/payments/ready"), Duration::from_secs(30))?;
    let (worker_url, worker) = start_worker(project, setup, options, &gateway_url)?;
    Ok(Stack { worker_url, gateway_url, _worker: worker, _sandbox: sandbox })
}

/// Applies the D1 migrations to `options.state` and starts `wrangler dev` on `options.port`
/// with its gateway at `gateway_url`; returns the Worker's base URL once `/health` answers.
/// The end-to-end tests also use it alone, with a gateway URL nobody listens on.
pub(crate) fn start_worker(
    project: &Project,
    setup: &Setup,
    options: &Options,
    gateway_url: &str,
) -> Result<(String, Service)> {
    project::create_dir(&options.state)?;
    let mut migrate = wrangler(project, setup);
    migrate
        .args(["d1", "migrations", "apply", "DB", "--local", "--persist-to"])
        .arg(&options.state);
    run::status(&mut migrate)?;
    let worker_url = format!("http://127.0.0.1:{}", options.port);
    let mut dev = wrangler(project, setup);
    dev.args(["dev", "--ip", "127.0.0.1", "--port", &options.port.to_string()])
        .args(["--inspector-port", &services::free_port()?.to_string()])
        .args(["--show-interactive-dev-session=false", "--persist-to"])
        .arg(&options.state)
        .args(["--var", &format!("GATEWAY_URL:{gateway_url}")])
        .args(["--var", &format!("DEV_MODE:{}", options.dev_mode)])
        // wrangler's own request lines print URL paths, and some API paths hold omni tokens
        // (`DELETE /v1/wallet/{token}`): keep warnings and errors only.
        .args(["--log-level", "warn"]);
    if let Some(ms) = options.gateway_timeout_ms {
        dev.args(["--var", &format!("GATEWAY_TIMEOUT_MS:{ms}")]);
    }
    for (name, value) in &options.credentials.0 {
        dev.args(["--var", &format!("{name}:{value}")]);
    }
    let mut worker = Service::start("wrangler dev", dev, &options.state.join("wrangler.log"))?;
    worker.wait_until_ready(&format!("{worker_url}/health"), Duration::from_secs(180))?;
    Ok((worker_url, worker))
}

/// `wrangler d1 execute DB --local --persist-to <state>`: SQL on the local D1 of the Worker whose
/// state is `state`, as an operator would run it (the caller appends `--command <sql>`).
pub(crate) fn d1_execute(project: &Project, setup: &Setup, state: &Path) -> Command {
    let mut command = wrangler(project, setup);
    command.args(["d1", "execute", "DB", "--local", "--persist-to"]).arg(state);
    command
}

/// `command` as JSON (`{"program","args","cwd","env"}`), for a child that runs it itself.
pub(crate) fn command_json(command: &Command) -> String {
    let text = |value: &std::ffi::OsStr| value.to_string_lossy().into_owned();
    let env: serde_json::Map<String, serde_json::Value> = command
        .get_envs()
        .filter_map(|(name, value)| Some((text(name), text(value?).into())))
        .collect();
    serde_json::json!({
        "program": text(command.get_program()),
        "args": command.get_args().map(text).collect::<Vec<_>>(),
        "cwd": command.get_current_dir().map(|dir| text(dir.as_os_str())),
        "env": env,
    })
    .to_string()
}

/// `wrangler` at the repository root, with telemetry off and the Worker's build tools reachable.
/// Its build command is `cargo xtask build-worker`, so it runs with the user's `PATH`.
pub(crate) fn wrangler(project: &Project, setup: &Setup) -> Command {
    let mut command = setup.toolchain.user_command(&setup.tools.node);
    command
        .arg(&setup.tools.wrangler)
        .current_dir(&project.root)
        .env("WRANGLER_SEND_METRICS", "false")
        .env("WRANGLER_SEND_ERROR_REPORTS", "false")
        .env("CLOUDFLARE_CF_FETCH_ENABLED", "false")
        .env("CI", "true");
    for (name, value) in setup.tools.worker_build_env() {
        command.env(name, value);
    }
    command
}

fn build_sandbox(project: &Project, setup: &Setup) -> Result<PathBuf> {
    let mut cargo = setup.toolchain.cargo(project);
    cargo.args(["build", "--quiet", "--package", "omnigate-sandbox", "--bin", "omnigate-sandbox"]);
    run::status(&mut cargo)?;
    Ok(project.target().join("debug/omnigate-sandbox"))
}

/// Reads `KEY=value` lines (blank lines and `#` comments skipped).
pub(crate) fn parse_vars(text: &str) -> Credentials {
    let pairs = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Credentials(pairs)
}

/// Removes a state folder left by an earlier run.
pub(crate) fn fresh_dir(dir: &Path) -> Result {
    if dir.exists() {
        std::fs::remove_dir_all(dir)
            .map_err(|error| format!("cannot clear {}: {error}", dir.display()))?;
    }
    project::create_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::parse_vars;

    #[test]
    fn dev_vars_skip_comments_and_blank_lines() {
        let vars = parse_vars("# comment\n\nOPP_ENTITY_ID = abc\nSECRET=a=b\nnot a pair\n");
        assert_eq!(vars.get("OPP_ENTITY_ID"), Some("abc"));
        assert_eq!(vars.get("SECRET"), Some("a=b"));
        assert_eq!(vars.0.len(), 2);
    }

    #[test]
    fn the_committed_example_has_every_credential() {
        let example = include_str!("../../.dev.vars.example");
        let vars = parse_vars(example);
        for name in ["OPP_ACCESS_TOKEN", "OPP_ENTITY_ID", "MERCHANT_API_KEY", "SHOPPER_JWT_SECRET"]
        {
            assert!(vars.get(name).is_some_and(|value| !value.is_empty()), "{name}");
        }
    }
}
