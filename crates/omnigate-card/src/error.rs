//! The crate's two error types -- [`CardError`], what is wrong with card input, and
//! [`BrandError`], what is wrong with a brand definition or a change to a brand table -- and
//! the three-way outcome [`Validity`] of a check. Their codes and messages share one table.

use alloc::string::String;

use core::fmt;

use crate::expiry::YearMonth;

/// Everything that can be wrong with card input.
///
/// Each variant has a stable snake_case [`code`](CardError::code): the wasm shim sets it as
/// `err.code`, the Worker returns it in its JSON error body, and tests assert on it. The
/// [`Display`](fmt::Display) text is for people and never contains a card number or a CVC.
///
/// It owns no text, so it is `Copy`, and so is [`Validity`]: a check's outcome is passed and
/// dropped with no cleanup code (which the browser module would carry at every check).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CardError {
    /// The field is empty. Code `empty`.
    Empty,
    /// The input holds characters the field does not allow (a letter in a card number, a CVC or
    /// an expiry). Code `invalid_characters`.
    InvalidCharacters,
    /// The input is shorter than the field needs: more digits may still make it valid.
    /// Code `too_short`.
    TooShort,
    /// The input is longer than any valid value. Code `too_long`.
    TooLong,
    /// No brand in the table issues numbers that start like this one. Code `unknown_brand`.
    UnknownBrand,
    /// The number has a complete length but its Luhn check digit is wrong. Code `invalid_luhn`.
    InvalidLuhn,
    /// The value does not fit the card's brand (for example a 3-digit CVC for an American
    /// Express card). Code `brand_mismatch`.
    BrandMismatch,
    /// The expiry month is not 1–12 (or not digits). Code `invalid_month`.
    InvalidMonth,
    /// The expiry year is not a 2- or 4-digit year. Code `invalid_year`.
    InvalidYear,
    /// The card expired: `expiry` is before `today`. A year-only check reports December of
    /// that year. Code `expired`.
    Expired {
        /// The card's expiry month.
        expiry: YearMonth,
        /// The current month the check was made against.
        today: YearMonth,
    },
    /// The expiry year is further ahead than cards are issued for. Code `too_far_in_future`.
    TooFarInFuture {
        /// The year that was given.
        year: u16,
        /// The last year that is accepted.
        max_year: u16,
    },
    /// The security code is not 3 or 4 digits. Code `invalid_cvc`.
    InvalidCvc,
    /// The cardholder name is empty, too long or looks like a card number.
    /// Code `invalid_holder`.
    InvalidHolder,
    /// The postal code does not start with letters or digits. Code `invalid_postal_code`.
    InvalidPostalCode,
}

/// What is wrong with a brand definition or with a change to a [`BrandTable`](crate::BrandTable).
/// Codes and messages work as [`CardError`]'s do, from the same tables.
///
/// A second error type, where the project's habit is one per crate: two of these errors name
/// the brand's id, an owned `String`, and were they [`CardError`] variants every card check
/// would carry the code to drop one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BrandError {
    /// A brand definition is malformed: `field` names the part, `reason` says why.
    /// Code `invalid_brand`.
    InvalidBrand {
        /// The field of the brand definition at fault (`id`, `patterns`, `lengths`, ...).
        field: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A brand with this id is already in the table. Code `duplicate_brand`.
    DuplicateBrand {
        /// The id that was added twice.
        id: String,
    },
    /// No brand with this id is in the table. Code `brand_not_found`.
    BrandNotFound {
        /// The id that was looked up.
        id: String,
    },
    /// An update tried to change a brand's id. Code `brand_id_mismatch`.
    BrandIdMismatch,
}

/// How many [`CardError`] variants there are: the [`BrandError`] lines of the tables below
/// follow theirs. A test checks both tables have a line for every variant of the two types.
const CARD_ERRORS: usize = 14;

/// The codes of the [`CardError`] variants and then the [`BrandError`] ones, one a line, in the
/// order the variants are declared (their `index`). Kept as one text rather than a `match` of texts, which
/// compiles to two tables of addresses and lengths, eight bytes per variant.
const CODES: &str = "\
empty
invalid_characters
too_short
too_long
unknown_brand
invalid_luhn
brand_mismatch
invalid_month
invalid_year
expired
too_far_in_future
invalid_cvc
invalid_holder
invalid_postal_code
invalid_brand
duplicate_brand
brand_not_found
brand_id_mismatch";

/// The fixed messages, one a line in the same order: the whole message of an error that carries
/// no values, the words after the last value for the others (an empty line when a value ends
/// it); [`push_message`](CardError::push_message) writes what comes before. The words after an
/// id are the ones credit-card-type throws, so the JS compat layer can reuse them.
// (A `\n\` line is an empty line, for a message whose value ends it: the `\` skips the source
// line break after it, so the escaped `\n` is all that line holds.)
const FIXED_MESSAGES: &str = "\
this field is required
only digits are allowed here
the value is incomplete
the value is too long
the card number does not match any card brand
the card number is invalid (check digit mismatch)
the value does not fit the card's brand
the expiry month must be between 1 and 12
the expiry year is invalid
)
\n\
the security code must be 3 or 4 digits
the cardholder name is invalid
the postal code is invalid
\n\
\" is already a card type.
\" is not a supported card type.
Cannot overwrite type parameter.";

/// Line `index` of `lines` (the last line past it, which a test proves no index reaches).
fn line(lines: &'static str, index: usize) -> &'static str {
    part(lines, b'\n', index, 0)
}

/// Part `index` of `text` cut at `separator` bytes (the last part past it), found with one byte
/// loop and no string searching machinery, less its first `skip` bytes (empty when it has no
/// more). The brand records' fields are read with it too, skipping their `=`: one cut, one
/// char-boundary check.
pub(crate) fn part(text: &str, separator: u8, index: usize, skip: usize) -> &str {
    let (mut start, mut end, mut seen) = (0, text.len(), 0);
    for (at, byte) in text.bytes().enumerate() {
        if byte == separator {
            if seen == index {
                end = at;
                break;
            }
            (start, seen) = (at + 1, seen + 1);
        }
    }
    text.get(start + skip..end).unwrap_or_default()
}

/// Appends [`line`]`(lines, index)` to `out`. The writers below take this rather than `line`:
/// a returned `&str` goes back through stack memory at every call, and the browser module,
/// which only writes codes and messages, then links this one copy of the search and no `line`.
#[inline(never)]
fn push_line(out: &mut String, lines: &'static str, index: usize) {
    push(out, line(lines, index));
}

/// Appends the code of the error at `index`, `separator` and the message that `push_message`
/// writes: the error records the browser module answers.
fn push_record(
    out: &mut String,
    index: usize,
    separator: &str,
    push_message: impl FnOnce(&mut String),
) {
    push_line(out, CODES, index);
    push(out, separator);
    push_message(out);
}

impl CardError {
    /// The stable machine-readable code of this error.
    ///
    /// ```
    /// assert_eq!(omnigate_card::CardError::InvalidLuhn.code(), "invalid_luhn");
    /// ```
    pub fn code(&self) -> &'static str {
        line(CODES, self.index())
    }

    /// Where the variant is declared, counting from 0: its line in [`CODES`] and
    /// [`FIXED_MESSAGES`]. (It is also the variant's tag, so this compiles to reading it.)
    fn index(&self) -> usize {
        match self {
            Self::Empty => 0,
            Self::InvalidCharacters => 1,
            Self::TooShort => 2,
            Self::TooLong => 3,
            Self::UnknownBrand => 4,
            Self::InvalidLuhn => 5,
            Self::BrandMismatch => 6,
            Self::InvalidMonth => 7,
            Self::InvalidYear => 8,
            Self::Expired { .. } => 9,
            Self::TooFarInFuture { .. } => 10,
            Self::InvalidCvc => 11,
            Self::InvalidHolder => 12,
            Self::InvalidPostalCode => 13,
        }
    }
}

impl CardError {
    /// The text for people, as [`Display`](fmt::Display) prints it. Built without `core::fmt`,
    /// so the browser module that shows these messages does not carry the formatting machinery.
    pub fn message(&self) -> String {
        written(|out| self.push_message(out))
    }

    /// Appends [`message`](Self::message) to `out`: callers that gather several texts (the
    /// browser module's error records) write each message where it goes, with no copy.
    pub fn push_message(&self, out: &mut String) {
        // Values are written straight into `out` between the fixed pieces, so no message needs
        // a text of its own; `push` keeps one copy of the appending code for all of them. Every
        // message then ends with its line of `FIXED_MESSAGES`, the whole of most of them.
        match self {
            Self::Expired { expiry, today } => {
                push(out, "the card expired in ");
                expiry.push_to(out);
                push(out, " (today is ");
                today.push_to(out);
            }
            Self::TooFarInFuture { year, max_year } => {
                push(out, "the expiry year ");
                push_decimal(out, u32::from(*year), 1);
                push(out, " is after ");
                push_decimal(out, u32::from(*max_year), 1);
            }
            _ => {}
        }
        push_line(out, FIXED_MESSAGES, self.index());
    }

    /// Appends [`code`](Self::code), `separator` and the [`message`](Self::message): what the
    /// browser module answers for an error, written with no intermediate text.
    ///
    /// ```
    /// let mut out = String::new();
    /// omnigate_card::CardError::Empty.push_record(&mut out, ": ");
    /// assert_eq!(out, "empty: this field is required");
    /// ```
    pub fn push_record(&self, out: &mut String, separator: &str) {
        push_record(out, self.index(), separator, |out| self.push_message(out));
    }
}

impl BrandError {
    /// The stable machine-readable code of this error.
    ///
    /// ```
    /// assert_eq!(omnigate_card::BrandError::BrandIdMismatch.code(), "brand_id_mismatch");
    /// ```
    pub fn code(&self) -> &'static str {
        line(CODES, self.index())
    }

    /// The variant's line in [`CODES`] and [`FIXED_MESSAGES`]: after [`CardError`]'s.
    fn index(&self) -> usize {
        match self {
            Self::InvalidBrand { .. } => CARD_ERRORS,
            Self::DuplicateBrand { .. } => CARD_ERRORS + 1,
            Self::BrandNotFound { .. } => CARD_ERRORS + 2,
            Self::BrandIdMismatch => CARD_ERRORS + 3,
        }
    }

    /// The text for people, as [`Display`](fmt::Display) prints it (built as
    /// [`CardError::message`] is).
    pub fn message(&self) -> String {
        written(|out| self.push_message(out))
    }

    /// Appends [`message`](Self::message) to `out`.
    pub fn push_message(&self, out: &mut String) {
        match self {
            Self::InvalidBrand { field, reason } => {
                push(out, "invalid brand definition: ");
                push(out, field);
                push(out, " ");
                push(out, reason);
            }
            Self::DuplicateBrand { id } | Self::BrandNotFound { id } => {
                push(out, "\"");
                push(out, id);
            }
            Self::BrandIdMismatch => {}
        }
        push_line(out, FIXED_MESSAGES, self.index());
    }

    /// Appends [`code`](Self::code), `separator` and the [`message`](Self::message), as
    /// [`CardError::push_record`] does.
    pub fn push_record(&self, out: &mut String, separator: &str) {
        push_record(out, self.index(), separator, |out| self.push_message(out));
    }
}

/// The text `write` appends to an empty string: each error type's `message`.
fn written(write: impl FnOnce(&mut String)) -> String {
    let mut out = String::new();
    write(&mut out);
    out
}

/// Appends `text` to `out`. Kept out of line (like [`push_decimal`]): messages are rare, and in
/// this crate, optimised for speed, each inlined copy of the growing code costs the wasm module.
#[inline(never)]
pub(crate) fn push(out: &mut String, text: &str) {
    out.push_str(text);
}

/// Appends `text` to `out`, as `String::push_str` does, through the crate's one out-of-line copy
/// of the appending code: the browser module, which writes its answers with this, then carries
/// that one copy instead of a second, its own instance of `push_str`.
///
/// ```
/// let mut out = String::from("12");
/// omnigate_card::push_text(&mut out, " / 29");
/// assert_eq!(out, "12 / 29");
/// ```
#[inline]
pub fn push_text(out: &mut String, text: &str) {
    push(out, text);
}

/// Appends `value` in decimal, padded with zeros to at least `width` digits (at most 10, the
/// digits of the largest `u32`: a wider `width` pads to 10), without `core::fmt`: the messages' numbers and dates are written with it, and so are the numbers
/// the browser module writes into its answers, which then carries one such writer.
///
/// ```
/// let mut out = String::from("expires ");
/// omnigate_card::push_decimal(&mut out, 7, 2);
/// omnigate_card::push_decimal(&mut out, 2029, 1);
/// assert_eq!(out, "expires 072029");
/// ```
#[inline(never)]
pub fn push_decimal(out: &mut String, value: u32, width: usize) {
    // The higher digits first: at most ten levels deep (the capped width bounds the zeros),
    // and no buffer to index.
    if value >= 10 || width > 1 {
        push_decimal(out, value / 10, width.min(10).saturating_sub(1));
    }
    push_ascii(out, b'0' + (value % 10) as u8);
}

/// Appends one ASCII byte, `byte & 0x7f`, as text through [`push`]: `String::push` would bring
/// a growing path of its own. The mask shows the compiler that the char takes one byte of
/// UTF-8, which spares the encoder its longer forms and fits a one-byte buffer.
#[inline(always)] // a few instructions at each caller, no call
pub(crate) fn push_ascii(out: &mut String, byte: u8) {
    push(out, char::from(byte & 0x7f).encode_utf8(&mut [0]));
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for CardError {}

impl fmt::Display for BrandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for BrandError {}

/// The outcome of checking one field: valid now, still a prefix of something valid, or not.
///
/// This is card-validator's `{isValid, isPotentiallyValid}` pair with the impossible
/// combination removed and a reason attached to the invalid case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// The value is complete and valid.
    Valid,
    /// The value is not valid yet, but typing more can make it valid.
    PotentiallyValid,
    /// The value cannot become valid by typing more; the error says why.
    Invalid(CardError),
}

impl Validity {
    /// card-validator's `isValid`.
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Valid)
    }

    /// card-validator's `isPotentiallyValid` (true for valid values too).
    pub fn is_potentially_valid(&self) -> bool {
        !matches!(self, Self::Invalid(_))
    }

    /// The reason when the value is invalid.
    pub fn error(&self) -> Option<&CardError> {
        match self {
            Self::Invalid(error) => Some(error),
            _ => None,
        }
    }

    /// Builds the outcome from card-validator's two flags; `reason` is used when neither holds.
    pub(crate) fn from_flags(
        is_valid: bool,
        is_potentially_valid: bool,
        reason: CardError,
    ) -> Self {
        match (is_valid, is_potentially_valid) {
            (true, _) => Self::Valid,
            (false, true) => Self::PotentiallyValid,
            (false, false) => Self::Invalid(reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{BrandError, CardError};
    use crate::YearMonth;

    #[test]
    fn the_tables_have_one_line_per_variant() {
        // Both lists above name every variant once; a missing or extra line would shift every
        // later code or message, which the per-variant test below would also catch.
        let variants = super::CARD_ERRORS + 4;
        assert_eq!(super::CODES.split('\n').count(), variants);
        assert_eq!(super::FIXED_MESSAGES.split('\n').count(), variants);
    }

    #[test]
    fn push_decimal_pads_to_at_most_ten_digits() {
        let mut out = alloc::string::String::new();
        super::push_decimal(&mut out, 42, usize::MAX);
        assert_eq!(out, "0000000042");
    }

    #[test]
    fn every_variant_reads_its_own_lines() {
        let month = YearMonth::checked(2026, 6).unwrap();
        let card = |error: CardError| (error.code(), error.message());
        let brand = |error: BrandError| (error.code(), error.message());
        let id = || "x".into();
        let errors = [
            (card(CardError::Empty), "empty", "this field is required"),
            (
                card(CardError::InvalidCharacters),
                "invalid_characters",
                "only digits are allowed here",
            ),
            (card(CardError::TooShort), "too_short", "the value is incomplete"),
            (card(CardError::TooLong), "too_long", "the value is too long"),
            (
                card(CardError::UnknownBrand),
                "unknown_brand",
                "the card number does not match any card brand",
            ),
            (
                card(CardError::InvalidLuhn),
                "invalid_luhn",
                "the card number is invalid (check digit mismatch)",
            ),
            (
                card(CardError::BrandMismatch),
                "brand_mismatch",
                "the value does not fit the card's brand",
            ),
            (
                card(CardError::InvalidMonth),
                "invalid_month",
                "the expiry month must be between 1 and 12",
            ),
            (card(CardError::InvalidYear), "invalid_year", "the expiry year is invalid"),
            (
                card(CardError::Expired { expiry: month, today: month }),
                "expired",
                "the card expired in 06/2026 (today is 06/2026)",
            ),
            (
                card(CardError::TooFarInFuture { year: 2050, max_year: 2045 }),
                "too_far_in_future",
                "the expiry year 2050 is after 2045",
            ),
            (card(CardError::InvalidCvc), "invalid_cvc", "the security code must be 3 or 4 digits"),
            (card(CardError::InvalidHolder), "invalid_holder", "the cardholder name is invalid"),
            (
                card(CardError::InvalidPostalCode),
                "invalid_postal_code",
                "the postal code is invalid",
            ),
            (
                brand(BrandError::InvalidBrand { field: "id", reason: "r" }),
                "invalid_brand",
                "invalid brand definition: id r",
            ),
            (
                brand(BrandError::DuplicateBrand { id: id() }),
                "duplicate_brand",
                "\"x\" is already a card type.",
            ),
            (
                brand(BrandError::BrandNotFound { id: id() }),
                "brand_not_found",
                "\"x\" is not a supported card type.",
            ),
            (
                brand(BrandError::BrandIdMismatch),
                "brand_id_mismatch",
                "Cannot overwrite type parameter.",
            ),
        ];
        for ((code, message), expected_code, expected_message) in errors {
            assert_eq!((code, message.as_str()), (expected_code, expected_message));
        }
    }

    #[test]
    fn messages_with_values_put_them_between_their_pieces() {
        let id = || "visa".into();
        let brand_messages = [
            (BrandError::DuplicateBrand { id: id() }, "\"visa\" is already a card type."),
            (BrandError::BrandNotFound { id: id() }, "\"visa\" is not a supported card type."),
            (
                BrandError::InvalidBrand { field: "gaps", reason: "must rise" },
                "invalid brand definition: gaps must rise",
            ),
        ];
        for (error, message) in brand_messages {
            assert_eq!(error.message(), message);
        }
        let year = CardError::TooFarInFuture { year: 2050, max_year: 7 };
        assert_eq!(year.message(), "the expiry year 2050 is after 7");
        assert_eq!(CardError::Empty.message(), "this field is required");
    }
}
