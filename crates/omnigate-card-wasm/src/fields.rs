//! The other fields and the formatters: `validateExpiry`, `validateCvc`, `validateHolder`,
//! `validatePostalCode`, `formatNumber`, `formatExpiry` (with the caret) and `luhn`.

use alloc::vec::Vec;

use crate::packed::{self, FIELD, REST};
use crate::{buffer, tables};

/// Checks the expiry in the input's first `len` bytes against `today` (`year * 16 + month`).
/// Answers the validity flags, then from bit 2 the month (4 bits) and from bit 6 the
/// four-digit year, both 0 until the date is complete.
pub(crate) fn validate_expiry(len: usize, today: u32, max_elapsed_year: Option<f64>) -> u32 {
    let max = packed::years(max_elapsed_year);
    let (validity, date) = match packed::today(today) {
        Some(today) => buffer::with_input([len], |[text]| {
            omnigate_card::validate_expiry_date(text, today, max)
        }),
        None => (packed::unusable(), None),
    };
    let (month, year) = date.unwrap_or_default();
    packed::validity(&validity) | u32::from(month) << REST | u32::from(year) << (REST + 4)
}

/// Checks the security code in the input: `value`, then a brand id (`brand_len` bytes, maybe
/// none), then allowed lengths written as `3,4` (`lengths_len` bytes). The brand's code size
/// wins when the id is in the table; no lengths means 3 or 4.
pub(crate) fn validate_cvc(len: usize, brand_len: usize, lengths_len: usize) -> u32 {
    let validity = buffer::with_input([len, brand_len, lengths_len], |[text, brand, lengths]| {
        let size = tables::native(|table| table.get(brand).map(|b| b.security_code().size()));
        // Only a list from JS needs a vector; the other two are read where they are.
        let (brand_size, listed);
        let allowed: &[usize] = match (size, lengths.strip_prefix(":")) {
            (Some(size), _) => {
                brand_size = [usize::from(size)];
                &brand_size
            }
            (None, None) => &[3, 4],
            (None, Some(list)) => {
                listed = numbers(list);
                &listed
            }
        };
        omnigate_card::validate_cvc(text, allowed)
    });
    packed::validity(&validity)
}

/// The numbers of a comma-separated list (JS writes counts in decimal); an item that is not
/// a number reads as `usize::MAX`, which no code length reaches. The empty list reads as one
/// such item, which `validate_cvc` answers like no lengths at all: never complete.
fn numbers(list: &str) -> Vec<usize> {
    let mut numbers = Vec::new();
    // The item read so far: `None` before its first byte, `usize::MAX` once it holds a
    // non-digit (saturating keeps it there).
    let mut number = None;
    // A comma after the last item ends it like the others.
    for byte in list.bytes().chain([b',']) {
        number = match byte {
            b',' => {
                numbers.push(number.unwrap_or(usize::MAX));
                None
            }
            b'0'..=b'9' => Some(
                number.unwrap_or(0).saturating_mul(10).saturating_add(usize::from(byte - b'0')),
            ),
            _ => Some(usize::MAX),
        };
    }
    numbers
}

/// Checks the cardholder name in the input.
pub(crate) fn validate_holder(len: usize) -> u32 {
    packed::validity(&buffer::with_input([len], |[text]| omnigate_card::validate_holder(text)))
}

/// Checks the postal code in the input, at least `min_length` characters (0: the default).
pub(crate) fn validate_postal_code(len: usize, min_length: u32) -> u32 {
    let check = |[text]: [&str; 1]| omnigate_card::validate_postal_code(text, min_length as usize);
    packed::validity(&buffer::with_input([len], check))
}

/// Formats the number in the input with its brand's gaps. Leaves `caret` U+001F `formatted`
/// as the output text, `caret` being where a caret at `caret` in the input goes; answers the
/// text's length.
pub(crate) fn format_number(len: usize, caret: u32) -> usize {
    buffer::with_input([len], |[text]| {
        let formatted = tables::native(|table| omnigate_card::format_number(text, table));
        with_caret(text, caret, &formatted)
    })
}

/// Formats the expiry in the input as `MM / YY`, like [`format_number`].
pub(crate) fn format_expiry(len: usize, caret: u32) -> usize {
    buffer::with_input([len], |[text]| with_caret(text, caret, &omnigate_card::format_expiry(text)))
}

/// Leaves where a caret at `caret` in `text` goes in `formatted`, U+001F, then `formatted` as
/// the output text; answers its length.
fn with_caret(text: &str, caret: u32, formatted: &str) -> usize {
    let caret = omnigate_card::map_caret(text, caret as usize, formatted) as u32;
    // One text, written in place: no second string for the caret's decimal.
    let mut out = packed::decimal(caret);
    out.push_str(FIELD);
    out.push_str(formatted);
    buffer::emit(&[&out])
}

/// The Luhn checksum of the digits in the input.
pub(crate) fn luhn(len: usize) -> bool {
    buffer::with_input([len], |[digits]| omnigate_card::luhn(digits))
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn cvc_lengths_read_like_parse() {
        let max = usize::MAX;
        assert_eq!(numbers(""), [max]);
        for text in ["", "1", "12345"] {
            assert_eq!(
                omnigate_card::validate_cvc(text, &[max]),
                omnigate_card::validate_cvc(text, &[])
            );
        }
        assert_eq!(numbers("3,4"), [3, 4]);
        assert_eq!(numbers("0,,x,4a,99999999999999999999999"), [0, max, max, max, max]);
    }
}
