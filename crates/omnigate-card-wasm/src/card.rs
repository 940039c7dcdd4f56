//! `validateCard`: the one call a payment form makes before it submits.

use alloc::string::String;

use omnigate_card::{CardError, CardNumber, Cvc, Holder, Validity};

use crate::packed;
use crate::{brands, buffer, tables};

/// Checks a whole card whose number, expiry, CVC and holder are in the input, that many bytes
/// each. `options` bits 0–1 are the number flags of `validateNumber`, bit 2 says the holder
/// was given (else it is not checked), and from bit 3 comes `maxLength` (0: none). The CVC is
/// skipped for brands without one (UATP). Leaves records separated by U+001E: first the
/// brand's table index (empty when unknown), then one `field` U+001F `code` U+001F `message`
/// per error, in field order; answers their length.
pub(crate) fn validate_card(
    number: usize,
    expiry: usize,
    cvc: usize,
    holder: usize,
    options: u32,
    today: u32,
    max: Option<f64>,
) -> usize {
    let number_options = brands::number_options(options >> 3, options & 3);
    // The output written inside the input's read, as the formatters do: the other way round
    // gzips 9 B larger.
    buffer::with_input([number, expiry, cvc, holder], |[number, expiry, cvc, holder]| {
        buffer::write(|out| {
            // Each record is written as soon as its error is known: no error is kept for later.
            let cvc_size = tables::native(|table| {
                let check = omnigate_card::validate_number(number, table, &number_options);
                let brand = check.brand;
                if let Some(brand) = brand {
                    omnigate_card::push_decimal(out, tables::index_of(table, brand), 1);
                }
                if let Err(error) = &CardNumber::brand_of(number, check) {
                    push_record(out, "\u{1e}number\u{1f}", error);
                }
                brand.map(|brand| brand.code_size())
            });
            push_expiry_record(out, expiry, today, max);
            push_cvc_record(out, cvc, cvc_size);
            if options & 4 != 0
                && let Err(error) = &Holder::name_of(holder)
            {
                push_record(out, "\u{1e}holder\u{1f}", error);
            }
        })
    })
}

/// Appends the record of a field's `error`, borrowed where its check left it (no copy of the
/// error; callers skip the call when there is none). `start` is the record's start: the record
/// separator U+001E, the field's name and the [`packed::FIELD`] separator, written as one text
/// so that each record takes one append; the error's `code`, [`packed::FIELD`] and message end it.
fn push_record(out: &mut String, start: &str, error: &CardError) {
    omnigate_card::push_text(out, start);
    error.push_record(out, packed::FIELD);
}

/// Appends the expiry's record when it is not usable `today` (JS's `year * 16 + month`), no
/// later than `max` years ahead. Nothing typed but (Rust) white space is `empty`: the same as
/// `text.trim().is_empty()`, without linking a trim from both ends.
fn push_expiry_record(out: &mut String, text: &str, today: u32, max: Option<f64>) {
    const START: &str = "\u{1e}expiry\u{1f}";
    // A `today` that cannot date the card makes the expiry unusable.
    let Some(today) = packed::today(today) else {
        return push_record(out, START, &CardError::InvalidYear);
    };
    // The check that gives the date as numbers: the typed parts are not needed here. An
    // invalid expiry's error is borrowed where the check left it, with no copy.
    match &omnigate_card::validate_expiry_date(text, today, packed::years(max)).0 {
        Validity::Valid => {}
        Validity::Invalid(error) => push_record(out, START, error),
        Validity::PotentiallyValid if only_white_space(text) => {
            push_record(out, START, &CardError::Empty);
        }
        Validity::PotentiallyValid => push_record(out, START, &CardError::TooShort),
    }
}

/// `text.chars().all(char::is_whitespace)` for an expiry the check found potentially valid,
/// read on the bytes without decoding characters (or linking Unicode's white space table).
///
/// Such an expiry holds only digits, `/` and JS white space (`expiry_checks_only_space_as_rust`
/// below tests it), and the one JS space that is not Rust white space is U+FEFF, whose UTF-8
/// (EF BB BF) is the only one among them with an 0xEF byte.
fn only_white_space(text: &str) -> bool {
    // A plain loop over the slice: `bytes().any` kept its iterator in memory. `/` comes
    // right before `0` in ASCII: digits and `/` are one range.
    for &b in text.as_bytes() {
        if matches!(b, b'/'..=b'9' | 0xef) {
            return false;
        }
    }
    true
}

/// Appends the CVC's record when it is not right for a brand whose code has `size` digits (3
/// or 4 digits while the brand is unknown).
fn push_cvc_record(out: &mut String, text: &str, size: Option<u8>) {
    const START: &str = "\u{1e}cvc\u{1f}";
    // Checked only when the brand has a code: no error is made only to be dropped.
    if size == Some(0) {
        return;
    }
    // One record call for both errors: `digits_of`, inlined, leaves its error in registers.
    let error = match Cvc::digits_of(text) {
        Err(error) => error,
        // What `Cvc::check_brand` says, without making the `Cvc`.
        Ok(digits) if size.is_some_and(|size| digits.len() != usize::from(size)) => {
            CardError::BrandMismatch
        }
        Ok(_) => return,
    };
    push_record(out, START, &error);
}

#[cfg(test)]
mod tests {
    use omnigate_card::{Validity, YearMonth};

    use super::only_white_space;

    #[test]
    fn expiry_checks_only_space_as_rust() {
        let today = YearMonth::checked(2026, 6);
        let shapes = ["{}", "{}{}", " {}", "1{}", "12/{}", "{} / 2"];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for shape in shapes {
                let text = shape.replace("{}", c.encode_utf8(&mut [0; 4]));
                let check =
                    today.map(|today| omnigate_card::validate_expiry_date(&text, today, 19));
                if check.is_some_and(|(validity, _)| validity == Validity::PotentiallyValid) {
                    let rust = text.chars().all(char::is_whitespace);
                    assert_eq!(only_white_space(&text), rust, "{text:?}");
                }
            }
        }
    }
}
