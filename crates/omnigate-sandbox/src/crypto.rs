//! The vault key and what it does: AES-256-GCM sealing of card records, keyed hashes for lookup.
//!
//! The key comes from `OMNIGATE_SANDBOX_KEY` (64 hex digits) or from `<db>.key`, created once
//! with mode 0600. Two subkeys are derived from it with HMAC-SHA256 so that encryption and the
//! lookup index never share a key.

use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::fmt;
use std::path::{Path, PathBuf};

/// Environment variable that holds the vault key as 64 hex digits.
pub const KEY_ENV: &str = "OMNIGATE_SANDBOX_KEY";
const NONCE_LEN: usize = 12;

/// The derived keys of one vault. Debug never shows them.
pub(crate) struct VaultKeys {
    cipher: Aes256Gcm,
    index_key: [u8; 32],
}

impl fmt::Debug for VaultKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VaultKeys(***)")
    }
}

/// Fills `buffer` from the operating system's random source.
pub(crate) fn random_bytes(buffer: &mut [u8]) {
    OsRng.fill_bytes(buffer);
}

/// 32 lowercase hex digits from 16 random bytes: OPP's id format.
pub(crate) fn random_id() -> String {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes);
    hex(&bytes)
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let text = text.trim();
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut key = [0u8; 32];
    for (at, slot) in key.iter_mut().enumerate() {
        *slot = u8::from_str_radix(text.get(at * 2..at * 2 + 2)?, 16).ok()?;
    }
    Some(key)
}

/// Where the key file of the database `db` lives: `<db>.key`.
pub(crate) fn key_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// Loads the master key from the environment or the key file, creating the file if needed.
pub(crate) fn load_master_key(db: &Path) -> Result<[u8; 32], String> {
    if let Ok(text) = std::env::var(KEY_ENV) {
        return unhex(&text).ok_or_else(|| format!("{KEY_ENV} must be 64 hex digits"));
    }
    let path = key_path(db);
    match std::fs::read_to_string(&path) {
        Ok(text) => unhex(&text).ok_or_else(|| format!("{} does not hold a key", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => create_key_file(&path),
        Err(error) => Err(format!("cannot read {}: {error}", path.display())),
    }
}

fn create_key_file(path: &Path) -> Result<[u8; 32], String> {
    use std::io::Write;
    let mut key = [0u8; 32];
    random_bytes(&mut key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file =
        options.open(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    writeln!(file, "{}", hex(&key))
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(key)
}

impl VaultKeys {
    /// Derives the encryption and index keys from the master key.
    pub(crate) fn derive(master: &[u8; 32]) -> Self {
        let encryption = hmac(master, b"omnigate-sandbox/v1/encryption");
        let index_key = hmac(master, b"omnigate-sandbox/v1/index");
        Self { cipher: Aes256Gcm::new(&encryption.into()), index_key }
    }

    /// Keyed hash of a secret for lookups (`label` separates token hashes from card hashes).
    pub(crate) fn index(&self, label: &str, secret: &str) -> Vec<u8> {
        let mut message = Vec::with_capacity(label.len() + 1 + secret.len());
        message.extend_from_slice(label.as_bytes());
        message.push(0);
        message.extend_from_slice(secret.as_bytes());
        hmac(&self.index_key, &message).to_vec()
    }

    /// Encrypts `plain` under a fresh random nonce; the output is `nonce || ciphertext || tag`.
    /// `bound_to` is authenticated but not stored: the record only opens for the same value.
    pub(crate) fn seal(&self, plain: &[u8], bound_to: &[u8]) -> Result<Vec<u8>, String> {
        let mut nonce = [0u8; NONCE_LEN];
        random_bytes(&mut nonce);
        let sealed = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), Payload { msg: plain, aad: bound_to })
            .map_err(|_| "encryption failed".to_owned())?;
        Ok([nonce.as_slice(), &sealed].concat())
    }

    /// Decrypts a record made by [`VaultKeys::seal`].
    pub(crate) fn open(&self, sealed: &[u8], bound_to: &[u8]) -> Result<Vec<u8>, String> {
        let (nonce, body) = sealed.split_at_checked(NONCE_LEN).ok_or("record too short")?;
        self.cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: bound_to })
            .map_err(|_| "record does not open with this key".to_owned())
    }
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length, so `new_from_slice` cannot fail here.
    match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(message);
            mac.finalize().into_bytes().into()
        }
        Err(_) => [0u8; 32],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_with_fresh_nonces_and_binds_records() {
        let keys = VaultKeys::derive(&[7u8; 32]);
        let first = keys.seal(b"4200000000000000", b"row-1").unwrap();
        let second = keys.seal(b"4200000000000000", b"row-1").unwrap();
        assert_ne!(first, second);
        assert_eq!(keys.open(&first, b"row-1").unwrap(), b"4200000000000000");
        assert!(keys.open(&first, b"row-2").is_err());
        assert!(VaultKeys::derive(&[8u8; 32]).open(&first, b"row-1").is_err());
        assert_eq!(keys.index("token", "x"), keys.index("token", "x"));
        assert_ne!(keys.index("token", "x"), keys.index("card", "x"));
        assert_eq!(unhex(&hex(&[0xab; 32])), Some([0xab; 32]));
        assert_eq!(unhex("zz"), None);
        assert_eq!(random_id().len(), 32);
    }
}
