//! Card numbers and brands: `validateNumber`, `detectBrands`, `brandInfo`, `brands`,
//! `addBrand`, `removeBrand` and `resetBrands`, over the package's own brand table.

use js_sys::Array;
use omnigate_card::{BrandTable, CardError, NumberOptions, Validity};
use wasm_bindgen::prelude::*;

use crate::js::{self, Bag};
use crate::registry;

/// card-validator's number options from `{ maxLength, luhnValidateUnionPay, skipLuhnValidation }`.
pub(crate) fn number_options(options: &JsValue) -> NumberOptions {
    let Some(options) = Bag::of(options) else { return NumberOptions::default() };
    NumberOptions {
        max_length: js::count(&options.max_length()),
        luhn_validate_union_pay: options.luhn_validate_union_pay().as_bool() == Some(true),
        skip_luhn_validation: options.skip_luhn_validation().as_bool() == Some(true),
    }
}

/// `{ brand, candidates, isPotentiallyValid, isValid }` for a card number as typed.
#[wasm_bindgen(js_name = validateNumber)]
pub fn validate_number(value: JsValue, options: JsValue) -> JsValue {
    let options = number_options(&options);
    let out = Bag::new();
    let Some(text) = value.as_string() else {
        out.set_brand(&JsValue::NULL);
        out.set_candidates(&Array::new());
        out.set_validity(&Validity::Invalid(CardError::InvalidCharacters));
        return out.into();
    };
    registry::native(|view| {
        let check = omnigate_card::validate_number(&text, view.table, &options);
        out.set_brand(&check.brand.map_or(JsValue::NULL, |b| view.info(b)));
        out.set_candidates(&view.ids(&check.candidates));
        out.set_validity(&check.state);
        out.into()
    })
}

/// The ids of the brands a number as typed can still belong to, in priority order.
#[wasm_bindgen(js_name = detectBrands)]
pub fn detect_brands(value: JsValue) -> Array {
    let Some(text) = value.as_string() else { return Array::new() };
    registry::native(|view| {
        let options = NumberOptions::default();
        view.ids(&omnigate_card::validate_number(&text, view.table, &options).candidates)
    })
}

/// The description of the brand `id`, or `null`.
#[wasm_bindgen(js_name = brandInfo)]
pub fn brand_info(id: JsValue) -> JsValue {
    let Some(id) = id.as_string() else { return JsValue::NULL };
    registry::native(|view| view.table.get(&id).map_or(JsValue::NULL, |b| view.info(b)))
}

/// Every brand's description, in priority order.
#[wasm_bindgen]
pub fn brands() -> Array {
    registry::native(|view| view.table.iter().map(|b| view.info(b)).collect())
}

/// Adds a brand at the lowest priority, or replaces the brand with its id in place when
/// `options.replace` is true. Throws `invalid_brand`, `duplicate_brand` or `brand_not_found`.
#[wasm_bindgen(js_name = addBrand)]
pub fn add_brand(spec: JsValue, options: JsValue) -> Result<(), JsValue> {
    let object = Bag::of(&spec).ok_or_else(|| js::error(&not_an_object()))?;
    let mut parsed =
        registry::read_spec(object, object.id(), object.name()).map_err(|e| js::error(&e))?;
    if let Some(gateway) = object.gateway_brand().as_string() {
        parsed.gateway_brand = gateway;
    }
    parsed.luhn = object.luhn().as_bool().unwrap_or(true);
    let brand = parsed.build().map_err(|e| js::error(&e))?;
    let replace = js::option(&options, Bag::replace).as_bool() == Some(true);
    registry::native_mut(
        |table| if replace { table.replace(brand).map(drop) } else { table.add(brand) },
    )
    .map_err(|e| js::error(&e))
}

fn not_an_object() -> CardError {
    CardError::InvalidBrand { field: "spec", reason: "must be an object" }
}

/// Takes the brand `id` out of detection. Throws `brand_not_found`.
#[wasm_bindgen(js_name = removeBrand)]
pub fn remove_brand(id: JsValue) -> Result<(), JsValue> {
    let id = id.as_string().unwrap_or_default();
    registry::native_mut(|table| table.remove(&id).map(drop)).map_err(|e| js::error(&e))
}

/// Puts the built-in brands back, undoing every `addBrand` and `removeBrand`.
#[wasm_bindgen(js_name = resetBrands)]
pub fn reset_brands() {
    registry::native_mut(|table| *table = BrandTable::standard());
}
