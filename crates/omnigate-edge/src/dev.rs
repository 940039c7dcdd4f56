//! Dev mode only (`DEV_MODE = "true"`): `POST /dev/shopper-token` signs a shopper JWT, standing in
//! for the shop's identity provider, and `GET /dev/transactions` shows the demo page the audit log
//! of gateway calls. Without dev mode the routes do not exist (404).

use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse};
use crate::store::Store;
use crate::{ApiError, jwt, merchant};
use serde::Deserialize;
use serde_json::json;

/// Lifetime of a dev token, in seconds.
pub(crate) const DEV_TOKEN_SECONDS: u64 = 3600;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Body {
    shopper_id: String,
}

/// `POST /dev/shopper-token` `{"shopperId"}` → `{"token"}`.
pub(crate) async fn shopper_token<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    request: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    if !ctx.config.dev_mode {
        return Err(ApiError::NotFound);
    }
    let body: Body = request.json()?;
    let id = body.shopper_id;
    let ok = (1..=128).contains(&id.len())
        && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"._@-".contains(&byte));
    if !ok {
        return Err(ApiError::bad(
            "invalid_shopper_id",
            "shopperId",
            "1-128 of A-Z a-z 0-9 . _ @ -",
        ));
    }
    let now = ctx.now / 1000;
    let token = jwt::sign(&id, now, now + DEV_TOKEN_SECONDS, &ctx.config.jwt_secret)?;
    Ok(ApiResponse::json(200, json!({ "token": token, "expiresIn": DEV_TOKEN_SECONDS })))
}

/// `GET /dev/transactions`: the merchant audit log without the merchant key, for the demo page's
/// "Transactions" panel (it holds no card data and only masked tokens).
pub(crate) async fn transactions<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
) -> Result<ApiResponse, ApiError> {
    if !ctx.config.dev_mode {
        return Err(ApiError::NotFound);
    }
    merchant::audit_log(ctx).await
}
