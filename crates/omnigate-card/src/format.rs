//! Formatting as the shopper types: card numbers with their brand's gaps, expiry as `MM / YY`.

use alloc::string::String;
use core::str;

use crate::expiry_rules::iso_date;

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
    let mut digits = [0; 6];
    let parts = match iso_date(input) {
        Some((year, month)) => {
            let pad = if month.len() < 2 { "0" } else { "" };
            [pad, month, EXPIRY_SEPARATOR, year].map(str::as_bytes)
        }
        None => typed_parts(input, &mut digits),
    };
    let mut out = String::with_capacity(9);
    for part in parts {
        out.push_str(str::from_utf8(part).unwrap_or_default());
    }
    out
}

/// [`format_expiry`] for all but `YYYY-M(M)`: the padding 0 of a one-digit month, the month
/// digits, the separator and the year digits, each maybe empty. `digits` holds those shown.
fn typed_parts<'a>(input: &'a str, digits: &'a mut [u8; 6]) -> [&'a [u8]; 4] {
    let mut count = 0;
    for digit in input.bytes().filter(u8::is_ascii_digit) {
        // "00" counts as "0": no month starts with two zeros.
        let second_zero = count == 1 && digits[0] == b'0' && digit == b'0';
        if let (false, Some(slot)) = (second_zero, digits.get_mut(count)) {
            *slot = digit;
            count += 1;
        }
    }
    let digits = digits.get(..count).unwrap_or_default();
    let last_digit = input.bytes().rposition(|b| b.is_ascii_digit());
    let after_last_digit = last_digit.and_then(|at| input.get(at + 1..)).unwrap_or("");
    let (pad, month, rest): (&[u8], _, _) = match digits {
        [] => (b"", digits, digits),
        [b'1'] if !after_last_digit.is_empty() => (b"0", digits, &[]),
        // A lone 0 or 1 waits for the month's second digit.
        [b'0' | b'1'] => (b"", digits, &[]),
        [b'0', _, rest @ ..] | [b'1', b'0'..=b'2', rest @ ..] => (b"", &digits[..2], rest),
        [first, rest @ ..] => (b"0", core::slice::from_ref(first), rest),
    };
    let year = rest.get(..4).unwrap_or(rest);
    // No separator after an unfinished month, nor when the shopper just deleted into it.
    let waiting =
        pad.len() + month.len() < 2 || year.is_empty() && matches!(after_last_digit, " " | " /");
    let separator = if waiting { "" } else { EXPIRY_SEPARATOR };
    [pad, month, separator.as_bytes(), year]
}
