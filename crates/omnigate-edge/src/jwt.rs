//! Shopper JWTs: HS256 only, `sub` and `exp` required, a small clock skew. Signing exists for the
//! dev-mode stand-in of a shop's identity provider and for tests.

use crate::ids::{base64url, from_base64url};
use crate::{ApiError, Secret};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::Sha256;

/// Clock skew tolerated on `exp`, in seconds.
pub(crate) const SKEW_SECONDS: u64 = 60;

#[derive(Deserialize)]
struct Header {
    alg: String,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    exp: u64,
}

fn mac(secret: &Secret) -> Result<Hmac<Sha256>, ApiError> {
    Hmac::<Sha256>::new_from_slice(secret.expose().as_bytes()).map_err(|_| ApiError::Internal)
}

/// Signs `{"sub","exp","iat"}` with HS256.
pub(crate) fn sign(
    subject: &str,
    issued_at: u64,
    expires_at: u64,
    secret: &Secret,
) -> Result<String, ApiError> {
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({ "sub": subject, "iat": issued_at, "exp": expires_at });
    let signing_input = format!("{header}.{}", base64url(claims.to_string().as_bytes()));
    let mut mac = mac(secret)?;
    mac.update(signing_input.as_bytes());
    Ok(format!("{signing_input}.{}", base64url(&mac.finalize().into_bytes())))
}

/// Verifies the signature in constant time, then `alg`, `exp` (with [`SKEW_SECONDS`]) and `sub`;
/// answers the shopper id. Every failure is a 401 `invalid_token`, or `token_expired`.
pub(crate) fn verify(token: &str, secret: &Secret, now_seconds: u64) -> Result<String, ApiError> {
    let invalid = ApiError::Unauthorized("invalid_token");
    let mut parts = token.split('.');
    let (Some(header), Some(claims), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid);
    };
    let signature = from_base64url(signature).ok_or_else(|| invalid.clone())?;
    let mut mac = mac(secret)?;
    mac.update(header.as_bytes());
    mac.update(b".");
    mac.update(claims.as_bytes());
    mac.verify_slice(&signature).map_err(|_| invalid.clone())?;
    let header: Header = decode(header).ok_or_else(|| invalid.clone())?;
    let claims: Claims = decode(claims).ok_or_else(|| invalid.clone())?;
    if header.alg != "HS256" || claims.sub.is_empty() || claims.sub.len() > 128 {
        return Err(invalid);
    }
    if claims.exp.saturating_add(SKEW_SECONDS) <= now_seconds {
        return Err(ApiError::Unauthorized("token_expired"));
    }
    Ok(claims.sub)
}

fn decode<T: for<'de> Deserialize<'de>>(part: &str) -> Option<T> {
    serde_json::from_slice(&from_base64url(part)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_777_636_800;

    #[test]
    fn round_trip_and_every_refusal() {
        let secret = Secret::new("jwt-secret-1");
        let token = sign("alice", NOW, NOW + 600, &secret).unwrap();
        assert_eq!(verify(&token, &secret, NOW).unwrap(), "alice");
        assert_eq!(verify(&token, &secret, NOW + 600 + SKEW_SECONDS - 1).unwrap(), "alice");
        let code = |result: Result<String, ApiError>| result.unwrap_err().code();
        assert_eq!(code(verify(&token, &secret, NOW + 600 + SKEW_SECONDS)), "token_expired");
        assert_eq!(code(verify(&token, &Secret::new("other"), NOW)), "invalid_token");
        let mut tampered = token.clone();
        tampered.insert(token.find('.').unwrap() + 2, 'x');
        assert_eq!(code(verify(&tampered, &secret, NOW)), "invalid_token");
        assert_eq!(code(verify("a.b", &secret, NOW)), "invalid_token");
        // alg=none with an empty signature is refused.
        let none = format!(
            "{}.{}.",
            base64url(br#"{"alg":"none"}"#),
            base64url(br#"{"sub":"alice","exp":9999999999}"#)
        );
        assert_eq!(code(verify(&none, &secret, NOW)), "invalid_token");
    }

    #[test]
    fn exp_and_sub_are_required() {
        let secret = Secret::new("jwt-secret-1");
        let header = base64url(br#"{"alg":"HS256"}"#);
        let claims = base64url(br#"{"sub":"alice"}"#);
        let input = format!("{header}.{claims}");
        let mut mac = mac(&secret).unwrap();
        mac.update(input.as_bytes());
        let token = format!("{input}.{}", base64url(&mac.finalize().into_bytes()));
        assert_eq!(verify(&token, &secret, NOW).unwrap_err().code(), "invalid_token");
    }
}
