//! Command-line configuration of the sandbox, with documented defaults.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Default listen address (`--listen`).
pub const DEFAULT_LISTEN: &str = "127.0.0.1:9090";
/// Default database file (`--db`).
pub const DEFAULT_DB: &str = "omnigate-sandbox.db";
/// Default bearer token (`--access-token`); the dev `.dev.vars` uses the same value.
pub const DEFAULT_ACCESS_TOKEN: &str = "sandbox-access-token";
/// Default entity id (`--entity-id`); the dev `.dev.vars` uses the same value.
pub const DEFAULT_ENTITY_ID: &str = "8a8294174b7ecb28014b9699220015ca";
/// Default delay of the slow test card in milliseconds (`--slow-ms`).
pub const DEFAULT_SLOW_MS: u64 = 30_000;

/// What the sandbox was started with.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// SQLite database file.
    pub db: PathBuf,
    /// The one bearer token the gateway accepts.
    pub access_token: String,
    /// Entity ids the gateway accepts.
    pub entity_ids: Vec<String>,
    /// How long the slow test card takes to answer, in milliseconds.
    pub slow_ms: u64,
    /// Answer success with the live code `000.000.000` instead of the test-mode codes.
    pub live_codes: bool,
}

// The access token is a credential: Debug shows that it is set, never its value.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("db", &self.db)
            .field("access_token", &"***")
            .field("entity_ids", &self.entity_ids)
            .field("slow_ms", &self.slow_ms)
            .field("live_codes", &self.live_codes)
            .finish()
    }
}

/// A command line the sandbox cannot run with.
#[derive(Debug)]
pub enum ConfigError {
    /// An argument the sandbox does not know, or a value that does not parse.
    Usage(String),
    /// `--help` was asked for.
    Help,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(message) => write!(f, "{message}\n\n{USAGE}"),
            Self::Help => f.write_str(USAGE),
        }
    }
}

impl std::error::Error for ConfigError {}

const USAGE: &str = "usage: omnigate-sandbox [--listen ADDR] [--db PATH] [--access-token TOKEN] \
[--entity-id ID]... [--slow-ms MS] [--live-codes]
  --listen ADDR          address to listen on (default 127.0.0.1:9090)
  --db PATH              SQLite database file (default omnigate-sandbox.db)
  --access-token TOKEN   bearer token the gateway accepts (default sandbox-access-token)
  --entity-id ID         entity id the gateway accepts; repeat for several
                         (default 8a8294174b7ecb28014b9699220015ca)
  --slow-ms MS           delay of the slow test card 4200000000000992 (default 30000)
  --live-codes           answer success with 000.000.000 instead of 000.100.110/112
environment:
  OMNIGATE_SANDBOX_KEY   vault key, 64 hex digits; without it the key is kept in <db>.key";

impl Config {
    /// Parses command-line arguments (without the program name).
    pub fn from_args(
        args: impl IntoIterator<Item = std::ffi::OsString>,
    ) -> Result<Self, ConfigError> {
        use lexopt::prelude::*;
        let usage = |error: lexopt::Error| ConfigError::Usage(error.to_string());
        let mut parser = lexopt::Parser::from_args(args);
        let mut listen = None;
        let mut db = None;
        let mut access_token = None;
        let mut entity_ids = Vec::new();
        let mut slow_ms = DEFAULT_SLOW_MS;
        let mut live_codes = false;
        while let Some(arg) = parser.next().map_err(usage)? {
            match arg {
                Long("listen") => {
                    listen = Some(parser.value().map_err(usage)?.parse().map_err(usage)?);
                }
                Long("db") => db = Some(PathBuf::from(parser.value().map_err(usage)?)),
                Long("access-token") => {
                    access_token = Some(parser.value().map_err(usage)?.string().map_err(usage)?);
                }
                Long("entity-id") => {
                    entity_ids.push(parser.value().map_err(usage)?.string().map_err(usage)?);
                }
                Long("slow-ms") => {
                    slow_ms = parser.value().map_err(usage)?.parse().map_err(usage)?;
                }
                Long("live-codes") => live_codes = true,
                Long("help") | Short('h') => return Err(ConfigError::Help),
                other => return Err(usage(other.unexpected())),
            }
        }
        if entity_ids.is_empty() {
            entity_ids.push(DEFAULT_ENTITY_ID.to_owned());
        }
        let default_listen =
            DEFAULT_LISTEN.parse().map_err(|_| ConfigError::Usage(DEFAULT_LISTEN.to_owned()))?;
        Ok(Self {
            listen: listen.unwrap_or(default_listen),
            db: db.unwrap_or_else(|| PathBuf::from(DEFAULT_DB)),
            access_token: access_token.unwrap_or_else(|| DEFAULT_ACCESS_TOKEN.to_owned()),
            entity_ids,
            slow_ms,
            live_codes,
        })
    }
}
