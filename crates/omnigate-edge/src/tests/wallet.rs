//! Wallet, standalone tokens, merchant MIT and deletion, the audit log, and what never leaks.

use super::fakes::*;
use serde_json::json;

#[test]
fn shoppers_see_and_delete_only_their_own_cards() {
    let world = World::new();
    let answer = world
        .send(shopper(post("/v1/tokens", &json!({"card": card("5454545454545454")})), "alice"));
    assert_eq!(answer.status, 201, "{answer:?}");
    assert!(world.sent()[0].starts_with("POST /v1/omnitokens"));
    let token = answer.body.unwrap()["token"].as_str().unwrap().to_owned();
    let alice = world.send(shopper(get("/v1/wallet"), "alice")).body.unwrap();
    assert_eq!(alice["cards"][0]["last4"], "5454");
    let bob = world.send(shopper(get("/v1/wallet"), "bob")).body.unwrap();
    assert_eq!(bob["cards"], json!([]));
    let stolen = world.send(shopper(delete(&format!("/v1/wallet/{token}")), "bob"));
    assert_eq!((stolen.status, code(&stolen).as_str()), (404, "card_not_found"));
    assert_eq!(world.sent().len(), 1);
    let gone = world.send(shopper(delete(&format!("/v1/wallet/{token}")), "alice"));
    assert_eq!(gone.status, 204);
    assert_eq!(world.sent()[1], format!("DELETE /v1/omnitokens/{token}"));
    assert!(world.store.cards.borrow().is_empty());
}

#[test]
fn merchants_charge_saved_cards_with_mit() {
    let world = World::new();
    let token = saved_token(&world);
    let initial = world.store.cards.borrow()[0].initial_transaction_id.clone().unwrap();
    let body = json!({"amount":"9.99","currency":"EUR","paymentType":"DB","type":"RECURRING"});
    let path = format!("/v1/tokens/{token}/payments");
    let shopper_try = world.send(shopper(keyed(post(&path, &body), "m1"), "alice"));
    assert_eq!(shopper_try.status, 403);
    let unkeyed = world.send(merchant(post(&path, &body)));
    assert_eq!(code(&unkeyed), "idempotency_key_required");
    let answer = world.send(merchant(keyed(post(&path, &body), "m1")));
    assert_eq!(answer.status, 200, "{answer:?}");
    let sent = world.sent().last().cloned().unwrap();
    assert!(sent.contains("standingInstruction.source=MIT&standingInstruction.mode=REPEATED&standingInstruction.type=RECURRING"));
    assert!(sent.contains(&format!("standingInstruction.initialTransactionId={initial}")));
    let unknown =
        world.send(merchant(keyed(post("/v1/tokens/4200001111110000/payments", &body), "m2")));
    assert_eq!(unknown.status, 404);
}

#[test]
fn merchants_cannot_charge_a_saved_card_past_its_expiry_month() {
    let world = World::new();
    let token = saved_token(&world);
    let set_expiry = |month: &str, year: &str| {
        let mut cards = world.store.cards.borrow_mut();
        cards[0].expiry_month = month.to_owned();
        cards[0].expiry_year = year.to_owned();
    };
    let body = json!({"amount":"9.99","currency":"EUR","type":"RECURRING"});
    let path = format!("/v1/tokens/{token}/payments");
    // Saved as 12/2030; it is May 2026 now. A card that ran out in April is refused.
    set_expiry("04", "2026");
    let (sent, calls) = (world.sent().len(), world.store.calls.borrow().len());
    let answer = world.send(merchant(keyed(post(&path, &body), "m1")));
    assert_eq!((answer.status, code(&answer).as_str()), (400, "expired"), "{answer:?}");
    assert_eq!(answer.body.unwrap()["error"]["field"], "token");
    assert_eq!(world.sent().len(), sent, "an expired card reached the gateway");
    assert_eq!(world.store.calls.borrow().len(), calls);
    // Until the end of its expiry month a card can still be charged.
    set_expiry("05", "2026");
    let answer = world.send(merchant(keyed(post(&path, &body), "m2")));
    assert_eq!(answer.status, 200, "{answer:?}");
    assert!(world.sent().last().unwrap().contains("standingInstruction.source=MIT"));
}

#[test]
fn merchants_delete_tokens_and_read_the_audit_log() {
    let world = World::new();
    let token = saved_token(&world);
    assert_eq!(world.send(merchant(delete(&format!("/v1/tokens/{token}")))).status, 204);
    assert_eq!(world.send(merchant(delete(&format!("/v1/tokens/{token}")))).status, 204);
    assert_eq!(world.send(merchant(delete("/v1/tokens/4200009999990000"))).status, 404);
    assert_eq!(world.send(merchant(delete("/v1/tokens/not-a-token"))).status, 404);
    let log = world.send(merchant(get("/v1/transactions"))).body.unwrap();
    let types: Vec<&str> = log["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["DL", "DL", "DL", "DB"]);
    let text = log.to_string();
    assert!(!text.contains(&token), "{text}");
    assert!(text.contains("420000******0000"));
}

#[test]
fn no_secret_or_card_data_in_any_answer() {
    let world = World::new();
    let token = saved_token(&world);
    let mut answers = Vec::new();
    for request in [
        merchant(get("/v1/transactions")),
        get("/v1/wallet").with_header("Authorization", "Bearer nope"),
        keyed(post("/v1/checkouts/x/payments", &json!({"card": card("4200000000000000")})), "z"),
    ] {
        answers.push(world.send(request));
    }
    for answer in answers {
        let text = format!("{answer:?}");
        for secret in [MERCHANT_KEY, JWT_SECRET, "sandbox-access-token", "4200000000000000", &token]
        {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

#[test]
fn a_lost_wallet_write_is_an_error_and_deleting_again_repairs_it() {
    let world = World::new();
    world.store.fail_settle.set(true);
    let tokenize = || {
        world.send(shopper(post("/v1/tokens", &json!({"card": card("5454545454545454")})), "alice"))
    };
    let lost = tokenize();
    assert_eq!((lost.status, code(&lost).as_str()), (500, "internal"));
    assert!(world.store.cards.borrow().is_empty() && world.store.calls.borrow().is_empty());
    world.store.fail_settle.set(false);
    let token = tokenize().body.unwrap()["token"].as_str().unwrap().to_owned();
    assert_eq!(world.store.calls.borrow().len(), 1, "the card and its TK audit row, together");

    world.store.fail_settle.set(true);
    let path = format!("/v1/wallet/{token}");
    let lost = world.send(shopper(delete(&path), "alice"));
    assert_eq!(lost.status, 500);
    assert_eq!(world.store.cards.borrow().len(), 1, "the wallet row stays while the write fails");
    world.store.fail_settle.set(false);
    // The gateway already deleted the token: it says so, and the wallet row goes now.
    let again = world.send(shopper(delete(&path), "alice"));
    assert_eq!(again.status, 204, "{again:?}");
    assert!(world.store.cards.borrow().is_empty());
}

#[test]
fn a_lost_audit_row_alone_does_not_hide_a_merchant_charge() {
    let world = World::new();
    let token = saved_token(&world);
    world.store.fail_settle.set(true);
    let body =
        json!({"amount": "5.00", "currency": "EUR", "paymentType": "DB", "type": "UNSCHEDULED"});
    let answer =
        world.send(keyed(merchant(post(&format!("/v1/tokens/{token}/payments"), &body)), "m1"));
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body.unwrap()["status"], "succeeded");
}
