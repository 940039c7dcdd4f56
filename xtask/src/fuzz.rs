//! `cargo xtask fuzz [TARGET] [--seconds N]`: the libFuzzer targets in `fuzz/`, a cargo-fuzz
//! project outside the workspace, each run for a bounded time.
//!
//! cargo-fuzz builds with sanitizer and coverage flags that only a nightly compiler takes, so it
//! runs under rustup's `nightly` toolchain; without one, `fuzz` fails saying so and `test` says
//! the fuzz check was not run. Builds go to `target/fuzz/`; each target's corpus grows in
//! `target/fuzz-corpus/<target>/` from its committed seeds (read, never written), and the input
//! of a crash is written to `fuzz/artifacts/<target>/` (git-ignored).

use crate::project::{self, Project};
use crate::setup::{self, Setup};
use crate::toolchain::which_on_path;
use crate::{Result, run};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// The rustup toolchain cargo-fuzz builds with.
const NIGHTLY: &str = "nightly";
/// How long each target runs when `--seconds` is not given.
const DEFAULT_SECONDS: u64 = 30;
/// One input taking longer than this is a failure: every input is a keystroke or one request,
/// which take microseconds, so a slow one is a hang in the browser or the gateway.
const INPUT_TIMEOUT_SECONDS: u64 = 10;

/// A fuzz target (`fuzz/fuzz_targets/<name>.rs`) and the folder of inputs it starts from.
#[derive(Debug)]
pub(crate) struct Target {
    /// The `[[bin]]` name in `fuzz/Cargo.toml`.
    pub(crate) name: &'static str,
    /// Seed inputs, relative to the repository root.
    seeds: Option<&'static str>,
}

/// Every fuzz target, in the order they run.
pub(crate) const TARGETS: &[Target] = &[
    Target { name: "card_inputs", seeds: Some("fuzz/seeds/card_inputs") },
    // Structured input (`arbitrary`): the fuzzer finds the shapes quickly on its own.
    Target { name: "brand_spec", seeds: None },
    // The golden OPP request and answer bodies the client and the emulator tests share.
    Target { name: "opp_wire", seeds: Some("tests/data/opp") },
];

/// What `cargo xtask fuzz` runs.
#[derive(Debug)]
pub(crate) struct Options {
    target: Option<&'static Target>,
    seconds: u64,
}

impl Options {
    /// Parses `[TARGET] [--seconds N]`.
    pub(crate) fn parse(parser: &mut lexopt::Parser) -> Result<Self> {
        use lexopt::prelude::*;
        let mut options = Self { target: None, seconds: DEFAULT_SECONDS };
        while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
            match arg {
                Long("seconds") => {
                    let value = parser.value().map_err(|error| error.to_string())?;
                    options.seconds =
                        value.parse().map_err(|error: lexopt::Error| error.to_string())?;
                    if options.seconds == 0 {
                        return Err("--seconds must be at least 1".to_owned());
                    }
                }
                Value(name) if options.target.is_none() => {
                    let target = TARGETS.iter().find(|target| name == target.name);
                    options.target = Some(target.ok_or_else(|| {
                        let names: Vec<&str> = TARGETS.iter().map(|target| target.name).collect();
                        format!("unknown fuzz target {name:?} (targets: {})", names.join(", "))
                    })?);
                }
                other => return Err(other.unexpected().to_string()),
            }
        }
        Ok(options)
    }
}

/// Builds the targets and runs the chosen one (or each) for the chosen time.
pub(crate) fn run(project: &Project, options: &Options) -> Result {
    // Before setup: without nightly, installing cargo-fuzz would be time lost.
    nightly()?;
    let setup = setup::run(project)?;
    let fuzzer = Fuzzer::new(project, &setup)?;
    fuzzer.build()?;
    let targets = options.target.map_or(TARGETS, std::slice::from_ref);
    let failures: Vec<String> =
        targets.iter().filter_map(|target| fuzzer.run(target, options.seconds).err()).collect();
    if failures.is_empty() {
        println!("xtask: no fuzz target failed ({} s each)", options.seconds);
        return Ok(());
    }
    Err(failures.join("\n"))
}

/// Builds and runs the fuzz targets with rustup's nightly toolchain.
pub(crate) struct Fuzzer<'a> {
    project: &'a Project,
    setup: &'a Setup,
}

impl<'a> Fuzzer<'a> {
    /// The fuzzer, or why this machine cannot fuzz (no nightly toolchain).
    pub(crate) fn new(project: &'a Project, setup: &'a Setup) -> Result<Self> {
        nightly()?;
        Ok(Self { project, setup })
    }

    /// Builds every target (quick when nothing changed).
    pub(crate) fn build(&self) -> Result {
        run::status(&mut self.cargo_fuzz("build"))
    }

    /// Runs one target for `seconds`; a crash, a failed property or a hang is an error that
    /// names the input that caused it.
    pub(crate) fn run(&self, target: &Target, seconds: u64) -> Result {
        let corpus = self.project.target().join("fuzz-corpus").join(target.name);
        project::create_dir(&corpus)?;
        let mut command = self.cargo_fuzz("run");
        command.arg(target.name).arg(&corpus);
        if let Some(seeds) = target.seeds {
            command.arg(self.project.path(seeds));
        }
        command.args([
            "--",
            &format!("-max_total_time={seconds}"),
            &format!("-timeout={INPUT_TIMEOUT_SECONDS}"),
        ]);
        let started = SystemTime::now();
        let Err(error) = run::status(&mut command) else { return Ok(()) };
        let artifacts = self.project.path("fuzz/artifacts").join(target.name);
        let inputs = written_since(&artifacts, started);
        if inputs.is_empty() {
            return Err(format!("{} failed without writing an input: {error}", target.name));
        }
        let binary = self.binary(target.name);
        let inputs: Vec<String> = inputs
            .iter()
            .map(|input| {
                let input = self.relative(input);
                format!("{input} (replay it: {} {input})", self.relative(&binary))
            })
            .collect();
        Err(format!("{} failed on {}", target.name, inputs.join(", ")))
    }

    /// `cargo-fuzz fuzz <subcommand>` on `fuzz/`, built into `target/fuzz/`. cargo-fuzz is run
    /// directly, as cargo would run it for `cargo fuzz`: cargo could find another cargo-fuzz
    /// first on the user's `PATH` or in `~/.cargo/bin`.
    fn cargo_fuzz(&self, subcommand: &str) -> Command {
        let toolchain = &self.setup.toolchain;
        let mut command = toolchain.rustup_command(NIGHTLY, &self.setup.tools.cargo_fuzz);
        command
            .args(["fuzz", subcommand, "--fuzz-dir"])
            .arg(self.project.path("fuzz"))
            .arg("--target-dir")
            .arg(self.target_dir())
            .current_dir(&self.project.root);
        command
    }

    fn target_dir(&self) -> PathBuf {
        self.project.target().join("fuzz")
    }

    /// The built target: `target/fuzz/<host triple>/release/<name>`.
    fn binary(&self, name: &str) -> PathBuf {
        let built = std::fs::read_dir(self.target_dir()).into_iter().flatten().flatten();
        built
            .map(|triple| triple.path().join("release").join(name))
            .find(|binary| binary.is_file())
            .unwrap_or_else(|| self.target_dir().join(name))
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.project.root).unwrap_or(path).display().to_string()
    }
}

/// Whether rustup has the toolchain `nightly` resolves to; the error says what to install.
/// Only the list is read: asking rustup to run a missing toolchain may start a download, which
/// hangs on machines offline.
fn nightly() -> Result {
    let list = which_on_path("rustup")
        .and_then(|rustup| run::output(Command::new(rustup).args(["toolchain", "list"])).ok());
    let found = list.as_deref().is_some_and(|list| {
        list.lines().filter_map(|line| line.split_whitespace().next()).any(is_nightly_channel)
    });
    if found {
        return Ok(());
    }
    let missing = match list {
        Some(_) => "rustup has none here; install it with",
        None => "rustup is not on PATH; install rustup, then run",
    };
    Err(format!(
        "fuzzing needs rustup's {NIGHTLY} toolchain (cargo-fuzz passes sanitizer flags \
         only nightly accepts), but {missing} `rustup toolchain install {NIGHTLY}`"
    ))
}

/// `nightly` or `nightly-<host>`, not a dated `nightly-2026-05-19-<host>`.
fn is_nightly_channel(name: &str) -> bool {
    name == NIGHTLY
        || name
            .strip_prefix("nightly-")
            .is_some_and(|host| !host.starts_with(|c: char| c.is_ascii_digit()))
}

/// Files in `dir` modified at or after `since`, sorted.
fn written_since(dir: &Path, since: SystemTime) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
    let mut files: Vec<PathBuf> = entries
        .filter(|entry| {
            let modified = entry.metadata().and_then(|metadata| metadata.modified());
            modified.is_ok_and(|modified| modified >= since)
        })
        .map(|entry| entry.path())
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::{TARGETS, is_nightly_channel};
    use std::path::Path;

    /// Every target listed here is a `[[bin]]` of the fuzz crate and the other way round, and
    /// every seed folder exists.
    #[test]
    fn targets_match_the_fuzz_crate() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let manifest = std::fs::read_to_string(root.join("fuzz/Cargo.toml")).unwrap();
        let bins: Vec<&str> = manifest
            .lines()
            .filter_map(|line| line.strip_prefix("name = \""))
            .filter_map(|rest| rest.strip_suffix('"'))
            .filter(|name| *name != "omnigate-fuzz")
            .collect();
        let listed: Vec<&str> = TARGETS.iter().map(|target| target.name).collect();
        assert_eq!(bins, listed);
        for target in TARGETS {
            let source = root.join("fuzz/fuzz_targets").join(format!("{}.rs", target.name));
            assert!(source.is_file(), "{}", source.display());
            if let Some(seeds) = target.seeds {
                assert!(root.join(seeds).is_dir(), "{seeds}");
            }
        }
    }

    #[test]
    fn only_the_moving_nightly_counts() {
        assert!(is_nightly_channel("nightly-x86_64-unknown-linux-gnu"));
        assert!(is_nightly_channel("nightly"));
        assert!(!is_nightly_channel("nightly-2026-05-19-x86_64-unknown-linux-gnu"));
        assert!(!is_nightly_channel("1.95.0-x86_64-unknown-linux-gnu"));
        assert!(!is_nightly_channel("stable-x86_64-unknown-linux-gnu"));
    }
}
