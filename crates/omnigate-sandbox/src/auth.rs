//! Bearer token and entity checks, answered the way OPP answers them.

use crate::Config;
use crate::payments::reply;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

/// OPP's code for refused credentials or an unknown entity.
const AUTH_FAILED: &str = "800.900.300";

/// Checks the bearer token and the entity id; the error is OPP's 401 answer.
pub(crate) fn check(config: &Config, headers: &HeaderMap, entity_id: Option<&str>) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "));
    let token_ok = bearer == Some(config.access_token.as_str());
    let entity_ok = entity_id.is_some_and(|id| config.entity_ids.iter().any(|known| known == id));
    token_ok && entity_ok
}

/// OPP's answer to refused credentials.
pub(crate) fn refused() -> Response {
    reply(StatusCode::UNAUTHORIZED, AUTH_FAILED, "invalid authentication information")
}
