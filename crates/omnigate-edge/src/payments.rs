//! `POST /v1/checkouts/{id}/payments`: pays a checkout once, with a new card (optionally saved
//! to the shopper's wallet: `createOmniToken=true`, CIT/INITIAL) or a saved one (one-click:
//! `card.omniToken`, CIT/REPEATED). The amount always comes from the checkout row.

use crate::auth::Caller;
use crate::card::{CardBody, ValidCard, check_saved_expiry, saved_card_cvv, saved_card_json};
use crate::ctx::Ctx;
use crate::gateway::{self, Answered, Audit, Gateway, GatewayOp, payment_answer, payment_status};
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{Checkout, Store, WalletCard, status};
use crate::{ApiError, checkouts};
use omnigate_opp::money::Amount;
use omnigate_opp::request::{CardFields, PaymentRequest, StandingInstruction};
use omnigate_opp::response::PaymentResponse;
use omnigate_opp::secret::OmniToken;
use omnigate_opp::vocab::{SiMode, SiSource, SiType};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PayBody {
    card: Option<CardBody>,
    #[serde(default)]
    save_card: bool,
    token: Option<String>,
    cvv: Option<String>,
}

/// A payment ready to send, and what to keep if it succeeds.
struct Plan {
    request: PaymentRequest,
    token: Option<OmniToken>,
    save: Option<(String, ValidCard)>,
}

/// Pays the checkout `id` (the caller wraps this in [`crate::idempotency::once`]).
pub(crate) async fn pay<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    request: &ApiRequest,
    id: &str,
) -> Result<ApiResponse, ApiError> {
    let body: PayBody = request.json()?;
    let checkout = payable(ctx, caller, id).await?;
    let plan = match (&body.card, &body.token) {
        (Some(card), None) => with_new_card(ctx, caller, &checkout, card, body.save_card)?,
        (None, Some(token)) => {
            with_saved_card(ctx, caller, &checkout, token, body.cvv.as_deref()).await?
        }
        _ => return Err(ApiError::bad("card_or_token", "card", "send either card or token")),
    };
    charge(ctx, &checkout, plan).await
}

/// The checkout, if this caller may pay it now.
async fn payable<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    id: &str,
) -> Result<Checkout, ApiError> {
    let checkout = ctx.store.checkout(id).await?.ok_or(ApiError::Missing("checkout_not_found"))?;
    if let (Some(owner), Some(shopper)) = (&checkout.shopper_id, caller.shopper())
        && owner != shopper
    {
        return Err(ApiError::Forbidden("not_your_checkout"));
    }
    if checkout.status != status::OPEN {
        return Err(ApiError::Conflict("checkout_not_open"));
    }
    if checkouts::expired(&checkout, ctx.now) {
        return Err(ApiError::Conflict("checkout_expired"));
    }
    Ok(checkout)
}

/// The fixed part of every checkout payment: entity, amount, currency, type.
fn base(ctx_entity: &str, checkout: &Checkout) -> Result<PaymentRequest, ApiError> {
    let minor = u64::try_from(checkout.amount_minor).map_err(|_| ApiError::Internal)?;
    Ok(PaymentRequest {
        entity_id: ctx_entity.to_owned(),
        amount: Some(Amount::from_minor(minor)),
        currency: Some(checkout.currency.parse().map_err(|_| ApiError::Internal)?),
        payment_type: Some(checkout.payment_type.parse().map_err(|_| ApiError::Internal)?),
        merchant_transaction_id: checkout.reference.clone(),
        ..PaymentRequest::default()
    })
}

fn card_on_file(source: SiSource, mode: SiMode) -> StandingInstruction {
    let kind = Some(SiType::Unscheduled);
    StandingInstruction {
        source: Some(source),
        mode: Some(mode),
        kind,
        initial_transaction_id: None,
    }
}

fn with_new_card<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    checkout: &Checkout,
    card: &CardBody,
    save: bool,
) -> Result<Plan, ApiError> {
    let card = card.validate(ctx.now)?;
    let shopper = if save { Some(caller.require_shopper()?.to_owned()) } else { None };
    let mut request = base(&ctx.config.entity_id, checkout)?;
    request.payment_brand = Some(card.brand.clone());
    request.card = card.fields.clone();
    if save {
        request.create_omni_token = true;
        request.standing_instruction = card_on_file(SiSource::Cit, SiMode::Initial);
    }
    Ok(Plan { request, token: None, save: shopper.map(|shopper| (shopper, card)) })
}

async fn with_saved_card<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    checkout: &Checkout,
    token: &str,
    cvv: Option<&str>,
) -> Result<Plan, ApiError> {
    let shopper = caller.require_shopper()?;
    let card = ctx.store.card(token).await?.filter(|card| card.shopper_id == shopper);
    let card = card.ok_or(ApiError::Missing("card_not_found"))?;
    check_saved_expiry(&card, ctx.now)?;
    let token = OmniToken::new(card.token);
    let mut request = base(&ctx.config.entity_id, checkout)?;
    request.payment_brand = card.brand.parse().ok();
    let cvv = saved_card_cvv(cvv)?;
    request.card = CardFields { omni_token: Some(token.clone()), cvv, ..CardFields::default() };
    request.standing_instruction = card_on_file(SiSource::Cit, SiMode::Repeated);
    Ok(Plan { request, token: Some(token), save: None })
}

/// Claims the checkout (one winner under concurrency), calls the gateway, records the outcome.
async fn charge<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    checkout: &Checkout,
    plan: Plan,
) -> Result<ApiResponse, ApiError> {
    if !ctx.store.claim_checkout(&checkout.id, ctx.now).await? {
        return Err(ApiError::Conflict("checkout_not_open"));
    }
    let audit = Audit {
        kind: &checkout.payment_type,
        token: plan.token.as_ref(),
        checkout_id: Some(&checkout.id),
    };
    let Answered { answer, mut settlement } =
        match gateway::call(ctx, GatewayOp::Pay(&plan.request), audit).await {
            Ok(answered) => answered,
            Err(error) => {
                // Only a call that surely never reached the gateway re-opens the checkout.
                let next = if error == ApiError::GatewayUnavailable {
                    status::OPEN
                } else {
                    status::UNKNOWN
                };
                ctx.store.finish_checkout(&checkout.id, next, None).await?;
                return Err(error);
            }
        };
    let next = match payment_status(&answer) {
        "succeeded" => status::PAID,
        "pending" => status::PENDING,
        _ => status::OPEN,
    };
    let paid_id = (next != status::OPEN).then(|| answer.id.clone()).flatten();
    settlement.checkout = Some((checkout.id.clone(), next, paid_id));
    let saved = match plan.save {
        Some((shopper, card)) if next == status::PAID => saved_card(ctx, &answer, &shopper, card),
        _ => Ok(None),
    };
    settlement.saved_card = saved.clone().ok().flatten();
    // The checkout's outcome, the audit row and the saved card: one write, all or nothing. If it
    // fails, the shopper still learns what the gateway did (never "failed" for a payment that
    // went through, or they might pay twice); the checkout then stays `processing` and no card
    // is saved, which the answer shows by having no `savedCard`.
    if gateway::settle(ctx, &settlement).await.is_err() {
        return Ok(payment_answer(&answer, None));
    }
    let saved = saved?;
    Ok(payment_answer(&answer, saved.as_ref().map(saved_card_json)))
}

/// The wallet row for the token the gateway created, with the initial CIT's id for later MIT
/// charges; `None` when no token came back.
fn saved_card<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    answer: &PaymentResponse,
    shopper_id: &str,
    card: ValidCard,
) -> Result<Option<WalletCard>, ApiError> {
    let Some(token) = answer.omni_token() else {
        return Ok(None);
    };
    card.into_wallet(token.expose(), shopper_id, answer.id.clone(), ctx.now).map(Some)
}
