//! Card checks with `omnigate-card`'s rules, answered with OPP's account-validation codes.
//!
//! The rules themselves (Luhn, brand detection, lengths, expiry, CVC size) live in the card
//! crate, the same ones the browser and the Worker run; this module only maps their errors to
//! OPP codes and adds OPP's own wire rules (a four-digit `card.expiryYear`, a CVV for VISA,
//! MASTER and AMEX).

use crate::clock::UtcTime;
use crate::vault::CardRecord;
use omnigate_card::{BrandTable, CardError, CardNumber, Cvc, Expiry, YearMonth};
use omnigate_opp::codes;
use omnigate_opp::secret::Cvv;
use omnigate_opp::vocab::{CVV_REQUIRED_BRANDS, PaymentBrand};

/// `paymentBrand` values accepted for a card the rules detect as the given gateway brand.
const BRAND_ALIASES: &[(&str, &[&str])] = &[
    ("VISA", &["VISADEBIT", "VISAELECTRON", "VPAY"]),
    ("MASTER", &["MASTERDEBIT"]),
    ("UNIONPAY", &["UNIONPAY_SMS"]),
];

/// This month in UTC, the "today" of every expiry check.
pub(crate) fn today() -> Option<YearMonth> {
    let now = UtcTime::now();
    let year = u16::try_from(now.year).ok()?;
    YearMonth::new(year, u8::try_from(now.month).ok()?).ok()
}

/// A card sent with its number: number, brand agreement, expiry, and (when `cvv_required`) the
/// CVV. The error is the OPP result code.
pub(crate) fn card(
    card: &CardRecord,
    brand: &str,
    cvv: Option<&Cvv>,
    cvv_required: bool,
    today: Option<YearMonth>,
) -> Result<(), &'static str> {
    let number: CardNumber = card.pan.parse().map_err(|error| match error {
        CardError::UnknownBrand => codes::NUMBER_BRAND_MISMATCH,
        _ => codes::INVALID_CARD_NUMBER,
    })?;
    let table = BrandTable::standard();
    let detected = table.get(number.brand_id()).ok_or(codes::NUMBER_BRAND_MISMATCH)?;
    if !same_brand(detected.gateway_brand(), brand) {
        return Err(codes::NUMBER_BRAND_MISMATCH);
    }
    expiry(card, today)?;
    match cvv {
        None if cvv_required && CVV_REQUIRED_BRANDS.contains(&detected.gateway_brand()) => {
            Err(codes::CVV_MISSING)
        }
        None => Ok(()),
        Some(cvv) => cvv
            .expose()
            .parse::<Cvc>()
            .and_then(|cvc| cvc.check_brand(detected))
            .map_err(|_| codes::INVALID_CVV),
    }
}

/// A card taken from the vault: the number was checked when the token was made, so only the
/// brand the request names (if any) and the expiry are checked now.
pub(crate) fn stored(
    card: &CardRecord,
    stored_brand: &str,
    requested: Option<&PaymentBrand>,
    today: Option<YearMonth>,
) -> Result<(), &'static str> {
    if requested.is_some_and(|brand| !same_brand(stored_brand, brand.as_str())) {
        return Err(codes::NUMBER_BRAND_MISMATCH);
    }
    expiry(card, today)
}

/// `card.expiryMonth` 1–12, `card.expiryYear` four digits, and not expired.
fn expiry(card: &CardRecord, today: Option<YearMonth>) -> Result<(), &'static str> {
    let month = card.expiry_month.as_str();
    let month: u8 = match month.len() {
        1 | 2 if month.bytes().all(|byte| byte.is_ascii_digit()) => {
            month.parse().map_err(|_| codes::INVALID_MONTH)?
        }
        _ => return Err(codes::INVALID_MONTH),
    };
    let year = card.expiry_year.as_str();
    if year.len() != 4 || !year.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(codes::INVALID_YEAR);
    }
    let year: u16 = year.parse().map_err(|_| codes::INVALID_YEAR)?;
    let expiry = Expiry::new(month, year).map_err(|error| match error {
        CardError::InvalidMonth => codes::INVALID_MONTH,
        _ => codes::INVALID_YEAR,
    })?;
    let Some(today) = today else { return Ok(()) };
    expiry.check(today).map_err(|error| match error {
        CardError::Expired { .. } => codes::CARD_EXPIRED,
        _ => codes::INVALID_YEAR,
    })
}

fn same_brand(detected: &str, named: &str) -> bool {
    detected == named
        || BRAND_ALIASES.iter().any(|(base, aliases)| *base == detected && aliases.contains(&named))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(pan: &str, month: &str, year: &str) -> CardRecord {
        CardRecord {
            pan: pan.to_owned(),
            expiry_month: month.to_owned(),
            expiry_year: year.to_owned(),
            holder: None,
        }
    }

    #[test]
    fn card_checks_map_to_opp_codes() {
        let june = YearMonth::new(2026, 6).ok();
        let cvv = Cvv::new("123");
        let check = |pan, brand, month, year, cvv: Option<&Cvv>| {
            card(&record(pan, month, year), brand, cvv, true, june)
        };
        assert_eq!(check("4200000000000000", "VISA", "05", "2034", Some(&cvv)), Ok(()));
        assert_eq!(check("4200000000000001", "VISA", "05", "2034", Some(&cvv)), Err("100.100.101"));
        assert_eq!(
            check("4200000000000000", "MASTER", "05", "2034", Some(&cvv)),
            Err("100.100.700")
        );
        assert_eq!(check("4200000000000000", "VISA", "13", "2034", Some(&cvv)), Err("100.100.201"));
        assert_eq!(check("4200000000000000", "VISA", "05", "34", Some(&cvv)), Err("100.100.301"));
        assert_eq!(check("4200000000000000", "VISA", "05", "2026", Some(&cvv)), Err("100.100.303"));
        assert_eq!(check("4200000000000000", "VISA", "06", "2026", None), Err("100.100.600"));
        assert_eq!(check("377777777777770", "AMEX", "05", "2034", Some(&cvv)), Err("100.100.601"));
        assert_eq!(check("4200000000000000", "VISADEBIT", "05", "2034", Some(&cvv)), Ok(()));
        let stored_card = record("4200000000000000", "05", "2034");
        let master: PaymentBrand = "MASTER".parse().unwrap();
        assert_eq!(stored(&stored_card, "VISA", Some(&master), june), Err("100.100.700"));
        assert_eq!(stored(&stored_card, "VISA", None, june), Ok(()));
        assert!(today().is_some());
    }
}
