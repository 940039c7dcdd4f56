//! Card input from a browser, validated with `omnigate-card` before anything leaves the Worker:
//! a bad number, expiry, CVC or holder is a 400 with the field and the card rules' code, and the
//! gateway is never called.

use crate::ApiError;
use crate::store::WalletCard;
use crate::time::{self, Millis};
use omnigate_card::{BrandTable, CardError, CardNumber, Cvc, Expiry, Holder};
use omnigate_opp::request::CardFields;
use omnigate_opp::secret::{Cvv, Pan};
use omnigate_opp::vocab::PaymentBrand;
use serde::Deserialize;
use serde_json::{Value, json};

/// `{"number","holder","expiryMonth","expiryYear","cvv"}` as sent; months and years may be
/// strings or numbers.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct CardBody {
    number: String,
    holder: String,
    expiry_month: Value,
    expiry_year: Value,
    #[serde(default)]
    cvv: Option<String>,
}

/// A card that passed every rule, ready for OPP.
#[derive(Debug, Clone)]
pub(crate) struct ValidCard {
    /// `card.*` for the gateway.
    pub(crate) fields: CardFields,
    /// OPP `paymentBrand`.
    pub(crate) brand: PaymentBrand,
    /// Last four digits.
    pub(crate) last4: String,
    /// Cardholder name.
    pub(crate) holder: String,
}

fn refuse(error: &CardError, field: &str) -> ApiError {
    ApiError::bad(error.code(), field, format!("{field} is not valid"))
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        _ => String::new(),
    }
}

impl CardBody {
    /// Applies the card rules for the month of `now`.
    pub(crate) fn validate(&self, now: Millis) -> Result<ValidCard, ApiError> {
        let today = time::year_month(now).ok_or(ApiError::Internal)?;
        let number: CardNumber = self.number.parse().map_err(|e| refuse(&e, "card.number"))?;
        let table = BrandTable::standard();
        let brand = table.get(number.brand_id()).ok_or(ApiError::Internal)?;
        // OPP takes every brand of the standard table (tested below): no request can fail here.
        let payment_brand: PaymentBrand =
            brand.gateway_brand().parse().map_err(|_| ApiError::Internal)?;
        let (month, year) = (text(&self.expiry_month), text(&self.expiry_year));
        let expiry = Expiry::from_parts(&month, &year, today).map_err(|error| {
            let field = match error {
                CardError::InvalidMonth => "card.expiryMonth",
                _ => "card.expiryYear",
            };
            refuse(&error, field)
        })?;
        let cvv =
            match (self.cvv.as_deref().filter(|c| !c.is_empty()), brand.security_code().size()) {
                (None, 0) => None,
                (None, _) => return Err(refuse(&CardError::Empty, "card.cvv")),
                (Some(raw), _) => {
                    let cvc: Cvc = raw.parse().map_err(|e| refuse(&e, "card.cvv"))?;
                    cvc.check_brand(brand).map_err(|e| refuse(&e, "card.cvv"))?;
                    Some(Cvv::new(cvc.expose()))
                }
            };
        let holder: Holder = self.holder.parse().map_err(|e| refuse(&e, "card.holder"))?;
        let fields = CardFields {
            number: Some(Pan::new(number.expose())),
            holder: Some(holder.as_str().to_owned()),
            expiry_month: Some(format!("{:02}", expiry.month())),
            expiry_year: Some(expiry.year().to_string()),
            cvv,
            omni_token: None,
        };
        Ok(ValidCard {
            fields,
            brand: payment_brand,
            last4: number.last4().to_owned(),
            holder: holder.as_str().to_owned(),
        })
    }
}

impl ValidCard {
    /// The wallet row for this card once the gateway issued `token` (`initial` is the CIT
    /// payment a later MIT charge refers to).
    pub(crate) fn into_wallet(
        self,
        token: &str,
        shopper_id: &str,
        initial: Option<String>,
        now: Millis,
    ) -> Result<WalletCard, ApiError> {
        Ok(WalletCard {
            token: token.to_owned(),
            shopper_id: shopper_id.to_owned(),
            brand: self.brand.to_string(),
            last4: self.last4,
            expiry_month: self.fields.expiry_month.unwrap_or_default(),
            expiry_year: self.fields.expiry_year.unwrap_or_default(),
            holder: Some(self.holder),
            initial_transaction_id: initial,
            created_at: i64::try_from(now).map_err(|_| ApiError::Internal)?,
        })
    }
}

/// A saved card pays only until the end of its expiry month (the card rules' `check` for the
/// month of `now`): an expired one is a 400 `expired` on `token`, and the gateway is not called.
/// The one rule for every charge on a saved card: one-click payments and merchant MIT charges.
pub(crate) fn check_saved_expiry(card: &WalletCard, now: Millis) -> Result<(), ApiError> {
    let today = time::year_month(now).ok_or(ApiError::Internal)?;
    let month = card.expiry_month.parse().map_err(|_| ApiError::Internal)?;
    let year = card.expiry_year.parse().map_err(|_| ApiError::Internal)?;
    let expiry = Expiry::new(month, year).map_err(|_| ApiError::Internal)?;
    expiry.check(today).map_err(|error| {
        let message = match error {
            CardError::Expired { .. } => "the saved card has expired",
            _ => "the saved card's expiry is not accepted",
        };
        ApiError::bad(error.code(), "token", message)
    })
}

/// A CVV sent with a saved card: 3 or 4 digits.
pub(crate) fn saved_card_cvv(raw: Option<&str>) -> Result<Option<Cvv>, ApiError> {
    match raw.filter(|raw| !raw.is_empty()) {
        None => Ok(None),
        Some(raw) => {
            let cvc: Cvc = raw.parse().map_err(|e| refuse(&e, "cvv"))?;
            Ok(Some(Cvv::new(cvc.expose())))
        }
    }
}

/// A saved card as every route answers it.
pub(crate) fn saved_card_json(card: &WalletCard) -> Value {
    json!({
        "token": card.token,
        "brand": card.brand,
        "last4": card.last4,
        "expiryMonth": card.expiry_month,
        "expiryYear": card.expiry_year,
        "holder": card.holder,
        "createdAt": time::rfc3339(u64::try_from(card.created_at).unwrap_or(0)),
    })
}

#[cfg(test)]
mod tests {
    use omnigate_card::BrandTable;
    use omnigate_opp::vocab::PaymentBrand;

    #[test]
    fn opp_takes_every_brand_the_card_rules_detect() {
        for brand in BrandTable::standard().iter() {
            let code = brand.gateway_brand();
            assert!(code.parse::<PaymentBrand>().is_ok(), "{} → {code}", brand.id());
        }
    }
}
