//! `amount` and `currency`: parsed once into types that are always valid on the wire.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// OPP's amount pattern, quoted in its `parameterErrors` messages.
pub const AMOUNT_PATTERN: &str = r"^[0-9]{1,12}(\.[0-9]{2})?$";

/// Active ISO 4217 alphabetic codes.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB \
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY \
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR \
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF \
SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS \
UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/// A non-negative amount in major units with exactly two decimals on the wire (`92.00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount {
    minor: u64,
}

/// The amount text does not match [`AMOUNT_PATTERN`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmountError;

impl Amount {
    /// An amount from minor units (cents).
    pub fn from_minor(minor: u64) -> Self {
        Self { minor }
    }

    /// The amount in minor units (cents).
    pub fn minor(self) -> u64 {
        self.minor
    }
}

impl FromStr for Amount {
    type Err = AmountError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (whole, cents) = match text.split_once('.') {
            Some((whole, cents)) => (whole, Some(cents)),
            None => (text, None),
        };
        let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        let whole_ok = (1..=12).contains(&whole.len()) && digits(whole);
        let cents_ok = cents.is_none_or(|cents| cents.len() == 2 && digits(cents));
        if !whole_ok || !cents_ok {
            return Err(AmountError);
        }
        let whole: u64 = whole.parse().map_err(|_| AmountError)?;
        let cents: u64 = cents.unwrap_or("0").parse().map_err(|_| AmountError)?;
        Ok(Self { minor: whole * 100 + cents })
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.minor / 100, self.minor % 100)
    }
}

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|_| serde::de::Error::custom(format!("must match {AMOUNT_PATTERN}")))
    }
}

/// An ISO 4217 currency code such as `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

/// The text is not an active ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrencyError;

impl Currency {
    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl FromStr for Currency {
    type Err = CurrencyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes: [u8; 3] = text.as_bytes().try_into().map_err(|_| CurrencyError)?;
        if bytes.iter().all(u8::is_ascii_uppercase) && ISO_4217.split(' ').any(|code| code == text)
        {
            Ok(Self(bytes))
        } else {
            Err(CurrencyError)
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|_| serde::de::Error::custom("invalid ISO 4217 currency"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_follow_the_documented_pattern() {
        for (text, minor) in
            [("92.00", 9200), ("0", 0), ("7", 700), ("999999999999.99", 99_999_999_999_999)]
        {
            assert_eq!(text.parse::<Amount>().map(Amount::minor), Ok(minor), "{text}");
        }
        for text in ["", "-20.20", "1.5", "1.505", "1,00", ".50", "1234567890123", "1.", "+1"] {
            assert!(text.parse::<Amount>().is_err(), "{text}");
        }
        assert_eq!(Amount::from_minor(5).to_string(), "0.05");
    }

    #[test]
    fn currencies_are_iso_4217() {
        assert_eq!("EUR".parse::<Currency>().unwrap().as_str(), "EUR");
        for text in ["eur", "EU", "EURO", "ABC", ""] {
            assert!(text.parse::<Currency>().is_err(), "{text}");
        }
    }
}
