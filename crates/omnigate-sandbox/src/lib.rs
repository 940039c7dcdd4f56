//! A local ACI Open Payment Platform gateway: same paths, form-encoded requests and JSON answers
//! as OPP, with a real encrypted omni-token vault, so the edge Worker and its tests run offline.
//!
//! The contract it implements is documented in the `omnigate-opp` crate; the test cards are in
//! [`test_cards`].

mod auth;
mod checks;
mod clock;
mod config;
mod crypto;
mod extract;
mod http;
mod ledger;
mod pay;
mod payments;
mod referenced;
mod reply;
mod store;
pub mod test_cards;
mod tokens;
mod validate;
mod vault;

use axum::Router;
use axum::routing::{delete, get, post};
use omnigate_opp::inspection::SANDBOX_TRANSACTIONS_PATH;
use std::fmt;
use std::sync::Arc;

pub use config::{
    Config, ConfigError, DEFAULT_ACCESS_TOKEN, DEFAULT_DB, DEFAULT_ENTITY_ID, DEFAULT_LISTEN,
    DEFAULT_SLOW_MS,
};
pub use crypto::KEY_ENV;

/// A running gateway's state: configuration, database and vault keys. Cheap to clone.
#[derive(Clone)]
pub struct Sandbox(Arc<Inner>);

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) store: store::Store,
    pub(crate) keys: crypto::VaultKeys,
    pub(crate) build_number: String,
}

/// The sandbox could not start: the key or the database is unusable.
#[derive(Debug)]
pub struct OpenError(String);

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

impl Sandbox {
    /// Loads (or creates) the vault key and opens (or creates) the database.
    pub fn open(config: Config) -> Result<Self, OpenError> {
        let master = crypto::load_master_key(&config.db).map_err(OpenError)?;
        let keys = crypto::VaultKeys::derive(&master);
        let store = store::Store::open(&config.db).map_err(|error| {
            OpenError(format!("cannot open {}: {}", config.db.display(), error.0))
        })?;
        let build = crypto::hex(&keys.index("build", env!("CARGO_PKG_VERSION"))[..20]);
        let build_number = format!("{build}@{}", clock::UtcTime::now().build_date());
        Ok(Self(Arc::new(Inner { config, store, keys, build_number })))
    }
}

/// Builds the gateway's HTTP application.
pub fn app(sandbox: Sandbox) -> Router {
    Router::new()
        .route("/v1/payments", post(payments::create).fallback(http::method_not_allowed))
        .route(
            "/v1/payments/{id}",
            get(payments::status).post(referenced::create).fallback(http::method_not_allowed),
        )
        .route("/v1/omnitokens", post(tokens::create).fallback(http::method_not_allowed))
        .route("/v1/omnitokens/{token}", delete(tokens::delete).fallback(http::method_not_allowed))
        .route(
            "/v1/omnitokens/{token}/payments",
            post(tokens::pay).fallback(http::method_not_allowed),
        )
        .route(SANDBOX_TRANSACTIONS_PATH, get(payments::ledger).fallback(http::method_not_allowed))
        .fallback(http::not_found)
        .layer(axum::middleware::from_fn(http::log_requests))
        .with_state(sandbox)
}
