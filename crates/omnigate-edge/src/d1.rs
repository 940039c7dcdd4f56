//! The [`Store`] on Cloudflare D1. Every statement is prepared with bound parameters; writes that
//! guard money check how many rows changed.

use crate::ApiError;
use crate::store::{
    Checkout, GatewayCall, Idempotent, Product, Settlement, Store, WalletCard, status,
};
use crate::time::Millis;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result};

/// D1 behind the `DB` binding.
pub(crate) struct D1Store(D1Database);

impl D1Store {
    /// Wraps the binding.
    pub(crate) fn new(db: D1Database) -> Self {
        Self(db)
    }

    fn statement(&self, sql: &str, args: &[JsValue]) -> Result<D1PreparedStatement, ApiError> {
        self.0.prepare(sql).bind(args).map_err(|_| ApiError::Internal)
    }

    fn finish_checkout_statement(
        &self,
        id: &str,
        status: &str,
        payment_id: Option<&str>,
    ) -> Result<D1PreparedStatement, ApiError> {
        let sql = format!(
            "UPDATE checkouts SET status = ?2, payment_id = ?3 WHERE id = ?1 AND status = '{}'",
            status::PROCESSING
        );
        self.statement(&sql, &[text(id), text(status), opt(payment_id)])
    }

    fn insert_card_statement(&self, c: &WalletCard) -> Result<D1PreparedStatement, ApiError> {
        let sql = format!(
            "INSERT INTO wallet_cards ({CARD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        );
        let args = [
            text(&c.token),
            text(&c.shopper_id),
            text(&c.brand),
            text(&c.last4),
            text(&c.expiry_month),
            text(&c.expiry_year),
            opt(c.holder.as_deref()),
            opt(c.initial_transaction_id.as_deref()),
            int(c.created_at),
        ];
        self.statement(&sql, &args)
    }

    fn record_call_statement(&self, c: &GatewayCall) -> Result<D1PreparedStatement, ApiError> {
        let sql = "INSERT INTO gateway_calls (id, type, token_masked, checkout_id, result_code, \
created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(id) DO NOTHING";
        let args = [
            text(&c.id),
            text(&c.kind),
            opt(c.token_masked.as_deref()),
            opt(c.checkout_id.as_deref()),
            text(&c.result_code),
            text(&c.created_at),
        ];
        self.statement(sql, &args)
    }

    async fn run(&self, sql: &str, args: &[JsValue]) -> Result<D1Result, ApiError> {
        self.statement(sql, args)?.run().await.map_err(|_| ApiError::Internal)
    }

    /// Runs a write and reports whether it changed a row.
    async fn changed(&self, sql: &str, args: &[JsValue]) -> Result<bool, ApiError> {
        let result = self.run(sql, args).await?;
        let meta = result.meta().map_err(|_| ApiError::Internal)?;
        Ok(meta.and_then(|meta| meta.changes).unwrap_or(0) > 0)
    }

    async fn rows<T: DeserializeOwned>(
        &self,
        sql: &str,
        args: &[JsValue],
    ) -> Result<Vec<T>, ApiError> {
        let result = self.statement(sql, args)?.all().await.map_err(|_| ApiError::Internal)?;
        result.results().map_err(|_| ApiError::Internal)
    }

    async fn first<T: DeserializeOwned>(
        &self,
        sql: &str,
        args: &[JsValue],
    ) -> Result<Option<T>, ApiError> {
        self.statement(sql, args)?.first(None).await.map_err(|_| ApiError::Internal)
    }
}

/// D1 failed; what it said stays out of answers and logs (it may quote bound values).
fn internal<E>(_: E) -> ApiError {
    ApiError::Internal
}

fn text(value: &str) -> JsValue {
    JsValue::from_str(value)
}

fn opt(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from_str)
}

#[allow(clippy::cast_precision_loss)] // Millis and minor units stay far below 2^53.
fn int(value: i64) -> JsValue {
    JsValue::from_f64(value as f64)
}

fn millis(value: Millis) -> JsValue {
    int(i64::try_from(value).unwrap_or(i64::MAX))
}

/// A `count` column.
#[derive(serde::Deserialize)]
struct Count {
    count: u32,
}

const CHECKOUT_COLUMNS: &str = "id, amount_minor, currency, payment_type, reference, shopper_id, \
items, status, payment_id, created_at, expires_at";
const CARD_COLUMNS: &str = "token, shopper_id, brand, last4, expiry_month, expiry_year, holder, \
initial_transaction_id, created_at";

impl Store for D1Store {
    async fn products(&self) -> Result<Vec<Product>, ApiError> {
        self.rows("SELECT sku, name, amount_minor, currency FROM products ORDER BY sku", &[]).await
    }

    async fn put_product(&self, p: &Product) -> Result<(), ApiError> {
        let sql = "INSERT INTO products (sku, name, amount_minor, currency) VALUES (?1, ?2, ?3, ?4) \
ON CONFLICT(sku) DO UPDATE SET name = ?2, amount_minor = ?3, currency = ?4";
        let args = [text(&p.sku), text(&p.name), int(p.amount_minor), text(&p.currency)];
        self.run(sql, &args).await.map(|_| ())
    }

    async fn delete_product(&self, sku: &str) -> Result<bool, ApiError> {
        self.changed("DELETE FROM products WHERE sku = ?1", &[text(sku)]).await
    }

    async fn insert_checkout(&self, c: &Checkout) -> Result<(), ApiError> {
        let sql = format!(
            "INSERT INTO checkouts ({CHECKOUT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        );
        let args = [
            text(&c.id),
            int(c.amount_minor),
            text(&c.currency),
            text(&c.payment_type),
            opt(c.reference.as_deref()),
            opt(c.shopper_id.as_deref()),
            opt(c.items.as_deref()),
            text(&c.status),
            opt(c.payment_id.as_deref()),
            int(c.created_at),
            int(c.expires_at),
        ];
        self.run(&sql, &args).await.map(|_| ())
    }

    async fn prune_checkouts(&self, expired_before: Millis, limit: u32) -> Result<(), ApiError> {
        // The subquery walks checkouts_by_status_expiry (0006); only `open` rows are candidates.
        let sql = format!(
            "DELETE FROM checkouts WHERE id IN (SELECT id FROM checkouts WHERE status = '{}' \
AND expires_at < ?1 ORDER BY expires_at LIMIT ?2)",
            status::OPEN
        );
        self.run(&sql, &[millis(expired_before), int(i64::from(limit))]).await.map(|_| ())
    }

    async fn checkout(&self, id: &str) -> Result<Option<Checkout>, ApiError> {
        let sql = format!("SELECT {CHECKOUT_COLUMNS} FROM checkouts WHERE id = ?1");
        self.first(&sql, &[text(id)]).await
    }

    async fn claim_checkout(&self, id: &str, now: Millis) -> Result<bool, ApiError> {
        let sql = format!(
            "UPDATE checkouts SET status = '{}' WHERE id = ?1 AND status = '{}' AND expires_at > ?2",
            status::PROCESSING,
            status::OPEN
        );
        self.changed(&sql, &[text(id), millis(now)]).await
    }

    async fn finish_checkout(
        &self,
        id: &str,
        status: &str,
        payment_id: Option<&str>,
    ) -> Result<(), ApiError> {
        self.finish_checkout_statement(id, status, payment_id)?.run().await.map_err(internal)?;
        Ok(())
    }

    async fn card(&self, token: &str) -> Result<Option<WalletCard>, ApiError> {
        let sql = format!("SELECT {CARD_COLUMNS} FROM wallet_cards WHERE token = ?1");
        self.first(&sql, &[text(token)]).await
    }

    async fn cards(&self, shopper_id: &str) -> Result<Vec<WalletCard>, ApiError> {
        let sql = format!(
            "SELECT {CARD_COLUMNS} FROM wallet_cards WHERE shopper_id = ?1 ORDER BY created_at, token"
        );
        self.rows(&sql, &[text(shopper_id)]).await
    }

    async fn idempotent(&self, key: &str) -> Result<Option<Idempotent>, ApiError> {
        let sql = "SELECT fingerprint, status, body, created_at FROM idempotency WHERE id = ?1";
        self.first(sql, &[text(key)]).await
    }

    async fn begin_idempotent(
        &self,
        key: &str,
        fingerprint: &str,
        now: Millis,
    ) -> Result<bool, ApiError> {
        let sql = "INSERT INTO idempotency (id, fingerprint, created_at) VALUES (?1, ?2, ?3) \
ON CONFLICT(id) DO NOTHING";
        self.changed(sql, &[text(key), text(fingerprint), millis(now)]).await
    }

    async fn take_over_idempotent(
        &self,
        key: &str,
        fingerprint: &str,
        stale_before: Millis,
        now: Millis,
    ) -> Result<bool, ApiError> {
        let sql = "UPDATE idempotency SET created_at = ?4 WHERE id = ?1 AND fingerprint = ?2 \
AND status IS NULL AND created_at <= ?3";
        let args = [text(key), text(fingerprint), millis(stale_before), millis(now)];
        self.changed(sql, &args).await
    }

    async fn finish_idempotent(
        &self,
        key: &str,
        claimed_at: Millis,
        status: u16,
        body: &str,
    ) -> Result<(), ApiError> {
        let sql = "UPDATE idempotency SET status = ?3, body = ?4 WHERE id = ?1 AND created_at = ?2 \
AND status IS NULL";
        let args = [text(key), millis(claimed_at), int(i64::from(status)), text(body)];
        self.run(sql, &args).await.map(|_| ())
    }

    async fn prune_idempotent(&self, claimed_before: Millis, limit: u32) -> Result<(), ApiError> {
        // D1 has no DELETE ... LIMIT; the subquery walks idempotency_by_claim (0005).
        let sql = "DELETE FROM idempotency WHERE id IN (SELECT id FROM idempotency \
WHERE created_at < ?1 ORDER BY created_at LIMIT ?2)";
        self.run(sql, &[millis(claimed_before), int(i64::from(limit))]).await.map(|_| ())
    }

    async fn failed_attempts(&self, client: &str, window_start: Millis) -> Result<u32, ApiError> {
        let sql = "SELECT count FROM failed_attempts WHERE client = ?1 AND window_start = ?2";
        let row: Option<Count> = self.first(sql, &[text(client), millis(window_start)]).await?;
        Ok(row.map_or(0, |row| row.count))
    }

    async fn record_failed_attempt(
        &self,
        client: &str,
        window_start: Millis,
    ) -> Result<(), ApiError> {
        // SET reads the row as it was: a row from an older window starts over at 1.
        let sql = "INSERT INTO failed_attempts (client, window_start, count) VALUES (?1, ?2, 1) \
ON CONFLICT(client) DO UPDATE SET count = CASE WHEN window_start = ?2 THEN count + 1 ELSE 1 END, \
window_start = ?2";
        self.run(sql, &[text(client), millis(window_start)]).await.map(|_| ())
    }

    async fn prune_failed_attempts(&self, before: Millis, limit: u32) -> Result<(), ApiError> {
        // D1 has no DELETE ... LIMIT; the subquery walks failed_attempts_by_window (0004).
        let sql = "DELETE FROM failed_attempts WHERE client IN (SELECT client FROM failed_attempts \
WHERE window_start < ?1 ORDER BY window_start LIMIT ?2)";
        self.run(sql, &[millis(before), int(i64::from(limit))]).await.map(|_| ())
    }

    async fn record_call(&self, call: &GatewayCall) -> Result<(), ApiError> {
        self.record_call_statement(call)?.run().await.map_err(internal)?;
        Ok(())
    }

    async fn settle(&self, settlement: &Settlement) -> Result<(), ApiError> {
        let mut statements = vec![self.record_call_statement(&settlement.call)?];
        if let Some((id, status, payment_id)) = &settlement.checkout {
            statements.push(self.finish_checkout_statement(id, status, payment_id.as_deref())?);
        }
        if let Some(card) = &settlement.saved_card {
            statements.push(self.insert_card_statement(card)?);
        }
        if let Some(token) = &settlement.removed_card {
            statements
                .push(self.statement("DELETE FROM wallet_cards WHERE token = ?1", &[text(token)])?);
        }
        self.0.batch(statements).await.map_err(internal)?;
        Ok(())
    }

    async fn calls(&self, limit: u32) -> Result<Vec<GatewayCall>, ApiError> {
        let sql = "SELECT id, type, token_masked, checkout_id, result_code, created_at \
FROM gateway_calls ORDER BY created_at DESC, rowid DESC LIMIT ?1";
        self.rows(sql, &[int(i64::from(limit))]).await
    }
}
