//! Where things live: the repository root and the folders xtask reads and writes.

use crate::Result;
use std::path::{Path, PathBuf};

/// The checkout xtask works on.
#[derive(Debug, Clone)]
pub(crate) struct Project {
    /// Repository root (the folder with the workspace `Cargo.toml`).
    pub(crate) root: PathBuf,
    /// Installed tools: `$OMNIGATE_TOOLS_DIR`, or `.tools/` in the repository (git-ignored).
    pub(crate) tools: PathBuf,
}

impl Project {
    /// Finds the repository root from the xtask manifest's location.
    pub(crate) fn locate() -> Result<Self> {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let root = manifest
            .parent()
            .filter(|root| root.join("Cargo.toml").is_file())
            .ok_or("cannot find the workspace root above xtask/")?
            .to_path_buf();
        let tools = match std::env::var_os("OMNIGATE_TOOLS_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => root.join(".tools"),
        };
        Ok(Self { root, tools })
    }

    /// A path relative to the repository root.
    pub(crate) fn path(&self, relative: impl AsRef<Path>) -> PathBuf {
        self.root.join(relative)
    }

    /// Cargo's target folder: `$CARGO_TARGET_DIR`, or `target/` in the repository.
    pub(crate) fn target(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => self.root.join(dir),
            None => self.root.join("target"),
        }
    }
}

/// Creates a folder and its parents, with the path in the error.
pub(crate) fn create_dir(dir: &Path) -> Result {
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("cannot create {}: {error}", dir.display()))
}

/// Writes a file, with the path in the error.
pub(crate) fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result {
    std::fs::write(path, contents)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// Reads a file as text, with the path in the error.
pub(crate) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}
