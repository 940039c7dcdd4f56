//! The omni-token vault: issues format-preserving tokens and keeps the card behind each one
//! encrypted. The database holds only a keyed hash of each token, its BIN and last 4, and the
//! sealed record (PAN, expiry, holder); the CVV is never stored.

use crate::crypto::{VaultKeys, random_bytes};
use crate::store::StoreError;
use omnigate_opp::secret::{OmniToken, mask_card_like};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How many fresh tokens to try before giving up on a card whose token space is crowded.
const ISSUE_ATTEMPTS: usize = 64;

/// The card data a token stands for.
#[derive(Clone, Serialize, Deserialize)]
pub(crate) struct CardRecord {
    pub(crate) pan: String,
    pub(crate) expiry_month: String,
    pub(crate) expiry_year: String,
    pub(crate) holder: Option<String>,
}

impl fmt::Debug for CardRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardRecord({})", mask_card_like(&self.pan))
    }
}

/// A token's row, without the sealed card.
#[derive(Debug, Clone)]
pub(crate) struct TokenRow {
    pub(crate) tk_id: String,
    pub(crate) brand: String,
    pub(crate) masked: String,
    token_hash: Vec<u8>,
    sealed: Vec<u8>,
}

/// What a token refers to.
// Built once per request and matched at once: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub(crate) enum Lookup {
    /// The vault never issued it (to this entity).
    Unknown,
    /// It was deleted.
    Deleted,
    /// It is usable; here is its card.
    Active(TokenRow, CardRecord),
}

/// What `issue` needs besides the card.
pub(crate) struct NewToken<'a> {
    pub(crate) entity_id: &'a str,
    pub(crate) tk_id: &'a str,
    pub(crate) brand: &'a str,
    pub(crate) card_hash: &'a [u8],
    pub(crate) now: &'a str,
}

/// Issues a new, unique token for `card`; `None` when no free token was found.
pub(crate) fn issue(
    connection: &Connection,
    keys: &VaultKeys,
    card: &CardRecord,
    new: &NewToken<'_>,
) -> Result<Option<OmniToken>, StoreError> {
    let plain = serde_json::to_vec(card).map_err(|error| StoreError(error.to_string()))?;
    let mut insert = connection.prepare_cached(
        "INSERT OR IGNORE INTO tokens (token_hash, entity_id, tk_id, brand, bin, last4, masked, \
         card_hash, sealed, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for _ in 0..ISSUE_ATTEMPTS {
        let Some(token) = generate(&card.pan) else { return Ok(None) };
        let token_hash = keys.index("token", &token);
        let sealed = keys.seal(&plain, &token_hash).map_err(StoreError)?;
        let (bin, last4) = (&card.pan[..6], &card.pan[card.pan.len() - 4..]);
        let inserted = insert.execute(params![
            token_hash,
            new.entity_id,
            new.tk_id,
            new.brand,
            bin,
            last4,
            mask_card_like(&token),
            new.card_hash,
            sealed,
            new.now,
        ])?;
        if inserted == 1 {
            return Ok(Some(OmniToken::new(token)));
        }
    }
    Ok(None)
}

/// Finds `token` among the tokens of `entity_id` and opens its card.
pub(crate) fn lookup(
    connection: &Connection,
    keys: &VaultKeys,
    entity_id: &str,
    token: &OmniToken,
) -> Result<Lookup, StoreError> {
    let token_hash = keys.index("token", token.expose());
    let row = connection
        .prepare_cached(
            "SELECT tk_id, brand, masked, deleted_at IS NOT NULL, sealed \
             FROM tokens WHERE token_hash = ?1 AND entity_id = ?2",
        )?
        .query_row(params![token_hash, entity_id], |row| {
            let deleted: bool = row.get(3)?;
            let token_row = TokenRow {
                tk_id: row.get(0)?,
                brand: row.get(1)?,
                masked: row.get(2)?,
                token_hash: token_hash.clone(),
                sealed: row.get(4)?,
            };
            Ok((token_row, deleted))
        })
        .optional()?;
    let Some((row, deleted)) = row else { return Ok(Lookup::Unknown) };
    if deleted {
        return Ok(Lookup::Deleted);
    }
    let plain = keys.open(&row.sealed, &row.token_hash).map_err(StoreError)?;
    let card = serde_json::from_slice(&plain).map_err(|error| StoreError(error.to_string()))?;
    Ok(Lookup::Active(row, card))
}

/// Marks the token of `row` deleted and forgets its card: the sealed record is wiped.
pub(crate) fn delete(connection: &Connection, row: &TokenRow, now: &str) -> Result<(), StoreError> {
    connection
        .prepare_cached("UPDATE tokens SET deleted_at = ?1, sealed = X'' WHERE token_hash = ?2")?
        .execute(params![now, row.token_hash])?;
    Ok(())
}

/// A token for `pan`: same length, same first 6 and last 4, random middle, Luhn-invalid, and
/// never the PAN itself.
fn generate(pan: &str) -> Option<String> {
    if pan.len() < 12 || !pan.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let middle_len = pan.len() - 10;
    // One read of the random source per candidate (not one per digit): 32 bytes hold the at
    // most 9 middle digits many times over, even after rejection sampling.
    let mut random = [0u8; 32];
    for _ in 0..32 {
        let mut token: Vec<u8> = pan.as_bytes()[..6].to_vec();
        random_bytes(&mut random);
        let mut bytes = random.iter();
        while token.len() < 6 + middle_len {
            let Some(&byte) = bytes.next() else {
                random_bytes(&mut random);
                bytes = random.iter();
                continue;
            };
            // Rejection sampling keeps the digits uniform.
            if byte < 250 {
                token.push(b'0' + byte % 10);
            }
        }
        token.extend_from_slice(&pan.as_bytes()[pan.len() - 4..]);
        let candidate = String::from_utf8(token).ok()?;
        // Raising one digit by 1 (mod 10) always changes the Luhn sum by a non-zero amount
        // mod 10, so a Luhn-valid candidate becomes invalid: a token can never be a real PAN.
        let candidate = if omnigate_card::luhn(&candidate) {
            let mut bytes = candidate.into_bytes();
            let last_middle = 5 + middle_len;
            bytes[last_middle] = b'0' + (bytes[last_middle] - b'0' + 1) % 10;
            String::from_utf8(bytes).ok()?
        } else {
            candidate
        };
        if candidate != pan {
            return Some(candidate);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_bin_and_last4_and_fail_luhn() {
        for pan in ["4200000000000000", "377777777777770", "5454545454545454", "601100000000000004"]
        {
            for _ in 0..200 {
                let token = generate(pan).unwrap();
                assert_eq!(token.len(), pan.len());
                assert_eq!(&token[..6], &pan[..6]);
                assert_eq!(&token[token.len() - 4..], &pan[pan.len() - 4..]);
                assert!(!omnigate_card::luhn(&token), "{token}");
                assert_ne!(token, pan);
            }
        }
        assert_eq!(generate("12345"), None);
    }
}
