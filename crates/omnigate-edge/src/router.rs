//! From an [`ApiRequest`] to an [`ApiResponse`]: CORS, the body limit, the caller, the route
//! table, and errors rendered with the request id. Every route of DESIGN.md is in [`route`].

use crate::auth::Caller;
use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse, MAX_BODY};
use crate::idempotency::{Stale, once};
use crate::limits::limited;
use crate::store::Store;
use crate::{ApiError, catalog, checkouts, cors, dev, health, merchant, openapi, payments, wallet};
use worker::Method;

/// Answers one request. Never fails: errors become their JSON answers.
pub(crate) async fn handle<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    request: &ApiRequest,
) -> ApiResponse {
    let origin = request.header("origin");
    let answer = match cors::allowed(origin, &request.own_origin, &ctx.config.allowed_origins) {
        Err(error) => ApiResponse::error(&error, &ctx.request_id),
        Ok(_) if request.method == Method::Options => cors::preflight(),
        Ok(_) => match route(ctx, request).await {
            Ok(answer) => answer,
            Err(error) => ApiResponse::error(&error, &ctx.request_id),
        },
    };
    let echoed = cors::allowed(origin, &request.own_origin, &ctx.config.allowed_origins);
    cors::decorate(answer, echoed.ok().flatten().as_deref(), &ctx.request_id)
}

/// The route table.
async fn route<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    request: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    if request.body_too_large || request.body.len() > MAX_BODY {
        return Err(ApiError::TooLarge);
    }
    let segments: Vec<&str> = request.path.trim_end_matches('/').split('/').skip(1).collect();
    let caller = Caller::of(request, ctx.config, ctx.now)?;
    let caller = &caller;
    match (&request.method, segments.as_slice()) {
        (Method::Get, ["health"]) => Ok(health::check(ctx).await),
        (Method::Get, ["openapi.json"]) => openapi::document(),
        (Method::Get, ["v1", "catalog"]) => catalog::list(ctx).await,
        (Method::Put, ["v1", "catalog", sku]) => catalog::put(ctx, caller, request, sku).await,
        (Method::Delete, ["v1", "catalog", sku]) => catalog::delete(ctx, caller, sku).await,
        (Method::Post, ["v1", "checkouts"]) => checkouts::create(ctx, caller, request).await,
        (Method::Get, ["v1", "checkouts", id]) => checkouts::get(ctx, id).await,
        (Method::Post, ["v1", "checkouts", id, "payments"]) => {
            let pay = || payments::pay(ctx, caller, request, id);
            limited(ctx, request, || once(ctx, caller, request, Stale::Rerun, pay)).await
        }
        (Method::Post, ["v1", "tokens"]) => {
            limited(ctx, request, || wallet::tokenize(ctx, caller, request)).await
        }
        (Method::Get, ["v1", "wallet"]) => wallet::list(ctx, caller).await,
        (Method::Delete, ["v1", "wallet", token]) => wallet::delete(ctx, caller, token).await,
        (Method::Post, ["v1", "tokens", token, "payments"]) => {
            caller.require_merchant()?;
            once(ctx, caller, request, Stale::Settle, || merchant::charge(ctx, request, token))
                .await
        }
        (Method::Delete, ["v1", "tokens", token]) => merchant::delete(ctx, caller, token).await,
        (Method::Get, ["v1", "transactions"]) => merchant::transactions(ctx, caller).await,
        (Method::Post, ["dev", "shopper-token"]) => dev::shopper_token(ctx, request).await,
        (Method::Get, ["dev", "transactions"]) => dev::transactions(ctx).await,
        _ => Err(ApiError::NotFound),
    }
}
