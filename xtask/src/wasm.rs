//! `cargo xtask wasm`: builds the `omnigate-card` npm package into
//! `crates/omnigate-card-wasm/pkg/`: each wasm module once, in `web/`, with two small loaders
//! from `npm/` — `web/` for browsers and bundlers (the package's default export fetches and
//! instantiates it) and `node/` for Node (ready on import) — and copies the browser files to
//! `www/vendor/omnigate-card/` for the demo page. The modules import nothing and export plain
//! functions of numbers, so no generated glue is needed.

use crate::project::{self, Project};
use crate::setup::Setup;
use crate::{Result, run, stack};
use std::path::Path;
use std::process::Command;

/// The two builds of the module: its cargo features and the file stem of its loaders and wasm.
/// The main module has no compat exports; `omnigate-card/compat` loads the second.
const MODULES: [(&str, &str); 2] = [("", "omnigate_card"), ("compat", "omnigate_card_compat")];

/// The hand-written files of the package, copied from `npm/`.
const PACKAGE_FILES: &[&str] = &[
    "package.json",
    "README.md",
    "index.js",
    "io.js",
    "spec.js",
    "fields.js",
    "index.d.ts",
    "compat.js",
    "compat.d.ts",
    "web/load.js",
    "web/omnigate_card.js",
    "web/omnigate_card_compat.js",
    "node/load.js",
    "node/omnigate_card.js",
    "node/omnigate_card_compat.js",
];

/// What the demo page loads (its import map names `omnigate-card` and `#omnigate-card-wasm`).
const BROWSER_FILES: &[&str] = &[
    "index.js",
    "io.js",
    "spec.js",
    "fields.js",
    "web/load.js",
    "web/omnigate_card.js",
    "web/omnigate_card_bg.wasm",
];

/// wasm-opt features that rustc's wasm32 output uses.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The linker's `__data_end` and `__heap_base` exports, which nothing reads: removed before
/// `-Oz`, so that nothing is kept for them.
const UNUSED_EXPORTS: &[&str] = &["--remove-exports", "--pass-arg=remove-exports@__*"];

/// Optimisation for size: `-Oz` until it changes nothing more (about 20 B of gzip less than
/// one pass), and `--low-memory-unused` (about 30 B less): wasm-opt may assume that no load or
/// store reaches the first KiB of memory, and so fold the constants added to addresses into
/// the instructions' offsets. That holds for these modules: rustc lays out the stack first,
/// growing down from 1 MiB, with data and heap above it, so only a stack about 1 MiB deep (far
/// deeper than any call here goes) would reach the first KiB.
const SIZE_PASSES: &[&str] = &["--low-memory-unused", "-Oz", "--converge"];

/// The custom sections (function names, producers, target features): the shipped module is
/// only code and data.
const CUSTOM_SECTIONS: &[&str] = &["--strip-debug", "--strip-producers", "--strip-target-features"];

/// Builds the package.
pub(crate) fn build(project: &Project, setup: &Setup) -> Result {
    let crate_dir = project.path("crates/omnigate-card-wasm");
    let pkg = crate_dir.join("pkg");
    let _ = std::fs::remove_dir_all(&pkg);
    for dir in ["web", "node"] {
        project::create_dir(&pkg.join(dir))?;
    }
    for (features, out_name) in MODULES {
        let mut cargo = setup.toolchain.cargo(project);
        cargo.args(["build", "--release", "--package", "omnigate-card-wasm"]);
        cargo.args(["--target", "wasm32-unknown-unknown", "--features", features]);
        run::status(&mut cargo)?;
        let wasm = project.target().join("wasm32-unknown-unknown/release/omnigate_card_wasm.wasm");
        optimise(setup, &wasm, &pkg.join(format!("web/{out_name}_bg.wasm")))?;
    }
    for file in PACKAGE_FILES {
        copy(&crate_dir.join("npm").join(file), &pkg.join(file))?;
    }
    let vendor = project.path("www/vendor/omnigate-card");
    let _ = std::fs::remove_dir_all(&vendor);
    project::create_dir(&vendor.join("web"))?;
    for file in BROWSER_FILES {
        copy(&pkg.join(file), &vendor.join(file))?;
    }
    println!("xtask: npm package ready in {}", pkg.display());
    Ok(())
}

/// Makes `scratch` a fresh npm project with the locked dependencies of `manifest_dir` (its
/// `package.json` and `package-lock.json`, installed with `npm ci`), then packs the built
/// package and installs the tarball there by name, as a user would.
pub(crate) fn install_packed(project: &Project, scratch: &Path, manifest_dir: &Path) -> Result {
    stack::fresh_dir(scratch)?;
    for file in ["package.json", "package-lock.json"] {
        copy(&manifest_dir.join(file), &scratch.join(file))?;
    }
    let npm = |args: &[&str]| {
        let mut npm = Command::new("npm");
        npm.args(args).args(["--no-audit", "--no-fund", "--loglevel=error"]).current_dir(scratch);
        run::status(&mut npm)
    };
    npm(&["ci"])?;
    let mut pack = Command::new("npm");
    pack.args(["pack", "--silent", "--pack-destination"])
        .arg(scratch)
        .current_dir(project.path("crates/omnigate-card-wasm/pkg"));
    let tarball = run::output(&mut pack)?.trim().to_owned();
    npm(&["install", "--no-save", &format!("./{tarball}")])
}

/// Optimises `wasm` for size into `out`, without unused exports and custom sections.
fn optimise(setup: &Setup, wasm: &Path, out: &Path) -> Result {
    let mut wasm_opt = setup.toolchain.command("node");
    wasm_opt
        .arg(&setup.tools.wasm_opt)
        .args(WASM_FEATURES)
        .arg(wasm)
        .args(UNUSED_EXPORTS)
        .args(SIZE_PASSES)
        .args(CUSTOM_SECTIONS)
        .arg("-o")
        .arg(out);
    run::status(&mut wasm_opt)
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|error| format!("cannot copy {} to {}: {error}", from.display(), to.display()))
}
