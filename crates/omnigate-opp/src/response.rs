//! OPP's JSON answers as typed values. Every field but `result` is optional, and unknown fields
//! are ignored, so the same types read a payment, a tokenization, a deletion and an error.

use crate::money::{Amount, Currency};
use crate::result::ResultInfo;
use crate::secret::OmniToken;
use crate::vocab::{PaymentType, SiMode, SiSource, SiType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The `card` object of an answer: never the full number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardInfo {
    /// First six digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    /// Last four digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last4_digits: Option<String>,
    /// Cardholder name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Expiry month, two digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_month: Option<String>,
    /// Expiry year, four digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_year: Option<String>,
    /// The omni token, when one was created or used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omni_token: Option<OmniToken>,
}

/// The `standingInstruction` echo of a card-on-file payment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StandingInstructionInfo {
    /// `CIT` or `MIT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SiSource>,
    /// `UNSCHEDULED`, `RECURRING` or `INSTALLMENT`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<SiType>,
    /// `INITIAL` or `REPEATED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<SiMode>,
    /// The initial CIT a later payment refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_transaction_id: Option<String>,
}

/// Any OPP answer about a transaction (payment, TK, DL, CP/RF/RV) or an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentResponse {
    /// Transaction id (32 lowercase hex); absent on pure validation errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The transaction this one refers to (CP/RF/RV, DL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_id: Option<String>,
    /// The transaction's type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// The card brand (`VISA`, `MASTER`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_brand: Option<String>,
    /// Amount, two decimals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// Short id and channel name, as shown on statements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<String>,
    /// Echo of `merchantTransactionId`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_transaction_id: Option<String>,
    /// The outcome.
    pub result: ResultInfo,
    /// The card, masked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<CardInfo>,
    /// Card-on-file echo.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing_instruction: Option<StandingInstructionInfo>,
    /// Echo of `customParameters[...]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_parameters: Option<BTreeMap<String, String>>,
    /// Gateway build, `<40 hex>@yyyy-MM-dd HH:mm:ss +0000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_number: Option<String>,
    /// `yyyy-MM-dd HH:mm:ss+0000`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// Request correlation id, `{entityId}_{32 hex}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ndc: Option<String>,
}

impl PaymentResponse {
    /// An answer that carries only `result`, to be filled in field by field.
    pub fn new(result: ResultInfo) -> Self {
        Self {
            id: None,
            referenced_id: None,
            payment_type: None,
            payment_brand: None,
            amount: None,
            currency: None,
            descriptor: None,
            merchant_transaction_id: None,
            result,
            card: None,
            standing_instruction: None,
            custom_parameters: None,
            build_number: None,
            timestamp: None,
            ndc: None,
        }
    }

    /// The omni token of the answer, if any.
    pub fn omni_token(&self) -> Option<&OmniToken> {
        self.card.as_ref().and_then(|card| card.omni_token.as_ref())
    }
}
