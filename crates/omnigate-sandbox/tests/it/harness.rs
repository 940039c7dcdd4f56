//! Starts the real `omnigate-sandbox` binary on a free port with a temporary database, talks
//! to it over HTTP, and always stops it (the guard kills the process on drop).

use omnigate_opp::inspection::Ledger;
use serde_json::Value;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

pub(crate) const ENTITY: &str = "8a8294174b7ecb28014b9699220015ca";
pub(crate) const OTHER_ENTITY: &str = "8a8294174b7ecb28014b9699220015cb";
pub(crate) const TOKEN: &str = "sandbox-access-token";
pub(crate) const FORM: &str = "application/x-www-form-urlencoded";

/// A temporary folder, removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new() -> Self {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "omnigate-sandbox-it-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let path = std::env::temp_dir().join(name);
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One running sandbox process.
pub(crate) struct Gateway {
    child: Child,
    pub(crate) base: String,
    output: Arc<Mutex<String>>,
    agent: ureq::Agent,
}

/// An HTTP answer: status and JSON body (`Value::Null` when the body is not JSON).
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Value,
}

impl Answer {
    pub(crate) fn code(&self) -> &str {
        self.body["result"]["code"].as_str().unwrap_or("")
    }

    pub(crate) fn id(&self) -> String {
        self.body["id"].as_str().expect("answer has an id").to_owned()
    }

    pub(crate) fn token(&self) -> String {
        self.body["card"]["omniToken"].as_str().expect("answer has a token").to_owned()
    }

    /// Names of the `parameterErrors` entries.
    pub(crate) fn bad_parameters(&self) -> Vec<String> {
        let errors = self.body["result"]["parameterErrors"].as_array().cloned().unwrap_or_default();
        errors.iter().map(|error| error["name"].as_str().unwrap_or("").to_owned()).collect()
    }
}

/// The sandbox executable cargo built for this test. Cargo normally names it at compile time;
/// Debian's cargo 1.96 sets the variable only at run time, and failing both it sits beside the
/// test's own `deps/` folder.
fn sandbox_binary() -> PathBuf {
    const NAME: &str = "CARGO_BIN_EXE_omnigate-sandbox";
    if let Some(path) = option_env!("CARGO_BIN_EXE_omnigate-sandbox") {
        return PathBuf::from(path);
    }
    if let Some(path) = std::env::var_os(NAME) {
        return PathBuf::from(path);
    }
    let test = std::env::current_exe().expect("the test knows its own path");
    let profile =
        test.parent().and_then(Path::parent).expect("tests run from target/<profile>/deps");
    profile.join("omnigate-sandbox")
}

impl Gateway {
    /// Starts a sandbox on `db` with a 300 ms slow card and a second entity.
    pub(crate) fn start(db: &Path) -> Self {
        Self::start_with(db, &[])
    }

    pub(crate) fn start_with(db: &Path, extra_args: &[&str]) -> Self {
        let mut child = Command::new(sandbox_binary())
            .args(["--listen", "127.0.0.1:0", "--access-token", TOKEN, "--slow-ms", "300"])
            .args(["--entity-id", ENTITY, "--entity-id", OTHER_ENTITY])
            .args(extra_args)
            .arg("--db")
            .arg(db)
            .env_remove("OMNIGATE_SANDBOX_KEY")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the sandbox binary starts");
        let output = Arc::new(Mutex::new(String::new()));
        let (first_line, address) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let log = Arc::clone(&output);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = first_line.send(line.clone());
                log.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let log = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            log.lock().unwrap().push_str(&text);
        });
        let line =
            address.recv_timeout(Duration::from_secs(30)).expect("the sandbox prints its address");
        let base = line.strip_prefix("omnigate-sandbox listening on ").expect(&line).to_owned();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Self { child, base, output, agent }
    }

    /// Stops the process with SIGTERM (graceful) and waits for it.
    pub(crate) fn stop(mut self) -> String {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(100));
        self.output()
    }

    /// Everything the process printed so far (stdout and stderr).
    pub(crate) fn output(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// POSTs a raw body with a chosen content type and bearer.
    pub(crate) fn send(
        &self,
        path: &str,
        body: impl AsRef<[u8]>,
        content_type: Option<&str>,
        bearer: &str,
    ) -> Answer {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Authorization", format!("Bearer {bearer}"));
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        read(request.send(body.as_ref()))
    }

    /// POSTs form pairs with the right credentials.
    pub(crate) fn post(&self, path: &str, pairs: &[(&str, &str)]) -> Answer {
        self.send(path, omnigate_opp::form::encode(pairs.iter().copied()), Some(FORM), TOKEN)
    }

    pub(crate) fn get(&self, path_and_query: &str) -> Answer {
        self.get_as(path_and_query, TOKEN)
    }

    pub(crate) fn get_as(&self, path_and_query: &str, bearer: &str) -> Answer {
        let url = format!("{}{path_and_query}", self.base);
        read(self.agent.get(url).header("Authorization", format!("Bearer {bearer}")).call())
    }

    pub(crate) fn delete_token(&self, token: &str) -> Answer {
        let url = format!("{}/v1/omnitokens/{token}?entityId={ENTITY}", self.base);
        read(self.agent.delete(url).header("Authorization", format!("Bearer {TOKEN}")).call())
    }

    /// `(paymentType, resultCode, referencedId)` of every ledger entry of the default entity.
    pub(crate) fn ledger(&self) -> Vec<(String, String, Option<String>)> {
        self.ledger_of(ENTITY)
    }

    pub(crate) fn ledger_of(&self, entity: &str) -> Vec<(String, String, Option<String>)> {
        let answer = self.get(&format!("/sandbox/transactions?entityId={entity}"));
        assert_eq!(answer.status, 200);
        // The wire contract the Worker reads in dev mode, with cards and tokens masked.
        let typed: Ledger = serde_json::from_value(answer.body.clone()).unwrap();
        assert_eq!(typed.entity_id, entity);
        for entry in &typed.transactions {
            for masked in [&entry.card, &entry.omni_token].into_iter().flatten() {
                let digits = masked.bytes().filter(u8::is_ascii_digit).count();
                assert!(masked.contains('*') && digits <= 10, "{masked} is not masked");
            }
        }
        let text = |entry: &Value, key: &str| entry[key].as_str().map(str::to_owned);
        answer.body["transactions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| {
                (
                    text(entry, "paymentType").unwrap(),
                    text(entry, "resultCode").unwrap(),
                    text(entry, "referencedId"),
                )
            })
            .collect()
    }

    /// Ledger types only, in order.
    pub(crate) fn ledger_types(&self) -> Vec<String> {
        self.ledger().into_iter().map(|(kind, _, _)| kind).collect()
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = result.expect("the sandbox answers");
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Answer { status, body }
}

/// A card payment's form with the default success card, to adjust per test.
pub(crate) fn card_payment(
    payment_type: &'static str,
    amount: &'static str,
) -> Vec<(&'static str, &'static str)> {
    vec![
        ("entityId", ENTITY),
        ("amount", amount),
        ("currency", "EUR"),
        ("paymentBrand", "VISA"),
        ("paymentType", payment_type),
        ("card.number", "4200000000000000"),
        ("card.holder", "Jane Jones"),
        ("card.expiryMonth", "05"),
        ("card.expiryYear", "2034"),
        ("card.cvv", "123"),
    ]
}

/// Replaces (or adds) one pair.
pub(crate) fn with<'a>(
    mut pairs: Vec<(&'a str, &'a str)>,
    name: &'a str,
    value: &'a str,
) -> Vec<(&'a str, &'a str)> {
    pairs.retain(|(key, _)| *key != name);
    pairs.push((name, value));
    pairs
}

/// Removes one pair.
pub(crate) fn without<'a>(
    mut pairs: Vec<(&'a str, &'a str)>,
    name: &str,
) -> Vec<(&'a str, &'a str)> {
    pairs.retain(|(key, _)| *key != name);
    pairs
}
