//! `cargo xtask setup`: the toolchain and the tools, installed once and checked quickly after.

use crate::Result;
use crate::project::Project;
use crate::toolchain::{self, Toolchain};
use crate::tools::{self, Tools};
use std::time::Instant;

/// What every other command builds and runs with.
#[derive(Debug, Clone)]
pub(crate) struct Setup {
    /// The Rust toolchain and the children's `PATH`.
    pub(crate) toolchain: Toolchain,
    /// The installed tools.
    pub(crate) tools: Tools,
}

/// Installs whatever is missing; fast when everything is present.
pub(crate) fn run(project: &Project) -> Result<Setup> {
    let started = Instant::now();
    let mut toolchain = toolchain::prepare(project, true)?;
    let tools = tools::install(project, &toolchain)?;
    add_tool_dirs(project, &mut toolchain, &tools);
    println!(
        "xtask: setup done in {:.1} s ({:?} toolchain, tools in {})",
        started.elapsed().as_secs_f64(),
        toolchain.kind,
        project.tools.display()
    );
    Ok(Setup { toolchain, tools })
}

/// The environment without installing anything (for commands that run inside `dev`/`test`).
pub(crate) fn quick(project: &Project) -> Result<Setup> {
    let mut toolchain = toolchain::prepare(project, false)?;
    let tools = Tools::locate(project);
    add_tool_dirs(project, &mut toolchain, &tools);
    Ok(Setup { toolchain, tools })
}

/// Puts the folders of installed tools first in `PATH`; a system Node is already on it (and
/// prepending `/usr/bin` would hide the Debian toolchain's wrappers).
fn add_tool_dirs(project: &Project, toolchain: &mut Toolchain, tools: &Tools) {
    for binary in [&tools.wasm_bindgen, &tools.node] {
        if let Some(dir) = binary.parent().filter(|dir| dir.starts_with(&project.tools)) {
            toolchain.prepend(dir.to_path_buf());
        }
    }
}
