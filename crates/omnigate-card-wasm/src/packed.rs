//! The numbers exports answer with, and the numbers JS passes for dates and options.
//!
//! A check's result is a `u32`: bit 0 is `isPotentiallyValid`, bit 1 `isValid`, and each export
//! documents what it puts from bit [`REST`] up. Lists and text go through [`crate::buffer`].

use omnigate_card::{BrandError, DEFAULT_MAX_ELAPSED_YEAR, Validity, YearMonth};

/// The first bit after the two validity flags.
pub(crate) const REST: u32 = 2;

/// Separates the fields of one output record (U+001E separates records: `validateCard` writes
/// it with each record's field name).
pub(crate) const FIELD: &str = "\u{1f}";

/// The two validity flags of a check.
pub(crate) fn validity(validity: &Validity) -> u32 {
    u32::from(validity.is_potentially_valid()) | u32::from(validity.is_valid()) << 1
}

/// "Today" from JS's `year * 16 + month`; `None` for a date omnigate-card cannot use, which
/// the checks answer as invalid.
pub(crate) fn today(packed: u32) -> Option<YearMonth> {
    // A year past `u16` is read as 0, which `checked` turns away like any year before 1000:
    // one range check rather than two exits.
    let year = u16::try_from(packed >> 4).unwrap_or(0);
    YearMonth::checked(year, (packed & 15) as u8)
}

/// `maxElapsedYear`: 19 when not given, else converted as JS does for a 16-bit count
/// (Rust's `as` saturates and makes NaN 0, the same rules). Converted to a `u32` first and
/// capped as an integer: the same count, where a conversion straight to `u16` compared the
/// float with both ends of the range (inlined into `validateExpiry` and `validateCard`).
pub(crate) fn years(value: Option<f64>) -> u16 {
    value.map_or(DEFAULT_MAX_ELAPSED_YEAR, |value| (value as u32).min(u16::MAX.into()) as u16)
}

/// The invalid outcome of a check whose input or options were unusable. (Only compat's checks
/// build it: `validateExpiry` answers such a check's 0 at once.)
#[cfg(feature = "compat")]
pub(crate) fn unusable() -> Validity {
    Validity::Invalid(omnigate_card::CardError::InvalidCharacters)
}

/// 0 when a table change worked, else the length of the error record JS throws: `code`,
/// [`FIELD`], then the message.
pub(crate) fn outcome(result: Result<(), BrandError>) -> usize {
    // Borrowed where it lies: moved out, the error was first copied to a place of its own.
    let Err(error) = &result else { return 0 };
    crate::buffer::write(|out| error.push_record(out, FIELD))
}

#[cfg(test)]
mod tests {
    use super::{today, years};

    #[test]
    fn numbers_cross_as_js_sends_them() {
        assert_eq!(today(2026 * 16 + 6).map(|t| (t.year(), t.month())), Some((2026, 6)));
        assert_eq!(today(0), None);
        assert_eq!(today(2026 * 16 + 13), None);
        // A year past u16 is refused, not wrapped (66536 is not year 1000).
        assert_eq!(today((65536 + 1000) << 4 | 6), None);
        assert_eq!(today(u32::MAX), None);
        assert_eq!(
            [years(None), years(Some(f64::NAN)), years(Some(-3.0)), years(Some(1e9))],
            [19, 0, 0, u16::MAX]
        );
        let edges = [f64::INFINITY, f64::NEG_INFINITY, 65535.9, 65536.0, 3.7];
        assert_eq!(edges.map(|value| years(Some(value))), [u16::MAX, 0, u16::MAX, u16::MAX, 3]);
    }
}
