//! CORS by hand: exactly one allowed origin is echoed, with `Vary: Origin`; preflights are
//! answered here; any other origin is refused. (workers-rs's `Cors` helper joins several origins
//! with commas, which browsers reject.)

use crate::ApiError;
use crate::http::ApiResponse;

/// Methods a browser may use.
pub(crate) const METHODS: &str = "GET, POST, PUT, DELETE, OPTIONS";
/// Request headers a browser may send.
pub(crate) const HEADERS: &str = "Authorization, Content-Type, Idempotency-Key";
/// Response headers a browser may read.
pub(crate) const EXPOSE: &str = "X-Request-Id, Idempotent-Replayed, Retry-After";

/// The origin to echo: `None` without an `Origin` header (servers, curl), the origin itself when
/// it is the Worker's own or listed in `ALLOWED_ORIGINS`, otherwise 403 `origin_not_allowed`.
pub(crate) fn allowed(
    origin: Option<&str>,
    own: &str,
    allowed: &[String],
) -> Result<Option<String>, ApiError> {
    match origin {
        None => Ok(None),
        Some(origin) if origin == own || allowed.iter().any(|one| one == origin) => {
            Ok(Some(origin.to_owned()))
        }
        Some(_) => Err(ApiError::Forbidden("origin_not_allowed")),
    }
}

/// The answer to an allowed preflight.
pub(crate) fn preflight() -> ApiResponse {
    ApiResponse::no_content()
        .with_header("Access-Control-Allow-Methods", METHODS)
        .with_header("Access-Control-Allow-Headers", HEADERS)
        .with_header("Access-Control-Max-Age", "600")
}

/// Adds the headers every answer carries: no caching, `Vary: Origin`, the request id, and the
/// echoed origin when there is one.
pub(crate) fn decorate(
    mut answer: ApiResponse,
    origin: Option<&str>,
    request_id: &str,
) -> ApiResponse {
    answer = answer
        .with_header("Cache-Control", "no-store")
        .with_header("Vary", "Origin")
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("X-Request-Id", request_id);
    if let Some(origin) = origin {
        answer = answer
            .with_header("Access-Control-Allow-Origin", origin)
            .with_header("Access-Control-Expose-Headers", EXPOSE);
    }
    answer
}
