//! OPP's closed vocabularies: payment types, standing-instruction flags, test modes and brands.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A value that is not one of a vocabulary's words; carries the words that are allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownWord {
    /// The words the field accepts, as OPP prints them in `must be one of [..]`.
    pub allowed: &'static [&'static str],
}

impl UnknownWord {
    /// OPP's `parameterErrors` message for this mistake.
    pub fn message(&self) -> String {
        format!("must be one of [{}]", self.allowed.join(", "))
    }
}

/// Declares an enum whose variants travel on the wire as fixed words.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every word of the vocabulary, in documentation order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];

            /// The word OPP uses on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $word,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownWord;

            fn from_str(word: &str) -> Result<Self, Self::Err> {
                match word {
                    $($word => Ok(Self::$variant),)+
                    _ => Err(UnknownWord { allowed: Self::WORDS }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let word = String::deserialize(deserializer)?;
                word.parse().map_err(|error: UnknownWord| serde::de::Error::custom(error.message()))
            }
        }
    };
}

wire_enum! {
    /// `paymentType`: what a transaction does. The last three are the omni-token lifecycle.
    PaymentType {
        /// Pre-authorization: reserves the amount.
        Pa = "PA",
        /// Debit: a sale (PA and CP in one step).
        Db = "DB",
        /// Credit: a payout from the merchant to the card.
        Cd = "CD",
        /// Pre-authorization captured automatically after the risk checks.
        PaCp = "PA.CP",
        /// Capture of a PA.
        Cp = "CP",
        /// Refund of a DB or CP.
        Rf = "RF",
        /// Reversal (void) of a PA, DB or CP.
        Rv = "RV",
        /// Omni token created.
        Tk = "TK",
        /// Omni token detokenized for a payment.
        Dt = "DT",
        /// Omni token deleted.
        Dl = "DL",
    }
}

impl PaymentType {
    /// The types `POST /v1/payments` accepts.
    pub const INITIAL: &'static [&'static str] = &["PA", "DB", "CD", "PA.CP"];
    /// The types `POST /v1/payments/{id}` accepts.
    pub const REFERENCED: &'static [&'static str] = &["CP", "RF", "RV"];

    /// True for the types that start a payment (`PA`, `DB`, `CD`, `PA.CP`).
    pub fn is_initial(self) -> bool {
        matches!(self, Self::Pa | Self::Db | Self::Cd | Self::PaCp)
    }

    /// True for the back-office types that reference an earlier payment (`CP`, `RF`, `RV`).
    pub fn is_referenced(self) -> bool {
        matches!(self, Self::Cp | Self::Rf | Self::Rv)
    }
}

wire_enum! {
    /// `standingInstruction.source`: who starts a card-on-file payment.
    SiSource {
        /// Cardholder-initiated: the shopper is present.
        Cit = "CIT",
        /// Merchant-initiated: the shopper is absent.
        Mit = "MIT",
    }
}

wire_enum! {
    /// `standingInstruction.mode`: first use of an agreement, or a later one.
    SiMode {
        /// The first transaction of a card-on-file agreement.
        Initial = "INITIAL",
        /// A later transaction under the agreement.
        Repeated = "REPEATED",
    }
}

wire_enum! {
    /// `standingInstruction.type`: the kind of card-on-file agreement.
    SiType {
        /// Charges at irregular times (one-click, top-ups).
        Unscheduled = "UNSCHEDULED",
        /// Charges on a fixed schedule (subscriptions).
        Recurring = "RECURRING",
        /// A purchase split into a fixed number of charges.
        Installment = "INSTALLMENT",
    }
}

wire_enum! {
    /// `testMode`: where a test system routes a transaction.
    TestMode {
        /// OPP's internal simulator (the default); success is `000.100.110`.
        Internal = "INTERNAL",
        /// The connector's test system; success is `000.100.112`.
        External = "EXTERNAL",
    }
}

/// Card `paymentBrand` values OPP documents (opp-api.md §5.2), plus the unconfirmed ones the
/// card rules use.
pub const CARD_BRANDS: &[&str] = &[
    "AIRPLUS",
    "ALIA",
    "ALIADEBIT",
    "AMEX",
    "ARGENCARD",
    "BCMC",
    "CABAL",
    "CABALDEBIT",
    "CARNET",
    "CARTEBANCAIRE",
    "CARTEBLEUE",
    "CENCOSUD",
    "DANKORT",
    "DINERS",
    "DISCOVER",
    "ELO",
    "HIPERCARD",
    "JCB",
    "MADA",
    "MAESTRO",
    "MASTER",
    "MASTERDEBIT",
    "MEEZA",
    "MERCADOLIVRE",
    "NARANJA",
    "NATIVA",
    "SERVIRED",
    "SISTEMACLAVE",
    "TARJETASHOPPING",
    "TCARD",
    "TCARDDEBIT",
    "UNIONPAY",
    "UNIONPAY_SMS",
    "VISA",
    "VISADEBIT",
    "VISAELECTRON",
    "VPAY",
    "WORLD",
    // Not confirmed by any public OPP source, but `omnigate-card`'s brand table names them as
    // the gateway brands of cards it detects, so the two sides must agree on them.
    "HIPER",
    "MIR",
    "RUPAY",
    "TROY",
    "UATP",
    "VERVE",
];

/// Brands for which an empty CVV is refused with `100.100.600`.
pub const CVV_REQUIRED_BRANDS: &[&str] = &["VISA", "MASTER", "AMEX"];

/// A card `paymentBrand` from OPP's documented list, such as `VISA` or `MASTER`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PaymentBrand(String);

impl PaymentBrand {
    /// The brand as OPP spells it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for PaymentBrand {
    type Err = UnknownWord;

    fn from_str(word: &str) -> Result<Self, Self::Err> {
        if CARD_BRANDS.contains(&word) {
            Ok(Self(word.to_owned()))
        } else {
            Err(UnknownWord { allowed: CARD_BRANDS })
        }
    }
}

impl fmt::Display for PaymentBrand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for word in PaymentType::WORDS {
            let parsed: PaymentType = word.parse().unwrap();
            assert_eq!(parsed.as_str(), *word);
        }
        assert_eq!("PA.CP".parse::<PaymentType>(), Ok(PaymentType::PaCp));
        let error = "XX".parse::<PaymentType>().unwrap_err();
        assert!(error.message().starts_with("must be one of [PA, DB, CD, PA.CP"));
        assert_eq!(serde_json::to_string(&SiSource::Mit).unwrap(), "\"MIT\"");
        assert!("MASTERCARD".parse::<PaymentBrand>().is_err());
        assert_eq!("MASTER".parse::<PaymentBrand>().unwrap().as_str(), "MASTER");
    }
}
