//! JavaScript exports of the `omnigate-card` npm package: each one converts its input, calls the
//! core and maps the result.

use wasm_bindgen::prelude::wasm_bindgen;

/// Luhn checksum of a string of digits (`luhn('4111111111111111') === true`).
#[wasm_bindgen]
pub fn luhn(digits: &str) -> bool {
    omnigate_card::luhn(digits)
}
