//! Card numbers: detection, the check while typing, parsing, formatting and the caret.

use omnigate_card::{
    Brand, BrandError, BrandTable, CardError, CardNumber, NumberOptions, Validity, format_expiry,
    format_number, luhn, map_caret, strip_formatting, validate_number,
};

/// The option sets every number is checked with: card-validator's defaults, a cap with UnionPay
/// held to Luhn, and the smallest cap with Luhn skipped.
pub const NUMBER_OPTIONS: [NumberOptions; 3] = [
    NumberOptions { max_length: None, luhn_validate_union_pay: false, skip_luhn_validation: false },
    NumberOptions {
        max_length: Some(16),
        luhn_validate_union_pay: true,
        skip_luhn_validation: false,
    },
    NumberOptions {
        max_length: Some(1),
        luhn_validate_union_pay: false,
        skip_luhn_validation: true,
    },
];

/// Longest input (in characters) whose caret is mapped at every position: the mapping is linear
/// in the input, so checking every position is quadratic.
const CARET_LIMIT: usize = 64;

/// Detection, the number check and parsing of `input` over `table`, with every option set.
///
/// `printable_ids` says that no brand id of the table holds digits, so the whole `Debug` text of
/// a parsed number may be searched for the number (a custom brand's id could be the number).
pub fn number(input: &str, table: &BrandTable, printable_ids: bool) {
    detection(input, table);
    for options in &NUMBER_OPTIONS {
        let check = validate_number(input, table, options);
        let candidates = check.candidates.len();
        if let Some(brand) = check.brand {
            assert!(candidates == 1 && std::ptr::eq(check.candidates[0], brand), "{input:?}");
        } else {
            assert!(check.match_strength.is_none() && !check.state.is_valid(), "{input:?}");
        }
        if candidates > 1 {
            assert_eq!(check.state, Validity::PotentiallyValid, "{input:?}");
        }
        for candidate in &check.candidates {
            assert!(table.get(candidate.id()).is_some_and(|b| std::ptr::eq(b, *candidate)));
        }
        if let Validity::Invalid(error) = &check.state {
            readable(error);
        }
        match CardNumber::parse_with(input, table, options) {
            Ok(parsed) => {
                assert!(check.state.is_valid(), "{input:?} parsed but is {:?}", check.state);
                let brand = check.brand.expect("a valid number has a brand");
                card_number(&parsed, brand, table, options, printable_ids);
            }
            Err(error) => match check.state {
                Validity::Invalid(reason) => assert_eq!(error, reason, "{input:?}"),
                Validity::PotentiallyValid => assert!(
                    matches!(
                        error,
                        CardError::Empty | CardError::TooShort | CardError::InvalidLuhn
                    ),
                    "{input:?}: {error:?}"
                ),
                Validity::Valid => panic!("{input:?} is valid but did not parse: {error:?}"),
            },
        }
    }
}

/// credit-card-type's detection on the raw input: brands of the table in its order, all of them
/// for `""`, and a list of several only while some candidate has no strength yet.
fn detection(input: &str, table: &BrandTable) {
    let found = table.detect_matches(input);
    if input.is_empty() {
        assert_eq!(found.len(), table.len());
    }
    if found.len() > 1 {
        assert!(found.iter().any(|m| m.strength.is_none()), "{input:?} did not collapse");
    }
    let mut order = table.iter();
    for candidate in &found {
        assert!(order.any(|b| std::ptr::eq(b, candidate.brand)), "{input:?}: order or origin");
    }
}

/// A parsed number: digits of an allowed length that check as valid again, printed masked.
fn card_number(
    parsed: &CardNumber,
    brand: &Brand,
    table: &BrandTable,
    options: &NumberOptions,
    printable_ids: bool,
) {
    let digits = parsed.expose();
    assert!(!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()), "{digits:?}");
    assert_eq!(parsed.brand_id(), brand.id());
    assert!(brand.lengths().iter().any(|&l| usize::from(l) == digits.len()));
    assert!(digits.starts_with(parsed.bin6()) && digits.ends_with(parsed.last4()));
    let again = validate_number(digits, table, options);
    assert!(again.state.is_valid() && again.brand.is_some_and(|b| b.id() == brand.id()));
    // `luhn` refuses a single digit, which a custom one-digit brand may accept.
    let luhn_checked = !options.skip_luhn_validation
        && (brand.luhn() || options.luhn_validate_union_pay)
        && digits.len() > 1;
    assert!(!luhn_checked || luhn(digits), "{digits}");
    // Typing a valid number never passes through an invalid state.
    for end in 0..digits.len() {
        let typed = validate_number(&digits[..end], table, options);
        assert!(typed.state.is_potentially_valid(), "{digits} at {end}: {:?}", typed.state);
    }

    let shown = parsed.to_string();
    assert_eq!(shown, parsed.masked());
    assert_eq!(shown.len(), digits.len());
    // At most the first six or the last four digits show, never more in a row.
    assert!(longest_digit_run(&shown) <= 6, "{shown}");
    assert!(!shown.contains(digits));
    if printable_ids {
        let debug = format!("{parsed:?}");
        assert!(longest_digit_run(&debug) <= 6, "{debug}");
    }
}

fn longest_digit_run(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0)
}

/// Formatting keeps exactly the digits, spaces them once between groups, and is idempotent; the
/// caret mapping never moves backwards and ends at the end.
pub fn formatting(input: &str, table: &BrandTable) {
    let formatted = format_number(input, table);
    assert_eq!(strip_formatting(&formatted), strip_formatting(input), "{input:?}");
    assert!(formatted.bytes().all(|b| b.is_ascii_digit() || b == b' '), "{formatted:?}");
    assert!(!formatted.starts_with(' ') && !formatted.ends_with(' ') && !formatted.contains("  "));
    assert_eq!(format_number(&formatted, table), formatted, "{input:?}");
    // The spaces formatting adds change nothing for the number check.
    let digits = strip_formatting(input);
    for options in &NUMBER_OPTIONS {
        let plain = validate_number(&digits, table, options);
        assert_eq!(validate_number(&formatted, table, options), plain, "{input:?}");
    }
    caret(input, &formatted);

    let expiry = format_expiry(input);
    assert!(expiry.bytes().all(|b| b.is_ascii_digit() || b == b' ' || b == b'/'), "{expiry:?}");
    caret(input, &expiry);
}

fn caret(raw: &str, formatted: &str) {
    let count = raw.chars().count();
    if count > CARET_LIMIT {
        let _ = map_caret(raw, count / 2, formatted);
        return;
    }
    let end = formatted.chars().count();
    let mut last = 0;
    for position in 0..=count + 1 {
        let mapped = map_caret(raw, position, formatted);
        assert!(mapped >= last && mapped <= end, "{raw:?} at {position} → {mapped}");
        last = mapped;
    }
    assert_eq!(last, end, "{raw:?}");
}

/// Every error has a stable code and a message for people.
pub fn readable(error: &CardError) {
    coded(error.code(), &error.message());
}

/// [`readable`] for the errors of brand definitions and table changes.
pub fn readable_brand(error: &BrandError) {
    coded(error.code(), &error.message());
}

fn coded(code: &str, message: &str) {
    assert!(!code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
    assert!(!message.is_empty(), "{code}");
}
