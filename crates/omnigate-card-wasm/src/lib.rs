//! JavaScript exports of the `omnigate-card` npm package: each one converts its input, calls the
//! core and maps the result.
//!
//! Validation calls never throw: a value that is not a string is simply invalid. Calls that
//! change the brand table throw an `Error` whose `.code` is the core's [`CardError::code`]
//! (`invalid_brand`, `duplicate_brand`, `brand_not_found`...).
//!
//! [`CardError::code`]: omnigate_card::CardError::code

mod brands;
mod card;
mod compat;
mod fields;
mod js;
mod registry;

pub use brands::{
    add_brand, brand_info, brands, detect_brands, remove_brand, reset_brands, validate_number,
};
pub use card::validate_card;
pub use compat::{
    compat_add_card, compat_change_order, compat_detect, compat_expiration_date,
    compat_expiration_month, compat_expiration_parts, compat_expiration_year, compat_number,
    compat_remove_card, compat_reset, compat_type_info, compat_update_card,
};
pub use fields::{
    format_expiry, format_expiry_with_caret, format_number, format_number_with_caret, luhn,
    validate_cvc, validate_expiry, validate_holder, validate_postal_code,
};
