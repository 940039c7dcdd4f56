//! What D1 forgets, and what it keeps: idempotency records go a batch per new key once past the
//! retention, never while their claim may still run, and a key reused after that never pays a
//! checkout twice; checkouts never paid go a batch per new checkout 30 days after they expired,
//! checkouts in any other status and the audit log stay.

use super::fakes::*;
use crate::checkouts::EXPIRED_KEPT_MS;
use crate::http::ApiResponse;
use crate::idempotency::{CLAIM_MARGIN_MS, RETENTION_MS};
use crate::store::{Checkout, GatewayCall, Idempotent, PRUNE_BATCH, status};
use crate::time::Millis;
use serde_json::{Value, json};

fn pay(world: &World, id: &str, key: &str, body: &Value) -> ApiResponse {
    world.send(keyed(post(&format!("/v1/checkouts/{id}/payments"), body), key))
}

fn approved() -> Value {
    json!({"card": card("4200000000000000")})
}

/// An idempotency record claimed at `claimed_at`, with an answer when `finished`.
fn plant(world: &World, key: &str, claimed_at: Millis, finished: bool) {
    let record = Idempotent {
        fingerprint: "f1".to_owned(),
        status: finished.then_some(200),
        body: finished.then(|| "{}".to_owned()),
        created_at: claimed_at as i64,
    };
    world.store.idempotency.borrow_mut().insert(key.to_owned(), record);
}

/// The records whose key starts with `prefix`, sorted.
fn records(world: &World, prefix: &str) -> Vec<String> {
    let map = world.store.idempotency.borrow();
    let mut keys: Vec<String> = map.keys().filter(|key| key.starts_with(prefix)).cloned().collect();
    keys.sort();
    keys
}

/// Whether a record claimed at `claimed_at` is still kept.
fn claimed_at(world: &World, claimed_at: Millis) -> bool {
    world.store.idempotency.borrow().values().any(|r| r.created_at == claimed_at as i64)
}

#[test]
fn each_new_key_deletes_a_batch_of_records_past_the_retention_oldest_first() {
    let world = World::new();
    let cutoff = NOW - RETENTION_MS;
    let old = u64::from(PRUNE_BATCH) + 5;
    for n in 1..=old {
        plant(&world, &format!("old-{n:02}"), cutoff - n, true);
    }
    plant(&world, "kept-24h-old", cutoff, true);
    plant(&world, "kept-running", NOW - 1, false);
    let id = world.checkout();
    assert_eq!(pay(&world, &id, "k1", &approved()).status, 200);
    let left: Vec<String> = (1..=5).map(|n| format!("old-{n:02}")).collect();
    assert_eq!(records(&world, "old-"), left, "the oldest go first, a batch per request");
    // A replay adds no record, so it deletes none either.
    let replay = pay(&world, &id, "k1", &approved());
    assert_eq!(replay.header("Idempotent-Replayed"), Some("true"));
    assert_eq!(records(&world, "old-").len(), 5);
    assert_eq!(code(&pay(&world, &id, "k2", &approved())), "checkout_not_open");
    assert!(records(&world, "old-").is_empty());
    assert_eq!(records(&world, "kept-"), ["kept-24h-old", "kept-running"]);
    assert_eq!(world.store.idempotency.borrow().len(), 4, "k1 and k2 are kept too");
}

#[test]
fn a_claim_taken_over_is_kept_for_the_retention_from_its_takeover() {
    let world = World::new();
    let id = world.checkout();
    world.store.fail_finish.set(true);
    world.gateway.down.set(true);
    assert_eq!(code(&pay(&world, &id, "k1", &approved())), "gateway_unavailable");
    let takeover = NOW + RETENTION_MS / 2;
    world.now.set(takeover);
    assert_eq!(code(&pay(&world, &id, "k1", &approved())), "checkout_expired");
    assert!(claimed_at(&world, takeover), "the takeover claimed the key again, unfinished");
    world.store.fail_finish.set(false);
    world.gateway.down.set(false);
    // More than the retention after the first claim, less after the takeover: kept.
    world.now.set(takeover + RETENTION_MS - 1);
    let other = world.checkout();
    assert_eq!(pay(&world, &other, "k2", &approved()).status, 200);
    assert!(claimed_at(&world, takeover));
    world.now.set(takeover + RETENTION_MS + 1);
    let third = world.checkout();
    assert_eq!(pay(&world, &third, "k3", &approved()).status, 200);
    assert!(!claimed_at(&world, takeover));
}

#[test]
fn a_claim_that_may_still_run_is_kept_past_the_retention_under_a_longer_gateway_timeout() {
    let mut world = World::new();
    world.config.gateway_timeout_ms = 2 * RETENTION_MS;
    let running = NOW - RETENTION_MS - 1;
    let abandoned = NOW - 2 * RETENTION_MS - CLAIM_MARGIN_MS - 1;
    plant(&world, "running", running, false);
    plant(&world, "abandoned", abandoned, false);
    let id = world.checkout();
    assert_eq!(pay(&world, &id, "k1", &approved()).status, 200);
    assert_eq!(records(&world, "running"), ["running"]);
    assert!(records(&world, "abandoned").is_empty());
}

#[test]
fn a_key_reused_after_its_record_was_pruned_runs_again_and_never_pays_a_checkout_twice() {
    let world = World::new();
    let id = world.checkout();
    assert_eq!(pay(&world, &id, "k1", &approved()).status, 200);
    world.now.set(NOW + RETENTION_MS + 1);
    let other = world.checkout();
    assert_eq!(pay(&world, &other, "k2", &approved()).status, 200);
    assert!(!claimed_at(&world, NOW), "k1's record is gone");
    let again = pay(&world, &id, "k1", &approved());
    assert_eq!((again.status, code(&again).as_str()), (409, "checkout_not_open"));
    assert_eq!(again.header("Idempotent-Replayed"), None, "it ran again");
    assert_eq!(world.sent().len(), 2, "one payment per checkout");
}

#[test]
fn a_merchant_charge_key_reused_after_the_retention_is_a_new_charge() {
    let world = World::new();
    let token = saved_token(&world);
    let body = json!({"amount":"9.99","currency":"EUR","type":"RECURRING"});
    let mit = |key: &str| {
        world.send(merchant(keyed(post(&format!("/v1/tokens/{token}/payments"), &body), key)))
    };
    assert_eq!(mit("m1").status, 200);
    let sent = world.sent().len();
    assert_eq!(mit("m1").header("Idempotent-Replayed"), Some("true"));
    assert_eq!(world.sent().len(), sent);
    world.now.set(NOW + RETENTION_MS + 1);
    assert_eq!(mit("m2").status, 200, "a new key deletes m1's record");
    let again = mit("m1");
    assert_eq!((again.status, again.header("Idempotent-Replayed")), (200, None));
    assert_eq!(world.sent().len(), sent + 2, "m2 and m1 again were each sent");
}

#[test]
fn a_record_pruned_between_the_claim_and_its_read_makes_the_key_new_again() {
    let world = World::new();
    let id = world.checkout();
    assert_eq!(pay(&world, &id, "k1", &approved()).status, 200);
    world.store.pruned_before_read.set(true);
    let again = pay(&world, &id, "k1", &approved());
    assert_eq!((again.status, code(&again).as_str()), (409, "checkout_not_open"));
    assert_eq!(again.header("Idempotent-Replayed"), None);
    assert_eq!(world.sent().len(), 1);
}

/// A checkout in `status` that expires at `expires_at`.
fn plant_checkout(world: &World, id: &str, status: &str, expires_at: Millis) {
    let checkout = Checkout {
        id: id.to_owned(),
        amount_minor: 100,
        currency: "EUR".to_owned(),
        payment_type: "DB".to_owned(),
        reference: None,
        shopper_id: None,
        items: None,
        status: status.to_owned(),
        payment_id: None,
        created_at: expires_at as i64 - 1_800_000,
        expires_at: expires_at as i64,
    };
    world.store.checkouts.borrow_mut().insert(id.to_owned(), checkout);
}

/// The checkouts whose id starts with `prefix`, sorted.
fn checkouts(world: &World, prefix: &str) -> Vec<String> {
    let map = world.store.checkouts.borrow();
    let mut ids: Vec<String> = map.keys().filter(|id| id.starts_with(prefix)).cloned().collect();
    ids.sort();
    ids
}

#[test]
fn each_new_checkout_deletes_a_batch_of_unpaid_ones_long_expired_and_keeps_every_other() {
    let world = World::new();
    let cutoff = NOW - EXPIRED_KEPT_MS;
    let old = u64::from(PRUNE_BATCH) + 3;
    for n in 1..=old {
        plant_checkout(&world, &format!("open-{n:02}"), status::OPEN, cutoff - n);
    }
    // Older than all of them, but they record money: never deleted.
    let kept = [status::PROCESSING, status::UNKNOWN, status::PAID, status::PENDING];
    for kept in kept {
        plant_checkout(&world, &format!("kept-{kept}"), kept, 0);
    }
    plant_checkout(&world, "kept-open-30-days", status::OPEN, cutoff);
    plant_checkout(&world, "kept-open-today", status::OPEN, NOW - 1);
    // A declined attempt on a checkout that goes: the audit log keeps it.
    let declined = GatewayCall {
        id: "call-1".to_owned(),
        kind: "DB".to_owned(),
        token_masked: None,
        checkout_id: Some(format!("open-{old}")),
        result_code: "800.100.203".to_owned(),
        created_at: "2026-03-01T12:00:00.000Z".to_owned(),
    };
    world.store.calls.borrow_mut().push(declined);

    world.checkout();
    let left: Vec<String> = (1..=3).map(|n| format!("open-{n:02}")).collect();
    assert_eq!(checkouts(&world, "open-"), left, "the longest expired go first, a batch each");
    let gone = world.send(get(&format!("/v1/checkouts/open-{old}")));
    assert_eq!((gone.status, code(&gone).as_str()), (404, "checkout_not_found"));
    world.checkout();
    assert!(checkouts(&world, "open-").is_empty());
    let mut expected: Vec<String> = kept.iter().map(|kept| format!("kept-{kept}")).collect();
    expected.extend(["kept-open-30-days".to_owned(), "kept-open-today".to_owned()]);
    expected.sort();
    assert_eq!(checkouts(&world, "kept-"), expected);
    let log = world.send(merchant(get("/v1/transactions"))).body.unwrap();
    assert_eq!(log["transactions"][0]["checkoutId"], format!("open-{old}"));
}
