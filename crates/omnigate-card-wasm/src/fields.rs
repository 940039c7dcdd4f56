//! The other fields and the formatters: `validateExpiry`, `validateCvc`, `validateHolder`,
//! `validatePostalCode`, `formatNumber`, `formatExpiry` (with the caret) and `luhn`.

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
        buffer::with_input([len], |[text]| omnigate_card::validate_expiry_date(text, today, max));
    let (month, year) = date.unwrap_or_default();
    packed::validity(&validity) | u32::from(month) << REST | u32::from(year) << (REST + 4)
}

/// Checks the security code in the input: `value`, then a brand id (`brand_len` bytes, maybe
/// none), then allowed lengths written as `:3,4` (`lengths_len` bytes). The brand's code size
/// wins when the id is in the table; no lengths (no `:`) means 3 or 4.
pub(crate) fn validate_cvc(len: usize, brand_len: usize, lengths_len: usize) -> u32 {
    let validity = buffer::with_input([len, brand_len, lengths_len], |[text, brand, lengths]| {
        let size = tables::native(|table| table.get(brand).map(|b| b.code_size()));
        // Always three lengths (see `summary`): repeating one changes no answer.
        let allowed = match (size, lengths.as_bytes()) {
            (Some(size), _) => [usize::from(size); 3],
            (None, [b':', list @ ..]) => summary(list, text.len()),
            (None, _) => [3, 4, 4],
        };
        omnigate_card::validate_cvc(text, &allowed)
    });
    packed::validity(&validity)
}

/// The shortest and the longest number of a comma-separated list (JS writes counts in
/// decimal), then `length` if the list has it, else the longest again: `validate_cvc` answers
/// a code of `length` bytes the same for these three as for the whole list, since it only asks
/// whether `length` is allowed, whether every length is longer, and which is the longest. So
/// the list is read where it is, with no vector.
///
/// An item that is not a number reads as `usize::MAX`, which no code length reaches. The empty
/// list reads as one such item, which `validate_cvc` answers like no lengths at all: never
/// complete.
fn summary(list: &[u8], length: usize) -> [usize; 3] {
    let (mut shortest, mut longest, mut found) = (usize::MAX, 0, false);
    // The item read so far, 0 before its first digit; `usize::MAX` once it holds a non-digit
    // (saturating keeps it there). `empty` says no byte of it was read.
    let (mut number, mut empty) = (0_usize, true);
    // A comma after the last item ends it like the others: the byte read one past the end
    // (a plain index loop, where chaining a "," kept a second iterator's state: 4 B gzip more).
    for at in 0..=list.len() {
        let byte = list.get(at).copied().unwrap_or(b',');
        if byte == b',' {
            let item = if empty { usize::MAX } else { number };
            shortest = shortest.min(item);
            longest = longest.max(item);
            found |= item == length;
            (number, empty) = (0, true);
        } else {
            let digit = if byte.is_ascii_digit() { usize::from(byte - b'0') } else { usize::MAX };
            number = number.saturating_mul(10).saturating_add(digit);
            empty = false;
        }
    }
    [shortest, longest, if found { length } else { longest }]
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
    // Formatted in place: no string of its own.
    let format = |[text]: [&str; 1]| {
        let formatted = omnigate_card::ExpiryText::format(text);
        with_caret(text, caret, crate::utf8::text(formatted.as_bytes()).unwrap_or_default())
    };
    buffer::with_input([len], format)
}

/// Leaves where a caret at `caret` in `text` goes in `formatted`, U+001F, then `formatted` as
/// the output text; answers its length.
fn with_caret(text: &str, caret: u32, formatted: &str) -> usize {
    let caret = omnigate_card::map_caret(text, caret as usize, formatted) as u32;
    // Written in place into the output: no string of its own for the caret's decimal.
    buffer::write(|out| {
        omnigate_card::push_decimal(out, caret, 1);
        out.push_str(FIELD);
        out.push_str(formatted);
    })
}

/// The Luhn checksum of the digits in the input.
pub(crate) fn luhn(len: usize) -> bool {
    buffer::with_input([len], |[digits]| omnigate_card::luhn(digits))
}

#[cfg(test)]
mod tests {
    use super::summary;

    /// The numbers of the list, read as `summary` reads its items (the old way, a vector).
    fn numbers(list: &str) -> Vec<usize> {
        list.split(',')
            .map(|item| match item {
                "" => usize::MAX,
                _ if item.bytes().all(|b| b.is_ascii_digit()) => item.parse().unwrap_or(usize::MAX),
                _ => usize::MAX,
            })
            .collect()
    }

    #[test]
    fn cvc_lengths_read_like_the_whole_list() {
        let max = usize::MAX;
        assert_eq!(summary(b"", 3), [max, max, max]);
        assert_eq!(summary(b"3,4", 4), [3, 4, 4]);
        assert_eq!(summary(b"0,,x,4a,99999999999999999999999", 0), [0, max, 0]);
        for text in ["", "1", "12345"] {
            assert_eq!(
                omnigate_card::validate_cvc(text, &[max]),
                omnigate_card::validate_cvc(text, &[])
            );
        }
        let lists = ["", "3", "4", "3,4", "4,3", "0", "2,5", "9,1,3", "x", "3,,5", "6,2,4,3"];
        for list in lists {
            for text in ["", "1", "12", "123", "1234", "12345", "123456789", "12a"] {
                assert_eq!(
                    omnigate_card::validate_cvc(text, &summary(list.as_bytes(), text.len())),
                    omnigate_card::validate_cvc(text, &numbers(list)),
                    "{list:?} {text:?}"
                );
            }
        }
    }
}
