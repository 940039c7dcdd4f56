//! Running child programs: show what runs, fail with the program's name, or capture its output.

use crate::Result;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs a command with inherited output; a non-zero exit is an error naming the program.
pub(crate) fn status(command: &mut Command) -> Result {
    let shown = show(command);
    println!("$ {shown}");
    let status = command.status().map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{shown}` failed ({status})")) }
}

/// Runs a command quietly and returns its standard output; an error carries its stderr.
pub(crate) fn output(command: &mut Command) -> Result<String> {
    let shown = show(command);
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("`{shown}` failed ({}): {}", output.status, stderr.trim()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Runs a command, echoing each stdout line while handing it to `each_line`; returns whether
/// the command succeeded.
pub(crate) fn streamed(command: &mut Command, mut each_line: impl FnMut(&str)) -> Result<bool> {
    let shown = show(command);
    println!("$ {shown}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(std::io::Result::ok) {
            println!("{line}");
            each_line(&line);
        }
    }
    let status = child.wait().map_err(|error| format!("`{shown}` vanished: {error}"))?;
    Ok(status.success())
}

/// Runs a command but gives up after `limit` (killing it); `Ok(None)` means it timed out.
pub(crate) fn with_timeout(command: &mut Command, limit: Duration) -> Result<Option<bool>> {
    let shown = show(command);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot start `{shown}`: {error}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(Some(status.success())),
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                // Best effort: the child may have ended between the check and the kill.
                let _ = child.kill();
                let _ = child.wait();
                return Ok(None);
            }
        }
    }
}

/// The command line as a user would type it (program name without its folder, then the args).
pub(crate) fn show(command: &Command) -> String {
    let program = std::path::Path::new(command.get_program());
    let name = program.file_name().unwrap_or(program.as_os_str()).to_string_lossy();
    let args: Vec<_> = command.get_args().map(|arg| arg.to_string_lossy()).collect();
    if args.is_empty() { name.into_owned() } else { format!("{name} {}", args.join(" ")) }
}
