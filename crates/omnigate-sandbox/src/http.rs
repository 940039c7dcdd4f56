//! The HTTP edge of the gateway: reading form bodies and query strings defensively, the auth
//! gate, the fallbacks, and the one-line request log. Every refusal here is an OPP answer.

use crate::reply::LoggedCode;
use crate::{Inner, Sandbox, auth};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use omnigate_opp::codes;
use omnigate_opp::form;
use omnigate_opp::secret::mask_card_like;
use std::time::Instant;

/// Largest request body the gateway accepts.
pub(crate) const MAX_BODY: usize = 64 * 1024;
/// Largest request body the gateway reads to the end before refusing it.
const DRAIN_LIMIT: usize = 4 * 1024 * 1024;

/// Decoded name/value pairs of a body or query string.
pub(crate) type Pairs = Vec<(String, String)>;

/// The value of the first `name` pair.
pub(crate) fn value_of<'a>(pairs: &'a Pairs, name: &str) -> Option<&'a str> {
    pairs.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

impl Inner {
    /// Checks the bearer, reads the form body, then checks its `entityId`.
    pub(crate) async fn authorized_form(
        &self,
        headers: &HeaderMap,
        body: Body,
    ) -> Result<Pairs, Response> {
        if !auth::bearer_ok(&self.config, headers) {
            return Err(self.refused());
        }
        let pairs = self.read_form(headers, body).await?;
        if !auth::entity_ok(&self.config, value_of(&pairs, "entityId")) {
            return Err(self.refused());
        }
        Ok(pairs)
    }

    /// Checks the bearer and the `entityId` of the query string; returns the entity.
    // The error is the finished answer, made at most once per request; boxing buys nothing.
    #[allow(clippy::result_large_err)]
    pub(crate) fn authorized_query(
        &self,
        headers: &HeaderMap,
        query: Option<&str>,
    ) -> Result<String, Response> {
        if !auth::bearer_ok(&self.config, headers) {
            return Err(self.refused());
        }
        let pairs = form::decode(query.unwrap_or_default().as_bytes())
            .map_err(|error| self.malformed(&error.to_string()))?;
        match value_of(&pairs, "entityId") {
            Some(entity) if auth::entity_ok(&self.config, Some(entity)) => Ok(entity.to_owned()),
            _ => Err(self.refused()),
        }
    }

    async fn read_form(&self, headers: &HeaderMap, body: Body) -> Result<Pairs, Response> {
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
        if !is_form(content_type) {
            return Err(self.malformed("Content-Type must be application/x-www-form-urlencoded"));
        }
        // Read (and drop) up to DRAIN_LIMIT so that a client still sending a too-large body
        // receives the answer instead of a reset connection.
        let bytes = axum::body::to_bytes(body, DRAIN_LIMIT).await;
        match bytes {
            Ok(bytes) if bytes.len() <= MAX_BODY => {
                form::decode(&bytes).map_err(|error| self.malformed(&error.to_string()))
            }
            _ => Err(self.malformed("request body larger than 64 KiB or unreadable")),
        }
    }

    /// `200.100.103`, HTTP 400: the request is not a well-formed OPP request.
    pub(crate) fn malformed(&self, detail: &str) -> Response {
        self.fail(StatusCode::BAD_REQUEST, codes::MALFORMED_REQUEST, Some(detail), None)
    }
}

/// True for `application/x-www-form-urlencoded`, with at most a UTF-8 charset parameter.
fn is_form(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else { return false };
    let mut parts = content_type.split(';').map(str::trim);
    let essence_ok =
        parts.next().is_some_and(|essence| essence.eq_ignore_ascii_case(form::CONTENT_TYPE));
    essence_ok
        && parts.all(|parameter| {
            let (name, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            !name.eq_ignore_ascii_case("charset")
                || ["utf-8", "utf8"]
                    .contains(&value.trim_matches('"').to_ascii_lowercase().as_str())
        })
}

/// Any method a resource does not serve: `200.300.403`, HTTP 405.
pub(crate) async fn method_not_allowed(State(sandbox): State<Sandbox>) -> Response {
    sandbox.0.fail(StatusCode::METHOD_NOT_ALLOWED, codes::INVALID_METHOD, None, None)
}

/// A path the gateway does not know: HTTP 404 with an OPP body.
pub(crate) async fn not_found(State(sandbox): State<Sandbox>) -> Response {
    let detail = Some("no such resource");
    sandbox.0.fail(StatusCode::NOT_FOUND, codes::INVALID_PARAMETER, detail, None)
}

/// Logs one line per request: time, method, path (tokens masked), status, result code, duration.
/// Bodies and query strings are never logged.
pub(crate) async fn log_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = masked_path(request.uri().path());
    let response = next.run(request).await;
    let code = response.extensions().get::<LoggedCode>().map_or("-", |code| code.0.as_str());
    println!(
        "{} {method} {path} status={} code={code} ms={}",
        crate::clock::UtcTime::now().opp_timestamp(),
        response.status().as_u16(),
        started.elapsed().as_millis()
    );
    response
}

/// The path with every segment after `omnitokens` masked, and anything odd replaced.
fn masked_path(path: &str) -> String {
    let mut after_tokens = false;
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let card_like = segment.len() >= 12 && segment.bytes().all(|b| b.is_ascii_digit());
            let shown =
                if card_like || (after_tokens && !segment.is_empty() && segment != "payments") {
                    mask_card_like(segment)
                } else if segment.len() > 64
                    || !segment.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
                {
                    "*".to_owned()
                } else {
                    segment.to_owned()
                };
            after_tokens = segment == "omnitokens";
            shown
        })
        .collect();
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_masked_and_content_types_checked() {
        assert_eq!(
            masked_path("/v1/omnitokens/4200008317420000/payments"),
            "/v1/omnitokens/420000******0000/payments"
        );
        assert_eq!(
            masked_path("/v1/omnitokens/4200008317420000"),
            "/v1/omnitokens/420000******0000"
        );
        assert_eq!(masked_path("/v1/payments/abc"), "/v1/payments/abc");
        assert_eq!(masked_path("/v1/payments/4200000000000000"), "/v1/payments/420000******0000");
        assert_eq!(masked_path("/v1/payments/4200%200000"), "/v1/payments/*");
        assert!(is_form(Some("application/x-www-form-urlencoded")));
        assert!(is_form(Some("application/x-www-form-urlencoded; charset=UTF-8")));
        assert!(!is_form(Some("application/x-www-form-urlencoded; charset=latin1")));
        assert!(!is_form(Some("application/json")));
        assert!(!is_form(None));
    }
}
