//! `cargo xtask test`: every check a change must pass, ending with one `N passed, N failed` line.

use crate::counts::Counts;
use crate::project::Project;
use crate::setup::{self, Setup};
use crate::stack::{self, Credentials};
use crate::{Result, fuzz, run, services, smoke, tools, wasm, worker};
use std::path::Path;
use std::process::Command;

/// The wasm32 builds, as they are made: the browser module alone, in both its forms (it is
/// `no_std` with a panic handler of its own, so it must not be built with the Worker's crates,
/// whose wasm-bindgen brings std), and the Worker with the crates it uses.
const WASM_BUILDS: &[&[&str]] = &[
    &["--package", "omnigate-card-wasm"],
    &["--package", "omnigate-card-wasm", "--features", "compat"],
    &["--package", "omnigate-card", "--package", "omnigate-opp", "--package", "omnigate-edge"],
];

/// The end-to-end Workers' gateway timeout: short, so that the slow-gateway test gets its 504
/// in seconds, yet far above what a sandbox answer takes on a busy machine.
const E2E_GATEWAY_TIMEOUT_MS: u64 = 3000;

/// How long each fuzz target runs: enough to replay its corpus and explore a little further on
/// every change; `cargo xtask fuzz` runs them longer.
const FUZZ_SECONDS: u64 = 10;

/// Passed and failed counts over every suite.
#[derive(Debug, Default)]
struct Tally {
    passed: u32,
    failed: u32,
    failures: Vec<String>,
    /// Checks this machine cannot run, and why: neither passed nor failed, but said at the end.
    not_run: Vec<String>,
}

impl Tally {
    /// Records a check that counts as one test.
    fn check(&mut self, name: &str, outcome: Result) {
        match outcome {
            Ok(()) => self.passed += 1,
            Err(error) => {
                self.failed += 1;
                self.failures.push(format!("{name}: {error}"));
            }
        }
    }

    /// Records a suite's own counts; a suite that failed without reporting a failure (it did not
    /// build, or it crashed) counts one failure.
    fn suite(&mut self, name: &str, outcome: Result<(bool, Counts)>) {
        match outcome {
            Ok((ok, counts)) => {
                self.passed += counts.passed;
                self.failed += counts.failed;
                if !ok || counts.failed > 0 {
                    self.failures.push(format!("{name}: {} failed", counts.failed.max(1)));
                    if counts.failed == 0 {
                        self.failed += 1;
                    }
                }
            }
            Err(error) => self.check(name, Err(error)),
        }
    }
}

/// The suites `cargo xtask test` can run; all of them unless some are named.
#[derive(Debug)]
pub(crate) struct Suites(Vec<String>);

impl Suites {
    const ALL: [&str; 5] = ["lint", "unit", "fuzz", "npm", "e2e"];

    /// Reads suite names from the command line.
    pub(crate) fn parse(parser: &mut lexopt::Parser) -> Result<Self> {
        use lexopt::prelude::*;
        let mut names = Vec::new();
        while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
            match arg {
                Value(name) if Self::ALL.iter().any(|known| name == *known) => {
                    names.push(name.string().map_err(|error| error.to_string())?);
                }
                other => {
                    return Err(format!(
                        "{} (suites: {})",
                        other.unexpected(),
                        Self::ALL.join(", ")
                    ));
                }
            }
        }
        Ok(Self(names))
    }

    fn wants(&self, suite: &str) -> bool {
        self.0.is_empty() || self.0.iter().any(|name| name == suite)
    }
}

/// Runs the chosen suites; fails when anything failed.
pub(crate) fn run(project: &Project, suites: &Suites) -> Result {
    let setup = setup::run(project)?;
    let mut tally = Tally::default();
    let cargo = |args: &[&str]| {
        let mut command = setup.toolchain.cargo(project);
        command.args(args);
        command
    };
    if suites.wants("lint") {
        tally.check("cargo fmt", run::status(&mut cargo(&["fmt", "--all", "--", "--check"])));
        let mut host_clippy = cargo(&["clippy", "--workspace", "--all-targets", "--all-features"]);
        host_clippy.args(["--", "-D", "warnings"]);
        tally.check("clippy (host)", run::status(&mut host_clippy));
        for build in WASM_BUILDS {
            let mut wasm_clippy = cargo(&["clippy", "--target", "wasm32-unknown-unknown"]);
            wasm_clippy.args(*build).args(["--", "-D", "warnings"]);
            let label = format!("clippy (wasm32: {})", build[1..].join(" "));
            tally.check(&label, run::status(&mut wasm_clippy));
        }
        // The fuzz crate is outside the workspace: formatted and linted on its own, with the
        // pinned toolchain (it builds on stable; only fuzzing needs nightly). `--locked` catches
        // a fuzz/Cargo.lock that was not updated with the crates it fuzzes.
        let fuzz_manifest = ["--manifest-path", "fuzz/Cargo.toml"];
        let mut fuzz_fmt = cargo(&["fmt"]);
        fuzz_fmt.args(fuzz_manifest).args(["--", "--check"]);
        tally.check("cargo fmt (fuzz)", run::status(&mut fuzz_fmt));
        let mut fuzz_clippy = cargo(&["clippy", "--locked", "--all-targets"]);
        fuzz_clippy.args(fuzz_manifest).arg("--target-dir").arg(project.target().join("fuzz"));
        fuzz_clippy.args(["--", "-D", "warnings"]);
        tally.check("clippy (fuzz)", run::status(&mut fuzz_clippy));
    }
    if suites.wants("unit") {
        let mut unit = cargo(&["test", "--workspace", "--all-features"]);
        tally.suite("cargo test", cargo_tests(&mut unit));
    }
    if suites.wants("fuzz") {
        fuzz_targets(project, &setup, &mut tally);
    }
    if suites.wants("npm") {
        tally.suite("npm package", npm_package(project, &setup));
    }
    if suites.wants("e2e") {
        tally.suite("end-to-end", end_to_end(project, &setup));
        tally.check("cargo xtask dev", smoke::dev(project));
    }

    for failure in &tally.failures {
        println!("FAILED {failure}");
    }
    for reason in &tally.not_run {
        println!("NOT RUN {reason}");
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 { Ok(()) } else { Err(format!("{} failed", tally.failed)) }
}

/// Builds the fuzz targets and runs each for [`FUZZ_SECONDS`], one check per target. Without a
/// nightly toolchain nothing is counted: the fuzz check is reported as not run.
fn fuzz_targets(project: &Project, setup: &Setup, tally: &mut Tally) {
    let fuzzer = match fuzz::Fuzzer::new(project, setup) {
        Ok(fuzzer) => fuzzer,
        Err(reason) => {
            println!("xtask: the fuzz targets were NOT run: {reason}");
            tally.not_run.push(format!("fuzz targets: {reason}"));
            return;
        }
    };
    if let Err(error) = fuzzer.build() {
        tally.check("fuzz build", Err(error));
        return;
    }
    for target in fuzz::TARGETS {
        tally.check(&format!("fuzz {}", target.name), fuzzer.run(target, FUZZ_SECONDS));
    }
}

fn cargo_tests(command: &mut Command) -> Result<(bool, Counts)> {
    let mut counts = Counts::default();
    let ok = run::streamed(command, |line| counts.add_cargo_line(line))?;
    Ok((ok, counts))
}

/// Runs `node --test` with the TAP reporter and reads its `# pass` / `# fail` totals.
fn node_tests(
    setup: &Setup,
    dir: &Path,
    files: &[String],
    env: &[(&str, String)],
) -> Result<(bool, Counts)> {
    let mut node = setup.toolchain.command(&setup.tools.node);
    node.args(["--test", "--test-reporter=tap"]).args(files).current_dir(dir);
    for (name, value) in env {
        node.env(name, value);
    }
    let mut counts = Counts::default();
    let ok = run::streamed(&mut node, |line| counts.add_tap_line(line))?;
    Ok((ok, counts))
}

/// Test files (`*.test.mjs`) in a folder, sorted.
fn test_files(dir: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let mut files: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    files.sort();
    Ok(files)
}

/// Builds the npm package, installs its packed tarball into a scratch project as a user would,
/// and runs the package's tests there.
fn npm_package(project: &Project, setup: &Setup) -> Result<(bool, Counts)> {
    wasm::build(project, setup)?;
    let scratch = project.target().join("npm-package-test");
    // tests-js/package.json locks the reference libraries the compat layer is compared with.
    let tests = project.path("crates/omnigate-card-wasm/tests-js");
    wasm::install_packed(project, &scratch, &tests)?;
    let files = test_files(&tests)?;
    for file in &files {
        std::fs::copy(tests.join(file), scratch.join(file))
            .map_err(|error| format!("{file}: {error}"))?;
    }
    node_tests(setup, &scratch, &files, &[])
}

/// Starts the sandbox and the Worker on free ports and runs `tests/e2e/` against them.
fn end_to_end(project: &Project, setup: &Setup) -> Result<(bool, Counts)> {
    tools::npm_project(&project.path("tests"))?;
    let state = project.target().join("e2e");
    stack::fresh_dir(&state)?;
    let credentials = Credentials(
        [
            ("OPP_ACCESS_TOKEN", "e2e-access-token-5f1c"),
            ("OPP_ENTITY_ID", "8ac7a4c9e2e2e2e2e2e2e2e2e2e2e2e2"),
            ("MERCHANT_API_KEY", "e2e-merchant-key-77d0"),
            ("SHOPPER_JWT_SECRET", "e2e-shopper-jwt-secret-0b9e"),
        ]
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .to_vec(),
    );
    let options = stack::Options {
        port: services::free_port()?,
        gateway_port: services::free_port()?,
        state,
        dev_mode: true,
        credentials: credentials.clone(),
        gateway_timeout_ms: Some(E2E_GATEWAY_TIMEOUT_MS),
    };
    // A second Worker whose gateway is a port nobody listens on, for the "gateway down" tests;
    // its own D1 state, so the shared Worker's data is untouched. It starts while the stack
    // starts, once the Worker is built (both `wrangler dev` would otherwise build it at once).
    let down = stack::Options {
        port: services::free_port()?,
        gateway_port: services::free_port()?,
        state: options.state.join("no-gateway"),
        credentials: credentials.clone(),
        ..options
    };
    let closed = format!("http://127.0.0.1:{}", down.gateway_port);
    worker::build(project, setup)?;
    let (stack, no_gateway) = std::thread::scope(|scope| {
        let no_gateway = scope.spawn(|| stack::start_worker(project, setup, &down, &closed));
        let stack = stack::start(project, setup, &options);
        let no_gateway = no_gateway.join().map_err(|_| "the second Worker's start panicked")?;
        Ok::<_, String>((stack?, no_gateway?))
    })?;
    let (no_gateway_url, no_gateway) = no_gateway;
    let mut env = vec![
        ("OMNIGATE_URL", stack.worker_url.clone()),
        ("OMNIGATE_URL_NO_GATEWAY", no_gateway_url),
        ("OMNIGATE_GATEWAY_URL", stack.gateway_url.clone()),
        ("OMNIGATE_GATEWAY_TIMEOUT_MS", E2E_GATEWAY_TIMEOUT_MS.to_string()),
        ("OMNIGATE_CHROMIUM", setup.tools.chromium.display().to_string()),
        ("OMNIGATE_SCREENSHOTS", project.target().join("e2e-screenshots").display().to_string()),
        // How to run SQL on the main Worker's local D1, for tests that set up a state no API
        // call can make (a saved card that has since expired).
        (
            "OMNIGATE_D1_EXECUTE",
            stack::command_json(&stack::d1_execute(project, setup, &options.state)),
        ),
    ];
    for (name, value) in &credentials.0 {
        env.push((name.as_str(), value.clone()));
    }
    let dir = project.path("tests");
    let files: Vec<String> =
        test_files(&dir.join("e2e"))?.into_iter().map(|file| format!("e2e/{file}")).collect();
    let outcome = node_tests(setup, &dir, &files, &env);
    drop(no_gateway);
    drop(stack);
    outcome
}
