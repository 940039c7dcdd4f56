//! The HTTP load generator behind `cargo xtask bench sandbox` and `bench edge`: N client
//! threads, each with its own keep-alive connection (`bench_http`), send one request over and
//! over for a fixed time; the result is requests per second and latency percentiles. Setup
//! calls (issuing tokens, getting a JWT) use `ureq`.
//!
//! The generator runs on the same machine as the server it measures, so the two compete for the
//! cores: the numbers are a floor for the server alone, and are printed, never asserted.

use crate::Result;
use crate::bench_http::{self, Connection};
use std::io::Read;
use std::sync::Barrier;
use std::time::{Duration, Instant};

/// How hard and how long to drive a server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Load {
    /// Concurrent clients, one thread and one connection each.
    pub(crate) clients: usize,
    /// Measured time per operation, after the warm-up.
    pub(crate) duration: Duration,
    /// Time spent sending requests before measuring (connections, caches, SQLite pages).
    pub(crate) warmup: Duration,
}

impl Load {
    /// Reads `--clients N` and `--seconds S` from the rest of the command line.
    pub(crate) fn parse(parser: &mut lexopt::Parser, clients: usize, seconds: u64) -> Result<Self> {
        use lexopt::prelude::*;
        let mut load = Self {
            clients,
            duration: Duration::from_secs(seconds),
            warmup: Duration::from_secs(1),
        };
        while let Some(arg) = parser.next().map_err(|error| error.to_string())? {
            let number = |parser: &mut lexopt::Parser| -> Result<u64> {
                let value = parser.value().map_err(|error| error.to_string())?;
                value.parse::<u64>().map_err(|error| error.to_string()).and_then(|number| {
                    if number == 0 { Err("must be at least 1".to_owned()) } else { Ok(number) }
                })
            };
            match arg {
                Long("clients") => {
                    load.clients = usize::try_from(number(parser)?).map_err(|e| e.to_string())?;
                }
                Long("seconds") => load.duration = Duration::from_secs(number(parser)?),
                other => {
                    return Err(format!(
                        "{} (options: --clients N, --seconds S)",
                        other.unexpected()
                    ));
                }
            }
        }
        Ok(load)
    }

    /// The same load with another number of clients.
    pub(crate) fn with_clients(self, clients: usize) -> Self {
        Self { clients, ..self }
    }
}

/// One HTTP request, ready to send any number of times.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// `GET` or `POST`.
    pub(crate) method: &'static str,
    /// Absolute URL.
    pub(crate) url: String,
    /// Extra headers (authorization, content type).
    pub(crate) headers: Vec<(String, String)>,
    /// Request body for `POST`.
    pub(crate) body: String,
    /// The status that counts as success; any 2xx when `None`.
    pub(crate) expect: Option<u16>,
}

impl Call {
    /// A `POST` with a body of `content_type`.
    pub(crate) fn post(url: String, content_type: &str, body: String) -> Self {
        let headers = vec![("Content-Type".to_owned(), content_type.to_owned())];
        Self { method: "POST", url, headers, body, expect: None }
    }

    /// A `GET`.
    pub(crate) fn get(url: String) -> Self {
        Self { method: "GET", url, headers: Vec::new(), body: String::new(), expect: None }
    }

    /// Adds `Authorization: Bearer <credential>`.
    pub(crate) fn bearer(mut self, credential: &str) -> Self {
        self.headers.push(("Authorization".to_owned(), format!("Bearer {credential}")));
        self
    }

    /// Counts only `status` as success (a lookup of an id that does not exist answers 404).
    pub(crate) fn expecting(mut self, status: u16) -> Self {
        self.expect = Some(status);
        self
    }

    /// True when `status` is the answer this request should get.
    fn succeeded(&self, status: u16) -> bool {
        self.expect.map_or((200..300).contains(&status), |expected| status == expected)
    }

    /// Sends the request once; returns the status and the body.
    pub(crate) fn send(&self, agent: &ureq::Agent) -> Result<(u16, String)> {
        let answer = if self.method == "POST" {
            let mut request = agent.post(&self.url);
            for (name, value) in &self.headers {
                request = request.header(name, value);
            }
            request.send(self.body.as_bytes())
        } else {
            let mut request = agent.get(&self.url);
            for (name, value) in &self.headers {
                request = request.header(name, value);
            }
            request.call()
        };
        let mut response =
            answer.map_err(|error| format!("{} {}: {error}", self.method, self.url))?;
        let status = response.status().as_u16();
        // Read the whole body: the connection goes back to the pool only once it is drained.
        let mut text = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut text)
            .map_err(|error| format!("{} {}: {error}", self.method, self.url))?;
        Ok((status, text))
    }
}

/// A keep-alive HTTP client that reports every status instead of failing on 4xx/5xx.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .max_idle_connections_per_host(4)
        .build()
        .new_agent()
}

/// What one run measured.
#[derive(Debug)]
pub(crate) struct Measured {
    /// Clients that sent requests.
    pub(crate) clients: usize,
    /// Answers with the expected status inside the measured window.
    pub(crate) ok: u64,
    /// Other answers and transport errors inside the window.
    pub(crate) failed: u64,
    /// The first failure seen, to explain a non-zero `failed`.
    pub(crate) first_failure: Option<String>,
    /// Every request sent, warm-up included (for CPU time per request).
    pub(crate) sent: u64,
    /// Length of the measured window.
    pub(crate) window: Duration,
    /// Latency of every measured request, sorted.
    latencies: Vec<Duration>,
}

impl Measured {
    /// Successful requests per second.
    pub(crate) fn per_second(&self) -> f64 {
        self.ok as f64 / self.window.as_secs_f64()
    }

    /// The latency below which `percent` % of the requests finished, in milliseconds.
    pub(crate) fn percentile_ms(&self, percent: usize) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let at = (self.latencies.len() * percent / 100).min(self.latencies.len() - 1);
        self.latencies[at].as_secs_f64() * 1000.0
    }

    /// One table row: label, clients, req/s, p50, p99, failures.
    pub(crate) fn row(&self, label: &str) -> String {
        format!(
            "{label:<44} {:>7} {:>9.0} {:>8.2} {:>8.2} {:>7}",
            self.clients,
            self.per_second(),
            self.percentile_ms(50),
            self.percentile_ms(99),
            self.failed
        )
    }
}

/// The header line matching [`Measured::row`].
pub(crate) fn header() -> String {
    format!(
        "{:<44} {:>7} {:>9} {:>8} {:>8} {:>7}",
        "request", "clients", "req/s", "p50 ms", "p99 ms", "failed"
    )
}

/// Runs `load.clients` threads; client `i` sends `calls[i % calls.len()]` back to back, for the
/// warm-up and then the measured window.
pub(crate) fn drive(load: Load, calls: &[Call]) -> Measured {
    let barrier = Barrier::new(load.clients);
    let outcomes: Vec<ClientOutcome> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..load.clients)
            .filter_map(|client| calls.get(client % calls.len().max(1)))
            .map(|call| {
                let barrier = &barrier;
                scope.spawn(move || {
                    barrier.wait();
                    client_loop(load, call)
                })
            })
            .collect();
        workers.into_iter().filter_map(|worker| worker.join().ok()).collect()
    });
    let mut measured = Measured {
        clients: load.clients,
        ok: 0,
        failed: 0,
        first_failure: None,
        sent: 0,
        window: load.duration,
        latencies: Vec::new(),
    };
    for outcome in outcomes {
        measured.ok += outcome.ok;
        measured.failed += outcome.failed;
        measured.sent += outcome.sent;
        measured.first_failure = measured.first_failure.or(outcome.first_failure);
        measured.latencies.extend(outcome.latencies);
    }
    measured.latencies.sort_unstable();
    measured
}

#[derive(Default)]
struct ClientOutcome {
    sent: u64,
    ok: u64,
    failed: u64,
    first_failure: Option<String>,
    latencies: Vec<Duration>,
}

fn client_loop(load: Load, request: &Call) -> ClientOutcome {
    let measure_from = Instant::now() + load.warmup;
    let end = measure_from + load.duration;
    let mut outcome = ClientOutcome::default();
    let Some((authority, bytes)) =
        bench_http::encode(request.method, &request.url, &request.headers, &request.body)
    else {
        outcome.failed = 1;
        outcome.first_failure = Some(format!("cannot send to {}", request.url));
        return outcome;
    };
    let mut connection = None;
    loop {
        let sent = Instant::now();
        if sent >= end {
            return outcome;
        }
        let answer = exchange(&mut connection, &authority, &bytes);
        outcome.sent += 1;
        let finished = Instant::now();
        // Only requests that start and finish inside the window count.
        if sent < measure_from || finished > end {
            continue;
        }
        match answer {
            Ok((status, _)) if request.succeeded(status) => {
                outcome.ok += 1;
                outcome.latencies.push(finished - sent);
            }
            Ok((status, body)) => {
                outcome.failed += 1;
                let excerpt: String = String::from_utf8_lossy(&body).chars().take(200).collect();
                outcome.first_failure.get_or_insert(format!("HTTP {status}: {excerpt}"));
            }
            Err(error) => {
                outcome.failed += 1;
                outcome.first_failure.get_or_insert(error);
            }
        }
    }
}

/// One exchange on the client's connection, opened (again) when needed; a failed exchange
/// drops the connection so that the next request starts on a fresh one.
fn exchange(
    connection: &mut Option<Connection>,
    authority: &str,
    request: &[u8],
) -> Result<(u16, Vec<u8>)> {
    let open = match connection {
        Some(open) => open,
        None => connection.insert(
            Connection::open(authority).map_err(|error| format!("connect {authority}: {error}"))?,
        ),
    };
    open.exchange(request).map_err(|error| {
        *connection = None;
        format!("{authority}: {error}")
    })
}

/// CPU time (user + system) a process has used so far, from `/proc/<pid>/stat`; `None` where
/// there is no `/proc`.
pub(crate) fn cpu_time(pid: &str) -> Option<Duration> {
    // Linux reports these in USER_HZ, which is 100 on every architecture it runs on.
    const TICKS_PER_SECOND: u64 = 100;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after its `)` are plain numbers.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace();
    // utime and stime are fields 14 and 15; the text after `)` starts at field 3.
    let utime: u64 = fields.nth(11)?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((utime + stime) * 1000 / TICKS_PER_SECOND))
}

/// The id of the running process whose command line contains `needle` (such as a unique
/// database path), for [`cpu_time`].
pub(crate) fn find_process(needle: &str) -> Option<String> {
    let entries = std::fs::read_dir("/proc").ok()?;
    entries.filter_map(|entry| entry.ok()).find_map(|entry| {
        let pid = entry.file_name().to_string_lossy().into_owned();
        let is_pid = !pid.is_empty() && pid.bytes().all(|byte| byte.is_ascii_digit());
        let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
        let text = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        (is_pid && text.contains(needle)).then_some(pid)
    })
}

/// The string value of the first `"name":"…"` in a JSON text (enough for the ids and tokens
/// the benchmarks read back; xtask has no JSON parser).
pub(crate) fn json_string(text: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\":\"");
    let start = text.find(&key)? + key.len();
    let end = text[start..].find('"')? + start;
    Some(text[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::json_string;

    #[test]
    fn json_strings_are_found_by_name() {
        let text = r#"{"id":"abc","card":{"bin":"420000","omniToken":"4200001234560000"}}"#;
        assert_eq!(json_string(text, "omniToken").as_deref(), Some("4200001234560000"));
        assert_eq!(json_string(text, "id").as_deref(), Some("abc"));
        assert_eq!(json_string(text, "token"), None);
    }
}
