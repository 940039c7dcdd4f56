//! The JavaScript side of the shim: reading inputs and options, filling result objects, and
//! turning a [`CardError`] into an `Error` with a `.code`.
//!
//! Properties are read and written through typed bindings (`#[wasm_bindgen(getter)]` /
//! `setter`), which the glue turns into plain `obj.name` and `obj.name = value`: no property
//! name crosses the boundary and nothing is caught, so a validation call stays a handful of
//! cheap calls. Reading a property of `undefined` or `null` would throw, so every read goes
//! through [`Bag::of`], which only hands out real objects.

use std::cell::Cell;

use js_sys::{Array, Date, Object, Reflect};
use omnigate_card::{CardError, Validity, YearMonth};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Any plain object the shim reads (inputs, options) or builds (results).
    #[wasm_bindgen(extends = Object)]
    pub(crate) type Bag;

    #[wasm_bindgen(method, getter)]
    pub(crate) fn number(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn expiry(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn cvc(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn holder(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn today(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = maxElapsedYear)]
    pub(crate) fn max_elapsed_year(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = maxLength)]
    pub(crate) fn max_length(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = minLength)]
    pub(crate) fn min_length(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = luhnValidateUnionPay)]
    pub(crate) fn luhn_validate_union_pay(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = skipLuhnValidation)]
    pub(crate) fn skip_luhn_validation(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn brand(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn replace(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn id(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn name(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = gatewayBrand)]
    pub(crate) fn gateway_brand(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = type)]
    pub(crate) fn type_(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter = niceType)]
    pub(crate) fn nice_type(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn patterns(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn lengths(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn gaps(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn code(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn size(this: &Bag) -> JsValue;
    #[wasm_bindgen(method, getter)]
    pub(crate) fn luhn(this: &Bag) -> JsValue;

    #[wasm_bindgen(method, setter = isValid)]
    pub(crate) fn set_is_valid(this: &Bag, value: bool);
    #[wasm_bindgen(method, setter = isPotentiallyValid)]
    pub(crate) fn set_is_potentially_valid(this: &Bag, value: bool);
    #[wasm_bindgen(method, setter = isValidForThisYear)]
    pub(crate) fn set_is_valid_for_this_year(this: &Bag, value: bool);
    #[wasm_bindgen(method, setter = isCurrentYear)]
    pub(crate) fn set_is_current_year(this: &Bag, value: bool);
    #[wasm_bindgen(method, setter = brand)]
    pub(crate) fn set_brand(this: &Bag, value: &JsValue);
    #[wasm_bindgen(method, setter = candidates)]
    pub(crate) fn set_candidates(this: &Bag, value: &JsValue);
    #[wasm_bindgen(method, setter = month)]
    pub(crate) fn set_month(this: &Bag, value: &JsValue);
    #[wasm_bindgen(method, setter = year)]
    pub(crate) fn set_year(this: &Bag, value: &JsValue);
    #[wasm_bindgen(method, setter = month)]
    pub(crate) fn set_month_number(this: &Bag, value: f64);
    #[wasm_bindgen(method, setter = year)]
    pub(crate) fn set_year_number(this: &Bag, value: f64);
    #[wasm_bindgen(method, setter = id)]
    pub(crate) fn set_id(this: &Bag, value: &JsValue);
    #[wasm_bindgen(method, setter = matchStrength)]
    pub(crate) fn set_match_strength(this: &Bag, value: f64);
    #[wasm_bindgen(method, setter = value)]
    pub(crate) fn set_value(this: &Bag, value: &str);
    #[wasm_bindgen(method, setter = caret)]
    pub(crate) fn set_caret(this: &Bag, value: f64);
}

impl Bag {
    /// A new empty result object.
    pub(crate) fn new() -> Self {
        Object::new().unchecked_into()
    }

    /// `value` as an object whose properties can be read, or `None` for primitives, `null` and
    /// `undefined` (options that were left out).
    pub(crate) fn of(value: &JsValue) -> Option<&Self> {
        value.is_object().then(|| value.unchecked_ref())
    }

    /// Sets `isValid` and `isPotentiallyValid` from a check's outcome.
    pub(crate) fn set_validity(&self, validity: &Validity) {
        self.set_is_valid(validity.is_valid());
        self.set_is_potentially_valid(validity.is_potentially_valid());
    }
}

/// Reads one option: `get(options)` when `options` is an object, else `undefined`.
pub(crate) fn option(options: &JsValue, get: impl FnOnce(&Bag) -> JsValue) -> JsValue {
    Bag::of(options).map_or(JsValue::UNDEFINED, get)
}

/// `{ isValid, isPotentiallyValid }`, both false when the input was not a string.
pub(crate) fn validity(validity: Option<Validity>) -> JsValue {
    let out = Bag::new();
    out.set_validity(&validity.unwrap_or(Validity::Invalid(CardError::InvalidCharacters)));
    out.into()
}

/// A non-negative whole number option (`maxLength`, `minLength`...), truncated like JS does.
pub(crate) fn count(value: &JsValue) -> Option<usize> {
    value.as_f64().filter(|n| *n >= 0.0 && n.is_finite()).map(|n| n as usize)
}

/// A JS number converted the way a `u16` parameter would be, for `maxElapsedYear`.
pub(crate) fn years(value: f64) -> u16 {
    if value.is_nan() { 0 } else { value.clamp(0.0, f64::from(u16::MAX)) as u16 }
}

/// "Today" from a `Date` option, or from the clock when it is left out. This is the only
/// place the package reads a clock. `None` for anything else, or an invalid date.
pub(crate) fn today(value: &JsValue) -> Option<YearMonth> {
    let date = match value.dyn_ref::<Date>() {
        Some(date) => date.clone(),
        None if value.is_undefined() => return now(),
        None => return None,
    };
    year_month(&date)
}

/// The current month, read from the clock at most once per month.
///
/// `Date.now()` is cheap, `new Date()` and its getters are not, and a keystroke check wants to
/// be cheap: the month is cached with the local-time instants where it starts and ends, and
/// read again only when the clock leaves that span (forwards or backwards).
pub(crate) fn now() -> Option<YearMonth> {
    thread_local! {
        static MONTH: Cell<(f64, f64, Option<YearMonth>)> = const { Cell::new((0.0, 0.0, None)) };
    }
    let now = Date::now();
    MONTH.with(|cached| {
        let (start, end, month) = cached.get();
        if month.is_some() && start <= now && now < end {
            return month;
        }
        let date = Date::new(&now.into());
        let (year, month) = (date.get_full_year(), date.get_month());
        let start = Date::new_with_year_month_day(year, month as i32, 1).get_time();
        let end = Date::new_with_year_month_day(year, month as i32 + 1, 1).get_time();
        let today = year_month(&date);
        cached.set((start, end, today));
        today
    })
}

fn year_month(date: &Date) -> Option<YearMonth> {
    let year = u16::try_from(date.get_full_year()).ok()?;
    let month = u8::try_from(date.get_month() + 1).ok()?;
    YearMonth::new(year, month).ok()
}

/// Sets `key` on a new-built object (errors, brand descriptions); cannot fail on those.
pub(crate) fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// An array of numbers.
pub(crate) fn numbers(values: impl IntoIterator<Item = f64>) -> Array {
    values.into_iter().map(JsValue::from_f64).collect()
}

/// The JS `Error` thrown for `error`: its message, with `.code` set to the stable code.
pub(crate) fn error(error: &CardError) -> JsValue {
    let thrown = js_sys::Error::new(&error.to_string());
    set(&thrown, "code", &JsValue::from_str(error.code()));
    thrown.into()
}
