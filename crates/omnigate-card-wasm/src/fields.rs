//! The other fields and the formatters: `validateExpiry`, `validateCvc`, `validateHolder`,
//! `validatePostalCode`, `formatNumber`, `formatExpiry`, the `...WithCaret` variants and `luhn`.

use js_sys::Array;
use omnigate_card::{CardError, DEFAULT_MAX_ELAPSED_YEAR, Validity};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::js::{self, Bag};
use crate::registry;

/// `options.maxElapsedYear`, defaulting to card-validator's 19.
pub(crate) fn max_elapsed_year(options: &Bag) -> u16 {
    options.max_elapsed_year().as_f64().map_or(DEFAULT_MAX_ELAPSED_YEAR, js::years)
}

/// `{ isValid, isPotentiallyValid, month, year }` for an expiry as typed; `month` (1–12) and
/// the four-digit `year` are numbers once the date is complete, else `null`.
#[wasm_bindgen(js_name = validateExpiry)]
pub fn validate_expiry(value: JsValue, options: JsValue) -> JsValue {
    let (max, today) = match Bag::of(&options) {
        Some(options) => (max_elapsed_year(options), js::today(&options.today())),
        // The common call: no options, so no `Date` object is needed.
        None => (DEFAULT_MAX_ELAPSED_YEAR, js::now()),
    };
    let (validity, date) = match (value.as_string(), today) {
        (Some(text), Some(today)) => omnigate_card::validate_expiry_date(&text, today, max),
        _ => (Validity::Invalid(CardError::InvalidCharacters), None),
    };
    let out = Bag::new();
    out.set_validity(&validity);
    match date {
        Some((month, year)) => {
            out.set_month_number(month.into());
            out.set_year_number(year.into());
        }
        None => {
            out.set_month(&JsValue::NULL);
            out.set_year(&JsValue::NULL);
        }
    }
    out.into()
}

/// The allowed CVC lengths from `{ brand }` (that brand's code size) or `{ maxLength }` (a
/// length or an array of lengths, as card-validator's `cvv` takes); 3 or 4 otherwise.
pub(crate) fn cvc_lengths(options: &JsValue) -> Vec<usize> {
    if let Some(id) = js::option(options, Bag::brand).as_string() {
        let size = registry::native(|view| view.table.get(&id).map(|b| b.security_code().size()));
        if let Some(size) = size {
            return vec![usize::from(size)];
        }
    }
    let max = js::option(options, Bag::max_length);
    match max.dyn_ref::<Array>() {
        Some(list) => list.iter().map(|n| js::count(&n).unwrap_or(0)).collect(),
        None => js::count(&max).map_or_else(|| vec![3, 4], |n| vec![n]),
    }
}

/// `{ isValid, isPotentiallyValid }` for a security code as typed.
#[wasm_bindgen(js_name = validateCvc)]
pub fn validate_cvc(value: JsValue, options: JsValue) -> JsValue {
    let lengths = cvc_lengths(&options);
    js::validity(value.as_string().map(|text| omnigate_card::validate_cvc(&text, &lengths)))
}

/// `{ isValid, isPotentiallyValid }` for a cardholder name as typed.
#[wasm_bindgen(js_name = validateHolder)]
pub fn validate_holder(value: JsValue) -> JsValue {
    js::validity(value.as_string().map(|text| omnigate_card::validate_holder(&text)))
}

/// `{ isValid, isPotentiallyValid }` for a postal code as typed; option `minLength` (2).
#[wasm_bindgen(js_name = validatePostalCode)]
pub fn validate_postal_code(value: JsValue, options: JsValue) -> JsValue {
    let min = js::count(&js::option(&options, Bag::min_length)).unwrap_or(0);
    js::validity(value.as_string().map(|text| omnigate_card::validate_postal_code(&text, min)))
}

/// The number with its brand's gaps (`"3782 822463 10005"`); `""` for a non-string.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: JsValue) -> String {
    let text = value.as_string().unwrap_or_default();
    registry::native(|view| omnigate_card::format_number(&text, view.table))
}

/// The expiry as `MM / YY` while it is typed; `""` for a non-string.
#[wasm_bindgen(js_name = formatExpiry)]
pub fn format_expiry(value: JsValue) -> String {
    omnigate_card::format_expiry(&value.as_string().unwrap_or_default())
}

/// `{ value, caret }`: [`format_number`] and where the caret at `caret` in the input goes.
#[wasm_bindgen(js_name = formatNumberWithCaret)]
pub fn format_number_with_caret(value: JsValue, caret: JsValue) -> JsValue {
    let text = value.as_string().unwrap_or_default();
    let formatted = registry::native(|view| omnigate_card::format_number(&text, view.table));
    with_caret(&text, &caret, &formatted)
}

/// `{ value, caret }`: [`format_expiry`] and where the caret at `caret` in the input goes.
#[wasm_bindgen(js_name = formatExpiryWithCaret)]
pub fn format_expiry_with_caret(value: JsValue, caret: JsValue) -> JsValue {
    let text = value.as_string().unwrap_or_default();
    with_caret(&text, &caret, &omnigate_card::format_expiry(&text))
}

/// A caret that is not a number stands at the end of the input.
fn with_caret(text: &str, caret: &JsValue, formatted: &str) -> JsValue {
    let caret = js::count(caret).unwrap_or(usize::MAX);
    let out = Bag::new();
    out.set_value(formatted);
    out.set_caret(omnigate_card::map_caret(text, caret, formatted) as f64);
    out.into()
}

/// Luhn checksum of a string of digits (`luhn('4111111111111111') === true`).
#[wasm_bindgen]
pub fn luhn(digits: JsValue) -> bool {
    digits.as_string().is_some_and(|digits| omnigate_card::luhn(&digits))
}
