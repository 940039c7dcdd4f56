//! One request for each error a route's handler returns, each checked for its status and code;
//! `errors.rs` compares what came back with openapi.json.

use super::fakes::*;
use crate::http::ApiRequest;
use crate::limits::MAX_FAILED_ATTEMPTS;
use serde_json::{Value, json};

/// Sends `request` and checks the error it answers.
pub(crate) fn expect(world: &World, request: ApiRequest, status: u16, expected: &str) {
    let answer = world.send(request);
    assert_eq!((answer.status, code(&answer).as_str()), (status, expected), "{answer:?}");
}

/// A POST to `path` whose body is not JSON.
fn broken_json(path: &str) -> ApiRequest {
    not_json(post(path, &json!({})))
}

/// `request` with a body that is not JSON.
fn not_json(mut request: ApiRequest) -> ApiRequest {
    request.body = b"{\"card\":".to_vec();
    request
}

/// A card with one field changed.
fn card_with(field: &str, value: &str) -> Value {
    let mut card = card("4200000000000000");
    card[field] = json!(value);
    card
}

/// Every rule of the card checks that a card body can break, with its code.
fn bad_cards() -> Vec<(Value, &'static str)> {
    let mut amex = card("377777777777770");
    amex["cvv"] = json!("123");
    vec![
        (card_with("number", ""), "empty"),
        (card_with("number", "4200 0000 0000 00x0"), "invalid_characters"),
        (card_with("number", "4200"), "too_short"),
        (card_with("number", "42000000000000000000"), "too_long"),
        (card_with("number", "9999999999999999"), "unknown_brand"),
        (card_with("number", "4200000000000001"), "invalid_luhn"),
        (amex, "brand_mismatch"),
        (card_with("expiryMonth", "13"), "invalid_month"),
        (card_with("expiryYear", "20x0"), "invalid_year"),
        (card_with("expiryYear", "2020"), "expired"),
        (card_with("expiryYear", "2099"), "too_far_in_future"),
        (card_with("holder", "4200 0000"), "invalid_holder"),
    ]
}

/// Sets the expiry of the first saved card.
fn set_expiry(world: &World, month: &str, year: &str) {
    let mut cards = world.store.cards.borrow_mut();
    cards[0].expiry_month = month.to_owned();
    cards[0].expiry_year = year.to_owned();
}

pub(crate) fn catalog_and_checkouts(world: &World) {
    let product = json!({"name":"T","amount":"1.00","currency":"EUR"});
    expect(world, put("/v1/catalog/tee", &product), 401, "unauthorized");
    expect(world, shopper(put("/v1/catalog/tee", &product), "alice"), 403, "merchant_only");
    expect(world, merchant(put("/v1/catalog/a!b", &product)), 400, "invalid_sku");
    expect(world, merchant(not_json(put("/v1/catalog/tee", &product))), 400, "invalid_body");
    for (field, value, expected) in [
        ("name", " ", "invalid_name"),
        ("amount", "1.5", "invalid_amount"),
        ("currency", "EURO", "invalid_currency"),
    ] {
        let mut body = product.clone();
        body[field] = json!(value);
        expect(world, merchant(put("/v1/catalog/tee", &body)), 400, expected);
    }
    expect(world, delete("/v1/catalog/tee"), 401, "unauthorized");
    expect(world, shopper(delete("/v1/catalog/tee"), "alice"), 403, "merchant_only");
    expect(world, merchant(delete("/v1/catalog/none")), 404, "product_not_found");

    world.product("tee", "12.50");
    let dollars = json!({"name":"usd","amount":"1.00","currency":"USD"});
    assert_eq!(world.send(merchant(put("/v1/catalog/usd", &dollars))).status, 200);
    let item = |sku: &str, quantity: i64| json!({"sku": sku, "quantity": quantity});
    for (body, expected) in [
        (json!({"amount":"1.00","currency":"EUR"}), "items_required"),
        (json!({"items":[item("tee", 1)],"amount":"1.00"}), "price_not_allowed"),
        (json!({"items":[]}), "invalid_items"),
        (json!({"items":[item("a!b", 1)]}), "invalid_sku"),
        (json!({"items":[item("tee", 0)]}), "invalid_quantity"),
        (json!({"items":[item("nope", 1)]}), "unknown_sku"),
        (json!({"items":[item("tee", 1), item("usd", 1)]}), "mixed_currencies"),
        (json!({"items":[item("tee", 1)],"paymentType":"PA"}), "merchant_only"),
    ] {
        expect(world, post("/v1/checkouts", &body), 400, expected);
    }
    for (body, expected) in [
        (json!({"amount":"0.00","currency":"EUR"}), "invalid_amount"),
        (json!({"amount":"1.00","currency":"EURO"}), "invalid_currency"),
        (json!({"amount":"1.00","currency":"EUR","paymentType":"CD"}), "invalid_payment_type"),
        (
            json!({"amount":"1.00","currency":"EUR","reference":"r".repeat(129)}),
            "invalid_reference",
        ),
    ] {
        expect(world, merchant(post("/v1/checkouts", &body)), 400, expected);
    }
    expect(world, broken_json("/v1/checkouts"), 400, "invalid_body");
    expect(world, get("/v1/checkouts/none"), 404, "checkout_not_found");
}

pub(crate) fn checkout_payments(world: &World) {
    let id = world.checkout();
    let path = format!("/v1/checkouts/{id}/payments");
    let pay = |key: &str, body: &Value| keyed(post(&path, body), key);
    let good = json!({"card": card("4200000000000000")});
    expect(world, post(&path, &good), 400, "idempotency_key_required");
    expect(world, keyed(broken_json(&path), "k-json"), 400, "invalid_body");
    expect(world, pay("k-neither", &json!({})), 400, "card_or_token");
    for (n, (card, expected)) in bad_cards().into_iter().enumerate() {
        expect(world, pay(&format!("k-card-{n}"), &json!({ "card": card })), 400, expected);
    }
    let save = json!({"card": card("4200000000000000"), "saveCard": true});
    expect(world, pay("k-guest-save", &save), 401, "shopper_required");
    let token = saved_token(world);
    let one_click = json!({"token": token});
    expect(world, pay("k-guest-token", &one_click), 401, "shopper_required");
    expect(world, shopper(pay("k-bob", &one_click), "bob"), 404, "card_not_found");
    let short_cvv = json!({"token": token, "cvv": "12"});
    expect(world, shopper(pay("k-cvv", &short_cvv), "alice"), 400, "too_short");
    set_expiry(world, "04", "2026");
    expect(world, shopper(pay("k-expired", &one_click), "alice"), 400, "expired");
    set_expiry(world, "12", "2099");
    expect(world, shopper(pay("k-far", &one_click), "alice"), 400, "too_far_in_future");
    let unknown = keyed(post("/v1/checkouts/none/payments", &good), "k-none");
    expect(world, unknown, 404, "checkout_not_found");

    let body = json!({"amount":"1.00","currency":"EUR","shopperId":"alice"});
    let answer = world.send(merchant(post("/v1/checkouts", &body)));
    let alices = answer.body.unwrap()["id"].as_str().unwrap().to_owned();
    let theirs = keyed(post(&format!("/v1/checkouts/{alices}/payments"), &good), "k-theirs");
    expect(world, shopper(theirs, "bob"), 403, "not_your_checkout");

    world.store.fail_finish.set(true);
    assert_eq!(world.send(pay("k-lost", &good)).status, 200);
    world.store.fail_finish.set(false);
    expect(world, pay("k-lost", &good), 409, "idempotency_in_progress");
    expect(world, pay("k-lost", &save), 409, "idempotency_conflict");
    expect(world, pay("k-again", &good), 409, "checkout_not_open");
    let late = world.checkout();
    world.now.set(NOW + crate::checkouts::CHECKOUT_TTL_MS);
    let late = keyed(post(&format!("/v1/checkouts/{late}/payments"), &good), "k-late");
    expect(world, late, 409, "checkout_expired");
}

pub(crate) fn wallet(world: &World) {
    expect(world, broken_json("/v1/tokens"), 401, "shopper_required");
    expect(world, shopper(broken_json("/v1/tokens"), "alice"), 400, "invalid_body");
    for (card, expected) in bad_cards() {
        let request = shopper(post("/v1/tokens", &json!({ "card": card })), "alice");
        expect(world, request, 400, expected);
    }
    let declined = json!({"card": card("4200000000000208")});
    assert_eq!(world.send(shopper(post("/v1/tokens", &declined), "alice")).status, 402);
    expect(world, get("/v1/wallet"), 401, "shopper_required");
    expect(world, delete("/v1/wallet/4200001111110000"), 401, "shopper_required");
    let token = saved_token(world);
    let theirs = shopper(delete(&format!("/v1/wallet/{token}")), "bob");
    expect(world, theirs, 404, "card_not_found");
    // Gone at the gateway but still in the wallet: the gateway's answer decides.
    world.gateway.tokens.borrow_mut().remove(&token);
    let gone = shopper(delete(&format!("/v1/wallet/{token}")), "alice");
    expect(world, gone, 404, "card_not_found");
}

pub(crate) fn merchant_routes(world: &World) {
    let token = saved_token(world);
    let path = format!("/v1/tokens/{token}/payments");
    let body = json!({"amount":"1.00","currency":"EUR","type":"RECURRING"});
    let charge = |key: &str, body: &Value| merchant(keyed(post(&path, body), key));
    expect(world, keyed(post(&path, &body), "m"), 401, "unauthorized");
    expect(world, shopper(keyed(post(&path, &body), "m"), "alice"), 403, "merchant_only");
    expect(world, merchant(post(&path, &body)), 400, "idempotency_key_required");
    let broken = merchant(keyed(broken_json(&path), "m-json"));
    expect(world, broken, 400, "invalid_body");
    for (field, value, expected) in [
        ("amount", "0.00", "invalid_amount"),
        ("currency", "EURO", "invalid_currency"),
        ("paymentType", "CD", "invalid_payment_type"),
        ("type", "DAILY", "invalid_type"),
    ] {
        let mut bad = body.clone();
        bad[field] = json!(value);
        expect(world, charge(&format!("m-{field}"), &bad), 400, expected);
    }
    let unknown = keyed(post("/v1/tokens/4200001111110000/payments", &body), "m-unknown");
    expect(world, merchant(unknown), 404, "card_not_found");
    set_expiry(world, "04", "2026");
    expect(world, charge("m-expired", &body), 400, "expired");
    set_expiry(world, "12", "2099");
    expect(world, charge("m-far", &body), 400, "too_far_in_future");
    set_expiry(world, "12", "2030");
    world.store.fail_finish.set(true);
    assert_eq!(world.send(charge("m-lost", &body)).status, 200);
    world.store.fail_finish.set(false);
    expect(world, charge("m-lost", &body), 409, "idempotency_in_progress");
    let mut other = body.clone();
    other["amount"] = json!("2.00");
    expect(world, charge("m-lost", &other), 409, "idempotency_conflict");
    world.now.set(NOW + world.config.gateway_timeout_ms + crate::idempotency::CLAIM_MARGIN_MS);
    expect(world, charge("m-lost", &body), 409, "idempotency_outcome_unknown");
    world.store.cards.borrow_mut()[0].initial_transaction_id = None;
    expect(world, charge("m-first", &body), 409, "no_initial_transaction");

    expect(world, get("/v1/transactions"), 401, "unauthorized");
    expect(world, shopper(get("/v1/transactions"), "alice"), 403, "merchant_only");
    expect(world, delete("/v1/tokens/4200001111110000"), 401, "unauthorized");
    expect(world, shopper(delete("/v1/tokens/4200001111110000"), "alice"), 403, "merchant_only");
    expect(world, merchant(delete("/v1/tokens/x")), 404, "card_not_found");
}

/// The gateway down, slow, refusing the Worker's credentials or refusing a deletion, and
/// a client over its limit of declined attempts.
pub(crate) fn gateway_failures(world: &World) {
    let token = saved_token(world);
    let requests = || {
        let id = world.checkout();
        let pay = post(&format!("/v1/checkouts/{id}/payments"), &json!({"token": token}));
        let charge = json!({"amount":"1.00","currency":"EUR","type":"RECURRING"});
        [
            shopper(keyed(pay, &format!("g-{id}")), "alice"),
            shopper(post("/v1/tokens", &json!({"card": card("4200000000000000")})), "alice"),
            shopper(delete(&format!("/v1/wallet/{token}")), "alice"),
            merchant(keyed(post(&format!("/v1/tokens/{token}/payments"), &charge), &id)),
            merchant(delete(&format!("/v1/tokens/{token}"))),
        ]
    };
    for (status, expected) in [(502, "gateway_unavailable"), (504, "gateway_timeout")] {
        world.gateway.down.set(expected == "gateway_unavailable");
        world.gateway.slow.set(expected == "gateway_timeout");
        for request in requests() {
            expect(world, request, status, expected);
        }
    }
    world.gateway.down.set(false);
    world.gateway.slow.set(false);
    world.gateway.forced.set(Some("800.900.300"));
    for request in requests() {
        expect(world, request, 502, "gateway_error");
    }
    world.gateway.forced.set(Some("200.300.404"));
    let [.., wallet_delete, _, token_delete] = requests();
    assert_eq!(world.send(wallet_delete).status, 402);
    assert_eq!(world.send(token_delete).status, 402);
    world.gateway.forced.set(None);

    let declined = json!({"card": card("4200000000000208")});
    for n in 0..MAX_FAILED_ATTEMPTS {
        let id = world.checkout();
        let pay = keyed(post(&format!("/v1/checkouts/{id}/payments"), &declined), &n.to_string());
        assert_eq!(world.send(pay).status, 402);
    }
    let [pay, tokenize, ..] = requests();
    expect(world, pay, 429, "too_many_attempts");
    expect(world, tokenize, 429, "too_many_attempts");
}

pub(crate) fn dev_routes(world: &World) {
    expect(world, broken_json("/dev/shopper-token"), 400, "invalid_body");
    let bad = post("/dev/shopper-token", &json!({"shopperId": "a b"}));
    expect(world, bad, 400, "invalid_shopper_id");
    world.gateway.real_opp.set(true);
    expect(world, get("/dev/transactions"), 404, "gateway_ledger_unavailable");
    world.gateway.real_opp.set(false);
    for (status, expected) in [(502, "gateway_unavailable"), (504, "gateway_timeout")] {
        world.gateway.down.set(status == 502);
        world.gateway.slow.set(status == 504);
        expect(world, get("/dev/transactions"), status, expected);
    }
    world.gateway.down.set(false);
    world.gateway.slow.set(false);
    world.gateway.forced.set(Some("800.900.300"));
    expect(world, get("/dev/transactions"), 502, "gateway_error");
    world.gateway.forced.set(None);
    let mut world_without = World::new();
    world_without.config.dev_mode = false;
    expect(
        &world_without,
        post("/dev/shopper-token", &json!({"shopperId": "a"})),
        404,
        "not_found",
    );
    expect(&world_without, get("/dev/transactions"), 404, "not_found");
    world.answered.borrow_mut().extend(world_without.answered.take());
}
