//! Card input rules shared by the browser module, the edge Worker and the sandbox gateway.
//!
//! The crate is pure: no I/O, no clock, no serde and no wasm-bindgen, so the very same rules run
//! in every runtime. It has two layers.
//!
//! **Checks while typing.** [`validate_number`], [`validate_expiry`], [`validate_cvc`],
//! [`validate_holder`] and [`validate_postal_code`] take what the shopper has typed so far and
//! answer with a [`Validity`]: valid, potentially valid (more typing can make it valid) or
//! invalid with a [`CardError`] whose [`code`](CardError::code) is stable. They reproduce
//! card-validator 10.0.4 and credit-card-type 10.3.0 exactly, so a page can switch from those
//! libraries without any visible change. [`format_number`], [`format_expiry`] and
//! [`map_caret`] format the fields as they are typed.
//!
//! **Parsed values.** [`CardNumber`], [`Expiry`], [`Cvc`], [`Holder`] and [`PostalCode`] can
//! only be built from a complete, valid value. Once a value has its type nothing checks it
//! again. The card number and the CVC print masked; reading them takes `expose()`.
//!
//! Brands live in a [`BrandTable`]: [`BrandTable::standard`] has credit-card-type's 15 brands
//! plus Dankort, RuPay and UATP, and brands can be added, changed and removed at run time;
//! a bad definition or change answers a [`BrandError`], coded like a [`CardError`].
//! Time is an input: every expiry check takes "today" as a [`YearMonth`].
//!
//! # Examples
//!
//! Parsing a card at the edge before it is forwarded:
//!
//! ```
//! use omnigate_card::{CardNumber, Cvc, Expiry, YearMonth};
//!
//! let today = YearMonth::new(2026, 6)?;
//! let number: CardNumber = "3782 822463 10005".parse()?;
//! let expiry = Expiry::parse("11/29", today)?;
//! let cvc: Cvc = "1234".parse()?;
//!
//! assert_eq!(number.brand_id(), "american-express");
//! assert_eq!(number.to_string(), "378282*****0005");
//! assert!(!format!("{number:?}").contains(number.expose()));
//! assert_eq!(expiry.year(), 2029);
//! let brand = omnigate_card::BrandTable::standard().get(number.brand_id()).cloned();
//! assert!(brand.is_some_and(|b| cvc.fits(&b)));
//! # Ok::<(), omnigate_card::CardError>(())
//! ```
//!
//! Checking a number key by key, and reading why it failed:
//!
//! ```
//! use omnigate_card::{validate_number, BrandTable, NumberOptions, Validity};
//!
//! let table = BrandTable::standard();
//! let options = NumberOptions::default();
//!
//! // "4" could still be Visa, Naranja, Maestro or Elo.
//! let check = validate_number("4", &table, &options);
//! assert_eq!(check.state, Validity::PotentiallyValid);
//! assert!(check.brand.is_none());
//! assert_eq!(check.candidates.len(), 4);
//!
//! let check = validate_number("4111111111111111111", &table, &options);
//! assert_eq!(check.state.error().map(|e| e.code()), Some("invalid_luhn"));
//! ```
//!
//! Adding a brand of your own, checked before it is accepted:
//!
//! ```
//! use omnigate_card::{BrandSpec, BrandTable, PatternSpec};
//!
//! let mut table = BrandTable::standard();
//! let mut spec = BrandSpec::new("campus-card", "Campus Card");
//! spec.patterns = vec![PatternSpec::Range("990000".into(), "990099".into())];
//! table.add(spec.build()?)?;
//! assert_eq!(table.detect("990042")[0].id(), "campus-card");
//!
//! let mut duplicate = BrandSpec::new("visa", "Visa");
//! duplicate.patterns = vec![PatternSpec::Prefix("98".into())];
//! assert_eq!(table.add(duplicate.build()?).unwrap_err().code(), "duplicate_brand");
//! # Ok::<(), omnigate_card::BrandError>(())
//! ```

#![no_std]

extern crate alloc;

mod brand;
mod brands;
mod caret;
mod cvc;
mod error;
mod expiry;
mod expiry_rules;
mod format;
mod holder;
mod js;
mod matching;
mod number;
mod pan;
mod postal;
mod table;

pub use brand::{Brand, BrandSpec, BrandUpdate, Pattern, PatternSpec, SecurityCode};
pub use caret::map_caret;
pub use cvc::{Cvc, validate_cvc, validate_cvc_bounds, validate_cvc_lengths};
pub use error::{BrandError, CardError, Validity, push_decimal, push_text};
pub use expiry::{Expiry, YearMonth};
pub use expiry_rules::{
    DEFAULT_MAX_ELAPSED_YEAR, ExpiryCheck, ExpiryMonthCheck, ExpiryParts, ExpiryYearCheck,
    split_expiry, validate_expiry, validate_expiry_date, validate_expiry_month,
    validate_expiry_parts, validate_expiry_year,
};
pub use format::{
    DEFAULT_GAPS, EXPIRY_SEPARATOR, ExpiryText, format_expiry, format_number,
    push_formatted_number, strip_formatting,
};
pub use holder::{Holder, MAX_HOLDER_LENGTH, validate_holder};
pub use matching::BrandMatch;
pub use number::{NumberCheck, NumberOptions, validate_number};
pub use pan::CardNumber;
pub use postal::{DEFAULT_POSTAL_MIN_LENGTH, MAX_POSTAL_LENGTH, PostalCode, validate_postal_code};
pub use table::BrandTable;

/// Returns true when `digits` passes the Luhn (mod 10) checksum.
///
/// Only ASCII digits count; any other character makes the input fail, and so does an input with
/// fewer than two digits.
///
/// ```
/// assert!(omnigate_card::luhn("4111111111111111"));
/// assert!(!omnigate_card::luhn("4111111111111112"));
/// ```
pub fn luhn(digits: &str) -> bool {
    // Only digits when every byte is one: counted by the count the number checks share.
    digits.len() > 1 && js::digit_count(digits) == digits.len() && number::luhn_sum_ok(digits)
}
