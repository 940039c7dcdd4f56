//! Expiry checks while typing: card-validator 10.0.4's `expirationDate`, `expirationMonth`,
//! `expirationYear` and its internal `parseDate`, with "today" passed in.

use alloc::{borrow::ToOwned, string::String, vec::Vec};

use alloc::borrow::Cow;

use crate::error::{CardError, Validity};
use crate::expiry::YearMonth;
use crate::js;

/// How many years ahead an expiry may be (card-validator's `maxElapsedYear` default).
pub const DEFAULT_MAX_ELAPSED_YEAR: u16 = 19;

/// What [`validate_expiry`] found. `month` and `year` are the parts as typed, given when the
/// date is valid or in the current year (card-validator's `month`/`year`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiryCheck {
    /// Valid, potentially valid, or invalid with the reason.
    pub validity: Validity,
    /// The month part, as typed.
    pub month: Option<String>,
    /// The year part, as typed (2 or 4 digits).
    pub year: Option<String>,
}

/// What [`validate_expiry_month`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiryMonthCheck {
    /// Valid, potentially valid, or invalid with the reason.
    pub validity: Validity,
    /// Valid and not before `today`'s month.
    pub is_valid_for_this_year: bool,
}

/// What [`validate_expiry_year`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiryYearCheck {
    /// Valid, potentially valid, or invalid with the reason.
    pub validity: Validity,
    /// The year is `today`'s year.
    pub is_current_year: bool,
}

/// An expiry string split into its month and year parts (card-validator's `parseDate`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiryParts {
    /// The month part (may be empty or not digits).
    pub month: String,
    /// The year part (may be empty or not digits).
    pub year: String,
}

/// Checks a whole expiry string as typed, exactly like card-validator's `expirationDate`.
///
/// A two-digit year equal to the century prefix (`"20"` in the 2000s) is only potentially
/// valid: it may be the start of a four-digit year.
///
/// ```
/// use omnigate_card::{validate_expiry, YearMonth};
///
/// let today = YearMonth::new(2026, 6)?;
/// assert!(validate_expiry("12/27", today, 19).validity.is_valid());
/// assert!(!validate_expiry("1", today, 19).validity.is_valid());
/// assert!(validate_expiry("1", today, 19).validity.is_potentially_valid());
/// # Ok::<(), omnigate_card::CardError>(())
/// ```
pub fn validate_expiry(input: &str, today: YearMonth, max_elapsed_year: u16) -> ExpiryCheck {
    let (month, year) = split_spaced(input, today);
    owned_check(&month, &year, today, max_elapsed_year)
}

/// [`validate_expiry`] with the month and year as numbers instead of the typed text: `date` is
/// `(month, four-digit year)` exactly when [`validate_expiry`] gives `month` and `year` (a
/// two-digit year is put in `today`'s century). It allocates nothing for the usual formats,
/// which is what a check on every keystroke wants.
///
/// ```
/// use omnigate_card::{validate_expiry_date, YearMonth};
///
/// let today = YearMonth::new(2026, 6)?;
/// assert_eq!(validate_expiry_date("12/27", today, 19).1, Some((12, 2027)));
/// assert_eq!(validate_expiry_date("1", today, 19).1, None);
/// # Ok::<(), omnigate_card::CardError>(())
/// ```
pub fn validate_expiry_date(
    input: &str,
    today: YearMonth,
    max_elapsed_year: u16,
) -> (Validity, Option<(u8, u16)>) {
    let (month, year) = split_spaced(input, today);
    let (validity, given) = outcome(&month, &year, today, max_elapsed_year);
    let date = given.then(|| {
        // Given parts are digits: a month of value 1-12 and a year of 2 or 4 digits.
        let full =
            number(&year) + if year.len() <= 2 { u64::from(today.year() / 100 * 100) } else { 0 };
        (number(&month) as u8, u16::try_from(full).unwrap_or(u16::MAX))
    });
    (validity, date)
}

/// card-validator's first step: "MM YY" and "MM YYYY" (one space) read as slash form, then
/// `parseDate`.
fn split_spaced(input: &str, today: YearMonth) -> (Cow<'_, str>, Cow<'_, str>) {
    let b = input.as_bytes();
    let spaced = (b.len() == 5 || b.len() == 7)
        && b[2] == b' '
        && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit());
    if spaced {
        // "MM/YY" splits at the slash into two digit strings, which no trimming changes.
        return (Cow::Borrowed(&input[..2]), Cow::Borrowed(&input[3..]));
    }
    split(input, today)
}

/// The check with the parts copied out when they are given.
fn owned_check(month: &str, year: &str, today: YearMonth, max_elapsed_year: u16) -> ExpiryCheck {
    let (validity, given) = outcome(month, year, today, max_elapsed_year);
    let part = |text: &str| given.then(|| text.to_owned());
    ExpiryCheck { validity, month: part(month), year: part(year) }
}

/// Checks a month field and a year field, like card-validator's `expirationDate({month, year})`.
pub fn validate_expiry_parts(
    month: &str,
    year: &str,
    today: YearMonth,
    max_elapsed_year: u16,
) -> ExpiryCheck {
    owned_check(month, year, today, max_elapsed_year)
}

/// The outcome of `expirationDate` for split parts, and whether card-validator gives the parts
/// back (`month`/`year` not `null`).
fn outcome(month: &str, year: &str, today: YearMonth, max_elapsed_year: u16) -> (Validity, bool) {
    let month_check = validate_expiry_month(month, today);
    let year_check = validate_expiry_year(year, today, max_elapsed_year);
    if month_check.validity.is_valid() {
        if year_check.is_current_year {
            if month_check.is_valid_for_this_year {
                return (Validity::Valid, true);
            }
            let expiry = month.parse().ok().and_then(|m| YearMonth::new(today.year(), m).ok());
            let error = expiry
                .map_or(CardError::InvalidMonth, |expiry| CardError::Expired { expiry, today });
            return (Validity::Invalid(error), true);
        }
        if year_check.validity.is_valid() {
            return (Validity::Valid, true);
        }
    }
    let validity = match (month_check.validity, year_check.validity) {
        (Validity::Invalid(error), _) | (_, Validity::Invalid(error)) => Validity::Invalid(error),
        _ => Validity::PotentiallyValid,
    };
    (validity, false)
}

/// Checks an expiry month field, like card-validator's `expirationMonth`.
pub fn validate_expiry_month(input: &str, today: YearMonth) -> ExpiryMonthCheck {
    let check =
        |validity, is_valid_for_this_year| ExpiryMonthCheck { validity, is_valid_for_this_year };
    // Digits first: the usual input, and never white space, so the slower scan is skipped.
    if !js::all_digits(input) {
        let pending = input.chars().all(js::is_space);
        let validity = if pending {
            Validity::PotentiallyValid
        } else {
            Validity::Invalid(CardError::InvalidMonth)
        };
        return check(validity, false);
    }
    if input.is_empty() || input == "0" {
        return check(Validity::PotentiallyValid, false);
    }
    match number(input) {
        month @ 1..=12 => check(Validity::Valid, month >= u64::from(today.month())),
        _ => check(Validity::Invalid(CardError::InvalidMonth), false),
    }
}

/// Checks an expiry year field (2 or 4 digits), like card-validator's `expirationYear`.
pub fn validate_expiry_year(
    input: &str,
    today: YearMonth,
    max_elapsed_year: u16,
) -> ExpiryYearCheck {
    let check = |validity, is_current_year| ExpiryYearCheck { validity, is_current_year };
    let pending = check(Validity::PotentiallyValid, false);
    let invalid = check(Validity::Invalid(CardError::InvalidYear), false);
    if !js::all_digits(input) {
        return if input.chars().all(js::is_space) { pending } else { invalid };
    }
    let century = today.year() / 100;
    // A four-digit year has a two-digit century: "20" in the 2000s.
    let century_prefix = [b'0' + (century / 10) as u8, b'0' + (century % 10) as u8];
    match input.len() {
        0 | 1 => return pending,
        // Three digits can only be a four-digit year being typed: "20x" in the 2000s.
        3 if input.as_bytes().starts_with(&century_prefix) => return pending,
        2 if input.as_bytes() == century_prefix => return pending,
        2 | 4 => {}
        _ => return invalid,
    }
    let value = number(input);
    let current =
        if input.len() == 2 { u64::from(today.year() % 100) } else { u64::from(today.year()) };
    let last = current + u64::from(max_elapsed_year);
    let full_year = |v: u64| if input.len() == 2 { v + u64::from(century) * 100 } else { v };
    let error = if value < current {
        let expiry = u16::try_from(full_year(value)).ok().and_then(|y| YearMonth::new(y, 12).ok());
        expiry.map_or(CardError::InvalidYear, |expiry| CardError::Expired { expiry, today })
    } else if value > last {
        let clamp = |v: u64| u16::try_from(v).unwrap_or(u16::MAX);
        CardError::TooFarInFuture {
            year: clamp(full_year(value)),
            max_year: clamp(full_year(last)),
        }
    } else {
        return check(Validity::Valid, value == current);
    };
    check(Validity::Invalid(error), value == current)
}

/// Splits an expiry string into month and year the way card-validator's `parseDate` does.
///
/// `YYYY-M(M)` is reordered; a `/` (with any white space around it) or runs of spaces split
/// it; a string of digits alone is split by its first digits: `0` starts a two-digit month,
/// `2`–`9` a one-digit month, `13`–`19` a one-digit month, and `10`–`12` a one-digit month only
/// if the rest could still become a valid year. So `"139"` is 1 / 39, `"109"` is 10 / 9 (`09`
/// is past) and `"120"` is 1 / 20 (in the 2000s `20` may still grow into `20xx`). Lengths count
/// UTF-16 units as in JavaScript; a non-ASCII month part is cut by characters, which only
/// matters for inputs that are invalid either way.
pub fn split_expiry(input: &str, today: YearMonth) -> ExpiryParts {
    let (month, year) = split(input, today);
    ExpiryParts { month: month.into_owned(), year: year.into_owned() }
}

/// [`split_expiry`], borrowing the parts from `input` when it can.
fn split(input: &str, today: YearMonth) -> (Cow<'_, str>, Cow<'_, str>) {
    let b = input.as_bytes();
    let iso = (b.len() == 6 || b.len() == 7)
        && b[4] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit());
    if iso {
        return (Cow::Borrowed(&input[5..]), Cow::Borrowed(&input[..4]));
    }
    // Byte searches: '/' is ASCII, so this is exact on UTF-8, and cheaper than `find(char)`.
    if let Some(slash) = input.bytes().position(|b| b == b'/') {
        let month = input[..slash].trim_end_matches(js::is_space);
        let rest = &input[slash + 1..];
        if !rest.bytes().any(|b| b == b'/') {
            // Two pieces (the usual "MM/YY"): the year is the second piece, trimmed at its start.
            return (Cow::Borrowed(month), Cow::Borrowed(rest.trim_start_matches(js::is_space)));
        }
        let pieces: Vec<&str> = input.split('/').collect();
        let last = pieces.len() - 1;
        let trimmed: Vec<&str> = (0..=last)
            .map(|i| {
                let mut piece = pieces[i];
                if i > 0 {
                    piece = piece.trim_start_matches(js::is_space);
                }
                if i < last {
                    piece = piece.trim_end_matches(js::is_space);
                }
                piece
            })
            .collect();
        return (Cow::Borrowed(trimmed[0]), Cow::Owned(trimmed[1..].join(",")));
    }
    if input.chars().any(js::is_space) {
        let pieces = split_on_space_runs(input);
        let month = pieces.first().copied().unwrap_or("");
        let year = match &pieces[1.min(pieces.len())..] {
            [year] => Cow::Borrowed(*year),
            rest => Cow::Owned(rest.join(",")),
        };
        return (Cow::Borrowed(month), year);
    }
    let month_digits = month_digit_count(input, today);
    let cut = input.char_indices().nth(month_digits).map_or(input.len(), |(i, _)| i);
    (Cow::Borrowed(&input[..cut]), Cow::Borrowed(&input[cut..]))
}

/// JavaScript's `input.split(/ +/)`: runs of spaces separate pieces, empty ends kept.
fn split_on_space_runs(input: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = input;
    while let Some(start) = rest.find(' ') {
        pieces.push(&rest[..start]);
        rest = rest[start..].trim_start_matches(' ');
    }
    pieces.push(rest);
    pieces
}

/// `getNumberOfMonthDigitsInDateString` from card-validator's `parse-date.ts`.
fn month_digit_count(input: &str, today: YearMonth) -> usize {
    let digit_at =
        |i: usize| input.as_bytes().get(i).filter(|b| b.is_ascii_digit()).map(|b| b - b'0');
    match (digit_at(0), digit_at(1)) {
        (Some(0), _) => 2,
        (Some(2..), _) => 1,
        (Some(1), Some(3..)) => 1,
        (Some(1), _) => {
            let year_check = validate_expiry_year(&input[1..], today, DEFAULT_MAX_ELAPSED_YEAR);
            if year_check.validity.is_potentially_valid() { 1 } else { 2 }
        }
        _ => match js::len16(input) {
            5 => 1,
            6.. => 2,
            _ => 1,
        },
    }
}

/// The value of a digit string, saturating (like `parseInt`, only range checks follow).
fn number(digits: &str) -> u64 {
    // Values stop growing at 10^18, far past any month or year, and without an overflow check:
    // a checked 64-bit multiply costs a 128-bit one on wasm32, on every keystroke.
    const CAP: u64 = 1_000_000_000_000_000_000;
    digits.bytes().fold(0, |acc, b| if acc >= CAP { CAP } else { acc * 10 + u64::from(b - b'0') })
}
