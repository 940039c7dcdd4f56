//! The transaction ledger: every TK, DT, DL and payment the gateway answered with an id.

use crate::store::StoreError;
use omnigate_opp::ResultCode;
use omnigate_opp::inspection::LedgerEntry;
use omnigate_opp::money::{Amount, Currency};
use omnigate_opp::vocab::{PaymentType, SiMode, SiSource, SiType};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// One recorded transaction. Card data appears only masked or as a keyed hash.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tx {
    pub(crate) id: String,
    pub(crate) entity_id: String,
    pub(crate) payment_type: Option<PaymentType>,
    pub(crate) referenced_id: Option<String>,
    pub(crate) amount: Option<Amount>,
    pub(crate) currency: Option<Currency>,
    pub(crate) brand: Option<String>,
    pub(crate) bin: Option<String>,
    pub(crate) last4: Option<String>,
    pub(crate) masked_card: Option<String>,
    pub(crate) masked_token: Option<String>,
    pub(crate) card_hash: Option<Vec<u8>>,
    pub(crate) result_code: String,
    pub(crate) si_source: Option<SiSource>,
    pub(crate) si_mode: Option<SiMode>,
    pub(crate) si_type: Option<SiType>,
    pub(crate) si_initial_id: Option<String>,
    pub(crate) merchant_transaction_id: Option<String>,
    pub(crate) created_at: String,
}

impl Tx {
    /// True when the recorded result code counts as success.
    pub(crate) fn succeeded(&self) -> bool {
        ResultCode::new(self.result_code.as_str()).is_success()
    }
}

const COLUMNS: &str = "id, entity_id, payment_type, referenced_id, amount_minor, currency, brand, \
bin, last4, masked_card, masked_token, card_hash, result_code, success, si_source, si_mode, \
si_type, si_initial_id, merchant_transaction_id, created_at";

/// Appends `tx` to the ledger.
pub(crate) fn insert(connection: &Connection, tx: &Tx) -> Result<(), StoreError> {
    let word = |value: Option<&'static str>| value.map(str::to_owned);
    connection
        .prepare_cached(&format!(
            "INSERT INTO transactions ({COLUMNS}) VALUES \
             (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)"
        ))?
        .execute(params![
            tx.id,
            tx.entity_id,
            tx.payment_type.map(PaymentType::as_str),
            tx.referenced_id,
            tx.amount.map(|amount| i64::try_from(amount.minor()).unwrap_or(i64::MAX)),
            tx.currency.map(|currency| currency.to_string()),
            tx.brand,
            tx.bin,
            tx.last4,
            tx.masked_card,
            tx.masked_token,
            tx.card_hash,
            tx.result_code,
            tx.succeeded(),
            word(tx.si_source.map(SiSource::as_str)),
            word(tx.si_mode.map(SiMode::as_str)),
            word(tx.si_type.map(SiType::as_str)),
            tx.si_initial_id,
            tx.merchant_transaction_id,
            tx.created_at,
        ])?;
    Ok(())
}

/// The transaction `id` of `entity_id`, if it exists.
pub(crate) fn get(
    connection: &Connection,
    entity_id: &str,
    id: &str,
) -> Result<Option<Tx>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM transactions WHERE id = ?1 AND entity_id = ?2");
    Ok(connection.prepare_cached(&sql)?.query_row(params![id, entity_id], from_row).optional()?)
}

/// Every transaction of `entity_id`, oldest first.
pub(crate) fn list(connection: &Connection, entity_id: &str) -> Result<Vec<Tx>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM transactions WHERE entity_id = ?1 ORDER BY seq");
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement.query_map(params![entity_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Successful transactions of `payment_type` that reference `id`: their count and total amount.
pub(crate) fn successful_references(
    connection: &Connection,
    id: &str,
    payment_type: PaymentType,
) -> Result<(u64, u64), StoreError> {
    let sql = "SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM transactions \
               WHERE referenced_id = ?1 AND payment_type = ?2 AND success = 1";
    let (count, total): (i64, i64) = connection
        .prepare_cached(sql)?
        .query_row(params![id, payment_type.as_str()], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok((u64::try_from(count).unwrap_or(0), u64::try_from(total).unwrap_or(0)))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Tx> {
    let text = |index: usize| row.get::<_, Option<String>>(index);
    let parsed = |index: usize| -> rusqlite::Result<Option<String>> { text(index) };
    let amount: Option<i64> = row.get(4)?;
    Ok(Tx {
        id: row.get(0)?,
        entity_id: row.get(1)?,
        payment_type: parsed(2)?.and_then(|word| word.parse().ok()),
        referenced_id: text(3)?,
        amount: amount.and_then(|minor| u64::try_from(minor).ok()).map(Amount::from_minor),
        currency: parsed(5)?.and_then(|word| word.parse().ok()),
        brand: text(6)?,
        bin: text(7)?,
        last4: text(8)?,
        masked_card: text(9)?,
        masked_token: text(10)?,
        card_hash: row.get(11)?,
        result_code: row.get(12)?,
        si_source: parsed(14)?.and_then(|word| word.parse().ok()),
        si_mode: parsed(15)?.and_then(|word| word.parse().ok()),
        si_type: parsed(16)?.and_then(|word| word.parse().ok()),
        si_initial_id: text(17)?,
        merchant_transaction_id: text(18)?,
        created_at: row.get(19)?,
    })
}

/// One line of `GET /sandbox/transactions`: the masked card and token only.
pub(crate) fn entry(tx: Tx) -> LedgerEntry {
    LedgerEntry {
        id: tx.id,
        payment_type: tx.payment_type,
        referenced_id: tx.referenced_id,
        amount: tx.amount,
        currency: tx.currency,
        payment_brand: tx.brand,
        card: tx.masked_card,
        omni_token: tx.masked_token,
        result_code: tx.result_code,
        timestamp: tx.created_at,
    }
}
