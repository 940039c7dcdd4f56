//! `GET /health`: proves the Worker runs and that it reaches the gateway with its credentials.

use crate::ctx::Ctx;
use crate::gateway::{Gateway, GatewayOp};
use crate::http::ApiResponse;
use crate::store::Store;
use omnigate_opp::ResultGroup;
use serde_json::json;

/// Probes the gateway with a status request for a payment id that never exists (not audited:
/// it moves no money).
pub(crate) async fn check<S: Store, G: Gateway>(ctx: &Ctx<'_, S, G>) -> ApiResponse {
    let gateway = match ctx.gateway.call(GatewayOp::Probe).await {
        Ok(answer) if answer.result.code.group() == ResultGroup::AuthenticationFailed => {
            "unauthorized"
        }
        Ok(_) => "ok",
        Err(_) => "unreachable",
    };
    let (status, text) = if gateway == "ok" { (200, "ok") } else { (503, "degraded") };
    ApiResponse::json(status, json!({ "status": text, "gateway": gateway }))
}
