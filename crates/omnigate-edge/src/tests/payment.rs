//! Checkout payments: new card, saved card, idempotency, pay-once, declines, gateway failures,
//! and card rules applied before anything reaches the gateway.

use super::fakes::*;
use serde_json::{Value, json};

fn pay(world: &World, id: &str, key: &str, body: &Value) -> crate::http::ApiResponse {
    world.send(keyed(post(&format!("/v1/checkouts/{id}/payments"), body), key))
}

#[test]
fn a_guest_pays_with_a_new_card_once() {
    let world = World::new();
    let id = world.checkout();
    let answer = pay(&world, &id, "k1", &json!({"card": card("4200000000000000")}));
    assert_eq!(answer.status, 200, "{answer:?}");
    let body = answer.body.unwrap();
    assert_eq!(
        (body["status"].as_str(), body["resultCode"].as_str()),
        (Some("succeeded"), Some("000.100.110"))
    );
    let sent = world.sent();
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].contains("amount=25.00&currency=EUR&paymentBrand=VISA&paymentType=DB"),
        "{}",
        sent[0]
    );
    assert!(!sent[0].contains("createOmniToken") && !sent[0].contains("standingInstruction"));
    let read = world.send(get(&format!("/v1/checkouts/{id}"))).body.unwrap();
    assert_eq!(read["status"], "paid");
    let again = pay(&world, &id, "k2", &json!({"card": card("4200000000000000")}));
    assert_eq!((again.status, code(&again).as_str()), (409, "checkout_not_open"));
    assert_eq!(world.sent().len(), 1);
    let calls = world.store.calls.borrow();
    assert_eq!(
        (calls[0].kind.as_str(), calls[0].checkout_id.as_deref()),
        ("DB", Some(id.as_str()))
    );
}

#[test]
fn the_same_key_replays_and_another_body_conflicts() {
    let world = World::new();
    let id = world.checkout();
    let body = json!({"card": card("4200000000000000")});
    let first = pay(&world, &id, "k1", &body);
    let replay = pay(&world, &id, "k1", &body);
    assert_eq!(replay.status, first.status);
    assert_eq!(replay.body, first.body);
    assert_eq!(replay.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(world.sent().len(), 1);
    let other = pay(&world, &id, "k1", &json!({"card": card("5454545454545454")}));
    assert_eq!((other.status, code(&other).as_str()), (409, "idempotency_conflict"));
    let missing = world.send(post(&format!("/v1/checkouts/{id}/payments"), &body));
    assert_eq!((missing.status, code(&missing).as_str()), (400, "idempotency_key_required"));
}

#[test]
fn invalid_cards_never_reach_the_gateway() {
    let world = World::new();
    let id = world.checkout();
    let mut expired = card("4200000000000000");
    expired["expiryYear"] = json!("2020");
    let mut no_cvv = card("4200000000000000");
    no_cvv["cvv"] = json!("");
    let mut amex_cvv = card("377777777777770");
    amex_cvv["cvv"] = json!("123");
    for (card, expected, field) in [
        (card("4200000000000001"), "invalid_luhn", "card.number"),
        (expired, "expired", "card.expiryYear"),
        (no_cvv, "empty", "card.cvv"),
        (amex_cvv, "brand_mismatch", "card.cvv"),
    ] {
        let answer = pay(&world, &id, &format!("k-{expected}"), &json!({ "card": card }));
        assert_eq!((answer.status, code(&answer).as_str()), (400, expected));
        assert_eq!(answer.body.unwrap()["error"]["field"], field);
    }
    let typed = pay(&world, &id, "k-typed", &json!({"card": {"number": 4200000000000000_u64}}));
    assert_eq!(code(&typed), "invalid_body");
    assert!(!typed.body.unwrap().to_string().contains("4200000000000000"));
    assert!(world.sent().is_empty());
    assert_eq!(world.send(get(&format!("/v1/checkouts/{id}"))).body.unwrap()["status"], "open");
}

#[test]
fn a_decline_is_a_402_and_leaves_the_checkout_open() {
    let world = World::new();
    let id = world.checkout();
    let answer = pay(&world, &id, "k1", &json!({"card": card("4200000000000208")}));
    assert_eq!(answer.status, 402);
    let body = answer.body.unwrap();
    assert_eq!(
        (body["status"].as_str(), body["resultCode"].as_str()),
        (Some("declined"), Some("800.100.203"))
    );
    let retry = pay(&world, &id, "k2", &json!({"card": card("4200000000000000")}));
    assert_eq!(retry.status, 200);
}

#[test]
fn gateway_timeout_and_outage() {
    let world = World::new();
    let id = world.checkout();
    let slow = pay(&world, &id, "k1", &json!({"card": card("4200000000000992")}));
    assert_eq!((slow.status, code(&slow).as_str()), (504, "gateway_timeout"));
    // The outcome is unknown: the checkout is never paid a second time.
    let again = pay(&world, &id, "k2", &json!({"card": card("4200000000000000")}));
    assert_eq!(code(&again), "checkout_not_open");
    let id = world.checkout();
    world.gateway.down.set(true);
    let down = pay(&world, &id, "k3", &json!({"card": card("4200000000000000")}));
    assert_eq!((down.status, code(&down).as_str()), (502, "gateway_unavailable"));
    let codes: Vec<String> =
        world.store.calls.borrow().iter().map(|c| c.result_code.clone()).collect();
    assert_eq!(codes, ["gateway_timeout", "gateway_unavailable"]);
}

#[test]
fn save_card_then_one_click() {
    let world = World::new();
    let id = world.checkout();
    let body = json!({"card": card("4200000000000000"), "saveCard": true});
    let guest = pay(&world, &id, "k0", &body);
    assert_eq!((guest.status, code(&guest).as_str()), (401, "shopper_required"));
    let answer = world
        .send(shopper(keyed(post(&format!("/v1/checkouts/{id}/payments"), &body), "k1"), "alice"));
    assert_eq!(answer.status, 200, "{answer:?}");
    let saved = answer.body.unwrap()["savedCard"].clone();
    assert_eq!((saved["brand"].as_str(), saved["last4"].as_str()), (Some("VISA"), Some("0000")));
    assert!(world.sent()[0].contains(
        "createOmniToken=true&standingInstruction.source=CIT&standingInstruction.mode=INITIAL"
    ));
    let token = saved["token"].as_str().unwrap().to_owned();
    let card_row = world.store.cards.borrow()[0].clone();
    assert!(card_row.initial_transaction_id.is_some());

    let next = world.checkout();
    let one_click = json!({"token": token, "cvv": "123"});
    let path = format!("/v1/checkouts/{next}/payments");
    let bob = world.send(shopper(keyed(post(&path, &one_click), "k2"), "bob"));
    assert_eq!((bob.status, code(&bob).as_str()), (404, "card_not_found"));
    let answer = world.send(shopper(keyed(post(&path, &one_click), "k3"), "alice"));
    assert_eq!(answer.status, 200, "{answer:?}");
    let sent = world.sent().last().cloned().unwrap();
    assert!(sent.contains(&format!("card.omniToken={token}")));
    assert!(sent.contains("standingInstruction.source=CIT&standingInstruction.mode=REPEATED"));
    assert!(!sent.contains("card.number"));
    let audit = world.store.calls.borrow().last().cloned().unwrap();
    assert_eq!(audit.token_masked.unwrap(), "420000******0000");
}

#[test]
fn an_expired_saved_card_is_refused_before_the_gateway() {
    let world = World::new();
    let token = saved_token(&world);
    let set_expiry = |month: &str, year: &str| {
        let mut cards = world.store.cards.borrow_mut();
        cards[0].expiry_month = month.to_owned();
        cards[0].expiry_year = year.to_owned();
    };
    // Saved as 12/2030; it is May 2026 now. A card that ran out in April is refused.
    set_expiry("04", "2026");
    let next = world.checkout();
    let path = format!("/v1/checkouts/{next}/payments");
    let sent = world.sent().len();
    let answer = world.send(shopper(keyed(post(&path, &json!({"token": token})), "k2"), "alice"));
    assert_eq!((answer.status, code(&answer).as_str()), (400, "expired"), "{answer:?}");
    assert_eq!(answer.body.unwrap()["error"]["field"], "token");
    assert_eq!(world.sent().len(), sent);
    assert_eq!(world.send(get(&format!("/v1/checkouts/{next}"))).body.unwrap()["status"], "open");
    // Until the end of its expiry month a card still pays.
    set_expiry("05", "2026");
    let answer = world.send(shopper(keyed(post(&path, &json!({"token": token})), "k3"), "alice"));
    assert_eq!(answer.status, 200, "{answer:?}");
}

#[test]
fn what_a_payment_leaves_behind_is_written_all_or_nothing() {
    let world = World::new();
    let id = world.checkout();
    let body = json!({"card": card("4200000000000000"), "saveCard": true});
    let path = format!("/v1/checkouts/{id}/payments");
    world.store.fail_settle.set(true);
    let answer = world.send(shopper(keyed(post(&path, &body), "k1"), "alice"));
    // The gateway took the payment: the shopper is told so, never "failed" (they might pay
    // twice), but nothing was written: no card, no audit row, the checkout still processing.
    assert_eq!(answer.status, 200, "{answer:?}");
    let answer = answer.body.unwrap();
    assert_eq!(answer["status"], "succeeded");
    assert!(answer.get("savedCard").is_none(), "{answer}");
    assert!(world.store.cards.borrow().is_empty());
    assert!(world.store.calls.borrow().is_empty());
    assert_eq!(world.store.checkouts.borrow()[&id].status, "processing");

    world.store.fail_settle.set(false);
    let next = world.checkout();
    let path = format!("/v1/checkouts/{next}/payments");
    let answer = world.send(shopper(keyed(post(&path, &body), "k2"), "alice"));
    assert_eq!(answer.status, 200, "{answer:?}");
    let checkout = world.store.checkouts.borrow()[&next].clone();
    assert_eq!((checkout.status.as_str(), checkout.payment_id.is_some()), ("paid", true));
    assert_eq!(world.store.cards.borrow().len(), 1);
    assert_eq!(world.store.calls.borrow().len(), 1);
}
