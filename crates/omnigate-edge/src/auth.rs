//! Who is calling: the merchant server (its API key, compared in constant time), a signed-in
//! shopper (an HS256 JWT), or anyone (no `Authorization` header).

use crate::http::ApiRequest;
use crate::time::Millis;
use crate::{ApiError, Config, jwt};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The authenticated caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caller {
    /// No credential: may read the catalog and checkouts, create catalog checkouts, pay as guest.
    Anonymous,
    /// The merchant's server (`MERCHANT_API_KEY`).
    Merchant,
    /// A shopper, by the JWT's `sub`.
    Shopper(String),
}

impl Caller {
    /// Reads `Authorization: Bearer ...`. A header that is present but wrong is a 401, never a
    /// silent downgrade to anonymous.
    pub(crate) fn of(request: &ApiRequest, config: &Config, now: Millis) -> Result<Self, ApiError> {
        let Some(header) = request.header("authorization") else {
            return Ok(Self::Anonymous);
        };
        let Some(credential) = header.strip_prefix("Bearer ").map(str::trim) else {
            return Err(ApiError::Unauthorized("unauthorized"));
        };
        // Digests first, so the comparison takes the same time whatever the lengths.
        let merchant = Sha256::digest(config.merchant_key.expose().as_bytes());
        if bool::from(Sha256::digest(credential.as_bytes()).ct_eq(&merchant)) {
            return Ok(Self::Merchant);
        }
        if credential.split('.').count() == 3 {
            return jwt::verify(credential, &config.jwt_secret, now / 1000).map(Self::Shopper);
        }
        Err(ApiError::Unauthorized("unauthorized"))
    }

    /// Ok for the merchant; 401 for anyone without a credential, 403 for a shopper.
    pub(crate) fn require_merchant(&self) -> Result<(), ApiError> {
        match self {
            Self::Merchant => Ok(()),
            Self::Anonymous => Err(ApiError::Unauthorized("unauthorized")),
            Self::Shopper(_) => Err(ApiError::Forbidden("merchant_only")),
        }
    }

    /// The shopper id; 401 `shopper_required` for anyone else.
    pub(crate) fn require_shopper(&self) -> Result<&str, ApiError> {
        match self {
            Self::Shopper(id) => Ok(id),
            _ => Err(ApiError::Unauthorized("shopper_required")),
        }
    }

    /// The shopper id, if a shopper is signed in.
    pub(crate) fn shopper(&self) -> Option<&str> {
        match self {
            Self::Shopper(id) => Some(id),
            _ => None,
        }
    }

    /// A stable name for scoping idempotency keys.
    pub(crate) fn scope(&self) -> String {
        match self {
            Self::Anonymous => "anonymous".to_owned(),
            Self::Merchant => "merchant".to_owned(),
            Self::Shopper(id) => format!("shopper:{id}"),
        }
    }
}
