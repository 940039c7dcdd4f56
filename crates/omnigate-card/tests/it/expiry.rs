//! Expiry: `validate_expiry` over `expiry.tsv`, `Expiry::parse` over `expiry_parse.tsv`,
//! `split_expiry` over `split_expiry.tsv`, and the month/year/check functions.

use crate::data::{cases, month, optional, state};
use omnigate_card::{
    CardError, Expiry, YearMonth, split_expiry, validate_expiry, validate_expiry_date,
    validate_expiry_month, validate_expiry_parts, validate_expiry_year,
};

#[test]
fn validate_expiry_cases() {
    for case in cases("expiry.tsv", 6) {
        let [today, max, input, expected, m, y] = &case.fields[..] else { unreachable!() };
        let check = validate_expiry(input, month(today), max.parse().unwrap());
        assert_eq!(state(&check.validity), *expected, "{}: {input:?}", case.at);
        assert_eq!(check.month.as_deref(), optional(m), "{}: month of {input:?}", case.at);
        assert_eq!(check.year.as_deref(), optional(y), "{}: year of {input:?}", case.at);
    }
}

/// `validate_expiry_date` is `validate_expiry` with the given parts read as numbers (a two-digit
/// year in today's century), over the same cases.
#[test]
fn validate_expiry_date_agrees() {
    for case in cases("expiry.tsv", 6) {
        let [today, max, input, ..] = &case.fields[..] else { unreachable!() };
        let (today, max) = (month(today), max.parse().unwrap());
        let check = validate_expiry(input, today, max);
        let century = today.year() / 100 * 100;
        let date = check.month.zip(check.year).map(|(m, y)| {
            let year: u16 = y.parse().unwrap();
            (m.parse().unwrap(), if y.len() <= 2 { year + century } else { year })
        });
        let (validity, got) = validate_expiry_date(input, today, max);
        assert_eq!((validity, got), (check.validity, date), "{}: {input:?}", case.at);
    }
}

#[test]
fn expiry_parse_cases() {
    for case in cases("expiry_parse.tsv", 3) {
        let [today, input, expected] = &case.fields[..] else { unreachable!() };
        let got = match Expiry::parse(input, month(today)) {
            Ok(expiry) => expiry.to_string(),
            Err(error) => error.code().to_owned(),
        };
        assert_eq!(got, *expected, "{}: Expiry::parse({input:?})", case.at);
    }
}

#[test]
fn split_expiry_cases() {
    for case in cases("split_expiry.tsv", 4) {
        let [today, input, m, y] = &case.fields[..] else { unreachable!() };
        let parts = split_expiry(input, month(today));
        assert_eq!(
            (parts.month.as_str(), parts.year.as_str()),
            (m.as_str(), y.as_str()),
            "{}",
            case.at
        );
    }
}

#[test]
fn month_and_year_fields() {
    let today = month("2026-06");
    let m = validate_expiry_month("7", today);
    assert!(m.validity.is_valid() && m.is_valid_for_this_year);
    let m = validate_expiry_month("5", today);
    assert!(m.validity.is_valid() && !m.is_valid_for_this_year);
    assert_eq!(validate_expiry_month("13", today).validity.error(), Some(&CardError::InvalidMonth));
    assert!(!validate_expiry_month(" ", today).validity.is_valid());
    assert!(validate_expiry_month(" ", today).validity.is_potentially_valid());

    let y = validate_expiry_year("2026", today, 19);
    assert!(y.validity.is_valid() && y.is_current_year);
    let y = validate_expiry_year("26", today, 19);
    assert!(y.validity.is_valid() && y.is_current_year);
    assert!(!validate_expiry_year("20", today, 19).validity.is_valid());
    assert!(validate_expiry_year("20", today, 19).validity.is_potentially_valid());
    let error = validate_expiry_year("2025", today, 19).validity.error().cloned();
    let expiry = YearMonth::new(2025, 12).unwrap();
    assert_eq!(error, Some(CardError::Expired { expiry, today }));
}

#[test]
fn month_and_year_pair() {
    let today = month("2026-06");
    let check = validate_expiry_parts("1", "2030", today, 19);
    assert!(check.validity.is_valid());
    assert_eq!((check.month.as_deref(), check.year.as_deref()), (Some("1"), Some("2030")));
    let expiry = Expiry::from_parts("01", "30", today).unwrap();
    assert_eq!((expiry.month(), expiry.year()), (1, 2030));
    assert_eq!(Expiry::from_parts("1", "203", today).unwrap_err().code(), "too_short");
}

#[test]
fn check_against_today() {
    let expiry = Expiry::new(6, 2026).unwrap();
    assert_eq!(expiry.check(month("2026-06")), Ok(()));
    let today = month("2026-07");
    let error = expiry.check(today).unwrap_err();
    assert_eq!(error, CardError::Expired { expiry: expiry.year_month(), today });
    assert_eq!(error.to_string(), "the card expired in 06/2026 (today is 07/2026)");
    assert_eq!(error.message(), error.to_string());
    let far = CardError::TooFarInFuture { year: 2050, max_year: 2045 };
    assert_eq!(far.message(), "the expiry year 2050 is after 2045");
    let early = CardError::Expired { expiry: month("1000-01"), today: month("2026-10") };
    assert_eq!(early.message(), "the card expired in 01/1000 (today is 10/2026)");
    let far = Expiry::new(1, 2046).unwrap();
    assert_eq!(far.check(month("2026-06")).unwrap_err().code(), "too_far_in_future");
    assert_eq!(far.check_within(month("2026-06"), 20), Ok(()));
    assert_eq!(Expiry::new(13, 2026).unwrap_err().code(), "invalid_month");
    assert_eq!(Expiry::new(1, 26).unwrap_err().code(), "invalid_year");
}
