//! `cargo xtask wasm`: builds the `omnigate-card` npm package into
//! `crates/omnigate-card-wasm/pkg/` — an ESM build for browsers and bundlers (`web/`, whose
//! default export initialises the wasm) and a Node build (`node/`, ready on import) — and copies
//! the browser build to `www/vendor/omnigate-card/` for the demo page.

use crate::project::{self, Project};
use crate::setup::Setup;
use crate::{Result, run, stack};
use std::path::Path;
use std::process::Command;

/// The two builds of the module: its cargo features and the file stem of its JS and wasm files.
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
];

/// What the demo page loads (its import map names `omnigate-card` and `#omnigate-card-wasm`).
const BROWSER_FILES: &[&str] = &[
    "index.js",
    "io.js",
    "spec.js",
    "fields.js",
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

/// Builds the package.
pub(crate) fn build(project: &Project, setup: &Setup) -> Result {
    let crate_dir = project.path("crates/omnigate-card-wasm");
    let pkg = crate_dir.join("pkg");
    let _ = std::fs::remove_dir_all(&pkg);
    for (features, out_name) in MODULES {
        let mut cargo = setup.toolchain.cargo(project);
        cargo.args(["build", "--release", "--package", "omnigate-card-wasm"]);
        cargo.args(["--target", "wasm32-unknown-unknown", "--features", features]);
        run::status(&mut cargo)?;
        let wasm = project.target().join("wasm32-unknown-unknown/release/omnigate_card_wasm.wasm");
        for (target, dir) in [("web", "web"), ("nodejs", "node")] {
            let out = pkg.join(dir);
            let mut bindgen = setup.toolchain.command(&setup.tools.wasm_bindgen);
            bindgen
                .args(["--target", target, "--out-name", out_name, "--out-dir"])
                .arg(&out)
                .arg(&wasm);
            run::status(&mut bindgen)?;
            optimise(setup, &out.join(format!("{out_name}_bg.wasm")))?;
        }
    }
    // The Node build is CommonJS inside an ESM package; Node imports its named exports.
    project::write(&pkg.join("node/package.json"), "{ \"type\": \"commonjs\" }\n")?;
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

fn optimise(setup: &Setup, wasm: &Path) -> Result {
    let mut wasm_opt = setup.toolchain.command("node");
    wasm_opt
        .arg(&setup.tools.wasm_opt)
        .arg("-Oz")
        .args(WASM_FEATURES)
        .arg(wasm)
        .arg("-o")
        .arg(wasm);
    run::status(&mut wasm_opt)
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|error| format!("cannot copy {} to {}: {error}", from.display(), to.display()))
}
