//! Bearer token and entity checks, answered the way OPP answers them.

use crate::Config;
use axum::http::{HeaderMap, header};

/// True when the request carries the one bearer token the gateway accepts.
pub(crate) fn bearer_ok(config: &Config, headers: &HeaderMap) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    bearer == Some(config.access_token.as_str())
}

/// True when `entity_id` is one of the configured entities.
pub(crate) fn entity_ok(config: &Config, entity_id: Option<&str>) -> bool {
    entity_id.is_some_and(|id| config.entity_ids.iter().any(|known| known == id))
}
