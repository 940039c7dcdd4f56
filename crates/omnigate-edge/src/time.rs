//! Time as a value: the shell reads the clock once per request and handlers get milliseconds
//! since the Unix epoch; this module turns them into RFC 3339 text and card-expiry months.

use omnigate_card::YearMonth;

/// Milliseconds since 1970-01-01T00:00:00Z.
pub(crate) type Millis = u64;

/// Days since the epoch → (year, month, day) in the proleptic Gregorian calendar (Howard
/// Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-05-01T12:00:00.000Z`.
pub(crate) fn rfc3339(ms: Millis) -> String {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    let (year, month, day) = civil(ms.div_euclid(86_400_000));
    let of_day = ms.rem_euclid(86_400_000);
    let (hour, minute) = (of_day / 3_600_000, of_day / 60_000 % 60);
    let (second, milli) = (of_day / 1000 % 60, of_day % 1000);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z")
}

/// The calendar month of `ms`, as the card rules take "today" (`None` only past year 9999).
pub(crate) fn year_month(ms: Millis) -> Option<YearMonth> {
    let ms = i64::try_from(ms).ok()?;
    let (year, month, _) = civil(ms.div_euclid(86_400_000));
    YearMonth::new(u16::try_from(year).ok()?, u8::try_from(month).ok()?).ok()
}

/// OPP's `yyyy-MM-dd HH:mm:ss+0000` as RFC 3339 (`yyyy-MM-ddTHH:mm:ss.000Z`); any other text
/// comes back as it is.
pub(crate) fn from_opp_timestamp(text: &str) -> String {
    match (text.get(..10), text.get(10..11), text.get(11..19), text.get(19..)) {
        (Some(date), Some(" "), Some(clock), Some("+0000")) => format!("{date}T{clock}.000Z"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_709_251_199_123), "2024-02-29T23:59:59.123Z");
        assert_eq!(rfc3339(1_777_636_800_000), "2026-05-01T12:00:00.000Z");
        let today = year_month(1_777_636_800_000).unwrap();
        assert_eq!((today.year(), today.month()), (2026, 5));
        assert_eq!(from_opp_timestamp("2026-05-01 12:00:00+0000"), "2026-05-01T12:00:00.000Z");
        assert_eq!(from_opp_timestamp("yesterday"), "yesterday");
    }
}
