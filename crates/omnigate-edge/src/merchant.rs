//! The merchant's token routes: `POST /v1/tokens/{token}/payments` (card-on-file MIT:
//! MIT/REPEATED with the stored initial CIT id → DT; a card past its expiry month is refused as
//! for one-click payments), `DELETE /v1/tokens/{token}` (→ DL) and the audit log
//! `GET /v1/transactions`.

use crate::auth::Caller;
use crate::card::check_saved_expiry;
use crate::ctx::Ctx;
use crate::gateway::{self, Answered, Audit, Gateway, GatewayOp, payment_answer};
use crate::http::{ApiRequest, ApiResponse};
use crate::store::Store;
use crate::{ApiError, wallet};
use omnigate_opp::money::{Amount, Currency};
use omnigate_opp::request::{CardFields, PaymentRequest, StandingInstruction};
use omnigate_opp::secret::OmniToken;
use omnigate_opp::vocab::{PaymentType, SiMode, SiSource, SiType};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MitBody {
    amount: String,
    currency: String,
    #[serde(default)]
    payment_type: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    reference: Option<String>,
}

impl MitBody {
    /// Amount, currency, payment type (DB by default) and agreement type, each checked.
    fn parse(&self) -> Result<(Amount, Currency, PaymentType, SiType), ApiError> {
        let amount = self.amount.parse().ok().filter(|a: &Amount| a.minor() > 0);
        let amount = amount.ok_or_else(|| {
            ApiError::bad("invalid_amount", "amount", "an amount above zero, like 25.00")
        })?;
        let currency = self.currency.parse().map_err(|_| {
            ApiError::bad("invalid_currency", "currency", "a currency is an ISO 4217 code")
        })?;
        let payment_type = match self.payment_type.as_deref().unwrap_or("DB") {
            "DB" => PaymentType::Db,
            "PA" => PaymentType::Pa,
            _ => return Err(ApiError::bad("invalid_payment_type", "paymentType", "DB or PA")),
        };
        let kind = self.kind.parse().map_err(|_| {
            ApiError::bad("invalid_type", "type", "UNSCHEDULED, RECURRING or INSTALLMENT")
        })?;
        Ok((amount, currency, payment_type, kind))
    }
}

/// `POST /v1/tokens/{token}/payments` (wrapped in [`crate::idempotency::once`]).
pub(crate) async fn charge<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    request: &ApiRequest,
    token: &str,
) -> Result<ApiResponse, ApiError> {
    let body: MitBody = request.json()?;
    let (amount, currency, payment_type, kind) = body.parse()?;
    let card = ctx.store.card(token).await?.ok_or(ApiError::Missing("card_not_found"))?;
    check_saved_expiry(&card, ctx.now)?;
    let initial =
        card.initial_transaction_id.ok_or(ApiError::Conflict("no_initial_transaction"))?;
    let token = OmniToken::new(card.token);
    let opp = PaymentRequest {
        entity_id: ctx.config.entity_id.clone(),
        amount: Some(amount),
        currency: Some(currency),
        payment_type: Some(payment_type),
        payment_brand: card.brand.parse().ok(),
        card: CardFields { omni_token: Some(token.clone()), ..CardFields::default() },
        standing_instruction: StandingInstruction {
            source: Some(SiSource::Mit),
            mode: Some(SiMode::Repeated),
            kind: Some(kind),
            initial_transaction_id: Some(initial),
        },
        merchant_transaction_id: body.reference.filter(|text| !text.is_empty()),
        ..PaymentRequest::default()
    };
    let audit = Audit { kind: payment_type.as_str(), token: Some(&token), checkout_id: None };
    let Answered { answer, settlement } = gateway::call(ctx, GatewayOp::Pay(&opp), audit).await?;
    gateway::settle(ctx, &settlement).await?;
    Ok(payment_answer(&answer, None))
}

/// `DELETE /v1/tokens/{token}`.
pub(crate) async fn delete<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    token: &str,
) -> Result<ApiResponse, ApiError> {
    caller.require_merchant()?;
    wallet::delete_token(ctx, token).await
}

/// `GET /v1/transactions`: the newest 200 gateway calls, token masked, no card data.
pub(crate) async fn transactions<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
) -> Result<ApiResponse, ApiError> {
    caller.require_merchant()?;
    let rows = ctx.store.calls(200).await?;
    let rows: Vec<_> = rows
        .iter()
        .map(|row| {
            json!({
                "id": row.id,
                "type": row.kind,
                "token": row.token_masked,
                "checkoutId": row.checkout_id,
                "resultCode": row.result_code,
                "createdAt": row.created_at,
            })
        })
        .collect();
    Ok(ApiResponse::json(200, json!({ "transactions": rows })))
}
