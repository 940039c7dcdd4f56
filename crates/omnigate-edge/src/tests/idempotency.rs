//! Idempotency keys whose answer was never stored (the request died, or the D1 write failed):
//! in progress until the claim is stale, then taken over — and never a second charge.

use super::fakes::*;
use crate::http::ApiResponse;
use crate::idempotency::CLAIM_MARGIN_MS;
use serde_json::{Value, json};

fn pay(world: &World, id: &str, key: &str, body: &Value) -> ApiResponse {
    world.send(keyed(post(&format!("/v1/checkouts/{id}/payments"), body), key))
}

/// The first moment a claim made at [`NOW`] can be taken over.
fn stale(world: &World) -> u64 {
    NOW + world.config.gateway_timeout_ms + CLAIM_MARGIN_MS
}

#[test]
fn a_lost_answer_is_in_progress_until_stale_and_the_checkout_is_still_paid_once() {
    let world = World::new();
    let id = world.checkout();
    let body = json!({"card": card("4200000000000000")});
    world.store.fail_finish.set(true);
    let first = pay(&world, &id, "k1", &body);
    assert_eq!(first.status, 200, "the payment happened: its answer stands: {first:?}");
    world.store.fail_finish.set(false);
    let retry = pay(&world, &id, "k1", &body);
    assert_eq!((retry.status, code(&retry).as_str()), (409, "idempotency_in_progress"));
    world.now.set(stale(&world) - 1);
    assert_eq!(code(&pay(&world, &id, "k1", &body)), "idempotency_in_progress");
    // Taken over: the payment runs again, and the checkout's own claim refuses a second charge.
    world.now.set(stale(&world));
    let taken = pay(&world, &id, "k1", &body);
    assert_eq!((taken.status, code(&taken).as_str()), (409, "checkout_not_open"));
    assert_eq!(world.sent().len(), 1);
    let replay = pay(&world, &id, "k1", &body);
    assert_eq!((replay.status, replay.header("Idempotent-Replayed")), (409, Some("true")));
    let other = pay(&world, &id, "k1", &json!({"card": card("5454545454545454")}));
    assert_eq!(code(&other), "idempotency_conflict");
}

#[test]
fn a_stale_claim_whose_payment_never_reached_the_gateway_pays_on_retry() {
    let world = World::new();
    let id = world.checkout();
    let body = json!({"card": card("4200000000000000")});
    world.store.fail_finish.set(true);
    world.gateway.down.set(true);
    assert_eq!(code(&pay(&world, &id, "k1", &body)), "gateway_unavailable");
    world.store.fail_finish.set(false);
    world.gateway.down.set(false);
    world.now.set(stale(&world));
    let taken = pay(&world, &id, "k1", &body);
    assert_eq!(taken.status, 200, "{taken:?}");
    assert_eq!(world.sent().len(), 1);
    assert_eq!(world.send(get(&format!("/v1/checkouts/{id}"))).body.unwrap()["status"], "paid");
}

#[test]
fn a_stale_merchant_charge_is_settled_as_unknown_and_never_sent_again() {
    let world = World::new();
    let token = saved_token(&world);
    let body = json!({"amount":"9.99","currency":"EUR","type":"RECURRING"});
    let mit =
        || world.send(merchant(keyed(post(&format!("/v1/tokens/{token}/payments"), &body), "m1")));
    world.store.fail_finish.set(true);
    assert_eq!(mit().status, 200);
    world.store.fail_finish.set(false);
    let sent = world.sent().len();
    assert_eq!(code(&mit()), "idempotency_in_progress");
    // Nothing but the key stops a second MIT charge, so a stale claim is never run again.
    world.now.set(stale(&world));
    let settled = mit();
    assert_eq!((settled.status, code(&settled).as_str()), (409, "idempotency_outcome_unknown"));
    let replay = mit();
    assert_eq!(
        (code(&replay).as_str(), replay.header("Idempotent-Replayed")),
        ("idempotency_outcome_unknown", Some("true"))
    );
    assert_eq!(world.sent().len(), sent);
}
