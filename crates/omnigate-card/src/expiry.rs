//! [`YearMonth`] ("today", passed in by the caller) and [`Expiry`], a card's expiry month.

use alloc::string::String;
use core::fmt;

use crate::error::{CardError, Validity, push, push_decimal};
use crate::expiry_rules::{DEFAULT_MAX_ELAPSED_YEAR, check_date, validate_expiry_date};

/// A calendar month: the caller's "today", or a card's expiry month.
///
/// The crate never reads a clock; the shells (browser, Worker, sandbox) build this from theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: u16,
    month: u8,
}

impl YearMonth {
    /// A month of a four-digit year (1000–9999); `month` is 1–12.
    pub fn new(year: u16, month: u8) -> Result<Self, CardError> {
        if !(1000..=9999).contains(&year) {
            return Err(CardError::InvalidYear);
        }
        if !(1..=12).contains(&month) {
            return Err(CardError::InvalidMonth);
        }
        Ok(Self { year, month })
    }

    /// [`new`](Self::new) without the reason: `None` when the year or the month is out of
    /// range. Code that only needs to know (a packed date from JS, the expiry checks) builds no
    /// error it would drop again.
    pub fn checked(year: u16, month: u8) -> Option<Self> {
        let valid = (1000..=9999).contains(&year) && (1..=12).contains(&month);
        valid.then_some(Self { year, month })
    }

    /// The four-digit year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Appends `MM/YYYY` (the [`Display`](fmt::Display) form) to `out`.
    pub(crate) fn push_to(self, out: &mut String) {
        push_decimal(out, u32::from(self.month), 2);
        // Through `push`, as the digits are: `String::push` would inline a growing path of its own.
        push(out, "/");
        push_decimal(out, u32::from(self.year), 4);
    }
}

impl fmt::Display for YearMonth {
    /// `MM/YYYY`, as printed on cards with a full year.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(7);
        self.push_to(&mut out);
        f.write_str(&out)
    }
}

/// A card's expiry month, always with a four-digit year.
///
/// [`Expiry::parse`] accepts every format card-validator does (`MM/YY`, `MM / YYYY`, `M/YY`,
/// `MMYY`, `MYY`, `MMYYYY`, `MM YY`, `MM YYYY`, `YYYY-MM`, `YYYY-M`) and only when card-validator
/// calls it valid for `today`. [`Expiry::new`] builds one from stored fields without any date
/// check; [`check`](Expiry::check) tells later whether it is still usable.
///
/// ```
/// use omnigate_card::{Expiry, YearMonth};
///
/// let today = YearMonth::new(2026, 6)?;
/// let expiry = Expiry::parse("09 / 28", today)?;
/// assert_eq!((expiry.month(), expiry.year()), (9, 2028));
/// assert_eq!(expiry.check(YearMonth::new(2028, 10)?).unwrap_err().code(), "expired");
/// # Ok::<(), omnigate_card::CardError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Expiry(YearMonth);

impl Expiry {
    /// An expiry from a month (1–12) and a four-digit year, with no date check.
    pub fn new(month: u8, year: u16) -> Result<Self, CardError> {
        YearMonth::new(year, month).map(Self)
    }

    /// Parses one expiry string, valid for `today` (not expired, at most 19 years ahead).
    pub fn parse(input: &str, today: YearMonth) -> Result<Self, CardError> {
        Self::from_check(validate_expiry_date(input, today, DEFAULT_MAX_ELAPSED_YEAR), input)
    }

    /// Parses a separate month field and year field (2 or 4 digits), valid for `today`.
    pub fn from_parts(month: &str, year: &str, today: YearMonth) -> Result<Self, CardError> {
        let check = check_date(month.as_bytes(), year.as_bytes(), today, DEFAULT_MAX_ELAPSED_YEAR);
        Self::from_check(check, month)
    }

    /// The expiry a check found valid, or why `input` gives none.
    fn from_check(check: (Validity, Option<(u8, u16)>), input: &str) -> Result<Self, CardError> {
        match check {
            (Validity::Valid, Some((month, year))) => Self::new(month, year),
            (Validity::Invalid(error), _) => Err(error),
            _ if input.trim().is_empty() => Err(CardError::Empty),
            _ => Err(CardError::TooShort),
        }
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.0.month
    }

    /// The four-digit year.
    pub fn year(self) -> u16 {
        self.0.year
    }

    /// The expiry as a [`YearMonth`].
    pub fn year_month(self) -> YearMonth {
        self.0
    }

    /// Whether the card can still be used in `today`'s month and does not expire implausibly
    /// far ahead (19 years, card-validator's default).
    pub fn check(self, today: YearMonth) -> Result<(), CardError> {
        self.check_within(today, DEFAULT_MAX_ELAPSED_YEAR)
    }

    /// [`check`](Self::check) with a chosen number of years ahead.
    pub fn check_within(self, today: YearMonth, max_elapsed_year: u16) -> Result<(), CardError> {
        let max_year = today.year.saturating_add(max_elapsed_year);
        if self.0 < today {
            Err(CardError::Expired { expiry: self.0, today })
        } else if self.0.year > max_year {
            Err(CardError::TooFarInFuture { year: self.0.year, max_year })
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for Expiry {
    /// `MM/YYYY`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
