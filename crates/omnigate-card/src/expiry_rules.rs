//! Expiry checks while typing: card-validator 10.0.4's `expirationDate`, `expirationMonth`,
//! `expirationYear` and its internal `parseDate`, with "today" passed in.
//!
//! Written as byte loops over borrowed parts: a check runs on every keystroke in the browser,
//! where generic string machinery (searchers, `split`, `join`) costs more code than the rules.

use alloc::{borrow::ToOwned, string::String};
use core::str;

use crate::error::{CardError, Validity};
use crate::expiry::YearMonth;
use crate::js::{self, Spaces};

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
    let date = parse_date(input, today, false);
    checked_parts(date.month, date.checked_year(), today, max_elapsed_year)
}

/// [`validate_expiry`] with the month and year as numbers instead of the typed text: `date` is
/// `(month, four-digit year)` exactly when [`validate_expiry`] gives `month` and `year` (a
/// two-digit year is put in `today`'s century). It allocates nothing, which is what a check on
/// every keystroke wants.
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
    let date = parse_date(input, today, false);
    check_date(date.month, date.checked_year(), today, max_elapsed_year)
}

/// Checks a month field and a year field, like card-validator's `expirationDate({month, year})`.
pub fn validate_expiry_parts(
    month: &str,
    year: &str,
    today: YearMonth,
    max_elapsed_year: u16,
) -> ExpiryCheck {
    checked_parts(month.as_bytes(), year.as_bytes(), today, max_elapsed_year)
}

/// [`check_date`] with the parts given back as text when card-validator gives them.
fn checked_parts(month: &[u8], year: &[u8], today: YearMonth, max: u16) -> ExpiryCheck {
    let (validity, date) = check_date(month, year, today, max);
    let part = |part| date.map(|_| text(part));
    ExpiryCheck { validity, month: part(month), year: part(year) }
}

/// A part of an expiry string as text. Parts are cut next to ASCII bytes or white space, or
/// after whole characters (a check's month, cut at a byte count, is given back only when it is
/// digits), so they are always UTF-8: the empty fallback is never taken.
fn text(part: &[u8]) -> String {
    str::from_utf8(part).unwrap_or_default().to_owned()
}

/// `expirationDate` on split parts: the outcome, and `(month, four-digit year)` when
/// card-validator gives the parts back (valid, or expired earlier this year).
///
/// Inlined always, like [`parse_date`] (see there why).
#[inline(always)]
pub(crate) fn check_date(
    month: &[u8],
    year: &[u8],
    today: YearMonth,
    max_elapsed_year: u16,
) -> (Validity, Option<(u8, u16)>) {
    // The month's reason first, as card-validator reports the month first. Each outcome is
    // returned or known not to hold an error: no error is built only to be dropped.
    let month = match check_month(month) {
        Ok(month) => Some(month),
        Err(false) => return (Validity::Invalid(CardError::InvalidMonth), None),
        Err(true) => None,
    };
    let year = match check_year(year, today, max_elapsed_year) {
        Ok(year) => year,
        Err(validity) => return (validity, None),
    };
    let Some(month) = month else { return (Validity::PotentiallyValid, None) };
    // A valid year is never before today's, so only a month of this year can be past.
    let validity = match YearMonth::checked(year, month) {
        Some(expiry) if expiry < today => Validity::Invalid(CardError::Expired { expiry, today }),
        _ => Validity::Valid,
    };
    (validity, Some((month, year)))
}

/// Checks an expiry month field, like card-validator's `expirationMonth`.
pub fn validate_expiry_month(input: &str, today: YearMonth) -> ExpiryMonthCheck {
    let (validity, is_valid_for_this_year) = match check_month(input.as_bytes()) {
        Ok(month) => (Validity::Valid, month >= today.month()),
        Err(true) => (Validity::PotentiallyValid, false),
        Err(false) => (Validity::Invalid(CardError::InvalidMonth), false),
    };
    ExpiryMonthCheck { validity, is_valid_for_this_year }
}

/// Checks an expiry year field (2 or 4 digits), like card-validator's `expirationYear`.
pub fn validate_expiry_year(
    input: &str,
    today: YearMonth,
    max_elapsed_year: u16,
) -> ExpiryYearCheck {
    let (validity, is_current_year) = match check_year(input.as_bytes(), today, max_elapsed_year) {
        Ok(year) => (Validity::Valid, year == today.year()),
        Err(validity) => (validity, false),
    };
    ExpiryYearCheck { validity, is_current_year }
}

/// `expirationMonth`: the month 1–12, else whether more typing may still make one
/// (`Err(true)`; `Err(false)` is [`CardError::InvalidMonth`], its only reason). A flag and
/// not a [`Validity`]: the date check reads it at once, with no error to copy out.
///
/// Inlined always, like [`parse_date`] (see there why).
#[inline(always)]
fn check_month(input: &[u8]) -> Result<u8, bool> {
    match number(input) {
        month @ 1..=12 => Ok(month as u8),
        // "" and "0" may still become a month; "00" may not.
        0 if input.len() < 2 => Err(true),
        NOT_DIGITS => Err(is_blank(input)),
        _ => Err(false),
    }
}

/// `expirationYear`: the four-digit year (a two-digit one put in `today`'s century), or why
/// the input is not a year it accepts (yet). The current year is always valid.
fn check_year(input: &[u8], today: YearMonth, max_elapsed_year: u16) -> Result<u16, Validity> {
    let value = number(input);
    let century = u32::from(today.year() / 100);
    // Blank, too short for a year yet, or the century ("20" or "20x" in the 2000s), which may
    // be the start of a four-digit year.
    let started = match (value, input.len()) {
        (NOT_DIGITS, _) => is_blank(input),
        (_, 0 | 1) => true,
        (value, 2) => value == century,
        (value, 3) => value / 10 == century,
        _ => false,
    };
    if started {
        return Err(Validity::PotentiallyValid);
    }
    let year = match (value, input.len()) {
        (NOT_DIGITS, _) => return Err(Validity::Invalid(CardError::InvalidYear)),
        (value, 2) => (value + century * 100) as u16,
        (value, 4) => value as u16,
        _ => return Err(Validity::Invalid(CardError::InvalidYear)),
    };
    let max_year = today.year().saturating_add(max_elapsed_year);
    let error = if year < today.year() {
        // Expired in December of that year (a year before 1000 is no date at all).
        YearMonth::checked(year, 12)
            .map_or(CardError::InvalidYear, |expiry| CardError::Expired { expiry, today })
    } else if year > max_year {
        CardError::TooFarInFuture { year, max_year }
    } else {
        return Ok(year);
    };
    Err(Validity::Invalid(error))
}

/// The value of a string of ASCII digits (JS `/^\d*$/`: 0 for ""), or some value of 10^8 or
/// more for a larger one (only range checks up to 9999 follow); [`NOT_DIGITS`] when anything
/// else is in it.
///
/// Out of line, and a plain number rather than an `Option` (which a call answers through
/// memory): the month's and the year's checks share this one loop.
#[inline(never)]
fn number(digits: &[u8]) -> u32 {
    let mut value = 0u32;
    for &byte in digits {
        // The digit's value, a byte that is none wrapped far above 9. Subtracted as a `u32`:
        // a `u8` was masked back to 8 bits at every byte.
        let digit = u32::from(byte).wrapping_sub(u32::from(b'0'));
        if digit > 9 {
            return NOT_DIGITS;
        }
        // Past 10^8 the value stops growing, so `* 10` never overflows: every such value is
        // out of range alike.
        if value < 100_000_000 {
            value = value * 10 + digit;
        }
    }
    value
}

/// What [`number`] answers for a text that is not all ASCII digits: above any value it caps.
const NOT_DIGITS: u32 = u32::MAX;

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
    let date = parse_date(input, today, true);
    let mut year = String::new();
    let mut pieces = Some(date.rest);
    // card-validator joins the pieces after the month with commas.
    while let Some(rest) = pieces {
        let (piece, more) = cut(rest, date.separator);
        year.push_str(&text(piece));
        if more.is_some() {
            year.push(',');
        }
        pieces = more;
    }
    ExpiryParts { month: text(date.month), year }
}

/// What `parseDate` found, borrowed from the input's bytes: the checks read bytes, and byte
/// slices cut without the character boundary tests of `str`.
struct ParsedDate<'a> {
    /// The month part.
    month: &'a [u8],
    /// The text after the month, still to be cut into pieces at `separator` (one piece, the
    /// year, when it holds no separator).
    rest: &'a [u8],
    /// The separator the pieces are cut at: `/` or a space, else one the rest never holds.
    separator: u8,
}

impl<'a> ParsedDate<'a> {
    /// The year part for the checks. Several pieces join into a text with a comma, which no
    /// check accepts; "," stands for all of them, so nothing is cut or joined: a check only
    /// looks for a second separator.
    fn checked_year(&self) -> &'a [u8] {
        // A plain byte test: slice `contains` brings a word-at-a-time search (~200 bytes of
        // wasm) for inputs a few bytes long.
        #[allow(clippy::manual_contains)]
        let more = self.rest.iter().any(|&b| b == self.separator);
        if more { b"," } else { self.rest }
    }
}

/// card-validator's `parseDate`. (`expirationDate` first rewrites "MM YY" and "MM YYYY" to the
/// slash form, which cuts them exactly where the space does here, so that step is left out.)
/// `split` is set when the parts are given back whatever they hold ([`split_expiry`]); the
/// checks read them only as far as their outcome depends on them (see [`month_digit_count`]).
///
/// Inlined always, as are the steps of the date check it feeds ([`cut`], [`month_digit_count`],
/// [`check_month`], [`check_date`]): LLVM left them out of line, answering through memory, and
/// wasm-opt then inlined them into `validate_expiry_date` with the memory traffic kept. Inlined
/// by LLVM their answers stay in locals (browser module 10023 -> 9893 B gzip, and fewer
/// instructions a check).
#[inline(always)]
fn parse_date(input: &str, today: YearMonth, split: bool) -> ParsedDate<'_> {
    let bytes = input.as_bytes();
    // Each branch gives the parts and the struct is built once, at the one exit: a struct
    // filled in each branch was copied once more in memory (15 B gzip more).
    let (month, rest, separator) = if let Some((year, month)) = iso_date(bytes) {
        (month, year, b'-')
    } else {
        // A plain byte test: slice `contains` brings a word-at-a-time search (~200 bytes of
        // wasm) for inputs a few bytes long.
        #[allow(clippy::manual_contains)]
        let slash = bytes.iter().any(|&b| b == b'/');
        let separator = if slash {
            b'/'
        } else if Spaces::of(bytes).any {
            b' '
        } else {
            0
        };
        if separator == 0 {
            let month_chars = month_digit_count(input, today, split);
            // A month cut inside a character is not digits, nor blank (this text holds no white
            // space): an invalid month, as the whole character is. So a check, which answers
            // that first and gives no parts back with it, cuts at a byte count.
            let end = if split { char_end(bytes, month_chars) } else { month_chars };
            let (month, year) = bytes.split_at_checked(end.min(bytes.len())).unwrap_or_default();
            // The input holds no `/`: the year is one piece.
            (month, year, b'/')
        } else {
            let (month, rest) = cut(bytes, separator);
            (month, rest.unwrap_or_default(), separator)
        }
    };
    ParsedDate { month, rest, separator }
}

/// `YYYY-M` or `YYYY-MM` (card-validator's `/^\d{4}-\d{1,2}$/`): the year and the month.
pub(crate) fn iso_date(input: &[u8]) -> Option<(&[u8], &[u8])> {
    // The length and the dash first: they turn nearly every other input away at once.
    if !matches!(input.len(), 6 | 7) || input.get(4) != Some(&b'-') {
        return None;
    }
    let digits = input.iter().enumerate().all(|(at, c)| c.is_ascii_digit() || at == 4);
    digits.then_some(())?;
    Some((input.get(..4)?, input.get(5..)?))
}

/// The first piece of `text` cut at `separator`, and the text after the separator (`None` when
/// the piece is the last). A `/` takes the JS white space around it along (card-validator's
/// `split(/\s*\/\s*/)`), a space the spaces after it (`split(/ +/)`).
///
/// Inlined always, like [`parse_date`] (see there why).
#[inline(always)]
fn cut(text: &[u8], separator: u8) -> (&[u8], Option<&[u8]>) {
    let Some(at) = text.iter().position(|&b| b == separator) else { return (text, None) };
    let (piece, rest) =
        (text.get(..at).unwrap_or_default(), text.get(at + 1..).unwrap_or_default());
    // Where the piece ends and how much of the rest the separator takes along.
    let (end, skip) = if separator == b'/' {
        // Typed text has printable ASCII next to its `/`, which is no white space: the
        // scans run only for another byte (a space, a control, a character beyond ASCII).
        // The scans were most of what a check cost (wasm: 852 -> 799 instructions a call).
        let spaced = |byte: Option<&u8>| byte.is_some_and(|b| !b.is_ascii_graphic());
        let end = if spaced(piece.last()) { Spaces::of(piece).content_end } else { at };
        (end, if spaced(rest.first()) { Spaces::of(rest).content_start } else { 0 })
    } else {
        (at, rest.iter().take_while(|&&b| b == b' ').count())
    };
    (piece.get(..end).unwrap_or(piece), Some(rest.get(skip..).unwrap_or(rest)))
}

/// Where the first `count` characters of `text` end (its length if it has fewer).
fn char_end(text: &[u8], count: usize) -> usize {
    // Bytes 0x80–0xBF continue a character; every other byte starts one.
    let starts = text.iter().enumerate().filter(|&(_, b)| !(0x80..0xc0).contains(b));
    starts.map(|(at, _)| at).nth(count).unwrap_or(text.len())
}

/// `getNumberOfMonthDigitsInDateString` from card-validator's `parse-date.ts`.
///
/// Inlined always, like [`parse_date`] (see there why).
#[inline(always)]
fn month_digit_count(input: &str, today: YearMonth, split: bool) -> usize {
    match input.as_bytes() {
        [b'0', ..] => 2,
        [b'2'..=b'9', ..] | [b'1', b'3'..=b'9', ..] => 1,
        [b'1', rest @ ..] => {
            // A 1 not followed by 3-9 ("10", "12", "1x"): one digit if the rest may still
            // become a year.
            let year = check_year(rest, today, DEFAULT_MAX_ELAPSED_YEAR);
            if matches!(year, Err(Validity::Invalid(_))) { 2 } else { 1 }
        }
        // A month that starts with no digit is an invalid month at any length (this text holds
        // no white space, so it is not blank either), the check's first answer: only a split
        // needs the length (browser module 9630 -> 9589 B gzip).
        _ if split && js::len16(input) > 5 => 2,
        _ => 1,
    }
}

/// Whether `text` is empty or JS white space only (card-validator's `replace(/\s/g, "") === ""`).
///
/// Out of line: the month's and the year's checks share one call of [`Spaces::of`] and the
/// read of its answer from memory, where each inlined copy had its own.
#[inline(never)]
fn is_blank(text: &[u8]) -> bool {
    Spaces::of(text).content_end == 0
}
