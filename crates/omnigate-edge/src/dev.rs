//! Dev mode only (`DEV_MODE = "true"`): `POST /dev/shopper-token` signs a shopper JWT, standing in
//! for the shop's identity provider, and `GET /dev/transactions` shows the demo page what the
//! gateway recorded. Without dev mode the routes do not exist (404).

use crate::ctx::Ctx;
use crate::gateway::{Gateway, Inspection};
use crate::http::{ApiRequest, ApiResponse};
use crate::store::Store;
use crate::{ApiError, jwt, time};
use omnigate_opp::inspection::LedgerEntry;
use omnigate_opp::secret::mask_card_like;
use serde::Deserialize;
use serde_json::{Value, json};

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

/// Most ledger rows answered, newest first.
const LEDGER_ROWS: usize = 200;

/// `GET /dev/transactions`: the gateway's own ledger of the Worker's entity (TK, DT, DL and
/// payments), newest first, read from the sandbox's inspection endpoint with the Worker's
/// credentials. A gateway without that endpoint (real OPP) is a coded 404.
pub(crate) async fn transactions<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
) -> Result<ApiResponse, ApiError> {
    if !ctx.config.dev_mode {
        return Err(ApiError::NotFound);
    }
    let ledger = match ctx.gateway.inspect().await? {
        Inspection::Ledger(ledger) => ledger,
        Inspection::NotOffered => return Err(ApiError::GatewayLedgerUnavailable),
        Inspection::Refused(code) => return Err(ApiError::GatewayError(code.as_str().to_owned())),
    };
    let rows: Vec<Value> =
        ledger.transactions.iter().rev().take(LEDGER_ROWS).map(ledger_row).collect();
    Ok(ApiResponse::json(200, json!({ "transactions": rows })))
}

/// One ledger row for the page. The card and the token are masked again, whatever the gateway
/// sent: this answer goes to a browser without any credential.
fn ledger_row(entry: &LedgerEntry) -> Value {
    json!({
        "id": entry.id,
        "type": entry.payment_type,
        "referencedId": entry.referenced_id,
        "amount": entry.amount,
        "currency": entry.currency,
        "brand": entry.payment_brand,
        "card": entry.card.as_deref().map(mask_card_like),
        "token": entry.omni_token.as_deref().map(mask_card_like),
        "resultCode": entry.result_code,
        "createdAt": time::from_opp_timestamp(&entry.timestamp),
    })
}
