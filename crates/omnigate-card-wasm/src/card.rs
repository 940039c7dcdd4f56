//! `validateCard`: the one call a payment form makes before it submits.

use js_sys::{Array, Object};
use omnigate_card::{
    Brand, CardError, CardNumber, Cvc, DEFAULT_MAX_ELAPSED_YEAR, Holder, Validity, YearMonth,
};
use wasm_bindgen::prelude::*;

use crate::js::{self, Bag};
use crate::{brands, fields, registry};

/// `{ isValid, brand, errors: [{ field, code, message }] }` for a whole card
/// `{ number, expiry, cvc, holder }`. Fields that are not strings count as empty; `holder` is
/// only checked when present, and the CVC is skipped for brands without one (UATP). Options:
/// those of `validateNumber` and `validateExpiry`.
#[wasm_bindgen(js_name = validateCard)]
pub fn validate_card(card: JsValue, options: JsValue) -> JsValue {
    let text = |get: fn(&Bag) -> JsValue| js::option(&card, get).as_string().unwrap_or_default();
    let (number, expiry, cvc) = (text(Bag::number), text(Bag::expiry), text(Bag::cvc));
    let holder = js::option(&card, Bag::holder);
    let holder = (!holder.is_undefined()).then(|| holder.as_string().unwrap_or_default());
    let number_options = brands::number_options(&options);
    let today = js::today(&js::option(&options, Bag::today));
    let max = Bag::of(&options).map_or(DEFAULT_MAX_ELAPSED_YEAR, fields::max_elapsed_year);
    let errors = Array::new();
    let (brand, number_error, cvc_error) = registry::native(|view| {
        let brand = omnigate_card::validate_number(&number, view.table, &number_options).brand;
        let parsed = CardNumber::parse_with(&number, view.table, &number_options);
        (brand.map_or(JsValue::NULL, |b| view.info(b)), parsed.err(), cvc_error(&cvc, brand))
    });
    push(&errors, "number", number_error);
    // An unreadable `today` option cannot date the card: the expiry counts as unusable.
    let expiry_error =
        today.map_or(Some(CardError::InvalidYear), |t| expiry_error(&expiry, t, max));
    push(&errors, "expiry", expiry_error);
    push(&errors, "cvc", cvc_error);
    push(&errors, "holder", holder.and_then(|name| name.parse::<Holder>().err()));
    let out: JsValue = Object::new().into();
    js::set(&out, "isValid", &(errors.length() == 0).into());
    js::set(&out, "brand", &brand);
    js::set(&out, "errors", &errors);
    out
}

/// Why the expiry is not usable `today`, if it is not.
fn expiry_error(text: &str, today: YearMonth, max: u16) -> Option<CardError> {
    match omnigate_card::validate_expiry(text, today, max).validity {
        Validity::Valid => None,
        Validity::Invalid(error) => Some(error),
        Validity::PotentiallyValid if text.trim().is_empty() => Some(CardError::Empty),
        Validity::PotentiallyValid => Some(CardError::TooShort),
    }
}

/// Why the CVC is not right for `brand` (3 or 4 digits while the brand is unknown).
fn cvc_error(text: &str, brand: Option<&Brand>) -> Option<CardError> {
    match (text.parse::<Cvc>(), brand) {
        (_, Some(brand)) if brand.security_code().size() == 0 => None,
        (Ok(cvc), Some(brand)) => cvc.check_brand(brand).err(),
        (Ok(_), None) => None,
        (Err(error), _) => Some(error),
    }
}

/// Appends `{ field, code, message }` when there is an error.
fn push(errors: &Array, field: &str, error: Option<CardError>) {
    let Some(error) = error else { return };
    let entry: JsValue = Object::new().into();
    js::set(&entry, "field", &field.into());
    js::set(&entry, "code", &error.code().into());
    js::set(&entry, "message", &error.to_string().into());
    errors.push(&entry);
}
