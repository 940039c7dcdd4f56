//! Background services (the sandbox gateway, `wrangler dev`) in their own process groups, so
//! that stopping one stops everything it started — workerd included.

use crate::{Result, project};
use nix::sys::signal::{Signal, killpg};
use nix::unistd::Pid;
use std::fs::File;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running service; dropping it stops its whole process group and waits until it is gone.
#[derive(Debug)]
pub(crate) struct Service {
    name: &'static str,
    child: Child,
    log: PathBuf,
}

impl Service {
    /// Starts `command` in a new process group with stdout and stderr going to `log`.
    pub(crate) fn start(name: &'static str, mut command: Command, log: &Path) -> Result<Self> {
        if let Some(dir) = log.parent() {
            project::create_dir(dir)?;
        }
        let file = File::create(log)
            .map_err(|error| format!("cannot create {}: {error}", log.display()))?;
        let stderr =
            file.try_clone().map_err(|error| format!("cannot share {}: {error}", log.display()))?;
        let child = command
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(stderr)
            .spawn()
            .map_err(|error| format!("cannot start {name}: {error}"))?;
        Ok(Self { name, child, log: log.to_path_buf() })
    }

    /// Waits until `url` answers over HTTP (any status), or fails with the log's last lines.
    pub(crate) fn wait_until_ready(&mut self, url: &str, limit: Duration) -> Result {
        let started = Instant::now();
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(5)))
            .http_status_as_error(false)
            .build()
            .new_agent();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "{} exited ({status}) while starting:\n{}",
                    self.name,
                    self.log_tail()
                ));
            }
            if agent.get(url).call().is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        Err(format!("{} did not answer at {url} within {limit:?}:\n{}", self.name, self.log_tail()))
    }

    /// Sends SIGINT to the service's process group, as Ctrl-C in a terminal would, and waits for
    /// the service to exit successfully.
    pub(crate) fn interrupt(&mut self, limit: Duration) -> Result {
        let group = Pid::from_raw(self.child.id().cast_signed());
        killpg(group, Signal::SIGINT)
            .map_err(|error| format!("cannot interrupt {}: {error}", self.name))?;
        let started = Instant::now();
        while started.elapsed() < limit {
            match self.child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    return Err(format!(
                        "{} exited with {status}:\n{}",
                        self.name,
                        self.log_tail()
                    ));
                }
                _ => std::thread::sleep(Duration::from_millis(100)),
            }
        }
        Err(format!("{} did not stop within {limit:?} of Ctrl-C:\n{}", self.name, self.log_tail()))
    }

    /// The last lines of the service's log, for error messages.
    pub(crate) fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    fn stop(&mut self) {
        let group = Pid::from_raw(self.child.id().cast_signed());
        // The group may already be gone; every signal here is best effort.
        let _ = killpg(group, Signal::SIGTERM);
        let started = Instant::now();
        // wrangler stops workerd asynchronously: wait for the whole group, not only the leader.
        while started.elapsed() < Duration::from_secs(10) {
            let _ = self.child.try_wait();
            if killpg(group, None).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = killpg(group, Signal::SIGKILL);
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub(crate) fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|error| format!("no free port: {error}"))?;
    listener.local_addr().map(|addr| addr.port()).map_err(|error| format!("no free port: {error}"))
}
