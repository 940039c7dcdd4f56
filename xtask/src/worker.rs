//! Building the Worker with worker-build, skipped when nothing it is built from has changed
//! (wrangler runs this as its build command on every start).

use crate::project::{self, Project};
use crate::setup::Setup;
use crate::{Result, run};
use std::path::Path;

/// Crates compiled into the Worker; a change in any of them means a rebuild.
const WORKER_CRATES: &[&str] = &["omnigate-edge", "omnigate-opp", "omnigate-card"];

/// Builds `crates/omnigate-edge/build/` unless it is up to date.
pub(crate) fn build(project: &Project, setup: &Setup) -> Result {
    let crate_dir = project.path("crates/omnigate-edge");
    let stamp = crate_dir.join("build/.fingerprint");
    let fingerprint = fingerprint(project, setup)?;
    if crate_dir.join("build/index.js").is_file()
        && std::fs::read_to_string(&stamp).is_ok_and(|built| built == fingerprint)
    {
        println!("xtask: the Worker build is up to date");
        return Ok(());
    }
    let mut build = setup.toolchain.command(&setup.tools.worker_build);
    build.arg("--release").current_dir(&crate_dir);
    for (name, value) in setup.tools.worker_build_env() {
        build.env(name, value);
    }
    run::status(&mut build)?;
    project::write(&stamp, fingerprint)
}

/// Size and modification time of every input file, one line each, in a stable order.
fn fingerprint(project: &Project, setup: &Setup) -> Result<String> {
    let mut lines = vec![format!("toolchain {:?}", setup.toolchain.kind)];
    for file in ["Cargo.toml", "Cargo.lock"] {
        describe(&project.path(file), &mut lines)?;
    }
    for name in WORKER_CRATES {
        let dir = project.path("crates").join(name);
        describe(&dir.join("Cargo.toml"), &mut lines)?;
        walk(&dir.join("src"), &mut lines)?;
    }
    lines.sort();
    Ok(lines.join("\n"))
}

fn walk(dir: &Path, lines: &mut Vec<String>) -> Result {
    let entries = std::fs::read_dir(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    for entry in entries.filter_map(|entry| entry.ok()) {
        let path = entry.path();
        if path.is_dir() { walk(&path, lines)? } else { describe(&path, lines)? }
    }
    Ok(())
}

fn describe(path: &Path, lines: &mut Vec<String>) -> Result {
    let meta = std::fs::metadata(path).map_err(|error| format!("{}: {error}", path.display()))?;
    let modified = meta
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    lines.push(format!("{} {} {modified}", path.display(), meta.len()));
    Ok(())
}
