//! The sandbox's one clock: OPP timestamps and "today" for expiry checks, in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

/// A UTC calendar time, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UtcTime {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) seconds_of_day: u32,
}

impl UtcTime {
    /// The current time.
    pub(crate) fn now() -> Self {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX));
        Self::from_unix(seconds)
    }

    /// The calendar time of `seconds` since 1970-01-01 00:00:00 UTC.
    pub(crate) fn from_unix(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400);
        let seconds_of_day = u32::try_from(seconds.rem_euclid(86_400)).unwrap_or(0);
        let (year, month, day) = civil_from_days(days);
        Self { year, month, day, seconds_of_day }
    }

    /// OPP's `timestamp` format: `yyyy-MM-dd HH:mm:ss+0000`.
    pub(crate) fn opp_timestamp(&self) -> String {
        format!("{}+0000", self.plain())
    }

    /// OPP's `buildNumber` date format: `yyyy-MM-dd HH:mm:ss +0000`.
    pub(crate) fn build_date(&self) -> String {
        format!("{} +0000", self.plain())
    }

    fn plain(&self) -> String {
        let (hour, minute, second) =
            (self.seconds_of_day / 3600, self.seconds_of_day / 60 % 60, self.seconds_of_day % 60);
        format!(
            "{:04}-{:02}-{:02} {hour:02}:{minute:02}:{second:02}",
            self.year, self.month, self.day
        )
    }
}

/// Howard Hinnant's `civil_from_days`: proleptic Gregorian date of a day count since the epoch.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, u32::try_from(month).unwrap_or(1), u32::try_from(day).unwrap_or(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(UtcTime::from_unix(0).opp_timestamp(), "1970-01-01 00:00:00+0000");
        assert_eq!(UtcTime::from_unix(1_582_786_668).opp_timestamp(), "2020-02-27 06:57:48+0000");
        assert_eq!(UtcTime::from_unix(951_782_400).opp_timestamp(), "2000-02-29 00:00:00+0000");
        assert_eq!(UtcTime::from_unix(4_102_444_799).build_date(), "2099-12-31 23:59:59 +0000");
    }
}
