//! Formatting as the shopper types: card numbers with their brand's gaps, expiry as `MM / YY`.

use alloc::{borrow::ToOwned, string::String};

use crate::table::BrandTable;

/// Gaps used while the brand is unknown or ambiguous: groups of four.
pub const DEFAULT_GAPS: [u8; 3] = [4, 8, 12];

/// The separator [`format_expiry`] puts between month and year.
pub const EXPIRY_SEPARATOR: &str = " / ";

/// The ASCII digits of `input`, everything else dropped. It undoes [`format_number`].
pub fn strip_formatting(input: &str) -> String {
    // Bytes, not chars: no byte of a multi-byte character is an ASCII digit.
    let mut digits = String::new();
    for byte in input.bytes().filter(u8::is_ascii_digit) {
        digits.push(char::from(byte));
    }
    digits
}

/// Formats a card number with a space at each gap of its brand: American Express and Diners
/// Club 4-6-5 / 4-6-4, the others in fours. While no single brand is detected, groups of four.
///
/// Only the digits of `input` are kept and none are cut, so
/// `strip_formatting(&format_number(s, t)) == strip_formatting(s)`.
///
/// ```
/// use omnigate_card::{format_number, BrandTable};
///
/// let table = BrandTable::standard();
/// assert_eq!(format_number("378282246310005", &table), "3782 822463 10005");
/// assert_eq!(format_number("4111-1111-1", &table), "4111 1111 1");
/// ```
pub fn format_number(input: &str, table: &BrandTable) -> String {
    let digits = strip_formatting(input);
    let (candidates, _) = table.digit_candidates(&digits);
    let gaps = match candidates.as_slice() {
        [brand] => brand.gaps(),
        _ => &DEFAULT_GAPS,
    };
    let mut out = String::new();
    // The digits again, filtered from `input`: the optimiser then knows each is ASCII.
    for (index, digit) in input.bytes().filter(u8::is_ascii_digit).enumerate() {
        if index > 0 && gaps.iter().any(|&gap| usize::from(gap) == index) {
            out.push(' ');
        }
        out.push(char::from(digit));
    }
    out
}

/// Formats an expiry as `MM / YY` (or `MM / YYYY`) while it is typed.
///
/// Rules, in order:
/// - `YYYY-M` and `YYYY-MM` are rewritten to `MM / YYYY`.
/// - Only digits count; a second leading zero is dropped (`"00"` → `"0"`: no month starts so).
/// - A first digit 2–9 is a whole month: `"4"` → `"04 / "`. So is `1` followed by 3–9:
///   `"13"` → `"01 / 3"`. A `1` followed by a typed separator becomes `"01 / "`.
/// - A lone `0` or `1` waits for the second digit: `"1"` → `"1"`.
/// - A complete month gets the separator at once: `"12"` → `"12 / "`; year digits follow,
///   at most four: `"1228"` → `"12 / 28"`.
/// - When the text ends with only part of the separator (`"12 /"` or `"12 "`), the shopper has
///   just deleted into it, so the separator is dropped: `"12 /"` → `"12"`.
///
/// ```
/// use omnigate_card::format_expiry;
///
/// assert_eq!(format_expiry("4"), "04 / ");
/// assert_eq!(format_expiry("1228"), "12 / 28");
/// assert_eq!(format_expiry("12 /"), "12");
/// ```
pub fn format_expiry(input: &str) -> String {
    let b = input.as_bytes();
    let iso = (b.len() == 6 || b.len() == 7)
        && b[4] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit());
    if iso {
        let month = &input[5..];
        return [if month.len() < 2 { "0" } else { "" }, month, EXPIRY_SEPARATOR, &input[..4]]
            .concat();
    }
    let mut digits = strip_formatting(input);
    while digits.starts_with("00") {
        digits.remove(0);
    }
    let after_last_digit =
        input.rfind(|c: char| c.is_ascii_digit()).map_or("", |i| &input[i + 1..]);
    let bytes = digits.as_bytes();
    let (month, rest) = match bytes {
        [] => return String::new(),
        [b'2'..=b'9', ..] | [b'1', b'3'..=b'9', ..] => (["0", &digits[..1]].concat(), &digits[1..]),
        [b'1'] if !after_last_digit.is_empty() => ("01".to_owned(), ""),
        [_] => return digits,
        _ => (digits[..2].to_owned(), &digits[2..]),
    };
    let year = rest.get(..4).unwrap_or(rest);
    if year.is_empty() && (after_last_digit == " " || after_last_digit == " /") {
        return month;
    }
    [month.as_str(), EXPIRY_SEPARATOR, year].concat()
}
