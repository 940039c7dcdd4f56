//! Formatting as the shopper types: card numbers with their brand's gaps, expiry as `MM / YY`.

use alloc::string::String;
use core::str;

use crate::error::{push, push_ascii};
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
    let mut out = String::new();
    push_formatted_number(&mut out, input, table);
    out
}

/// Appends [`format_number`]'s text to `out`: for callers that write it into a buffer of
/// their own, with no string made for it.
pub fn push_formatted_number(out: &mut String, input: &str, table: &BrandTable) {
    // Detection's answer, read where it lies: destructured, its list was copied first.
    let found = crate::matching::digit_check(table.as_slice(), input);
    let gaps = match found.candidates.as_slice() {
        [brand] => brand.gaps(),
        _ => &DEFAULT_GAPS,
    };
    // Read from `input` as detection read them: no copy of the digits is made. A plain loop
    // that skips the other bytes gzips smaller than a filtered, counted iterator.
    let mut index = 0;
    for digit in input.bytes() {
        if !digit.is_ascii_digit() {
            continue;
        }
        // Gaps are 1 or more (a brand's record is checked), so no space leads.
        // Appended as text through `push`: `String::push` inlines a growing path of its own.
        if gaps.iter().any(|&gap| usize::from(gap) == index) {
            push(out, " ");
        }
        push_ascii(out, digit);
        index += 1;
    }
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
    String::from(ExpiryText::format(input).as_str())
}

/// A [`format_expiry`] result held in place: it is never longer than `MM / YYYY`, so a caller
/// that only reads it (the browser module writes it straight into its output) allocates
/// nothing.
#[derive(Clone, Copy, Debug)]
pub struct ExpiryText {
    /// [`EXPIRY_TEMPLATE`] with the digits set.
    text: [u8; EXPIRY_TEMPLATE.len()],
    /// How much of `text` shows.
    len: usize,
}

impl ExpiryText {
    /// Formats `input` as [`format_expiry`] does.
    // `inline`: the browser module's `formatExpiry` then keeps the text out of a copy in
    // memory (-9 B gzip).
    #[inline]
    pub fn format(input: &str) -> Self {
        let mut text = EXPIRY_TEMPLATE;
        let len = match iso_date(input.as_bytes()) {
            Some((year, month)) => {
                // The month right-aligned in `MM` (a one-digit one after the template's 0), the
                // four-digit year after the separator. (`iso_date` gives no other lengths.)
                if let [.., ones] = *month {
                    text[1] = ones;
                }
                if let [tens, _] = *month {
                    text[0] = tens;
                }
                if let [a, b, c, d] = *year {
                    [text[YEAR_AT], text[YEAR_AT + 1], text[YEAR_AT + 2], text[YEAR_AT + 3]] =
                        [a, b, c, d];
                }
                text.len()
            }
            None => put_typed(input, &mut text),
        };
        Self { text, len }
    }

    /// The formatted text.
    pub fn as_str(&self) -> &str {
        // ASCII only (the template and ASCII digits), so the check never fails.
        str::from_utf8(self.as_bytes()).unwrap_or_default()
    }

    /// The formatted text's bytes (ASCII), for callers with a UTF-8 check of their own.
    pub fn as_bytes(&self) -> &[u8] {
        self.text.get(..self.len).unwrap_or_default()
    }

    /// The whole `MM / YYYY` template with the digits set, and how many of its bytes the text
    /// shows: for callers whose own UTF-8 check cuts the text too, so that it is cut once.
    ///
    /// ```
    /// let text = omnigate_card::ExpiryText::format("4");
    /// assert_eq!(text.template(), (&b"04 / 0000"[..], 5));
    /// assert_eq!(text.as_str(), "04 / ");
    /// ```
    pub fn template(&self) -> (&[u8], usize) {
        (&self.text, self.len)
    }
}

/// Every [`format_expiry`] result is the start of this text, with its digits set: `MM`, the
/// separator, `YYYY`.
const EXPIRY_TEMPLATE: [u8; 9] = {
    let separator = EXPIRY_SEPARATOR.as_bytes();
    [b'0', b'0', separator[0], separator[1], separator[2], b'0', b'0', b'0', b'0']
};

/// Where the year starts in [`EXPIRY_TEMPLATE`].
const YEAR_AT: usize = 2 + EXPIRY_SEPARATOR.len();

/// [`format_expiry`] for all but `YYYY-M(M)`: sets the digits of `text` and answers how much
/// of it shows.
fn put_typed(input: &str, text: &mut [u8; EXPIRY_TEMPLATE.len()]) -> usize {
    // One step per digit, how much of `text` shows so far telling where the digit goes.
    // The bytes after the last digit are kept as the walk leaves them: no index to cut at.
    let (mut len, mut after_last_digit, mut rest) = (0, input.as_bytes(), input.as_bytes());
    while let [digit, tail @ ..] = rest {
        rest = tail;
        let digit = *digit;
        if !digit.is_ascii_digit() {
            continue;
        }
        after_last_digit = rest;
        len = match (len, text[0], digit) {
            // "00" counts as "0": no month starts with two zeros.
            (1, b'0', b'0') => 1,
            // A lone 0 or 1 waits for the month's second digit.
            (0, _, b'0' | b'1') => {
                text[0] = digit;
                1
            }
            // A 1 followed by 3–9 is January and the year's first digit.
            (1, b'1', b'3'..=b'9') => {
                (text[0], text[1], text[YEAR_AT]) = (b'0', b'1', digit);
                YEAR_AT + 1
            }
            // A first digit 2–9 is a whole month (after the template's 0); a complete month
            // shows the separator at once.
            (0 | 1, _, _) => {
                text[1] = digit;
                YEAR_AT
            }
            // A year digit, up to four.
            _ => match text.get_mut(len) {
                Some(slot) => {
                    *slot = digit;
                    len + 1
                }
                None => len,
            },
        };
    }
    // A 1 followed by a typed separator is January.
    if len == 1 && text[0] == b'1' && !after_last_digit.is_empty() {
        (text[0], text[1], len) = (b'0', b'1', YEAR_AT);
    }
    // Text that ends with part of the separator after a month: the shopper just deleted into it.
    if len == YEAR_AT && matches!(after_last_digit, b" " | b" /") { 2 } else { len }
}
