//! The shopper's wallet: `GET /v1/wallet`, `POST /v1/tokens` (standalone tokenization,
//! `POST /v1/omnitokens` → TK) and `DELETE /v1/wallet/{token}` (→ DL). A shopper only ever sees
//! and uses their own cards: anyone else's token is a 404, exactly like an unknown one.

use crate::ApiError;
use crate::auth::Caller;
use crate::card::{CardBody, saved_card_json};
use crate::ctx::Ctx;
use crate::gateway::{self, Answered, Audit, Gateway, GatewayOp, payment_answer};
use crate::http::{ApiRequest, ApiResponse};
use crate::store::Store;
use omnigate_opp::codes::{TOKEN_DELETED, TOKEN_UNKNOWN};
use omnigate_opp::request::PaymentRequest;
use omnigate_opp::secret::OmniToken;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenizeBody {
    card: CardBody,
}

/// `GET /v1/wallet`.
pub(crate) async fn list<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
) -> Result<ApiResponse, ApiError> {
    let shopper = caller.require_shopper()?;
    let cards = ctx.store.cards(shopper).await?;
    let cards: Vec<Value> = cards.iter().map(saved_card_json).collect();
    Ok(ApiResponse::json(200, json!({ "cards": cards })))
}

/// `POST /v1/tokens`: stores a card without paying and adds it to the wallet.
pub(crate) async fn tokenize<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    request: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let shopper = caller.require_shopper()?;
    let body: TokenizeBody = request.json()?;
    let card = body.card.validate(ctx.now)?;
    let opp = PaymentRequest {
        entity_id: ctx.config.entity_id.clone(),
        payment_brand: Some(card.brand.clone()),
        card: card.fields.clone(),
        ..PaymentRequest::default()
    };
    let audit = Audit { kind: "TK", token: None, checkout_id: None };
    let Answered { answer, mut settlement } =
        gateway::call(ctx, GatewayOp::Tokenize(&opp), audit).await?;
    let token = answer.omni_token().filter(|_| answer.result.code.is_success());
    let row = token.map(|token| card.into_wallet(token.expose(), shopper, None, ctx.now));
    settlement.saved_card = row.clone().transpose().ok().flatten();
    gateway::settle(ctx, &settlement).await?;
    match row.transpose()? {
        Some(row) => Ok(ApiResponse::json(201, saved_card_json(&row))),
        None => Ok(payment_answer(&answer, None)),
    }
}

/// `DELETE /v1/wallet/{token}`: the shopper's own card only.
pub(crate) async fn delete<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    token: &str,
) -> Result<ApiResponse, ApiError> {
    let shopper = caller.require_shopper()?;
    let owned = ctx.store.card(token).await?.is_some_and(|card| card.shopper_id == shopper);
    if !owned {
        return Err(ApiError::Missing("card_not_found"));
    }
    delete_token(ctx, token).await
}

/// Deletes a token at the gateway (→ DL), then from the wallet. A token the gateway no longer
/// knows is gone either way; one it never knew is a 404.
pub(crate) async fn delete_token<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    token: &str,
) -> Result<ApiResponse, ApiError> {
    if !token_shaped(token) {
        return Err(ApiError::Missing("card_not_found"));
    }
    let token = OmniToken::new(token);
    let audit = Audit { kind: "DL", token: Some(&token), checkout_id: None };
    let Answered { answer, mut settlement } =
        gateway::call(ctx, GatewayOp::Delete(&token), audit).await?;
    let code = answer.result.code.as_str();
    if answer.result.code.is_success() || code == TOKEN_DELETED || code == TOKEN_UNKNOWN {
        settlement.removed_card = Some(token.expose().to_owned());
    }
    gateway::settle(ctx, &settlement).await?;
    if answer.result.code.is_success() || code == TOKEN_DELETED {
        Ok(ApiResponse::no_content())
    } else if code == TOKEN_UNKNOWN {
        Err(ApiError::Missing("card_not_found"))
    } else {
        Ok(payment_answer(&answer, None))
    }
}

/// Omni tokens are card-shaped: 12–19 digits. Anything else never reaches the gateway's URL.
pub(crate) fn token_shaped(token: &str) -> bool {
    (12..=19).contains(&token.len()) && token.bytes().all(|byte| byte.is_ascii_digit())
}
