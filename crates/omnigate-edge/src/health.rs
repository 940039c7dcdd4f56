//! `GET /health`: proves the Worker runs and that it reaches the gateway with its credentials.

use crate::{ApiError, Config};
use omnigate_opp::result::{ResultBody, ResultGroup};
use omnigate_opp::{API_PREFIX, PROBE_PAYMENT_ID};
use serde_json::json;
use worker::{Fetch, Headers, Method, Request, RequestInit, Response};

/// What the gateway probe found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gateway {
    /// The gateway answered in OPP's shape and accepted the credentials.
    Ok,
    /// The gateway answered but refused the credentials.
    Unauthorized,
    /// No OPP answer came back.
    Unreachable,
}

/// Probes the gateway with a status request for a payment id that never exists.
pub(crate) async fn check(config: &Config) -> Result<Response, ApiError> {
    let gateway = probe(config).await;
    let (status, text) = match gateway {
        Gateway::Ok => (200, "ok"),
        Gateway::Unauthorized => (503, "unauthorized"),
        Gateway::Unreachable => (503, "unreachable"),
    };
    let body = json!({ "status": if status == 200 { "ok" } else { "degraded" }, "gateway": text });
    Response::from_json(&body)
        .map(|response| response.with_status(status))
        .map_err(|_| ApiError::Internal)
}

async fn probe(config: &Config) -> Gateway {
    let mut url = config.gateway_url.clone();
    url.set_path(&format!("{API_PREFIX}/payments/{PROBE_PAYMENT_ID}"));
    url.query_pairs_mut().clear().append_pair("entityId", &config.entity_id);
    let headers = Headers::new();
    let bearer = format!("Bearer {}", config.access_token.expose());
    if headers.set("Authorization", &bearer).is_err() {
        return Gateway::Unreachable;
    }
    let init = RequestInit { method: Method::Get, headers, ..RequestInit::default() };
    let Ok(request) = Request::new_with_init(url.as_str(), &init) else {
        return Gateway::Unreachable;
    };
    let Ok(mut response) = Fetch::Request(request).send().await else {
        return Gateway::Unreachable;
    };
    match response.json::<ResultBody>().await {
        Ok(body) if body.result.code.group() == ResultGroup::AuthenticationFailed => {
            Gateway::Unauthorized
        }
        Ok(_) => Gateway::Ok,
        Err(_) => Gateway::Unreachable,
    }
}
