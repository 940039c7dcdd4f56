//! The sandbox's inspection endpoint, which is not part of OPP: `GET /sandbox/transactions?
//! entityId=` lists every transaction the gateway recorded for an entity (`TK`, `DT`, `DL` and
//! payments), oldest first, with the card and the token masked. The sandbox serves it; the
//! Worker reads it in dev mode only, for the demo page. A real OPP system answers 404.

use crate::money::{Amount, Currency};
use crate::vocab::PaymentType;
use serde::{Deserialize, Serialize};

/// Path of the inspection endpoint on the gateway's base URL (outside OPP's `/v1`).
pub const SANDBOX_TRANSACTIONS_PATH: &str = "/sandbox/transactions";

/// The answer of [`SANDBOX_TRANSACTIONS_PATH`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    /// The entity whose transactions these are.
    pub entity_id: String,
    /// Oldest first.
    pub transactions: Vec<LedgerEntry>,
}

/// One recorded transaction. No field ever holds a full card number or token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    /// Transaction id (32 lowercase hex).
    pub id: String,
    /// What the transaction did; `None` for rejected requests of no known type.
    pub payment_type: Option<PaymentType>,
    /// The transaction this one refers to (a `DL`'s `TK`, a `CP`'s `PA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced_id: Option<String>,
    /// Amount, for payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Currency, for payments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// `VISA`, `MASTER`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_brand: Option<String>,
    /// The card number, masked (`420000******0000`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// The omni token, masked (`420000******0000`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omni_token: Option<String>,
    /// OPP result code.
    pub result_code: String,
    /// `yyyy-MM-dd HH:mm:ss+0000`.
    pub timestamp: String,
}

#[cfg(test)]
mod tests {
    use super::Ledger;
    use crate::vocab::PaymentType;

    #[test]
    fn reads_the_sandbox_answer() {
        let text = r#"{"entityId":"e1","transactions":[
            {"id":"a1","paymentType":"TK","paymentBrand":"VISA","card":"420000******0000",
             "omniToken":"420000******0000","resultCode":"000.100.110",
             "timestamp":"2026-05-01 12:00:00+0000"},
            {"id":"a2","paymentType":"DL","referencedId":"a1","omniToken":"420000******0000",
             "resultCode":"000.100.110","timestamp":"2026-05-01 12:00:01+0000","extra":1}]}"#;
        let ledger: Ledger = serde_json::from_str(text).unwrap();
        assert_eq!(ledger.transactions.len(), 2);
        assert_eq!(ledger.transactions[1].payment_type, Some(PaymentType::Dl));
        assert_eq!(ledger.transactions[1].referenced_id.as_deref(), Some("a1"));
        let back = serde_json::to_string(&ledger.transactions[0]).unwrap();
        assert!(
            !back.contains("referencedId") && back.contains(r#""omniToken":"420000******0000""#)
        );
    }
}
