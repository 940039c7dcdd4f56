//! Card-testing protection: too many declined attempts from one client are a 429 with
//! `Retry-After` until the window ends, and never reach the gateway; rows of ended windows are
//! deleted as new attempts are counted.

use super::fakes::*;
use crate::http::{ApiRequest, ApiResponse};
use crate::limits::{MAX_FAILED_ATTEMPTS, WINDOW_MS, window};
use crate::store::PRUNE_BATCH;
use serde_json::{Value, json};

fn from(request: ApiRequest, ip: &str) -> ApiRequest {
    request.with_header("CF-Connecting-IP", ip)
}

fn pay(world: &World, id: &str, key: &str, ip: &str, number: &str) -> ApiResponse {
    let body: Value = json!({"card": card(number)});
    world.send(from(keyed(post(&format!("/v1/checkouts/{id}/payments"), &body), key), ip))
}

const DECLINED: &str = "4200000000000208";
const APPROVED: &str = "4200000000000000";

#[test]
fn too_many_declines_from_one_client_are_a_429_until_the_window_ends() {
    let world = World::new();
    let id = world.checkout();
    for n in 0..MAX_FAILED_ATTEMPTS {
        assert_eq!(pay(&world, &id, &format!("k{n}"), "203.0.113.7", DECLINED).status, 402);
    }
    let sent = world.sent().len();
    let blocked = pay(&world, &id, "k-next", "203.0.113.7", APPROVED);
    assert_eq!((blocked.status, code(&blocked).as_str()), (429, "too_many_attempts"));
    let retry_after: u64 = blocked.header("Retry-After").unwrap().parse().unwrap();
    assert!((1..=WINDOW_MS / 1000).contains(&retry_after), "{retry_after}");
    assert_eq!(world.sent().len(), sent, "a blocked attempt reached the gateway");
    // Tokenization is a payment attempt too.
    let tokenize =
        from(shopper(post("/v1/tokens", &json!({"card": card(APPROVED)})), "eve"), "203.0.113.7");
    assert_eq!(code(&world.send(tokenize)), "too_many_attempts");
    // Another client pays the same checkout; the blocked one may try again in the next window.
    assert_eq!(pay(&world, &id, "k-other", "198.51.100.2", APPROVED).status, 200);
    let next = world.checkout();
    world.now.set(NOW + retry_after * 1000);
    assert_eq!(pay(&world, &next, "k-later", "203.0.113.7", APPROVED).status, 200);
}

#[test]
fn payments_that_succeed_and_replayed_declines_do_not_count() {
    let world = World::new();
    for n in 0..MAX_FAILED_ATTEMPTS + 2 {
        let id = world.checkout();
        assert_eq!(pay(&world, &id, &format!("ok{n}"), "203.0.113.9", APPROVED).status, 200);
    }
    let id = world.checkout();
    for _ in 0..MAX_FAILED_ATTEMPTS + 2 {
        let replayed = pay(&world, &id, "same-key", "203.0.113.9", DECLINED);
        assert_eq!(replayed.status, 402);
    }
    assert_eq!(pay(&world, &id, "fresh", "203.0.113.9", APPROVED).status, 200);
}

#[test]
fn each_counted_decline_deletes_a_batch_of_rows_of_ended_windows_oldest_first() {
    let world = World::new();
    let (start, _) = window(NOW);
    let old = PRUNE_BATCH as u64 + 5;
    for n in 1..=old {
        world.store.failed.borrow_mut().insert(format!("old-{n}"), (start - n * WINDOW_MS, 3));
    }
    world.store.failed.borrow_mut().insert("current".to_owned(), (start, 2));
    let rows = |prefix: &str| {
        let failed = world.store.failed.borrow();
        let mut rows: Vec<String> =
            failed.keys().filter(|client| client.starts_with(prefix)).cloned().collect();
        rows.sort();
        rows
    };
    // Payments that succeed write nothing, so they delete nothing either.
    let id = world.checkout();
    assert_eq!(pay(&world, &id, "ok", "203.0.113.5", APPROVED).status, 200);
    assert_eq!(rows("old-").len() as u64, old);
    let id = world.checkout();
    assert_eq!(pay(&world, &id, "d1", "203.0.113.5", DECLINED).status, 402);
    let left: Vec<String> = (1..=5).map(|n| format!("old-{n}")).collect();
    assert_eq!(rows("old-"), left, "the oldest rows go first");
    assert_eq!(pay(&world, &id, "d2", "198.51.100.5", DECLINED).status, 402);
    assert!(rows("old-").is_empty());
    // The current window's rows stay: this one's count and the two just recorded.
    assert_eq!(world.store.failed.borrow().len(), 3);
    assert_eq!(world.store.failed.borrow()["current"], (start, 2));
}
