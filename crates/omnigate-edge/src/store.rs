//! What the Worker keeps (catalog, checkouts, wallet cards, idempotent answers, failed payment
//! attempts per client, the audit log) behind one trait, so handlers run against D1 in the Worker and a map in tests.
//!
//! Rows that only serve requests for a while are deleted by the writes that add rows, at most
//! [`PRUNE_BATCH`] per write and oldest first, so no cron job is needed and no table grows
//! without bound from traffic alone.

use crate::ApiError;
use crate::time::Millis;
use serde::{Deserialize, Serialize};

/// Old rows one adding write deletes at most (one D1 statement, through an index, so its cost
/// stays small). More than the one row such a write adds, so a backlog of old rows shrinks away.
pub(crate) const PRUNE_BATCH: u32 = 10;
const _: () = assert!(PRUNE_BATCH > 1);

/// A product of the catalog; the price is in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Product {
    /// Stock-keeping unit, the product's id.
    pub(crate) sku: String,
    /// Display name.
    pub(crate) name: String,
    /// Price in minor units.
    pub(crate) amount_minor: i64,
    /// ISO 4217 currency.
    pub(crate) currency: String,
}

/// Where a checkout stands.
pub(crate) mod status {
    /// Can be paid.
    pub(crate) const OPEN: &str = "open";
    /// A payment is running (claimed by one request).
    pub(crate) const PROCESSING: &str = "processing";
    /// Paid.
    pub(crate) const PAID: &str = "paid";
    /// The gateway answered pending.
    pub(crate) const PENDING: &str = "pending";
    /// The gateway did not answer in time: the outcome is unknown, so it is never re-opened.
    pub(crate) const UNKNOWN: &str = "unknown";
}

/// A checkout: the amount the merchant fixed, directly or through catalog prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Checkout {
    /// 128 random bits, hex.
    pub(crate) id: String,
    /// Amount in minor units.
    pub(crate) amount_minor: i64,
    /// ISO 4217 currency.
    pub(crate) currency: String,
    /// `DB` or `PA`.
    pub(crate) payment_type: String,
    /// The merchant's reference.
    pub(crate) reference: Option<String>,
    /// The only shopper who may pay it, when set.
    pub(crate) shopper_id: Option<String>,
    /// The catalog items as JSON text, for checkouts priced from the catalog.
    pub(crate) items: Option<String>,
    /// One of [`status`].
    pub(crate) status: String,
    /// The gateway's payment id once paid.
    pub(crate) payment_id: Option<String>,
    /// Creation time.
    pub(crate) created_at: i64,
    /// After this it can no longer be paid.
    pub(crate) expires_at: i64,
}

/// A saved card of a shopper's wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct WalletCard {
    /// The omni token.
    pub(crate) token: String,
    /// Owner.
    pub(crate) shopper_id: String,
    /// OPP `paymentBrand`.
    pub(crate) brand: String,
    /// Last four digits.
    pub(crate) last4: String,
    /// Two digits.
    pub(crate) expiry_month: String,
    /// Four digits.
    pub(crate) expiry_year: String,
    /// Cardholder name.
    pub(crate) holder: Option<String>,
    /// The successful CIT/INITIAL payment, needed for later MIT charges.
    pub(crate) initial_transaction_id: Option<String>,
    /// Creation time.
    pub(crate) created_at: i64,
}

/// One idempotency key: the request's fingerprint and, once done, the first answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Idempotent {
    /// SHA-256 of method, path and body.
    pub(crate) fingerprint: String,
    /// HTTP status of the first answer (`None` while it runs).
    pub(crate) status: Option<i64>,
    /// JSON text of the first answer.
    pub(crate) body: Option<String>,
    /// When the current claim was made (by the first request, or by one that took it over).
    pub(crate) created_at: i64,
}

/// One audit row: a gateway call, with no card data and the token masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct GatewayCall {
    /// The gateway's transaction id, or a Worker id when none came back.
    pub(crate) id: String,
    /// What was asked (`DB`, `PA`, `TK`, `DL`).
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The token, masked.
    pub(crate) token_masked: Option<String>,
    /// The checkout paid, if any.
    pub(crate) checkout_id: Option<String>,
    /// The gateway's result code, or `gateway_timeout` / `gateway_unavailable`.
    pub(crate) result_code: String,
    /// RFC 3339.
    pub(crate) created_at: String,
}

/// What one answered gateway call leaves behind, written in one go ([`Store::settle`]: one D1
/// batch, so one round trip, and all or nothing): its audit row and the changes its answer
/// makes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settlement {
    /// The audit row.
    pub(crate) call: GatewayCall,
    /// A claimed checkout's new status and payment id.
    pub(crate) checkout: Option<(String, &'static str, Option<String>)>,
    /// A card to keep in the wallet.
    pub(crate) saved_card: Option<WalletCard>,
    /// A token to take out of the wallet.
    pub(crate) removed_card: Option<String>,
}

impl Settlement {
    /// Only the audit row.
    pub(crate) fn audit(call: GatewayCall) -> Self {
        Self { call, checkout: None, saved_card: None, removed_card: None }
    }

    /// Whether it changes more than the audit log.
    pub(crate) fn changes_state(&self) -> bool {
        self.checkout.is_some() || self.saved_card.is_some() || self.removed_card.is_some()
    }
}

/// Storage the handlers need. Writes that guard money are conditional: they report whether a
/// row changed, so concurrent requests cannot both win.
#[allow(async_fn_in_trait)]
pub(crate) trait Store {
    /// All products, by sku.
    async fn products(&self) -> Result<Vec<Product>, ApiError>;
    /// Inserts or replaces a product.
    async fn put_product(&self, product: &Product) -> Result<(), ApiError>;
    /// Deletes a product; false when there was none.
    async fn delete_product(&self, sku: &str) -> Result<bool, ApiError>;
    /// Stores a new checkout.
    async fn insert_checkout(&self, checkout: &Checkout) -> Result<(), ApiError>;
    /// Deletes at most `limit` checkouts still `open` (never paid) that expired before
    /// `expired_before`, the longest expired first. A checkout in any other status is never
    /// deleted.
    async fn prune_checkouts(&self, expired_before: Millis, limit: u32) -> Result<(), ApiError>;
    /// One checkout.
    async fn checkout(&self, id: &str) -> Result<Option<Checkout>, ApiError>;
    /// `open` → `processing` if still open and not expired at `now`; true when this call won.
    async fn claim_checkout(&self, id: &str, now: Millis) -> Result<bool, ApiError>;
    /// Sets the status (and payment id) of a claimed checkout.
    async fn finish_checkout(
        &self,
        id: &str,
        status: &str,
        payment_id: Option<&str>,
    ) -> Result<(), ApiError>;
    /// The card with this token, whoever owns it.
    async fn card(&self, token: &str) -> Result<Option<WalletCard>, ApiError>;
    /// A shopper's cards, oldest first.
    async fn cards(&self, shopper_id: &str) -> Result<Vec<WalletCard>, ApiError>;
    /// The idempotency record of `key`.
    async fn idempotent(&self, key: &str) -> Result<Option<Idempotent>, ApiError>;
    /// Creates the record, claimed at `now`, if absent; true when this call created it.
    async fn begin_idempotent(
        &self,
        key: &str,
        fingerprint: &str,
        now: Millis,
    ) -> Result<bool, ApiError>;
    /// Claims again, at `now`, a record with this fingerprint that has no answer and was claimed
    /// at or before `stale_before`; true when this call won the claim.
    async fn take_over_idempotent(
        &self,
        key: &str,
        fingerprint: &str,
        stale_before: Millis,
        now: Millis,
    ) -> Result<bool, ApiError>;
    /// Stores the first answer, only while the claim made at `claimed_at` still holds (a request
    /// whose claim was taken over never overwrites its successor's answer).
    async fn finish_idempotent(
        &self,
        key: &str,
        claimed_at: Millis,
        status: u16,
        body: &str,
    ) -> Result<(), ApiError>;
    /// Deletes at most `limit` idempotency records claimed before `claimed_before`, oldest first,
    /// finished or not (the caller picks a time no running request's claim is that old).
    async fn prune_idempotent(&self, claimed_before: Millis, limit: u32) -> Result<(), ApiError>;
    /// Declined or rejected payment attempts of `client` in the window that starts at
    /// `window_start` (0 when its row belongs to an older window).
    async fn failed_attempts(&self, client: &str, window_start: Millis) -> Result<u32, ApiError>;
    /// Counts one more, starting the count over when the client's row is from an older window.
    async fn record_failed_attempt(
        &self,
        client: &str,
        window_start: Millis,
    ) -> Result<(), ApiError>;
    /// Deletes at most `limit` rows of failed attempts whose window started before `before`,
    /// oldest first.
    async fn prune_failed_attempts(&self, before: Millis, limit: u32) -> Result<(), ApiError>;
    /// Appends an audit row (of a call that got no answer to act on).
    async fn record_call(&self, call: &GatewayCall) -> Result<(), ApiError>;
    /// Writes an answered call's audit row and changes together, all or nothing.
    async fn settle(&self, settlement: &Settlement) -> Result<(), ApiError>;
    /// The newest audit rows first.
    async fn calls(&self, limit: u32) -> Result<Vec<GatewayCall>, ApiError>;
}
