//! A local ACI Open Payment Platform gateway: same paths, form-encoded requests and JSON answers
//! as OPP, so the edge Worker and its tests run offline.

mod auth;
mod config;
mod payments;

use axum::Router;
use axum::routing::get;
use std::sync::Arc;

pub use config::{Config, ConfigError};

/// Builds the gateway's HTTP application.
pub fn app(config: Config) -> Router {
    Router::new().route("/v1/payments/{id}", get(payments::status)).with_state(Arc::new(config))
}
