//! The catalog and checkouts: merchant amounts, catalog pricing and its refusals, expiry.

use super::fakes::*;
use serde_json::json;

#[test]
fn merchants_write_the_catalog_and_anyone_reads_it() {
    let world = World::new();
    world.product("tee-m", "12.50");
    let answer = world.send(get("/v1/catalog"));
    let products = answer.body.unwrap()["products"].clone();
    assert_eq!(products, json!([{"sku":"tee-m","name":"tee-m","amount":"12.50","currency":"EUR"}]));
    let bad = world.send(merchant(put(
        "/v1/catalog/tee",
        &json!({"name":"T","amount":"1.5","currency":"EUR"}),
    )));
    assert_eq!((bad.status, code(&bad).as_str()), (400, "invalid_amount"));
    assert_eq!(bad.body.unwrap()["error"]["field"], "amount");
    assert_eq!(world.send(merchant(delete("/v1/catalog/tee-m"))).status, 204);
    assert_eq!(world.send(merchant(delete("/v1/catalog/tee-m"))).status, 404);
}

#[test]
fn catalog_checkouts_are_priced_by_the_worker() {
    let world = World::new();
    world.product("tee-m", "12.50");
    world.product("mug", "8.00");
    let body = json!({"items":[{"sku":"tee-m","quantity":2},{"sku":"mug","quantity":1}]});
    let answer = world.send(post("/v1/checkouts", &body));
    assert_eq!(answer.status, 201, "{answer:?}");
    let checkout = answer.body.unwrap();
    assert_eq!(
        (checkout["amount"].as_str(), checkout["currency"].as_str()),
        (Some("33.00"), Some("EUR"))
    );
    assert_eq!(checkout["status"], "open");
    assert_eq!(checkout["items"][0]["quantity"], 2);
    let id = checkout["id"].as_str().unwrap();
    assert_eq!(id.len(), 32);
    let read = world.send(get(&format!("/v1/checkouts/{id}"))).body.unwrap();
    assert_eq!(read["amount"], "33.00");
}

#[test]
fn catalog_pricing_refusals() {
    let world = World::new();
    world.product("tee-m", "12.50");
    for (body, expected, field) in [
        (json!({"items":[{"sku":"nope","quantity":1}]}), "unknown_sku", "items[0].sku"),
        (json!({"items":[{"sku":"tee-m","quantity":0}]}), "invalid_quantity", "items[0].quantity"),
        (
            json!({"items":[{"sku":"tee-m","quantity":100}]}),
            "invalid_quantity",
            "items[0].quantity",
        ),
        (
            json!({"items":[{"sku":"tee-m","quantity":1,"price":"0.01"}]}),
            "price_not_allowed",
            "items[0].price",
        ),
        (
            json!({"items":[{"sku":"tee-m","quantity":1}],"amount":"0.01"}),
            "price_not_allowed",
            "amount",
        ),
        (json!({"amount":"0.01","currency":"EUR"}), "items_required", "items"),
        (json!({"items":[]}), "invalid_items", "items"),
        (
            json!({"items":[{"sku":"tee-m","quantity":1}],"shopperId":"bob"}),
            "merchant_only",
            "shopperId",
        ),
    ] {
        let answer = world.send(post("/v1/checkouts", &body));
        assert_eq!((answer.status, code(&answer).as_str()), (400, expected), "{body}");
        assert_eq!(answer.body.unwrap()["error"]["field"], field, "{body}");
    }
    assert!(world.store.checkouts.borrow().is_empty());
}

#[test]
fn merchant_checkouts_validate_their_fields_and_expire() {
    let world = World::new();
    let bad = world.send(merchant(post("/v1/checkouts", &json!({"amount":"1","currency":"EURO"}))));
    assert_eq!(code(&bad), "invalid_currency");
    let bad = world.send(merchant(post(
        "/v1/checkouts",
        &json!({"amount":"1.00","currency":"EUR","paymentType":"CD"}),
    )));
    assert_eq!(code(&bad), "invalid_payment_type");
    let id = world.checkout();
    assert_eq!(world.send(get("/v1/checkouts/nope")).status, 404);
    world.now.set(NOW + crate::checkouts::CHECKOUT_TTL_MS);
    let read = world.send(get(&format!("/v1/checkouts/{id}"))).body.unwrap();
    assert_eq!(read["status"], "expired");
}
