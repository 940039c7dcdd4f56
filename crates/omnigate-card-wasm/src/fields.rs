//! The other fields and the formatters: `validateExpiry`, `validateCvc`, `validateHolder`,
//! `validatePostalCode`, `formatNumber`, `formatExpiry` (with the caret) and `luhn`.

use alloc::string::String;

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
/// all the rule asks of them ([`omnigate_card::validate_cvc_lengths`]): the shortest, the
/// longest, and whether the code's length is allowed (`allowed` 1). So a brand's code size, a
/// `maxLength` list or the default 3 or 4 cross as numbers, with no id to look up and no list
/// to parse here.
pub(crate) fn validate_cvc(len: usize, shortest: usize, longest: usize, allowed: u32) -> u32 {
    // Packed inside the read: the flags leave it as a number, not a `Validity` kept in memory.
    let check = |[text]: [&str; 1]| {
        let validity = omnigate_card::validate_cvc_lengths(text, shortest, longest, allowed != 0);
        packed::validity(&validity)
    };
    buffer::with_input([len], check)
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
            let (bytes, len) = formatted.template();
            omnigate_card::push_text(out, buffer::text(bytes, len));
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
    /// What npm/fields.js's `validateCvc` passes for `list` and a code of `length` digits:
    /// shortest, longest (`None` items are holes, read as a length no code has, as is an empty
    /// list) and whether the length is allowed.
    fn summary(list: &[Option<usize>], length: usize) -> (usize, usize, bool) {
        let items: Vec<usize> = list.iter().map(|item| item.unwrap_or(usize::MAX)).collect();
        let shortest = items.iter().copied().min().unwrap_or(usize::MAX);
        let longest = items.iter().copied().max().unwrap_or(usize::MAX);
        (shortest, longest, items.contains(&length))
    }

    #[test]
    fn the_js_summary_checks_a_cvc_like_the_whole_list() {
        let (max, none) = (usize::MAX, None);
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
                let (shortest, longest, allowed) = summary(list, text.len());
                assert_eq!(
                    omnigate_card::validate_cvc_lengths(text, shortest, longest, allowed),
                    omnigate_card::validate_cvc(text, &whole),
                    "{list:?} {text:?}"
                );
            }
        }
    }
}
