//! The omni-token flows: tokenize during a payment or alone, pay with a token (both request
//! shapes), one-click CIT, MIT with and without the initial id, delete, restart.

use crate::harness::{ENTITY, Gateway, OTHER_ENTITY, TempDir, card_payment, with, without};

fn started() -> (TempDir, Gateway) {
    let dir = TempDir::new();
    let gateway = Gateway::start(&dir.path().join("flows.db"));
    (dir, gateway)
}

fn standalone_token(gateway: &Gateway, number: &str) -> (String, String) {
    let brand = if number.starts_with('5') { "MASTER" } else { "VISA" };
    let answer = gateway.post(
        "/v1/omnitokens",
        &[
            ("entityId", ENTITY),
            ("paymentBrand", brand),
            ("card.number", number),
            ("card.holder", "Jane Jones"),
            ("card.expiryMonth", "05"),
            ("card.expiryYear", "2034"),
        ],
    );
    assert_eq!((answer.status, answer.code()), (200, "000.100.110"), "{}", answer.body);
    (answer.id(), answer.token())
}

#[test]
fn token_during_payment_is_recorded_after_a_successful_payment_only() {
    let (_dir, gateway) = started();
    let paid =
        gateway.post("/v1/payments", &with(card_payment("DB", "12.00"), "createOmniToken", "true"));
    assert_eq!((paid.status, paid.code()), (200, "000.100.110"));
    let token = paid.token();
    assert_eq!(token.len(), 16);
    assert!(token.starts_with("420000") && token.ends_with("0000"));
    assert!(!omnigate_card::luhn(&token));
    assert_ne!(token, "4200000000000000");
    let declined = with(card_payment("DB", "12.00"), "card.number", "4200000000000208");
    let declined = gateway.post("/v1/payments", &with(declined, "createOmniToken", "true"));
    assert_eq!((declined.status, declined.code()), (400, "800.100.203"));
    assert!(declined.body["card"]["omniToken"].is_null());
    let ledger = gateway.ledger();
    let kinds: Vec<&str> = ledger.iter().map(|(kind, _, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["DB", "TK", "DB"]);
    assert_eq!(ledger[1].2.as_deref(), Some(paid.id().as_str()));
}

#[test]
fn standalone_tokenization_on_both_paths() {
    let (_dir, gateway) = started();
    let (tk_id, token) = standalone_token(&gateway, "4200000000000000");
    let pairs = without(with(card_payment("DB", "1.00"), "createOmniToken", "true"), "paymentType");
    let pairs = without(without(pairs, "amount"), "currency");
    let second = gateway.post("/v1/payments", &pairs);
    assert_eq!((second.status, second.body["paymentType"].as_str()), (200, Some("TK")));
    assert_ne!(second.token(), token);
    let ledger = gateway.ledger();
    assert_eq!(ledger.len(), 2);
    assert_eq!(ledger[0].0, "TK");
    assert!(ledger.iter().all(|(kind, code, reference)| kind == "TK"
        && code == "000.100.110"
        && reference.is_none()));
    let status = gateway.get(&format!("/v1/payments/{tk_id}?entityId={ENTITY}"));
    assert_eq!((status.status, status.body["paymentType"].as_str()), (200, Some("TK")));
}

#[test]
fn pay_with_token_in_the_body_and_in_the_path() {
    let (_dir, gateway) = started();
    let (tk_id, token) = standalone_token(&gateway, "4200000000000000");
    let body =
        [("entityId", ENTITY), ("amount", "9.99"), ("currency", "EUR"), ("paymentType", "DB")];
    let in_body =
        gateway.post("/v1/payments", &[&body[..], &[("card.omniToken", token.as_str())]].concat());
    assert_eq!((in_body.status, in_body.code()), (200, "000.100.110"), "{}", in_body.body);
    assert_eq!(in_body.body["card"]["holder"], "Jane Jones");
    assert_eq!(in_body.body["card"]["expiryYear"], "2034");
    assert_eq!(in_body.body["paymentBrand"], "VISA");
    let in_path = gateway.post(&format!("/v1/omnitokens/{token}/payments"), &body);
    assert_eq!((in_path.status, in_path.code()), (200, "000.100.110"));
    let ledger = gateway.ledger();
    let kinds: Vec<&str> = ledger.iter().map(|(kind, _, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["TK", "DT", "DB", "DT", "DB"]);
    assert_eq!(ledger[1].2.as_deref(), Some(tk_id.as_str()));
    assert_eq!(ledger[3].2.as_deref(), Some(tk_id.as_str()));
}

#[test]
fn one_click_cit_and_merchant_initiated_payments() {
    let (_dir, gateway) = started();
    let initial = card_payment("PA", "0.00");
    let initial =
        with(with(initial, "createOmniToken", "true"), "standingInstruction.source", "CIT");
    let initial = with(
        with(initial, "standingInstruction.mode", "INITIAL"),
        "standingInstruction.type",
        "RECURRING",
    );
    let initial = gateway.post("/v1/payments", &initial);
    assert_eq!(initial.code(), "000.100.110");
    let (initial_id, token) = (initial.id(), initial.token());
    let repeated = |source: &'static str| {
        vec![
            ("entityId", ENTITY),
            ("amount", "5.00"),
            ("currency", "EUR"),
            ("paymentType", "DB"),
            ("standingInstruction.source", source),
            ("standingInstruction.mode", "REPEATED"),
            ("standingInstruction.type", "RECURRING"),
        ]
    };
    let one_click = gateway.post(
        &format!("/v1/omnitokens/{token}/payments"),
        &with(repeated("CIT"), "card.cvv", "123"),
    );
    assert_eq!(one_click.code(), "000.100.110");
    assert_eq!(one_click.body["standingInstruction"]["source"], "CIT");
    let mit = with(repeated("MIT"), "card.omniToken", &token);
    let charged = gateway.post(
        "/v1/payments",
        &with(mit.clone(), "standingInstruction.initialTransactionId", &initial_id),
    );
    assert_eq!((charged.status, charged.code()), (200, "000.100.110"), "{}", charged.body);
    assert_eq!(charged.body["standingInstruction"]["initialTransactionId"], initial_id.as_str());
    let before = gateway.ledger().len();
    // Without the initial id, with an unknown one, with one that is not an initial CIT, and with
    // the initial CIT of another card: all refused with a parameter error, nothing recorded.
    let missing = gateway.post("/v1/payments", &mit);
    assert_eq!((missing.status, missing.code()), (400, "200.300.404"));
    assert_eq!(missing.bad_parameters(), ["standingInstruction.initialTransactionId"]);
    let other_card = card_payment("DB", "1.00");
    let other_card =
        with(with(other_card, "card.number", "5454545454545454"), "paymentBrand", "MASTER");
    let other_card = with(
        with(other_card, "standingInstruction.source", "CIT"),
        "standingInstruction.mode",
        "INITIAL",
    );
    let other_initial = gateway
        .post("/v1/payments", &with(other_card, "standingInstruction.type", "RECURRING"))
        .id();
    let before_other = before + 1;
    for wrong in ["8ac7a4a19f1d2c3e019f1d2e4b6a9999", charged.id().as_str(), other_initial.as_str()]
    {
        let refused = gateway.post(
            "/v1/payments",
            &with(mit.clone(), "standingInstruction.initialTransactionId", wrong),
        );
        assert_eq!(refused.code(), "200.300.404", "{wrong}");
        assert_eq!(refused.bad_parameters(), ["standingInstruction.initialTransactionId"]);
    }
    let initial_mode = with(
        with(mit.clone(), "standingInstruction.mode", "INITIAL"),
        "standingInstruction.initialTransactionId",
        &initial_id,
    );
    assert_eq!(
        gateway.post("/v1/payments", &initial_mode).bad_parameters(),
        ["standingInstruction.mode"]
    );
    assert_eq!(gateway.ledger().len(), before_other);
}

#[test]
fn deleted_and_unknown_tokens() {
    let (_dir, gateway) = started();
    let (tk_id, token) = standalone_token(&gateway, "4200000000000000");
    let deleted = gateway.delete_token(&token);
    assert_eq!((deleted.status, deleted.code()), (200, "000.100.110"));
    assert_eq!(deleted.body["paymentType"], "DL");
    assert_eq!(deleted.body["referencedId"], tk_id.as_str());
    let pay =
        [("entityId", ENTITY), ("amount", "1.00"), ("currency", "EUR"), ("paymentType", "DB")];
    let reuse = gateway.post(&format!("/v1/omnitokens/{token}/payments"), &pay);
    assert_eq!((reuse.status, reuse.code()), (400, "100.150.202"));
    let reuse_body =
        gateway.post("/v1/payments", &[&pay[..], &[("card.omniToken", token.as_str())]].concat());
    assert_eq!(reuse_body.code(), "100.150.202");
    let again = gateway.delete_token(&token);
    assert_eq!((again.status, again.code()), (400, "100.150.202"));
    let unknown = "4200001111110000";
    assert_eq!(gateway.delete_token(unknown).code(), "100.150.200");
    assert_eq!(
        gateway.post(&format!("/v1/omnitokens/{unknown}/payments"), &pay).code(),
        "100.150.200"
    );
    // Another entity never sees this entity's tokens.
    let foreign = [
        ("entityId", OTHER_ENTITY),
        ("amount", "1.00"),
        ("currency", "EUR"),
        ("paymentType", "DB"),
    ];
    let (_, live_token) = standalone_token(&gateway, "5454545454545454");
    assert_eq!(
        gateway.post(&format!("/v1/omnitokens/{live_token}/payments"), &foreign).code(),
        "100.150.200"
    );
    let kinds = gateway.ledger_types();
    assert_eq!(kinds, ["TK", "DL", "DB", "DB", "DB", "TK"]);
    assert_eq!(gateway.ledger()[2].1, "100.150.202");
}

#[test]
fn tokens_survive_a_restart() {
    let dir = TempDir::new();
    let db = dir.path().join("restart.db");
    let gateway = Gateway::start(&db);
    let (tk_id, token) = standalone_token(&gateway, "4200000000000000");
    let (_, doomed) = standalone_token(&gateway, "4200000000000000");
    assert_eq!(gateway.delete_token(&doomed).code(), "000.100.110");
    gateway.stop();
    let key = std::fs::metadata(dir.path().join("restart.db.key")).unwrap();
    #[cfg(unix)]
    assert_eq!(std::os::unix::fs::PermissionsExt::mode(&key.permissions()) & 0o777, 0o600);
    let gateway = Gateway::start(&db);
    let pay =
        [("entityId", ENTITY), ("amount", "3.00"), ("currency", "EUR"), ("paymentType", "PA")];
    let paid = gateway.post(&format!("/v1/omnitokens/{token}/payments"), &pay);
    assert_eq!((paid.status, paid.code()), (200, "000.100.110"), "{}", paid.body);
    assert_eq!(
        gateway.post(&format!("/v1/omnitokens/{doomed}/payments"), &pay).code(),
        "100.150.202"
    );
    let ledger = gateway.ledger();
    let kinds: Vec<&str> = ledger.iter().map(|(kind, _, _)| kind.as_str()).collect();
    assert_eq!(kinds, ["TK", "TK", "DL", "DT", "PA", "PA"]);
    assert_eq!(ledger[3].2.as_deref(), Some(tk_id.as_str()));
}
