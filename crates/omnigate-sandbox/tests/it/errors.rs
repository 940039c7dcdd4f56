//! Every refusal: credentials, malformed bodies, bad parameters, card checks, test cards and
//! forced result codes. Each is OPP-shaped; none is a 500.

use crate::harness::{ENTITY, FORM, Gateway, TOKEN, TempDir, card_payment, with, without};
use omnigate_sandbox::test_cards::{Outcome, TEST_CARDS};
use std::time::Instant;

fn started(name: &str) -> (TempDir, Gateway) {
    let dir = TempDir::new();
    let gateway = Gateway::start(&dir.path().join(name));
    (dir, gateway)
}

#[test]
fn wrong_credentials_are_refused_with_401() {
    let (_dir, gateway) = started("auth.db");
    let body = omnigate_opp::form::encode(card_payment("DB", "1.00"));
    let wrong_bearer = gateway.send("/v1/payments", &body, Some(FORM), "nope");
    assert_eq!((wrong_bearer.status, wrong_bearer.code()), (401, "800.900.300"));
    let wrong_entity =
        gateway.post("/v1/payments", &with(card_payment("DB", "1.00"), "entityId", "0123"));
    assert_eq!((wrong_entity.status, wrong_entity.code()), (401, "800.900.300"));
    let no_entity =
        gateway.post("/v1/omnitokens", &without(card_payment("DB", "1.00"), "entityId"));
    assert_eq!(no_entity.status, 401);
    let probe = format!("/v1/payments/{}?entityId={ENTITY}", omnigate_opp::PROBE_PAYMENT_ID);
    assert_eq!(gateway.get_as(&probe, "nope").code(), "800.900.300");
    assert_eq!(gateway.get("/v1/payments/x?entityId=ffff").status, 401);
    assert_eq!(
        gateway.get_as(&format!("/sandbox/transactions?entityId={ENTITY}"), "nope").status,
        401
    );
    assert_eq!(
        gateway.send("/v1/omnitokens/4200001111110000/payments", "", Some(FORM), "").status,
        401
    );
    assert!(gateway.ledger().is_empty());
}

#[test]
fn malformed_requests_get_opp_errors_not_500s() {
    let (_dir, gateway) = started("malformed.db");
    let good = omnigate_opp::form::encode(card_payment("DB", "1.00"));
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        ("json", br#"{"entityId":"x"}"#.to_vec(), Some("application/json")),
        ("no content type", good.clone().into_bytes(), None),
        (
            "latin-1 charset",
            good.clone().into_bytes(),
            Some("application/x-www-form-urlencoded; charset=latin1"),
        ),
        ("not utf-8", [good.as_bytes(), b"&card.holder=J\xf6rg"].concat(), Some(FORM)),
        ("bad escape", [good.as_bytes(), b"&card.holder=%G1"].concat(), Some(FORM)),
        ("escaped non-utf-8", [good.as_bytes(), b"&card.holder=%FF"].concat(), Some(FORM)),
        ("huge", [good.as_bytes(), b"&descriptor=", &vec![b'a'; 200_000]].concat(), Some(FORM)),
    ];
    for (name, body, content_type) in cases {
        let answer = gateway.send("/v1/payments", body, content_type, TOKEN);
        assert_eq!((answer.status, answer.code()), (400, "200.100.103"), "{name}: {}", answer.body);
    }
    let unknown =
        gateway.post("/v1/payments", &with(card_payment("DB", "1.00"), "card.colour", "red"));
    assert_eq!((unknown.status, unknown.code()), (400, "200.300.404"));
    assert_eq!(unknown.bad_parameters(), ["card.colour"]);
    let mut repeated = card_payment("DB", "1.00");
    repeated.push(("amount", "2.00"));
    assert_eq!(gateway.post("/v1/payments", &repeated).bad_parameters(), ["amount"]);
    let long = "x".repeat(3000);
    assert_eq!(
        gateway
            .post("/v1/payments", &with(card_payment("DB", "1.00"), "card.holder", &long))
            .bad_parameters(),
        ["card.holder"]
    );
    let wrong_method = gateway.get(&format!("/v1/omnitokens?entityId={ENTITY}"));
    assert_eq!((wrong_method.status, wrong_method.code()), (405, "200.300.403"));
    let nowhere = gateway.get("/v2/nothing");
    assert_eq!((nowhere.status, nowhere.code()), (404, "200.300.404"));
    let bad_path = gateway.send("/v1/payments/%FF", b"entityId=x", Some(FORM), TOKEN);
    assert!(bad_path.status == 400 || bad_path.status == 401, "{}", bad_path.status);
    assert!(gateway.ledger().is_empty());
}

#[test]
fn every_bad_field_is_a_parameter_error() {
    let (_dir, gateway) = started("parameters.db");
    let pairs = [
        ("entityId", ENTITY),
        ("amount", "1.5"),
        ("currency", "eur"),
        ("paymentType", "XX"),
        ("paymentBrand", "MASTERCARD"),
        ("card.number", "4200000000000000"),
        ("standingInstruction.source", "SHOP"),
        ("testMode", "LIVE"),
        ("customParameters[forceResultCode]", "declined"),
    ];
    let answer = gateway.post("/v1/payments", &pairs);
    assert_eq!((answer.status, answer.code()), (400, "200.300.404"));
    let expected = [
        "amount",
        "currency",
        "paymentType",
        "paymentBrand",
        "standingInstruction.source",
        "testMode",
        "card.expiryMonth",
        "card.expiryYear",
        "customParameters[forceResultCode]",
    ];
    assert_eq!(answer.bad_parameters(), expected);
    let empty = gateway.post("/v1/payments", &[("entityId", ENTITY)]);
    assert_eq!(empty.bad_parameters(), ["paymentType", "amount", "currency", "card.number"]);
    assert!(answer.body["id"].is_null());
    assert!(gateway.ledger().is_empty());
}

#[test]
fn card_checks_use_opp_account_codes() {
    let (_dir, gateway) = started("cards.db");
    let amex = |pairs| with(with(pairs, "card.number", "377777777777770"), "paymentBrand", "AMEX");
    let cases = [
        (with(card_payment("DB", "1.00"), "card.number", "4200000000000001"), "100.100.101"),
        (with(card_payment("DB", "1.00"), "card.number", "4444444444444444"), "100.100.101"),
        (with(card_payment("DB", "1.00"), "card.expiryYear", "2020"), "100.100.303"),
        (with(card_payment("DB", "1.00"), "card.expiryMonth", "13"), "100.100.201"),
        (with(card_payment("DB", "1.00"), "card.expiryYear", "34"), "100.100.301"),
        (without(card_payment("DB", "1.00"), "card.cvv"), "100.100.600"),
        (without(amex(card_payment("DB", "1.00")), "card.cvv"), "100.100.600"),
        (amex(card_payment("DB", "1.00")), "100.100.601"),
        (with(card_payment("DB", "1.00"), "paymentBrand", "MASTER"), "100.100.700"),
    ];
    for (pairs, code) in &cases {
        let answer = gateway.post("/v1/payments", pairs);
        assert_eq!((answer.status, answer.code()), (400, *code), "{pairs:?}: {}", answer.body);
        assert!(answer.body["id"].is_string());
    }
    let ledger = gateway.ledger();
    assert_eq!(ledger.len(), cases.len());
    assert!(ledger.iter().all(|(kind, code, _)| kind == "DB" && code.starts_with("100.100.")));
    let tokenize =
        without(without(without(card_payment("DB", "1"), "paymentType"), "amount"), "currency");
    let token = gateway.post("/v1/omnitokens", &without(tokenize, "card.cvv"));
    assert_eq!(token.code(), "000.100.110", "tokenization needs no CVV: {}", token.body);
}

#[test]
fn test_cards_forced_codes_and_test_modes() {
    let (_dir, gateway) = started("outcomes.db");
    for card in TEST_CARDS {
        let cvv = if card.brand == "AMEX" { "1234" } else { "123" };
        let pairs = with(
            with(
                with(card_payment("DB", "2.00"), "card.number", card.number),
                "paymentBrand",
                card.brand,
            ),
            "card.cvv",
            cvv,
        );
        let started = Instant::now();
        let answer = gateway.post("/v1/payments", &pairs);
        match card.outcome {
            Outcome::Approve => {
                assert_eq!((answer.status, answer.code()), (200, "000.100.110"), "{}", card.number);
            }
            Outcome::Decline(code) => {
                assert_eq!((answer.status, answer.code()), (400, code), "{}", card.number);
            }
            Outcome::Slow => {
                assert_eq!(answer.code(), "000.100.110");
                assert!(started.elapsed().as_millis() >= 300, "the slow card waits --slow-ms");
            }
        }
    }
    let forced = gateway.post(
        "/v1/payments",
        &with(card_payment("DB", "1.00"), "customParameters[forceResultCode]", "800.100.151"),
    );
    assert_eq!((forced.status, forced.code()), (400, "800.100.151"));
    assert_eq!(forced.body["customParameters"]["forceResultCode"], "800.100.151");
    let pending = gateway.post(
        "/v1/payments",
        &with(card_payment("DB", "1.00"), "customParameters[forceResultCode]", "000.200.000"),
    );
    assert_eq!((pending.status, pending.code()), (200, "000.200.000"));
    let capture_pending = gateway.post(
        &format!("/v1/payments/{}", pending.id()),
        &[("entityId", ENTITY), ("paymentType", "RV")],
    );
    assert_eq!(capture_pending.code(), "700.400.570");
    let holder = gateway
        .post("/v1/payments", &with(card_payment("DB", "1.00"), "card.holder", "800.100.159"));
    assert_eq!(holder.code(), "800.100.159");
    let external =
        gateway.post("/v1/payments", &with(card_payment("DB", "1.00"), "testMode", "EXTERNAL"));
    assert_eq!(external.code(), "000.100.112");
}

#[test]
fn live_codes_switch() {
    let dir = TempDir::new();
    let gateway = Gateway::start_with(&dir.path().join("live.db"), &["--live-codes"]);
    assert_eq!(gateway.post("/v1/payments", &card_payment("DB", "1.00")).code(), "000.000.000");
}
