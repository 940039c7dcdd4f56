//! Exports for `omnigate-card/compat` (the card-validator 10.0.4 drop-in), over a brand table of
//! its own holding credit-card-type's 15 brands. They are internal: `compat.js` checks argument
//! types as card-validator does, reads the clock, and builds credit-card-type's card objects.

use js_sys::{Array, Object};
use omnigate_card::{Brand, BrandUpdate, CardError, NumberOptions, YearMonth};
use wasm_bindgen::prelude::*;

use crate::js::{self, Bag};
use crate::registry;

/// card-validator's `number()` after its type checks: `{ id, matchStrength?, isValid,
/// isPotentiallyValid }`, `id` being the brand's or `null`. `max_length` is JS's `ToNumber` of
/// the option (`NaN` and 0 mean none).
#[wasm_bindgen(js_name = compatNumber)]
pub fn compat_number(value: &str, max_length: f64, luhn_union_pay: bool, skip: bool) -> JsValue {
    let max_length = (max_length >= 1.0).then_some(max_length as usize);
    let options = NumberOptions {
        max_length,
        luhn_validate_union_pay: luhn_union_pay,
        skip_luhn_validation: skip,
    };
    registry::compat(|table| {
        let check = omnigate_card::validate_number(value, table, &options);
        let out = Bag::new();
        out.set_id(&check.brand.map_or(JsValue::NULL, |b| b.id().into()));
        if let Some(strength) = check.match_strength {
            out.set_match_strength(strength as f64);
        }
        out.set_validity(&check.state);
        out.into()
    })
}

/// credit-card-type's detection: `[id, matchStrength, id, matchStrength, ...]`, the strength
/// `undefined` while the number is shorter than the matching pattern.
#[wasm_bindgen(js_name = compatDetect)]
pub fn compat_detect(value: &str) -> Array {
    registry::compat(|table| {
        let found = Array::new();
        for found_match in table.detect_matches(value) {
            found.push(&found_match.brand.id().into());
            found.push(&found_match.strength.map_or(JsValue::UNDEFINED, |s| (s as f64).into()));
        }
        found
    })
}

/// credit-card-type's card object for a brand in the table (active or removed), or `null`.
#[wasm_bindgen(js_name = compatTypeInfo)]
pub fn compat_type_info(id: &str) -> JsValue {
    registry::compat(|table| table.lookup(id).map_or(JsValue::NULL, card))
}

/// `{ niceType, type, patterns, gaps, lengths, code: { name, size } }`, patterns as numbers.
fn card(brand: &Brand) -> JsValue {
    // Built-in patterns have at most 8 digits: exact as integers, and no float parser linked.
    let number =
        |digits: &str| JsValue::from_f64(digits.parse::<u64>().map_or(f64::NAN, |n| n as f64));
    let patterns: Array = brand
        .patterns()
        .iter()
        .map(|p| match p.range() {
            Some((min, max)) => Array::of2(&number(min), &number(max)).into(),
            None => number(p.prefix().unwrap_or_default()),
        })
        .collect();
    let code: JsValue = Object::new().into();
    js::set(&code, "name", &brand.security_code().name().into());
    js::set(&code, "size", &brand.security_code().size().into());
    let out: JsValue = Object::new().into();
    js::set(&out, "niceType", &brand.name().into());
    js::set(&out, "type", &brand.id().into());
    js::set(&out, "patterns", &patterns);
    js::set(&out, "gaps", &js::numbers(brand.gaps().iter().map(|&g| f64::from(g))));
    js::set(&out, "lengths", &js::numbers(brand.lengths().iter().map(|&l| f64::from(l))));
    js::set(&out, "code", &code);
    out
}

/// A brand from a credit-card-type card config. card-validator skips Luhn by type, for
/// `unionpay` only, so that is the one brand without it.
fn brand_from(config: &JsValue) -> Result<Brand, CardError> {
    let object = Bag::of(config)
        .ok_or(CardError::InvalidBrand { field: "config", reason: "must be an object" })?;
    let mut spec = registry::read_spec(object, object.type_(), object.nice_type())?;
    spec.luhn = spec.id != "unionpay";
    spec.build()
}

/// `addCard`: replaces the brand with the config's `type` in place, or appends it.
#[wasm_bindgen(js_name = compatAddCard)]
pub fn compat_add_card(config: JsValue) -> Result<(), JsValue> {
    let brand = brand_from(&config).map_err(|e| js::error(&e))?;
    registry::compat(|table| match table.get(brand.id()) {
        Some(_) => table.replace(brand).map(drop),
        None => table.add(brand),
    })
    .map_err(|e| js::error(&e))
}

/// `updateCard` with the merged config: the brand keeps its place, active or removed.
#[wasm_bindgen(js_name = compatUpdateCard)]
pub fn compat_update_card(config: JsValue) -> Result<(), JsValue> {
    let spec = brand_from(&config).map_err(|e| js::error(&e))?.to_spec();
    let update = BrandUpdate {
        id: None,
        name: Some(spec.name),
        gateway_brand: None,
        patterns: Some(spec.patterns),
        lengths: Some(spec.lengths),
        gaps: Some(spec.gaps),
        security_code: Some((spec.security_code_name, spec.security_code_size)),
        luhn: Some(spec.luhn),
    };
    registry::compat(|table| table.update(&spec.id, update)).map_err(|e| js::error(&e))
}

/// `removeCard`; throws credit-card-type's `"x" is not a supported card type.`
#[wasm_bindgen(js_name = compatRemoveCard)]
pub fn compat_remove_card(id: &str) -> Result<(), JsValue> {
    registry::compat(|table| table.remove(id).map(drop)).map_err(|e| js::error(&e))
}

/// `changeOrder`, with JavaScript `splice` positions (negative counts from the end).
#[wasm_bindgen(js_name = compatChangeOrder)]
pub fn compat_change_order(id: &str, position: f64) -> Result<(), JsValue> {
    registry::compat(|table| {
        let others = table.len().saturating_sub(1) as f64;
        let position = if position.is_nan() { 0.0 } else { position.trunc() };
        let position =
            if position < 0.0 { (others + position).max(0.0) } else { position.min(others) };
        table.change_order(id, position as usize)
    })
    .map_err(|e| js::error(&e))
}

/// `resetModifications`.
#[wasm_bindgen(js_name = compatReset)]
pub fn compat_reset() {
    registry::compat_reset();
}

/// "Today" from the year and month `compat.js` read off `new Date()`.
fn today(year: f64, month: f64) -> Option<YearMonth> {
    YearMonth::new(year as u16, month as u8).ok()
}

/// `expirationDate(string, maxElapsedYear)`: `{ isValid, isPotentiallyValid, month, year }`.
#[wasm_bindgen(js_name = compatExpirationDate)]
pub fn compat_expiration_date(value: &str, max: f64, year: f64, month: f64) -> JsValue {
    let Some(today) = today(year, month) else { return js::validity(None) };
    date_result(omnigate_card::validate_expiry(value, today, js::years(max)))
}

/// `expirationDate({ month, year }, maxElapsedYear)`, both parts already `String()`ed.
#[wasm_bindgen(js_name = compatExpirationParts)]
pub fn compat_expiration_parts(m: &str, y: &str, max: f64, year: f64, month: f64) -> JsValue {
    let Some(today) = today(year, month) else { return js::validity(None) };
    date_result(omnigate_card::validate_expiry_parts(m, y, today, js::years(max)))
}

fn date_result(check: omnigate_card::ExpiryCheck) -> JsValue {
    let out = Bag::new();
    out.set_validity(&check.validity);
    out.set_month(&check.month.map_or(JsValue::NULL, |m| m.into()));
    out.set_year(&check.year.map_or(JsValue::NULL, |y| y.into()));
    out.into()
}

/// `expirationMonth(string)`: `{ isValid, isPotentiallyValid, isValidForThisYear }`.
#[wasm_bindgen(js_name = compatExpirationMonth)]
pub fn compat_expiration_month(value: &str, year: f64, month: f64) -> JsValue {
    let Some(today) = today(year, month) else { return js::validity(None) };
    let check = omnigate_card::validate_expiry_month(value, today);
    let out = Bag::new();
    out.set_validity(&check.validity);
    out.set_is_valid_for_this_year(check.is_valid_for_this_year);
    out.into()
}

/// `expirationYear(string, maxElapsedYear)`: `{ isValid, isPotentiallyValid, isCurrentYear }`.
#[wasm_bindgen(js_name = compatExpirationYear)]
pub fn compat_expiration_year(value: &str, max: f64, year: f64, month: f64) -> JsValue {
    let Some(today) = today(year, month) else { return js::validity(None) };
    let check = omnigate_card::validate_expiry_year(value, today, js::years(max));
    let out = Bag::new();
    out.set_validity(&check.validity);
    out.set_is_current_year(check.is_current_year);
    out.into()
}
