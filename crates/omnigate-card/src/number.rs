//! Card number checks while typing: card-validator 10.0.4's `number()`, over any brand table.

use alloc::vec::Vec;

use crate::brand::Brand;
use crate::error::{CardError, Validity};
use crate::js;
use crate::table::BrandTable;

/// Options of [`validate_number`], named after card-validator's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NumberOptions {
    /// Numbers longer than this are invalid, and it caps the brand's longest length.
    /// `Some(0)` counts as `None`, like the JavaScript option's falsy `0`.
    pub max_length: Option<usize>,
    /// Check the Luhn digit even for brands exempt from it (in the built-in tables, UnionPay).
    pub luhn_validate_union_pay: bool,
    /// Do not check the Luhn digit at all.
    pub skip_luhn_validation: bool,
}

/// What [`validate_number`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberCheck<'t> {
    /// The brand, once exactly one candidate is left (card-validator's `card`).
    pub brand: Option<&'t Brand>,
    /// The strength of that brand's match (credit-card-type's `matchStrength` on `card`).
    pub match_strength: Option<usize>,
    /// Every brand the number can still belong to, in priority order.
    pub candidates: Vec<&'t Brand>,
    /// Valid, potentially valid or invalid with the reason.
    pub state: Validity,
}

/// Checks a card number as the shopper types it, exactly like card-validator's `number()`.
///
/// Spaces and hyphens are ignored; any other non-digit makes the number invalid. While several
/// brands remain the number is potentially valid. With one brand: a number at an allowed length
/// is valid when its Luhn digit is right (or the brand is exempt); a number shorter than the
/// brand's longest length is potentially valid.
///
/// ```
/// use omnigate_card::{validate_number, BrandTable, NumberOptions};
///
/// let table = BrandTable::standard();
/// let check = validate_number("4111 1111 1111 1111", &table, &NumberOptions::default());
/// assert!(check.state.is_valid());
/// assert_eq!(check.brand.map(|b| b.id()), Some("visa"));
/// ```
pub fn validate_number<'t>(
    input: &str,
    table: &'t BrandTable,
    options: &NumberOptions,
) -> NumberCheck<'t> {
    if !js::is_number_text(input) {
        let state = Validity::Invalid(CardError::InvalidCharacters);
        return NumberCheck { brand: None, match_strength: None, candidates: Vec::new(), state };
    }
    // From here on only the digits count: each step reads them in `input`, skipping the rest.
    // One answer is built for every outcome: with no candidate the strength is `None` and the
    // list empty, as card-validator answers an unknown brand.
    let mut check = crate::matching::digit_check(table.as_slice(), input);
    (check.brand, check.state) = match check.candidates.as_slice() {
        [] => (None, Validity::Invalid(CardError::UnknownBrand)),
        [only] => (Some(*only), single_brand_state(input, only, options)),
        _ => (None, Validity::PotentiallyValid),
    };
    check
}

/// card-validator's rules once the brand is known, over the digits of `text`.
fn single_brand_state(text: &str, brand: &Brand, options: &NumberOptions) -> Validity {
    let length = js::digit_count(text);
    // No cap (`None` or `Some(0)`) reads as a cap no number reaches.
    let cap = options.max_length.filter(|&cap| cap > 0).unwrap_or(usize::MAX);
    if length > cap {
        return Validity::Invalid(CardError::TooLong);
    }
    let exempt = !brand.luhn() && !options.luhn_validate_union_pay;
    let luhn_ok = options.skip_luhn_validation || exempt || luhn_sum_ok(text);
    // One pass over the brand's lengths answers both questions (`Brand::max_length` would
    // take a second).
    let (mut allowed, mut longest) = (false, 0);
    for &brand_length in brand.lengths() {
        allowed |= usize::from(brand_length) == length;
        longest = longest.max(usize::from(brand_length));
    }
    let longest = longest.min(cap);
    if allowed {
        Validity::from_flags(luhn_ok, length < longest || luhn_ok, CardError::InvalidLuhn)
    } else {
        Validity::from_flags(false, length < longest, CardError::TooLong)
    }
}

/// The Luhn sum of the ASCII digits of `text`, like card-validator's `luhn10` (which accepts
/// `""`). Kept out of line: `validate_number` and [`luhn`](crate::luhn) share one copy.
#[inline(never)]
pub(crate) fn luhn_sum_ok(text: &str) -> bool {
    let mut sum = 0u32;
    for (position, byte) in js::ascii_digits(text).rev().enumerate() {
        // Every second digit from the right is doubled; a doubled digit over 9 (at most 18)
        // counts as the sum of its two digits, which is 9 less.
        let value = u32::from(byte.wrapping_sub(b'0')) << (position % 2);
        sum += if value > 9 { value - 9 } else { value };
    }
    sum.is_multiple_of(10)
}
