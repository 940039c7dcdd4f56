//! The demo page's "Transactions" panel: `GET /dev/transactions` reads the gateway's own ledger
//! through the sandbox's inspection endpoint, masks it, and says so clearly when the gateway has
//! none (real OPP).

use super::fakes::*;
use crate::gateway::{GatewayFailure, Inspection, read_inspection};
use serde_json::{Value, json};

/// The `type` of every row, newest first.
fn types(body: &Value) -> Vec<String> {
    let rows = body["transactions"].as_array().unwrap();
    rows.iter().map(|row| row["type"].as_str().unwrap_or("").to_owned()).collect()
}

#[test]
fn the_panel_shows_what_the_gateway_recorded_masked() {
    let world = World::new();
    let token = saved_token(&world);
    let next = world.checkout();
    let one_click = json!({"token": token});
    let path = format!("/v1/checkouts/{next}/payments");
    assert_eq!(world.send(shopper(keyed(post(&path, &one_click), "k2"), "alice")).status, 200);
    assert_eq!(world.send(shopper(delete(&format!("/v1/wallet/{token}")), "alice")).status, 204);

    let answer = world.send(get("/dev/transactions"));
    assert_eq!(answer.status, 200, "{answer:?}");
    let body = answer.body.unwrap();
    assert_eq!(types(&body), ["DL", "DB", "DT", "TK", "DB"]);
    let newest = &body["transactions"][0];
    assert_eq!(newest["token"], "420000******0000");
    assert_eq!(newest["resultCode"], "000.100.110");
    assert_eq!(newest["createdAt"], "2026-05-01T12:00:00.000Z");
    // The fake gateway lists full tokens; none reaches the browser.
    assert!(
        world.gateway.ledger.borrow().iter().any(|row| row.omni_token.as_ref() == Some(&token))
    );
    assert!(!body.to_string().contains(&token), "{body}");
}

#[test]
fn a_gateway_without_a_ledger_is_a_coded_404_and_an_outage_a_502() {
    let world = World::new();
    world.gateway.real_opp.set(true);
    let answer = world.send(get("/dev/transactions"));
    assert_eq!((answer.status, code(&answer).as_str()), (404, "gateway_ledger_unavailable"));
    world.gateway.down.set(true);
    let answer = world.send(get("/dev/transactions"));
    assert_eq!((answer.status, code(&answer).as_str()), (502, "gateway_unavailable"));
}

#[test]
fn without_dev_mode_the_gateway_is_never_asked() {
    let mut world = World::new();
    world.config.dev_mode = false;
    let answer = world.send(get("/dev/transactions"));
    assert_eq!((answer.status, code(&answer).as_str()), (404, "not_found"));
    assert!(world.sent().is_empty());
}

#[test]
fn inspection_answers_are_read_by_status() {
    let ledger = r#"{"entityId":"e1","transactions":[{"id":"a1","paymentType":"TK",
        "omniToken":"420000******0000","resultCode":"000.100.110","timestamp":"t"}]}"#;
    let Ok(Inspection::Ledger(read)) = read_inspection(200, ledger) else { panic!("{ledger}") };
    assert_eq!(read.transactions.len(), 1);
    assert_eq!(read_inspection(404, "<html>Not Found</html>"), Ok(Inspection::NotOffered));
    let refused = r#"{"result":{"code":"800.900.300","description":"invalid authentication"}}"#;
    let Ok(Inspection::Refused(code)) = read_inspection(401, refused) else { panic!("{refused}") };
    assert_eq!(code.as_str(), "800.900.300");
    assert_eq!(read_inspection(200, "<html>"), Err(GatewayFailure::Unavailable));
    assert_eq!(read_inspection(500, "<html>"), Err(GatewayFailure::Unavailable));
}
