//! Which Rust toolchain builds for wasm32, and the environment every child program runs in.
//!
//! Two ways are supported, detected rather than guessed:
//! - **rustup**: the pinned toolchain already has the `wasm32-unknown-unknown` std (or rustup
//!   can add it within a few seconds): plain `cargo` is used.
//! - **debian**: rustup cannot download (offline machines). Debian's `rustc-web` (with the
//!   matching `rust-web-src`) builds the wasm32 std once into a private sysroot, and small
//!   `rustc`/`rustdoc` wrappers pointing at it come first in `PATH`; the whole workspace is then
//!   built with Debian's cargo.
//!
//! `OMNIGATE_TOOLCHAIN=rustup|debian` forces one.

use crate::project::{self, Project};
use crate::{Result, run, tools};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Debian packages of the fallback toolchain (rust-lld of rustc-web links with lld-22).
const DEBIAN_PACKAGES: &[&str] = &[
    "rustc-web",
    "cargo-web",
    "rust-web-src",
    "rust-web-llvm",
    "lld-22",
    "rustfmt-web",
    "rust-web-clippy",
];

/// Variables from the outer cargo/rustup that must not steer the builds xtask starts.
const INHERITED_RUST_VARS: &[&str] =
    &["RUSTUP_TOOLCHAIN", "RUSTC", "RUSTDOC", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "CARGO"];

const WASM32: &str = "wasm32-unknown-unknown";

/// How Rust is built here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// rustup's pinned toolchain, which has the wasm32 std.
    Rustup,
    /// Debian's rustc-web with a private wasm32 sysroot.
    Debian,
}

/// The environment child programs run in: the toolchain kind and the `PATH` to use.
#[derive(Debug, Clone)]
pub(crate) struct Toolchain {
    /// Which toolchain builds the workspace.
    pub(crate) kind: Kind,
    /// Folders of installed tools (wasm-bindgen, Node), first in every `PATH`.
    tools: Vec<PathBuf>,
    /// The Debian toolchain's wrappers and `/usr/bin`, ahead of the inherited `PATH`.
    debian: Vec<PathBuf>,
    /// The `PATH` xtask was started with.
    inherited: Vec<PathBuf>,
    /// The private wasm32 sysroot of the Debian toolchain.
    sysroot: Option<PathBuf>,
}

impl Toolchain {
    /// A command for `program`, looked up in this toolchain's `PATH`, with that `PATH` set.
    pub(crate) fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let program = program.as_ref();
        let resolved = self.which(program).unwrap_or_else(|| PathBuf::from(program));
        let mut command = Command::new(resolved);
        command.env("PATH", self.path_var());
        for name in INHERITED_RUST_VARS {
            command.env_remove(name);
        }
        if let Some(sysroot) = &self.sysroot {
            // clippy-driver replaces rustc and so bypasses the wrapper: name the sysroot in the
            // wasm32 flags too (the wrapper then leaves it alone).
            let flag = format!("--sysroot={}", sysroot.display());
            command.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", flag);
        }
        command
    }

    /// `cargo`, run at the repository root.
    pub(crate) fn cargo(&self, project: &Project) -> Command {
        let mut command = self.command("cargo");
        command.current_dir(&project.root);
        command
    }

    /// A command for a program that runs `cargo xtask` itself (wrangler's build command): the
    /// installed tools come first in its `PATH`, then the user's own — so its `cargo` is the one
    /// that built this xtask, and xtask is not rebuilt by a second compiler.
    pub(crate) fn user_command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        let path = self.tools.iter().chain(&self.inherited);
        command.env("PATH", std::env::join_paths(path).unwrap_or_default());
        command
    }

    /// A command that runs under another rustup toolchain than the pinned one (`nightly` for
    /// the fuzz targets): the installed tools, then the user's `PATH` with rustup's proxies, and
    /// none of the Debian toolchain's wrappers, which would shadow those proxies.
    pub(crate) fn rustup_command(
        &self,
        rustup_toolchain: &str,
        program: impl AsRef<OsStr>,
    ) -> Command {
        let mut command = self.user_command(program);
        for name in INHERITED_RUST_VARS {
            command.env_remove(name);
        }
        command.env("RUSTUP_TOOLCHAIN", rustup_toolchain);
        command
    }

    /// Puts `dir` first in the children's `PATH`.
    pub(crate) fn prepend(&mut self, dir: PathBuf) {
        if !self.tools.contains(&dir) {
            self.tools.insert(0, dir);
        }
    }

    /// The `PATH` value children get.
    pub(crate) fn path_var(&self) -> OsString {
        std::env::join_paths(self.path()).unwrap_or_default()
    }

    fn path(&self) -> impl Iterator<Item = &PathBuf> {
        self.tools.iter().chain(&self.debian).chain(&self.inherited)
    }

    /// Finds an executable in this toolchain's `PATH`.
    pub(crate) fn which(&self, program: &OsStr) -> Option<PathBuf> {
        if Path::new(program).components().count() > 1 {
            return Some(PathBuf::from(program));
        }
        self.path().map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
    }
}

/// Detects the toolchain; with `install`, also installs and builds what the fallback needs.
pub(crate) fn prepare(project: &Project, install: bool) -> Result<Toolchain> {
    let inherited: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect())
        .unwrap_or_default();
    let kind = detect(project, install)?;
    let mut toolchain =
        Toolchain { kind, tools: Vec::new(), debian: Vec::new(), inherited, sysroot: None };
    if kind == Kind::Rustup {
        return Ok(toolchain);
    }
    if install {
        tools::ensure_apt(DEBIAN_PACKAGES)?;
    }
    let sysroot = sysroot(project, install)?;
    let wrappers = wrappers(project, &sysroot)?;
    toolchain.debian = vec![wrappers, PathBuf::from("/usr/bin"), PathBuf::from("/bin")];
    toolchain.sysroot = Some(sysroot);
    Ok(toolchain)
}

fn detect(project: &Project, install: bool) -> Result<Kind> {
    match std::env::var("OMNIGATE_TOOLCHAIN").as_deref() {
        Ok("rustup") => return Ok(Kind::Rustup),
        Ok("debian") => return Ok(Kind::Debian),
        Ok(other) => return Err(format!("OMNIGATE_TOOLCHAIN={other}: expected rustup or debian")),
        Err(_) => {}
    }
    if rustup_has_wasm32(project) {
        return Ok(Kind::Rustup);
    }
    // rustup hangs instead of failing when it cannot download, so the attempt is bounded and
    // made once per tools folder.
    let marker = project.tools.join("rustup-wasm32-unavailable");
    if install && !marker.exists() && which_on_path("rustup").is_some() {
        println!("xtask: trying `rustup target add {WASM32}` (at most 20 s)");
        let mut add = Command::new("rustup");
        add.args(["target", "add", WASM32]).current_dir(&project.root);
        if run::with_timeout(&mut add, Duration::from_secs(20))? == Some(true)
            && rustup_has_wasm32(project)
        {
            return Ok(Kind::Rustup);
        }
        project::create_dir(&project.tools)?;
        project::write(&marker, "rustup could not add wasm32-unknown-unknown here\n")?;
    }
    Ok(Kind::Debian)
}

fn rustup_has_wasm32(project: &Project) -> bool {
    let mut rustc = Command::new("rustc");
    rustc.args(["--print", "target-libdir", "--target", WASM32]).current_dir(&project.root);
    run::output(&mut rustc).is_ok_and(|libdir| has_std(Path::new(libdir.trim())))
}

fn has_std(libdir: &Path) -> bool {
    std::fs::read_dir(libdir).is_ok_and(|entries| {
        entries.filter_map(|entry| entry.ok()).any(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("libstd-") && name.ends_with(".rlib")
        })
    })
}

/// Builds the wasm32 std with Debian's rustc into `tools/sysroot` once per rustc version.
fn sysroot(project: &Project, install: bool) -> Result<PathBuf> {
    let sysroot = project.tools.join("sysroot");
    let libdir = sysroot.join("lib/rustlib").join(WASM32).join("lib");
    let stamp = libdir.join(".rustc-version");
    let version = run::output(Command::new("/usr/bin/rustc").arg("-vV"))?;
    if std::fs::read_to_string(&stamp).is_ok_and(|built| built == version) {
        return Ok(sysroot);
    }
    if !install {
        return Err("the wasm32 sysroot is missing or stale: run `cargo xtask setup`".into());
    }
    println!("xtask: building the wasm32 std with Debian's rustc (once, about 30 s)");
    let build = project.tools.join("sysroot-build");
    project::create_dir(&build.join("src"))?;
    project::write(&build.join("Cargo.toml"), SYSROOT_MANIFEST)?;
    project::write(&build.join("src/lib.rs"), "")?;
    let mut cargo = Command::new("/usr/bin/cargo");
    cargo
        .args([
            "build",
            "--quiet",
            "-Zbuild-std=std,panic_abort,test",
            "--release",
            "--target",
            WASM32,
        ])
        .current_dir(&build)
        .env("RUSTC", "/usr/bin/rustc")
        .env("RUSTC_BOOTSTRAP", "1")
        // Embedded bitcode lets crates built with LTO optimise across the std boundary.
        .env("RUSTFLAGS", "-Cembed-bitcode=yes")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("CARGO_TARGET_DIR");
    run::status(&mut cargo)?;
    let _ = std::fs::remove_dir_all(&sysroot);
    project::create_dir(&libdir)?;
    let deps = build.join("target").join(WASM32).join("release/deps");
    let entries =
        std::fs::read_dir(&deps).map_err(|error| format!("{}: {error}", deps.display()))?;
    for entry in entries.filter_map(|entry| entry.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".rlib") && !name.starts_with("libsysroot_dummy") {
            std::fs::copy(entry.path(), libdir.join(&name))
                .map_err(|error| format!("cannot copy {name} into the sysroot: {error}"))?;
        }
    }
    for shared in ["x86_64-unknown-linux-gnu", "src", "etc"] {
        let link = sysroot.join("lib/rustlib").join(shared);
        std::os::unix::fs::symlink(Path::new("/usr/lib/rustlib").join(shared), &link)
            .map_err(|error| format!("cannot link {}: {error}", link.display()))?;
    }
    project::write(&stamp, version)?;
    Ok(sysroot)
}

const SYSROOT_MANIFEST: &str = r#"[package]
name = "sysroot-dummy"
version = "0.0.0"
edition = "2021"

[workspace]

# A sysroot must not be LTO'd (that leaves bitcode-only objects); "s" keeps std small.
[profile.release]
opt-level = "s"
lto = false
codegen-units = 1
panic = "abort"
"#;

/// Writes `rustc` and `rustdoc` wrappers that add `--sysroot` unless the caller already did.
fn wrappers(project: &Project, sysroot: &Path) -> Result<PathBuf> {
    let bin = project.tools.join("bin");
    project::create_dir(&bin)?;
    for tool in ["rustc", "rustdoc"] {
        let script = format!(
            "#!/bin/sh\n# Written by `cargo xtask setup`: Debian's {tool} with the private wasm32 sysroot.\n\
             case \" $* \" in *\" --sysroot\"*) exec /usr/bin/{tool} \"$@\";; esac\n\
             exec /usr/bin/{tool} --sysroot \"{}\" \"$@\"\n",
            sysroot.display()
        );
        let path = bin.join(tool);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(script.as_str()) {
            project::write(&path, &script)?;
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                .map_err(|error| format!("cannot make {} executable: {error}", path.display()))?;
        }
    }
    Ok(bin)
}

/// Finds an executable in the inherited `PATH`.
pub(crate) fn which_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}
