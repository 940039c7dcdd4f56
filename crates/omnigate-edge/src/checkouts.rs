//! `POST /v1/checkouts` and `GET /v1/checkouts/{id}`. The amount is fixed here, once: by the
//! merchant's key, or as Σ catalog price × quantity. Nothing later reads an amount from a browser.
//!
//! A checkout never paid is deleted [`EXPIRED_KEPT_MS`] after it expired: each new checkout
//! deletes up to [`PRUNE_BATCH`] of them, the longest expired first. One in any other status
//! (`processing`, `unknown`, `paid`, `pending`) records what happened to money and is kept.

use crate::auth::Caller;
use crate::catalog::{check_sku, minor_text};
use crate::concurrent::both;
use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{Checkout, PRUNE_BATCH, Product, Store, status};
use crate::{ApiError, ids, time};
use omnigate_opp::money::{Amount, Currency};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// How long a checkout can be paid.
pub(crate) const CHECKOUT_TTL_MS: u64 = 30 * 60 * 1000;

/// How long an expired checkout that was never paid is kept (reads as `expired` meanwhile).
pub(crate) const EXPIRED_KEPT_MS: u64 = 30 * 24 * 60 * 60 * 1000;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CreateBody {
    amount: Option<String>,
    currency: Option<String>,
    payment_type: Option<String>,
    reference: Option<String>,
    shopper_id: Option<String>,
    items: Option<Vec<ItemBody>>,
}

#[derive(Deserialize)]
struct ItemBody {
    sku: String,
    quantity: i64,
    /// Anything else (a `price`, an `amount`) is refused by name.
    #[serde(flatten)]
    rest: Map<String, Value>,
}

/// `POST /v1/checkouts`.
pub(crate) async fn create<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    request: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let body: CreateBody = request.json()?;
    let merchant = *caller == Caller::Merchant;
    let (amount_minor, currency, items) = match &body.items {
        Some(items) => priced_items(ctx, &body, items).await?,
        None if merchant => merchant_amount(&body)?,
        None => {
            return Err(ApiError::bad(
                "items_required",
                "items",
                "without the merchant key a checkout is priced from catalog items",
            ));
        }
    };
    let (payment_type, reference) = merchant_fields(&body, merchant)?;
    let now = i64::try_from(ctx.now).map_err(|_| ApiError::Internal)?;
    let ttl = i64::try_from(CHECKOUT_TTL_MS).map_err(|_| ApiError::Internal)?;
    let checkout = Checkout {
        id: ids::new_id()?,
        amount_minor,
        currency,
        payment_type: payment_type.to_owned(),
        reference: reference.map(str::to_owned),
        shopper_id: body.shopper_id.or_else(|| caller.shopper().map(str::to_owned)),
        items: items.map(|items| items.to_string()),
        status: status::OPEN.to_owned(),
        payment_id: None,
        created_at: now,
        expires_at: now + ttl,
    };
    // Old unpaid checkouts go at the same time; the new one stands even if that fails (they then
    // go with a later checkout's).
    let expired_before = ctx.now.saturating_sub(EXPIRED_KEPT_MS);
    let prune = ctx.store.prune_checkouts(expired_before, PRUNE_BATCH);
    both(ctx.store.insert_checkout(&checkout), prune).await.0?;
    Ok(ApiResponse::json(201, checkout_json(&checkout, ctx.now)))
}

/// Payment type and reference; only the merchant chooses the type or a shopper.
fn merchant_fields(
    body: &CreateBody,
    merchant: bool,
) -> Result<(&'static str, Option<&str>), ApiError> {
    if !merchant && (body.payment_type.is_some() || body.shopper_id.is_some()) {
        let field = if body.payment_type.is_some() { "paymentType" } else { "shopperId" };
        return Err(ApiError::bad("merchant_only", field, "only the merchant sets this field"));
    }
    let payment_type = match body.payment_type.as_deref() {
        None | Some("DB") => "DB",
        Some("PA") => "PA",
        Some(_) => return Err(ApiError::bad("invalid_payment_type", "paymentType", "DB or PA")),
    };
    let reference = body.reference.as_deref().filter(|text| !text.is_empty());
    if reference.is_some_and(|text| text.len() > 128) {
        return Err(ApiError::bad("invalid_reference", "reference", "at most 128 characters"));
    }
    Ok((payment_type, reference))
}

/// A merchant's explicit amount and currency.
fn merchant_amount(body: &CreateBody) -> Result<(i64, String, Option<Value>), ApiError> {
    let amount: Amount = body
        .amount
        .as_deref()
        .unwrap_or("")
        .parse()
        .map_err(|_| ApiError::bad("invalid_amount", "amount", "an amount looks like 25.00"))?;
    let currency: Currency = body.currency.as_deref().unwrap_or("").parse().map_err(|_| {
        ApiError::bad("invalid_currency", "currency", "a currency is an ISO 4217 code")
    })?;
    let minor = i64::try_from(amount.minor()).ok().filter(|minor| *minor > 0);
    let minor = minor.ok_or_else(|| ApiError::bad("invalid_amount", "amount", "above zero"))?;
    Ok((minor, currency.to_string(), None))
}

/// Σ catalog price × quantity, one currency; refuses unknown skus, quantities outside 1–99 and
/// any price sent along.
async fn priced_items<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    body: &CreateBody,
    items: &[ItemBody],
) -> Result<(i64, String, Option<Value>), ApiError> {
    if body.amount.is_some() || body.currency.is_some() {
        let field = if body.amount.is_some() { "amount" } else { "currency" };
        return Err(ApiError::bad(
            "price_not_allowed",
            field,
            "catalog checkouts are priced by the Worker",
        ));
    }
    if items.is_empty() || items.len() > 50 {
        return Err(ApiError::bad("invalid_items", "items", "1-50 items"));
    }
    let products = ctx.store.products().await?;
    let mut total: i64 = 0;
    let mut currency: Option<&str> = None;
    let mut lines = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let product = price_item(&products, item, index)?;
        if currency.is_some_and(|first| first != product.currency) {
            return Err(ApiError::bad("mixed_currencies", "items", "all items need one currency"));
        }
        currency = Some(&product.currency);
        total = product
            .amount_minor
            .checked_mul(item.quantity)
            .and_then(|line| total.checked_add(line))
            .filter(|sum| *sum < 100_000_000_000_000)
            .ok_or_else(|| ApiError::bad("invalid_amount", "items", "the total is too large"))?;
        let unit = minor_text(product.amount_minor);
        lines.push(json!({ "sku": product.sku, "name": product.name, "quantity": item.quantity, "amount": unit }));
    }
    let currency = currency.ok_or(ApiError::Internal)?.to_owned();
    Ok((total, currency, Some(Value::Array(lines))))
}

fn price_item<'p>(
    products: &'p [Product],
    item: &ItemBody,
    index: usize,
) -> Result<&'p Product, ApiError> {
    if let Some(name) = item.rest.keys().next() {
        let field = format!("items[{index}].{name}");
        return Err(ApiError::bad(
            "price_not_allowed",
            &field,
            "items carry only sku and quantity",
        ));
    }
    check_sku(&item.sku, &format!("items[{index}].sku"))?;
    if !(1..=99).contains(&item.quantity) {
        let field = format!("items[{index}].quantity");
        return Err(ApiError::bad("invalid_quantity", &field, "a quantity is 1-99"));
    }
    products.iter().find(|product| product.sku == item.sku).ok_or_else(|| {
        ApiError::bad("unknown_sku", &format!("items[{index}].sku"), "no such product")
    })
}

/// `GET /v1/checkouts/{id}`: anyone holding the unguessable id may read it.
pub(crate) async fn get<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    id: &str,
) -> Result<ApiResponse, ApiError> {
    let checkout = ctx.store.checkout(id).await?.ok_or(ApiError::Missing("checkout_not_found"))?;
    Ok(ApiResponse::json(200, checkout_json(&checkout, ctx.now)))
}

/// True when an open checkout can no longer be paid.
pub(crate) fn expired(checkout: &Checkout, now: time::Millis) -> bool {
    i64::try_from(now).map_or(true, |now| now >= checkout.expires_at)
}

/// The public JSON of a checkout (an open one past its time reads `expired`).
pub(crate) fn checkout_json(checkout: &Checkout, now: time::Millis) -> Value {
    let open = checkout.status == status::OPEN;
    let shown = if open && expired(checkout, now) { "expired" } else { checkout.status.as_str() };
    let mut body = json!({
        "id": checkout.id,
        "amount": minor_text(checkout.amount_minor),
        "currency": checkout.currency,
        "paymentType": checkout.payment_type,
        "status": shown,
        "expiresAt": time::rfc3339(u64::try_from(checkout.expires_at).unwrap_or(0)),
    });
    if let Some(object) = body.as_object_mut() {
        let items = checkout.items.as_deref().and_then(|text| serde_json::from_str(text).ok());
        for (name, value) in [
            ("items", items),
            ("reference", checkout.reference.clone().map(Value::from)),
            ("paymentId", checkout.payment_id.clone().map(Value::from)),
        ] {
            if let Some(value) = value {
                object.insert(name.to_owned(), value);
            }
        }
    }
    body
}
