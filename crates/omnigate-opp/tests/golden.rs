//! Encoding and decoding against the golden OPP fixtures in `tests/data/opp/`.
// A test binary: its helpers fail loudly at the line that broke, like the tests themselves
// (clippy's allow-*-in-tests settings only cover `#[test]` functions, not their helpers).
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

use omnigate_opp::form;
use omnigate_opp::request::{PaymentRequest, RequestKind};
use omnigate_opp::response::PaymentResponse;
use omnigate_opp::secret::{Cvv, Pan};
use omnigate_opp::vocab::{PaymentType, SiMode, SiSource};
use omnigate_opp::{ResultGroup, codes};
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/opp").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// `(request fixture, path, response fixture)` of every line of `exchanges.txt`.
fn exchanges() -> Vec<(String, String, String)> {
    fixture("exchanges.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(columns.len(), 5, "{line}");
            (columns[0].to_owned(), columns[2].to_owned(), columns[4].to_owned())
        })
        .collect()
}

fn kind_of(path: &str) -> RequestKind {
    if path.starts_with("/v1/payments/") { RequestKind::Referenced } else { RequestKind::Payment }
}

#[test]
fn valid_request_fixtures_round_trip() {
    for (request, path, _) in exchanges() {
        if request == "-" || request == "payment-invalid.form" {
            continue;
        }
        let body = fixture(&request);
        let pairs = form::decode(body.trim_end().as_bytes()).unwrap();
        let (parsed, errors) = PaymentRequest::from_pairs(&pairs, kind_of(&path));
        assert!(errors.is_empty(), "{request}: {errors:?}");
        assert_eq!(parsed.encode(), body.trim_end(), "{request}");
        let shown = format!("{parsed:?}");
        for secret in ["4200000000000000", "=123", "4200008317420000"] {
            assert!(!shown.contains(secret), "{request} shows {secret}");
        }
    }
}

#[test]
fn typed_payment_encodes_to_the_fixture() {
    let mut request = PaymentRequest {
        entity_id: "8a8294174b7ecb28014b9699220015ca".to_owned(),
        amount: Some("92.00".parse().unwrap()),
        currency: Some("EUR".parse().unwrap()),
        payment_brand: Some("VISA".parse().unwrap()),
        payment_type: Some(PaymentType::Db),
        merchant_transaction_id: Some("order-123".to_owned()),
        ..PaymentRequest::default()
    };
    request.card.number = Some(Pan::new("4200000000000000"));
    request.card.holder = Some("Jane Jones".to_owned());
    request.card.expiry_month = Some("05".to_owned());
    request.card.expiry_year = Some("2034".to_owned());
    request.card.cvv = Some(Cvv::new("123"));
    assert_eq!(request.encode(), fixture("payment-db.form").trim_end());
}

#[test]
fn card_on_file_fixture_decodes_to_types() {
    let pairs = form::decode(fixture("payment-token-mit.form").as_bytes()).unwrap();
    let (request, errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Payment);
    assert!(errors.is_empty());
    let si = &request.standing_instruction;
    assert_eq!((si.source, si.mode), (Some(SiSource::Mit), Some(SiMode::Repeated)));
    assert_eq!(si.initial_transaction_id.as_deref(), Some("8ac7a4a19f1d2c3e019f1d2e4b6a0101"));
    assert_eq!(request.card.omni_token.as_ref().map(|t| t.expose()), Some("4200008317420000"));
    assert!(request.card.number.is_none());
}

#[test]
fn invalid_fixture_reports_every_bad_parameter() {
    let pairs = form::decode(fixture("payment-invalid.form").as_bytes()).unwrap();
    let (_, errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Payment);
    let golden: PaymentResponse = serde_json::from_str(&fixture("payment-invalid.json")).unwrap();
    // The last golden entry (missing paymentBrand) is a presence rule the gateway adds.
    let expected = &golden.result.parameter_errors[..golden.result.parameter_errors.len() - 1];
    assert_eq!(errors, expected);
}

#[test]
fn referenced_requests_refuse_card_data() {
    let pairs = form::decode(b"entityId=e&paymentType=DB&card.number=4200000000000000").unwrap();
    let (_, errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Referenced);
    let names: Vec<&str> = errors.iter().map(|error| error.name.as_str()).collect();
    assert_eq!(names, ["paymentType", "card.number"]);
    assert_eq!(errors[1].value.as_deref(), Some("420000******0000"));
}

#[test]
fn response_fixtures_round_trip_through_types() {
    for (_, _, response) in exchanges() {
        let text = fixture(&response);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let typed: PaymentResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_value(&typed).unwrap(), value, "{response}");
    }
    let success: PaymentResponse = serde_json::from_str(&fixture("auth-failed.json")).unwrap();
    assert_eq!(success.result.code.group(), ResultGroup::AuthenticationFailed);
}

#[test]
fn recorded_opp_answer_with_unknown_fields_parses() {
    let answer: PaymentResponse =
        serde_json::from_str(&fixture("opp-recorded-success.json")).unwrap();
    assert_eq!(answer.result.code.as_str(), codes::SUCCESS_INTERNAL);
    assert!(answer.result.code.is_success());
    assert_eq!(answer.amount.map(|amount| amount.minor()), Some(9200));
    let card = answer.card.unwrap();
    assert_eq!((card.bin.as_deref(), card.last4_digits.as_deref()), (Some("420000"), Some("0000")));
    let created: PaymentResponse =
        serde_json::from_str(&fixture("payment-pa-token-created.json")).unwrap();
    let token = created.omni_token().unwrap();
    assert_eq!(token.expose().len(), 16);
    assert!(!format!("{created:?}").contains(token.expose()));
}
