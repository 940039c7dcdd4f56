//! OPP on the wire: form bodies as the sandbox reads them, JSON answers as the Worker reads them.

use omnigate_opp::form;
use omnigate_opp::inspection::Ledger;
use omnigate_opp::money::{Amount, Currency};
use omnigate_opp::request::{PaymentRequest, RequestKind};
use omnigate_opp::response::PaymentResponse;
use omnigate_opp::result::{ParameterError, ResultBody, ResultCode};
use omnigate_opp::secret::{Pan, mask_card_like};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// A request body (or query string): decoding, encoding back, and the typed request of each
/// resource kind with its `parameterErrors`.
pub fn form_body(body: &[u8]) {
    let Ok(pairs) = form::decode(body) else { return };
    let encoded = form::encode(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())));
    assert_eq!(form::decode(encoded.as_bytes()).as_ref(), Ok(&pairs), "{encoded}");
    for (name, value) in &pairs {
        words(name);
        words(value);
    }
    for kind in [RequestKind::Payment, RequestKind::Referenced] {
        let (request, errors) = PaymentRequest::from_pairs(&pairs, kind);
        errors.iter().for_each(masked_error);
        if let Some(pan) = &request.card.number {
            masked_pan(pan);
        }
        if errors.is_empty() {
            // What the sandbox accepted, sent again by a client, reads back the same.
            let again = PaymentRequest::from_pairs(&request.to_form(), kind);
            assert_eq!(again, (request.clone(), Vec::new()), "{kind:?}");
            let body = request.encode();
            assert_eq!(form::decode(body.as_bytes()), Ok(request.to_form()), "{body}");
        }
    }
}

/// One parameter value read as each kind of word the gateway and the Worker parse.
fn words(text: &str) {
    let code = ResultCode::new(text);
    let _ = code.group();
    assert!(!code.description().is_empty(), "{text:?}");
    if let Ok(amount) = text.parse::<Amount>() {
        assert_eq!(amount.to_string().parse(), Ok(amount), "{text:?}");
    }
    if let Ok(currency) = text.parse::<Currency>() {
        assert_eq!(currency.as_str(), text);
    }
    let masked = mask_card_like(text);
    // Masking is idempotent, and never shows a value with a digit and no star in full.
    assert_eq!(mask_card_like(&masked), masked, "{text:?}");
    if text.bytes().any(|b| b.is_ascii_digit()) && !text.contains('*') {
        assert!(!masked.contains(text), "{text:?} → {masked}");
    }
}

/// A parameter error never echoes a card number, CVV or token.
fn masked_error(error: &ParameterError) {
    let Some(value) = &error.value else { return };
    match error.name.as_str() {
        "card.cvv" => assert_eq!(value, "***"),
        "card.number" | "card.omniToken" => assert_eq!(&mask_card_like(value), value),
        _ => {}
    }
}

fn masked_pan(pan: &Pan) {
    let raw = pan.expose();
    if raw.bytes().any(|b| b.is_ascii_digit()) && !raw.contains('*') {
        assert!(!format!("{pan:?} {pan}").contains(raw), "{pan:?}");
    }
}

/// A gateway answer as the Worker reads it: a payment answer, a bare result, or the sandbox's
/// ledger. Whatever parses serializes and parses again to the same value.
pub fn answers(text: &[u8]) {
    if let Some(answer) = round_trip::<PaymentResponse>(text) {
        let _ = answer.result.code.group();
        if let Some(token) = answer.omni_token() {
            let _ = token.masked();
        }
    }
    if let Some(body) = round_trip::<ResultBody>(text) {
        let _ = body.result.code.category();
    }
    if let Some(ledger) = round_trip::<Ledger>(text) {
        for entry in &ledger.transactions {
            let _ = ResultCode::new(entry.result_code.as_str()).group();
        }
    }
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(text: &[u8]) -> Option<T> {
    let value: T = serde_json::from_slice(text).ok()?;
    let written = serde_json::to_string(&value).expect("an answer that parsed serializes");
    let again: T = serde_json::from_str(&written).expect("a serialized answer parses");
    assert_eq!(again, value, "{written}");
    Some(value)
}
