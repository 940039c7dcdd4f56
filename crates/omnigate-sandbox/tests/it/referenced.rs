//! Capture, refund and reversal with OPP's `700.*` reference rules, and payment status.

use crate::harness::{ENTITY, Gateway, TempDir, card_payment, with};
use omnigate_opp::PROBE_PAYMENT_ID;

fn back_office(gateway: &Gateway, id: &str, kind: &str, amount: Option<&str>) -> (u16, String) {
    let mut pairs = vec![("entityId", ENTITY), ("paymentType", kind)];
    if let Some(amount) = amount {
        pairs.extend([("amount", amount), ("currency", "EUR")]);
    }
    let answer = gateway.post(&format!("/v1/payments/{id}"), &pairs);
    (answer.status, answer.code().to_owned())
}

#[test]
fn capture_refund_and_reversal_follow_the_reference_rules() {
    let dir = TempDir::new();
    let gateway = Gateway::start(&dir.path().join("referenced.db"));
    let pa = gateway.post("/v1/payments", &card_payment("PA", "50.00")).id();
    let db = gateway.post("/v1/payments", &card_payment("DB", "20.00")).id();
    let ok = (200, "000.100.110".to_owned());
    let code = |status: u16, code: &str| (status, code.to_owned());
    // Capture: only a PA, never more than its amount.
    assert_eq!(back_office(&gateway, &db, "CP", Some("5.00")), code(400, "700.400.510"));
    assert_eq!(back_office(&gateway, &pa, "CP", Some("30.00")), ok);
    let cp = gateway.ledger().last().map(|entry| entry.1.clone());
    assert_eq!(cp.as_deref(), Some("000.100.110"));
    assert_eq!(back_office(&gateway, &pa, "CP", Some("20.01")), code(400, "700.400.100"));
    assert_eq!(back_office(&gateway, &pa, "CP", Some("20.00")), ok);
    // Refund: a DB or CP, never more than it; not a PA.
    assert_eq!(back_office(&gateway, &pa, "RF", Some("1.00")), code(400, "700.400.520"));
    assert_eq!(back_office(&gateway, &db, "RF", Some("15.00")), ok);
    assert_eq!(back_office(&gateway, &db, "RF", Some("5.01")), code(400, "700.400.200"));
    assert_eq!(back_office(&gateway, &db, "RF", Some("5.00")), ok);
    assert_eq!(back_office(&gateway, &db, "RF", Some("5.00")), code(400, "700.400.200"));
    // Reversal: not after a capture or refund, and only once.
    assert_eq!(back_office(&gateway, &pa, "RV", None), code(400, "700.400.300"));
    let fresh = gateway.post("/v1/payments", &card_payment("PA", "10.00")).id();
    assert_eq!(back_office(&gateway, &fresh, "RV", None), ok);
    assert_eq!(back_office(&gateway, &fresh, "RV", None), code(400, "700.300.300"));
    assert_eq!(back_office(&gateway, &fresh, "CP", Some("1.00")), code(400, "700.400.100"));
    // The reference must exist, have succeeded, and share the currency.
    assert_eq!(
        back_office(&gateway, PROBE_PAYMENT_ID, "CP", Some("1.00")),
        code(400, "700.400.580")
    );
    let declined = gateway
        .post("/v1/payments", &with(card_payment("DB", "5.00"), "card.number", "4200000000000174"));
    assert_eq!(declined.code(), "800.100.171");
    assert_eq!(back_office(&gateway, &declined.id(), "RF", Some("1.00")), code(400, "700.300.200"));
    let usd = gateway.post(
        &format!("/v1/payments/{db}"),
        &[("entityId", ENTITY), ("paymentType", "RV"), ("currency", "USD")],
    );
    assert_eq!(usd.code(), "700.100.500");
    let card = gateway.post(
        &format!("/v1/payments/{pa}"),
        &[("entityId", ENTITY), ("paymentType", "DB"), ("card.number", "4200000000000000")],
    );
    assert_eq!(card.code(), "200.300.404");
    assert_eq!(card.bad_parameters(), ["paymentType", "card.number", "amount", "currency"]);
    assert!(!card.body.to_string().contains("4200000000000000"));
    let refund = gateway
        .ledger()
        .into_iter()
        .find(|(kind, code, _)| kind == "RF" && code == "000.100.110")
        .unwrap();
    assert_eq!(refund.2.as_deref(), Some(db.as_str()));
}

#[test]
fn payment_status_answers_recorded_ids_and_404_for_others() {
    let dir = TempDir::new();
    let gateway = Gateway::start(&dir.path().join("status.db"));
    let paid = gateway.post("/v1/payments", &card_payment("DB", "7.50"));
    let status = gateway.get(&format!("/v1/payments/{}?entityId={ENTITY}", paid.id()));
    assert_eq!((status.status, status.code()), (200, "000.100.110"));
    assert_eq!(status.body["amount"], "7.50");
    assert_eq!(status.body["card"]["last4Digits"], "0000");
    let probe = gateway.get(&format!("/v1/payments/{PROBE_PAYMENT_ID}?entityId={ENTITY}"));
    assert_eq!((probe.status, probe.code()), (404, "700.400.580"));
    let id = paid.id();
    let other =
        gateway.get(&format!("/v1/payments/{id}?entityId={}", crate::harness::OTHER_ENTITY));
    assert_eq!(other.status, 404);
}
