//! `GET /v1/catalog` (anyone) and `PUT`/`DELETE /v1/catalog/{sku}` (merchant): the products a
//! static shop sells, whose prices are the only way a browser can fix an amount.

use crate::ApiError;
use crate::auth::Caller;
use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{Product, Store};
use omnigate_opp::money::{Amount, Currency};
use serde::Deserialize;
use serde_json::{Value, json};

/// `PUT /v1/catalog/{sku}` body.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProductBody {
    name: String,
    amount: String,
    currency: String,
}

/// The JSON of a product.
pub(crate) fn product_json(product: &Product) -> Value {
    json!({
        "sku": product.sku,
        "name": product.name,
        "amount": minor_text(product.amount_minor),
        "currency": product.currency,
    })
}

/// Minor units as OPP's amount text (`25.00`).
pub(crate) fn minor_text(minor: i64) -> String {
    Amount::from_minor(u64::try_from(minor).unwrap_or(0)).to_string()
}

/// A sku: 1–64 of `A-Z a-z 0-9 . _ -`.
pub(crate) fn check_sku(sku: &str, field: &str) -> Result<(), ApiError> {
    let ok = (1..=64).contains(&sku.len())
        && sku.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"._-".contains(&byte));
    if ok {
        Ok(())
    } else {
        Err(ApiError::bad("invalid_sku", field, "a sku is 1-64 of A-Z a-z 0-9 . _ -"))
    }
}

/// `GET /v1/catalog`.
pub(crate) async fn list<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
) -> Result<ApiResponse, ApiError> {
    let products = ctx.store.products().await?;
    let products: Vec<Value> = products.iter().map(product_json).collect();
    Ok(ApiResponse::json(200, json!({ "products": products })))
}

/// `PUT /v1/catalog/{sku}`: creates or replaces a product.
pub(crate) async fn put<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    request: &ApiRequest,
    sku: &str,
) -> Result<ApiResponse, ApiError> {
    caller.require_merchant()?;
    check_sku(sku, "sku")?;
    let body: ProductBody = request.json()?;
    let name = body.name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::bad("invalid_name", "name", "a name is 1-200 characters"));
    }
    let amount: Amount = body
        .amount
        .parse()
        .map_err(|_| ApiError::bad("invalid_amount", "amount", "an amount looks like 25.00"))?;
    let currency: Currency = body.currency.parse().map_err(|_| {
        ApiError::bad("invalid_currency", "currency", "a currency is an ISO 4217 code")
    })?;
    let amount_minor = i64::try_from(amount.minor())
        .ok()
        .filter(|minor| *minor > 0)
        .ok_or_else(|| ApiError::bad("invalid_amount", "amount", "a price is above zero"))?;
    let product = Product {
        sku: sku.to_owned(),
        name: name.to_owned(),
        amount_minor,
        currency: currency.to_string(),
    };
    ctx.store.put_product(&product).await?;
    Ok(ApiResponse::json(200, product_json(&product)))
}

/// `DELETE /v1/catalog/{sku}`.
pub(crate) async fn delete<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    sku: &str,
) -> Result<ApiResponse, ApiError> {
    caller.require_merchant()?;
    if ctx.store.delete_product(sku).await? {
        Ok(ApiResponse::no_content())
    } else {
        Err(ApiError::Missing("product_not_found"))
    }
}
