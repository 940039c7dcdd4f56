//! The other card fields: expiry (one string or two), CVC, holder, postal code and Luhn.

use crate::card::readable;
use omnigate_card::{
    Cvc, DEFAULT_MAX_ELAPSED_YEAR, Expiry, Holder, MAX_POSTAL_LENGTH, PostalCode, Validity,
    YearMonth, luhn, split_expiry, validate_cvc, validate_expiry, validate_expiry_date,
    validate_expiry_month, validate_expiry_parts, validate_expiry_year, validate_holder,
    validate_postal_code,
};

/// The `max_elapsed_year` values every expiry is checked with: none, card-validator's, the most.
const MAX_ELAPSED_YEARS: [u16; 3] = [0, DEFAULT_MAX_ELAPSED_YEAR, u16::MAX];

/// The expiry checks of one string, and of a month and a year typed in two fields.
pub fn expiry(input: &str, month: &str, year: &str, today: YearMonth) {
    let _ = split_expiry(input, today);
    for max in MAX_ELAPSED_YEARS {
        let check = validate_expiry(input, today, max);
        let (validity, date) = validate_expiry_date(input, today, max);
        // Two implementations of the same rule: one copies the parts, one reads their values.
        assert_eq!(validity, check.validity, "{input:?}");
        assert_eq!(date.is_some(), check.month.is_some(), "{input:?}");
        assert_eq!(check.month.is_some(), check.year.is_some(), "{input:?}");
        if let (Some((m, y)), Some(month), Some(year)) = (date, &check.month, &check.year) {
            assert_eq!(Ok(m), month.parse::<u8>(), "{input:?}");
            let century = if year.len() <= 2 { today.year() / 100 * 100 } else { 0 };
            assert_eq!(year.parse::<u16>().map(|y| y + century), Ok(y), "{input:?}");
        }
        if let Validity::Invalid(error) = &check.validity {
            readable(error);
        }
        let month_check = validate_expiry_month(input, today);
        assert!(!month_check.is_valid_for_this_year || month_check.validity.is_valid());
        let year_check = validate_expiry_year(input, today, max);
        assert!(!year_check.is_current_year || year_check.validity.is_valid());
        let _ = validate_expiry_parts(month, year, today, max);
    }

    same_as_two_fields(month, year, today);

    let date = validate_expiry_date(input, today, DEFAULT_MAX_ELAPSED_YEAR);
    match Expiry::parse(input, today) {
        Ok(expiry) => {
            assert_eq!(date, (Validity::Valid, Some((expiry.month(), expiry.year()))));
            usable(expiry, today);
        }
        Err(error) => {
            assert!(!date.0.is_valid(), "{input:?} is valid but did not parse: {error:?}");
            readable(&error);
        }
    }
    match Expiry::from_parts(month, year, today) {
        Ok(expiry) => {
            let check = validate_expiry_parts(month, year, today, DEFAULT_MAX_ELAPSED_YEAR);
            assert!(check.validity.is_valid(), "{month:?} {year:?}");
            usable(expiry, today);
        }
        Err(error) => readable(&error),
    }
}

/// `MM/YY` typed in one field checks as the month and the year typed in two, unless the parts
/// hold a `/` or white space next to it (which the one-field parser reads differently).
fn same_as_two_fields(month: &str, year: &str, today: YearMonth) {
    let plain_end = month.chars().next_back().is_none_or(|c| c.is_ascii_graphic());
    let plain_start = year.chars().next().is_none_or(|c| c.is_ascii_graphic());
    if !plain_end || !plain_start || month.contains('/') || year.contains('/') {
        return;
    }
    let joined = format!("{month}/{year}");
    let one = validate_expiry(&joined, today, DEFAULT_MAX_ELAPSED_YEAR);
    let two = validate_expiry_parts(month, year, today, DEFAULT_MAX_ELAPSED_YEAR);
    assert_eq!(one, two, "{joined:?}");
}

/// A parsed expiry can be used today and reads back from its own `MM/YYYY` form.
fn usable(expiry: Expiry, today: YearMonth) {
    assert!((1..=12).contains(&expiry.month()), "{expiry:?}");
    assert_eq!(expiry.check(today), Ok(()), "{expiry:?}");
    assert_eq!(Expiry::parse(&expiry.to_string(), today), Ok(expiry));
}

/// CVC, holder, postal code and Luhn on the same input.
pub fn others(input: &str) {
    for lengths in [&[][..], &[3], &[4], &[3, 4], &[0, usize::MAX]] {
        if let Validity::Invalid(error) = validate_cvc(input, lengths) {
            readable(&error);
        }
    }
    if let Ok(cvc) = input.parse::<Cvc>() {
        let digits = cvc.expose();
        assert!(matches!(digits.len(), 3 | 4) && digits.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(validate_cvc(digits, &[3, 4]), Validity::Valid);
        // The code itself never prints.
        assert_eq!(format!("{cvc} {cvc:?}"), "*** Cvc(***)");
    }

    if let Validity::Invalid(error) = validate_holder(input) {
        assert_eq!(error.code(), "too_long", "{input:?}");
    }
    if let Ok(holder) = input.parse::<Holder>() {
        assert!(!holder.as_str().chars().any(char::is_control), "{holder:?}");
        assert!(validate_holder(holder.as_str()).is_valid(), "{holder:?}");
        assert_eq!(holder.as_str().parse::<Holder>().as_ref(), Ok(&holder));
    }

    for min_length in 0..4 {
        // "A string is never invalid": an odd postal code only stays potentially valid.
        assert!(validate_postal_code(input, min_length).is_potentially_valid(), "{input:?}");
    }
    if let Ok(code) = input.parse::<PostalCode>() {
        assert!(code.as_str().chars().count() <= MAX_POSTAL_LENGTH, "{code:?}");
        assert_eq!(code.as_str().parse::<PostalCode>().as_ref(), Ok(&code));
    }

    if luhn(input) {
        assert!(input.len() > 1 && input.bytes().all(|b| b.is_ascii_digit()), "{input:?}");
    }
}
