//! Presence and combination rules of each operation, reported as `parameterErrors`.
//!
//! The opp crate has already checked every value's format; these rules say which parameters an
//! operation needs and which it must not have. A parameter that already has an error is not
//! reported again.

use omnigate_opp::FORCE_RESULT_CODE;
use omnigate_opp::codes::is_code_shaped;
use omnigate_opp::request::PaymentRequest;
use omnigate_opp::result::ParameterError;
use omnigate_opp::vocab::{PaymentType, SiMode, SiSource};

/// Collects errors without repeating a parameter.
pub(crate) struct Errors(pub(crate) Vec<ParameterError>);

impl Errors {
    fn has(&self, name: &str) -> bool {
        self.0.iter().any(|error| error.name == name)
    }

    fn missing(&mut self, name: &str, present: bool) {
        if !present && !self.has(name) {
            self.0.push(ParameterError::missing(name));
        }
    }

    fn refuse(&mut self, name: &str, present: bool, message: &str) {
        if present && !self.has(name) {
            self.0.push(ParameterError::new(name, None, message));
        }
    }
}

/// A payment: `PA`, `DB`, `CD`, `PA.CP` with a card number or an omni token.
pub(crate) fn payment(request: &PaymentRequest, errors: &mut Errors) {
    let card = &request.card;
    errors.missing("paymentType", request.payment_type.is_some());
    errors.missing("amount", request.amount.is_some());
    errors.missing("currency", request.currency.is_some());
    if card.omni_token.is_some() {
        errors.refuse("card.number", card.number.is_some(), "is not allowed with card.omniToken");
        errors.refuse(
            "createOmniToken",
            request.create_omni_token,
            "is not allowed with card.omniToken",
        );
    } else if card.number.is_some() {
        card_fields(request, errors);
    } else if !errors.has("card.number") {
        errors.0.push(ParameterError::new("card.number", None, "card properties must be set"));
    }
    standing_instruction(request, errors);
    forced_code(request, errors);
}

/// A standalone tokenization: card data, no payment.
pub(crate) fn tokenization(request: &PaymentRequest, errors: &mut Errors) {
    let not_here = "is not allowed for a tokenization";
    errors.refuse("paymentType", request.payment_type.is_some(), not_here);
    errors.refuse("amount", request.amount.is_some(), not_here);
    errors.refuse("currency", request.currency.is_some(), not_here);
    errors.refuse("card.omniToken", request.card.omni_token.is_some(), not_here);
    errors.missing("card.number", request.card.number.is_some());
    card_fields(request, errors);
    standing_instruction(request, errors);
    forced_code(request, errors);
}

/// A referenced operation: `CP`, `RF`, `RV` on `/v1/payments/{id}`.
pub(crate) fn referenced(request: &PaymentRequest, errors: &mut Errors) {
    errors.missing("paymentType", request.payment_type.is_some());
    if request.payment_type != Some(PaymentType::Rv) {
        errors.missing("amount", request.amount.is_some());
        errors.missing("currency", request.currency.is_some());
    }
    forced_code(request, errors);
}

fn card_fields(request: &PaymentRequest, errors: &mut Errors) {
    let card = &request.card;
    errors.missing("paymentBrand", request.payment_brand.is_some());
    errors.missing("card.expiryMonth", card.expiry_month.is_some());
    errors.missing("card.expiryYear", card.expiry_year.is_some());
}

/// All three of source, mode and type, or none; MIT only as REPEATED with an initial id.
fn standing_instruction(request: &PaymentRequest, errors: &mut Errors) {
    let si = &request.standing_instruction;
    if si.is_empty() {
        return;
    }
    errors.missing("standingInstruction.source", si.source.is_some());
    errors.missing("standingInstruction.mode", si.mode.is_some());
    errors.missing("standingInstruction.type", si.kind.is_some());
    if si.source == Some(SiSource::Mit) {
        if si.mode == Some(SiMode::Initial) && !errors.has("standingInstruction.mode") {
            let message = "must be REPEATED for a merchant-initiated payment";
            errors.0.push(ParameterError::new(
                "standingInstruction.mode",
                Some("INITIAL"),
                message,
            ));
        }
        errors.missing(
            "standingInstruction.initialTransactionId",
            si.initial_transaction_id.is_some(),
        );
    }
}

fn forced_code(request: &PaymentRequest, errors: &mut Errors) {
    if let Some(code) = request.custom_parameters.get(FORCE_RESULT_CODE)
        && !is_code_shaped(code)
    {
        let name = format!("customParameters[{FORCE_RESULT_CODE}]");
        let message = "must match ^[0-9]{3}\\.[0-9]{3}\\.[0-9]{3}$";
        errors.0.push(ParameterError::new(&name, Some(code), message));
    }
}
