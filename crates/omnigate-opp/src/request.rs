//! Typed OPP requests and their form encoding with OPP's dotted parameter names.
//!
//! One struct, [`PaymentRequest`], carries every POST body omnigate sends or accepts: a payment,
//! a payment with an omni token, a standalone tokenization (no `paymentType`), and a referenced
//! back-office operation (`CP`, `RF`, `RV` on `/v1/payments/{id}`). The client builds it and calls
//! [`PaymentRequest::to_form`]; the sandbox decodes it with [`PaymentRequest::from_pairs`], which
//! reports every bad parameter at once, the way OPP's `parameterErrors` do.

use crate::money::{AMOUNT_PATTERN, Amount, Currency};
use crate::result::ParameterError;
use crate::secret::{Cvv, OmniToken, Pan};
use crate::vocab::{PaymentBrand, PaymentType, SiMode, SiSource, SiType, TestMode, UnknownWord};
use std::collections::BTreeMap;
use std::str::FromStr;

/// The card block: `card.*`. Number and token exclude each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardFields {
    /// `card.number`.
    pub number: Option<Pan>,
    /// `card.holder`.
    pub holder: Option<String>,
    /// `card.expiryMonth`, two digits.
    pub expiry_month: Option<String>,
    /// `card.expiryYear`, four digits.
    pub expiry_year: Option<String>,
    /// `card.cvv`.
    pub cvv: Option<Cvv>,
    /// `card.omniToken`: pay with a stored card instead of `card.number`.
    pub omni_token: Option<OmniToken>,
}

/// The card-on-file block: `standingInstruction.*`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StandingInstruction {
    /// `standingInstruction.source`.
    pub source: Option<SiSource>,
    /// `standingInstruction.mode`.
    pub mode: Option<SiMode>,
    /// `standingInstruction.type`.
    pub kind: Option<SiType>,
    /// `standingInstruction.initialTransactionId`: the `id` of the initial CIT.
    pub initial_transaction_id: Option<String>,
}

impl StandingInstruction {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Which resource a body is meant for; decides which parameters are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// `POST /v1/payments`, `/v1/omnitokens`, `/v1/omnitokens/{token}/payments`.
    Payment,
    /// `POST /v1/payments/{id}`: `CP`, `RF` or `RV` only, no card data.
    Referenced,
}

/// A POST body to OPP.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentRequest {
    /// `entityId`.
    pub entity_id: String,
    /// `amount`.
    pub amount: Option<Amount>,
    /// `currency`.
    pub currency: Option<Currency>,
    /// `paymentBrand`.
    pub payment_brand: Option<PaymentBrand>,
    /// `paymentType`; absent for a standalone tokenization.
    pub payment_type: Option<PaymentType>,
    /// `card.*`.
    pub card: CardFields,
    /// `createOmniToken=true`: store the card and return `card.omniToken`.
    pub create_omni_token: bool,
    /// `standingInstruction.*`.
    pub standing_instruction: StandingInstruction,
    /// `testMode`.
    pub test_mode: Option<TestMode>,
    /// `merchantTransactionId`.
    pub merchant_transaction_id: Option<String>,
    /// `customParameters[NAME]`, such as `forceResultCode`.
    pub custom_parameters: BTreeMap<String, String>,
    /// Other accepted parameters passed through as they are (`customer.*`, `billing.*`, ...).
    pub extra: Vec<(String, String)>,
}

/// Prefixes of optional parameter families OPP accepts and omnigate passes through unread.
const PASS_THROUGH_PREFIXES: &[&str] =
    &["customer.", "billing.", "shipping.", "threeDSecure.", "merchant.", "cart."];
/// Single optional parameters passed through unread.
const PASS_THROUGH: &[&str] =
    &["merchantInvoiceId", "shopperResultUrl", "notificationUrl", "transactionCategory"];
/// Longest value accepted for any parameter.
const MAX_VALUE_LEN: usize = 2048;

impl PaymentRequest {
    /// The body's parameters in OPP's names, in a stable order.
    pub fn to_form(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let mut push = |name: &str, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((name.to_owned(), value));
            }
        };
        let card = &self.card;
        let si = &self.standing_instruction;
        push("entityId", Some(self.entity_id.clone()));
        push("amount", self.amount.map(|amount| amount.to_string()));
        push("currency", self.currency.map(|currency| currency.to_string()));
        push("paymentBrand", self.payment_brand.as_ref().map(ToString::to_string));
        push("paymentType", self.payment_type.map(|kind| kind.as_str().to_owned()));
        push("card.number", card.number.as_ref().map(|pan| pan.expose().to_owned()));
        push("card.holder", card.holder.clone());
        push("card.expiryMonth", card.expiry_month.clone());
        push("card.expiryYear", card.expiry_year.clone());
        push("card.cvv", card.cvv.as_ref().map(|cvv| cvv.expose().to_owned()));
        push("card.omniToken", card.omni_token.as_ref().map(|token| token.expose().to_owned()));
        push("createOmniToken", self.create_omni_token.then(|| "true".to_owned()));
        push("standingInstruction.source", si.source.map(|v| v.as_str().to_owned()));
        push("standingInstruction.mode", si.mode.map(|v| v.as_str().to_owned()));
        push("standingInstruction.type", si.kind.map(|v| v.as_str().to_owned()));
        push("standingInstruction.initialTransactionId", si.initial_transaction_id.clone());
        push("testMode", self.test_mode.map(|mode| mode.as_str().to_owned()));
        push("merchantTransactionId", self.merchant_transaction_id.clone());
        for (name, value) in &self.custom_parameters {
            push(&format!("customParameters[{name}]"), Some(value.clone()));
        }
        for (name, value) in &self.extra {
            push(name, Some(value.clone()));
        }
        pairs
    }

    /// The form-encoded body.
    pub fn encode(&self) -> String {
        let pairs = self.to_form();
        crate::form::encode(pairs.iter().map(|(name, value)| (name.as_str(), value.as_str())))
    }

    /// Reads decoded form pairs; returns what parsed and one error per bad parameter (unknown,
    /// repeated, malformed or not allowed for `kind`). Empty values count as absent.
    pub fn from_pairs(
        pairs: &[(String, String)],
        kind: RequestKind,
    ) -> (Self, Vec<ParameterError>) {
        let mut request = Self::default();
        let mut errors = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (name, value) in pairs {
            if seen.contains(&name.as_str()) {
                errors.push(ParameterError::new(name, Some(value), "must not be repeated"));
                continue;
            }
            seen.push(name);
            if value.len() > MAX_VALUE_LEN {
                let message = format!("size must be at most {MAX_VALUE_LEN}");
                errors.push(ParameterError::new(name, None, message));
                continue;
            }
            if let Err(message) = request.set(name, value, kind) {
                errors.push(ParameterError::new(name, Some(value), message));
            }
        }
        (request, errors)
    }

    /// Stores one parameter; the error is the `parameterErrors` message.
    fn set(&mut self, name: &str, value: &str, kind: RequestKind) -> Result<(), String> {
        let present = (!value.is_empty()).then(|| value.to_owned());
        let card_allowed = kind == RequestKind::Payment;
        match name {
            "entityId" => self.entity_id = value.to_owned(),
            "amount" => self.amount = parse(value, |_| format!("must match {AMOUNT_PATTERN}"))?,
            "currency" => self.currency = parse(value, |_| "must be an ISO 4217 code".to_owned())?,
            "paymentType" => self.payment_type = parse_type(value, kind)?,
            "testMode" => self.test_mode = parse(value, |e: UnknownWord| e.message())?,
            "merchantTransactionId" => self.merchant_transaction_id = present,
            _ if !card_allowed => return self.set_common(name, value),
            "paymentBrand" => self.payment_brand = parse(value, |e: UnknownWord| e.message())?,
            "card.number" => self.card.number = present.map(Pan::new),
            "card.holder" => self.card.holder = present,
            "card.expiryMonth" => self.card.expiry_month = present,
            "card.expiryYear" => self.card.expiry_year = present,
            "card.cvv" => self.card.cvv = present.map(Cvv::new),
            "card.omniToken" => self.card.omni_token = present.map(OmniToken::new),
            "createOmniToken" => {
                self.create_omni_token = match value {
                    "true" => true,
                    "false" | "" => false,
                    _ => return Err("must be one of [true, false]".to_owned()),
                };
            }
            "standingInstruction.source" => {
                self.standing_instruction.source = parse(value, |e: UnknownWord| e.message())?;
            }
            "standingInstruction.mode" => {
                self.standing_instruction.mode = parse(value, |e: UnknownWord| e.message())?;
            }
            "standingInstruction.type" => {
                self.standing_instruction.kind = parse(value, |e: UnknownWord| e.message())?;
            }
            "standingInstruction.initialTransactionId" => {
                self.standing_instruction.initial_transaction_id = present;
            }
            _ => return self.set_common(name, value),
        }
        Ok(())
    }

    /// Custom parameters and pass-through families, allowed on every resource.
    fn set_common(&mut self, name: &str, value: &str) -> Result<(), String> {
        let custom = name.strip_prefix("customParameters[").and_then(|rest| rest.strip_suffix(']'));
        if let Some(custom) = custom.filter(|custom| !custom.is_empty()) {
            self.custom_parameters.insert(custom.to_owned(), value.to_owned());
        } else if PASS_THROUGH.contains(&name)
            || PASS_THROUGH_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        {
            self.extra.push((name.to_owned(), value.to_owned()));
        } else {
            return Err("is not an allowed parameter".to_owned());
        }
        Ok(())
    }
}

/// Parses a non-empty value; empty means absent.
fn parse<T: FromStr>(value: &str, message: impl Fn(T::Err) -> String) -> Result<Option<T>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(message)
}

fn parse_type(value: &str, kind: RequestKind) -> Result<Option<PaymentType>, String> {
    let allowed = match kind {
        RequestKind::Payment => PaymentType::INITIAL,
        RequestKind::Referenced => PaymentType::REFERENCED,
    };
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<PaymentType>() {
        Ok(payment_type) if allowed.contains(&payment_type.as_str()) => Ok(Some(payment_type)),
        _ => Err(UnknownWord { allowed }.message()),
    }
}
