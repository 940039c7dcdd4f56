//! The module's exports, all in one place: the whole interface JS sees besides `memory`.
//!
//! Each export is a thin `extern "C"` function under its JS name that calls the safe function
//! doing the work, documented where it lives. Only numbers cross: `usize` and `u32` are wasm
//! `i32`s (JS reads a `u32` above `i32::MAX` as negative, so `npm/` reads results with `>>>` and
//! `&`), a flag is an `i32` that is 0 or not, and an optional JS number is a flag followed by an
//! `f64`. The module imports nothing; the linker exports its `memory`, which JS reads directly.

// Naming a symbol is "unsafe" to the compiler (two symbols with one name would clash at link
// time), so `#[unsafe(export_name)]` needs this allow; there is no unsafe block here (the
// crate's two are in `utf8.rs` and `lib.rs`, each with its reason).
#![allow(unsafe_code)]

use crate::{brands, buffer, card, fields};

/// An optional JS number as JS passes it: `given` (0 when the caller left it out), and the
/// number. [`crate::packed::years`] decides what an absent or odd number means.
fn optional(given: u32, value: f64) -> Option<f64> {
    (given != 0).then_some(value)
}

#[unsafe(export_name = "inputBuffer")]
extern "C" fn input_buffer(size: usize) -> usize {
    buffer::input_buffer(size)
}

#[unsafe(export_name = "outputBuffer")]
extern "C" fn output_buffer() -> usize {
    buffer::output_buffer()
}

#[unsafe(export_name = "listItem")]
extern "C" fn list_item(index: usize) -> u32 {
    buffer::list_item(index)
}

#[unsafe(export_name = "validateNumber")]
extern "C" fn validate_number(len: usize, max_length: u32, flags: u32) -> u32 {
    brands::validate_number(len, max_length, flags)
}

#[unsafe(export_name = "describeBrand")]
extern "C" fn describe_brand(index: usize) -> usize {
    brands::describe_brand(index)
}

#[unsafe(export_name = "addBrand")]
extern "C" fn add_brand(len: usize, replace: u32) -> usize {
    brands::add_brand(len, replace != 0)
}

#[unsafe(export_name = "removeBrand")]
extern "C" fn remove_brand(len: usize) -> usize {
    brands::remove_brand(len)
}

#[unsafe(export_name = "resetBrands")]
extern "C" fn reset_brands() {
    brands::reset_brands();
}

#[unsafe(export_name = "validateCard")]
#[allow(clippy::too_many_arguments)] // one length per card field, as `validateCard` documents
extern "C" fn validate_card(
    number: usize,
    expiry: usize,
    cvc: usize,
    holder: usize,
    options: u32,
    today: u32,
    max_given: u32,
    max: f64,
) -> usize {
    card::validate_card(number, expiry, cvc, holder, options, today, optional(max_given, max))
}

#[unsafe(export_name = "validateExpiry")]
extern "C" fn validate_expiry(len: usize, today: u32, max_given: u32, max: f64) -> u32 {
    fields::validate_expiry(len, today, optional(max_given, max))
}

#[unsafe(export_name = "validateCvc")]
extern "C" fn validate_cvc(len: usize, shortest: usize, longest: usize, allowed: u32) -> u32 {
    fields::validate_cvc(len, shortest, longest, allowed)
}

#[unsafe(export_name = "validateHolder")]
extern "C" fn validate_holder(len: usize) -> u32 {
    fields::validate_holder(len)
}

#[unsafe(export_name = "validatePostalCode")]
extern "C" fn validate_postal_code(len: usize, min_length: u32) -> u32 {
    fields::validate_postal_code(len, min_length)
}

#[unsafe(export_name = "formatNumber")]
extern "C" fn format_number(len: usize, caret: u32) -> usize {
    fields::format_number(len, caret)
}

#[unsafe(export_name = "formatExpiry")]
extern "C" fn format_expiry(len: usize, caret: u32) -> usize {
    fields::format_expiry(len, caret)
}

/// 1 when the Luhn checksum holds, else 0.
#[unsafe(export_name = "luhn")]
extern "C" fn luhn(len: usize) -> u32 {
    u32::from(fields::luhn(len))
}

/// The exports of the compat module only (`omnigate-card/compat`).
#[cfg(feature = "compat")]
mod compat {
    use super::optional;
    use crate::compat;

    #[unsafe(export_name = "compatCvv")]
    extern "C" fn compat_cvv(len: usize, shortest: usize, too_long: usize, allowed: u32) -> u32 {
        compat::compat_cvv(len, shortest, too_long, allowed)
    }

    #[unsafe(export_name = "compatNumber")]
    extern "C" fn compat_number(len: usize, max_length: u32, flags: u32) -> u32 {
        compat::compat_number(len, max_length, flags)
    }

    #[unsafe(export_name = "compatDetect")]
    extern "C" fn compat_detect(len: usize) -> u32 {
        compat::compat_detect(len)
    }

    #[unsafe(export_name = "compatDescribe")]
    extern "C" fn compat_describe(index: usize) -> usize {
        compat::compat_describe(index)
    }

    #[unsafe(export_name = "compatTypeInfo")]
    extern "C" fn compat_type_info(len: usize) -> usize {
        compat::compat_type_info(len)
    }

    #[unsafe(export_name = "compatAddCard")]
    extern "C" fn compat_add_card(len: usize) -> usize {
        compat::compat_add_card(len)
    }

    #[unsafe(export_name = "compatUpdateCard")]
    extern "C" fn compat_update_card(len: usize) -> usize {
        compat::compat_update_card(len)
    }

    #[unsafe(export_name = "compatRemoveCard")]
    extern "C" fn compat_remove_card(len: usize) -> usize {
        compat::compat_remove_card(len)
    }

    #[unsafe(export_name = "compatChangeOrder")]
    extern "C" fn compat_change_order(len: usize, position: f64) -> usize {
        compat::compat_change_order(len, position)
    }

    #[unsafe(export_name = "compatReset")]
    extern "C" fn compat_reset() {
        compat::compat_reset();
    }

    #[unsafe(export_name = "compatExpirationDate")]
    extern "C" fn compat_expiration_date(len: usize, max_given: u32, max: f64, today: u32) -> u32 {
        compat::compat_expiration_date(len, optional(max_given, max), today)
    }

    #[unsafe(export_name = "compatExpirationParts")]
    extern "C" fn compat_expiration_parts(
        month: usize,
        year: usize,
        max_given: u32,
        max: f64,
        today: u32,
    ) -> u32 {
        compat::compat_expiration_parts(month, year, optional(max_given, max), today)
    }

    #[unsafe(export_name = "compatExpirationMonth")]
    extern "C" fn compat_expiration_month(len: usize, today: u32) -> u32 {
        compat::compat_expiration_month(len, today)
    }

    #[unsafe(export_name = "compatExpirationYear")]
    extern "C" fn compat_expiration_year(len: usize, max_given: u32, max: f64, today: u32) -> u32 {
        compat::compat_expiration_year(len, optional(max_given, max), today)
    }
}
