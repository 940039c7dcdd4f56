//! The other fields and the formatters: `validateExpiry`, `validateCvc`, `validateHolder`,
//! `validatePostalCode`, `formatNumber`, `formatExpiry` (with the caret) and `luhn`.

use alloc::string::String;

use omnigate_card::{CardError, Validity};

use crate::packed::{self, FIELD, REST};
use crate::{buffer, tables};

/// Checks the expiry in the input's first `len` bytes against `today` (`year * 16 + month`).
/// Answers the validity flags, then from bit 2 the month (4 bits) and from bit 6 the
/// four-digit year, both 0 until the date is complete.
pub(crate) fn validate_expiry(len: usize, today: u32, max_elapsed_year: Option<f64>) -> u32 {
    // A `today` that cannot date the card makes every expiry invalid: no flags, no date.
    let Some(today) = packed::today(today) else { return 0 };
    let max = packed::years(max_elapsed_year);
    let (validity, date) =
        buffer::with_text(len, |text| omnigate_card::validate_expiry_date(text, today, max));
    let (month, year) = date.unwrap_or_default();
    packed::validity(&validity) | u32::from(month) << REST | u32::from(year) << (REST + 4)
}

/// Checks the security code in the input against the allowed lengths, which JS hands over as
/// three counts: the shortest, the longest, and the code's length when it is allowed (else the
/// longest again). [`omnigate_card::validate_cvc`] asks no more of a list than that: whether
/// the length is allowed, whether every length is longer, and which is the longest. So a
/// brand's code size, a `maxLength` list or the default 3 or 4 cross as numbers, with no id to
/// look up and no list to parse here.
pub(crate) fn validate_cvc(len: usize, shortest: usize, longest: usize, typed: usize) -> u32 {
    // Packed inside the read: the flags leave it as a number, not a `Validity` kept in memory.
    let check =
        |[text]: [&str; 1]| packed::validity(&cvc_validity(text, [shortest, longest, typed]));
    buffer::with_input([len], check)
}

/// [`omnigate_card::validate_cvc`] of `text` for a list of lengths that JS summed up as
/// `[shortest, longest, typed]` (see [`validate_cvc`]), asked of the three counts directly: the
/// core's one loop over a list in memory took more code (-25 B gzip). The tests below hold the
/// two equal for lists of every shape.
fn cvc_validity(text: &str, [shortest, longest, typed]: [usize; 3]) -> Validity {
    let length = text.len();
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        Validity::Invalid(CardError::InvalidCharacters)
    } else if typed == length {
        // Allowed: `typed` is the code's length only when the list holds it.
        Validity::Valid
    } else if length < shortest {
        // Every allowed length is longer: typing more can complete the code.
        Validity::PotentiallyValid
    } else if length > longest.max(3) {
        Validity::Invalid(CardError::TooLong)
    } else {
        // card-validator's leniency: between the shortest and the larger of 3 and the longest.
        Validity::Valid
    }
}

/// Checks the cardholder name in the input.
pub(crate) fn validate_holder(len: usize) -> u32 {
    // Packed inside the read, like `validate_cvc`'s flags.
    buffer::with_input([len], |[text]| packed::validity(&omnigate_card::validate_holder(text)))
}

/// Checks the postal code in the input, at least `min_length` characters (0: the default).
pub(crate) fn validate_postal_code(len: usize, min_length: u32) -> u32 {
    let check = |[text]: [&str; 1]| omnigate_card::validate_postal_code(text, min_length as usize);
    packed::validity(&buffer::with_input([len], check))
}

/// Formats the number in the input with its brand's gaps. Leaves `formatted` U+001F `caret`
/// as the output text, `caret` being where a caret at `caret` in the input goes; answers the
/// text's length.
pub(crate) fn format_number(len: usize, caret: u32) -> usize {
    buffer::with_input([len], |[text]| {
        // Formatted straight into the output: no string of its own.
        buffer::write(|out| {
            tables::native(|table| omnigate_card::push_formatted_number(out, text, table));
            push_caret(out, text, caret);
        })
    })
}

/// Formats the expiry in the input as `MM / YY`, like [`format_number`].
pub(crate) fn format_expiry(len: usize, caret: u32) -> usize {
    buffer::with_input([len], |[text]| {
        buffer::write(|out| {
            let formatted = omnigate_card::ExpiryText::format(text);
            let bytes = formatted.as_bytes();
            omnigate_card::push_text(out, buffer::text(bytes, bytes.len()));
            push_caret(out, text, caret);
        })
    })
}

/// Appends U+001F and where a caret at `caret` in `text` goes in the formatted text, which is
/// all `out` holds so far.
fn push_caret(out: &mut String, text: &str, caret: u32) {
    let caret = omnigate_card::map_caret(text, caret as usize, out) as u32;
    omnigate_card::push_text(out, FIELD);
    omnigate_card::push_decimal(out, caret, 1);
}

/// The Luhn checksum of the digits in the input.
pub(crate) fn luhn(len: usize) -> bool {
    buffer::with_input([len], |[digits]| omnigate_card::luhn(digits))
}

#[cfg(test)]
mod tests {
    /// The three counts npm/fields.js's `validateCvc` passes for `list` and a code of `length`
    /// digits; `None` items are holes (read as a length no code has), as is an empty list.
    fn counts(list: &[Option<usize>], length: usize) -> [usize; 3] {
        let items: Vec<usize> = list.iter().map(|item| item.unwrap_or(usize::MAX)).collect();
        let shortest = items.iter().copied().min().unwrap_or(usize::MAX);
        let longest = items.iter().copied().max().unwrap_or(usize::MAX);
        [shortest, longest, if items.contains(&length) { length } else { longest }]
    }

    #[test]
    fn three_counts_check_a_cvc_like_the_whole_list() {
        let (max, none) = (usize::MAX, None);
        let lists: [&[Option<usize>]; 12] = [
            &[],
            &[none],
            &[Some(3)],
            &[Some(4)],
            &[Some(3), Some(4)],
            &[Some(4), Some(3)],
            &[Some(0)],
            &[Some(2), Some(5)],
            &[Some(9), Some(1), Some(3)],
            &[Some(3), none, Some(5)],
            &[Some(6), Some(2), Some(4), Some(3)],
            &[Some(max)],
        ];
        for list in lists {
            let whole: Vec<usize> = list.iter().map(|item| item.unwrap_or(max)).collect();
            for text in ["", "1", "12", "123", "1234", "12345", "123456789", "12a"] {
                let core = omnigate_card::validate_cvc(text, &whole);
                let counts = counts(list, text.len());
                assert_eq!(omnigate_card::validate_cvc(text, &counts), core, "{list:?} {text:?}");
                assert_eq!(super::cvc_validity(text, counts), core, "{list:?} {text:?}");
            }
        }
        // Every list of up to three items (lengths 0-6, holes, the largest) against codes of
        // every length up to 8 digits, and with a letter.
        let items =
            [none, Some(0), Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), Some(max)];
        let mut lists = vec![vec![]];
        for a in items {
            lists.push(vec![a]);
            for b in items {
                lists.push(vec![a, b]);
                lists.extend(items.iter().map(|&c| vec![a, b, c]));
            }
        }
        let texts = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "1a"];
        for list in &lists {
            let whole: Vec<usize> = list.iter().map(|item| item.unwrap_or(max)).collect();
            for text in texts {
                let core = omnigate_card::validate_cvc(text, &whole);
                assert_eq!(super::cvc_validity(text, counts(list, text.len())), core, "{list:?}");
            }
        }
        // The empty list reads as one length no code has: never complete, like no lengths.
        for text in ["", "1", "12345"] {
            assert_eq!(
                omnigate_card::validate_cvc(text, &[max]),
                omnigate_card::validate_cvc(text, &[])
            );
        }
    }
}
