//! The Worker's configuration, read once per request from its bindings.

use crate::ApiError;
use std::fmt;
use worker::{Env, Url};

/// A credential: `Debug` and `Display` never show it; [`Secret::expose`] is the one way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The raw value, for the one place that must send or compare it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// How long a gateway call may take when `GATEWAY_TIMEOUT_MS` is not set.
pub(crate) const DEFAULT_GATEWAY_TIMEOUT_MS: u64 = 15_000;

/// Everything a handler may know about its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// Base URL of the OPP gateway (`GATEWAY_URL`), such as `https://eu-test.oppwa.com`.
    pub gateway_url: Url,
    /// The OPP entity the Worker pays for (`OPP_ENTITY_ID`).
    pub entity_id: String,
    /// The OPP bearer token (`OPP_ACCESS_TOKEN`, a secret).
    pub access_token: Secret,
    /// The merchant server's bearer key (`MERCHANT_API_KEY`, a secret).
    pub merchant_key: Secret,
    /// The HS256 key of shopper JWTs (`SHOPPER_JWT_SECRET`, a secret).
    pub jwt_secret: Secret,
    /// Browser origins allowed to call the API (`ALLOWED_ORIGINS`, comma-separated).
    pub allowed_origins: Vec<String>,
    /// Turns on the dev-only routes (`DEV_MODE = "true"`).
    pub dev_mode: bool,
    /// Upper bound of one gateway call (`GATEWAY_TIMEOUT_MS`, optional).
    pub gateway_timeout_ms: u64,
}

impl Config {
    /// Reads the bindings; a missing or malformed one is a `misconfigured` error naming the
    /// binding but never its value.
    pub fn from_env(env: &Env) -> Result<Self, ApiError> {
        let lookup = |name: &str| {
            env.var(name).or_else(|_| env.secret(name)).map(|value| value.to_string()).ok()
        };
        Self::from_lookup(lookup)
    }

    /// Builds the configuration from any name → value lookup (the bindings, or a test map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ApiError> {
        let text = |name: &'static str| {
            lookup(name).filter(|value| !value.is_empty()).ok_or(ApiError::Misconfigured(name))
        };
        let gateway_url =
            text("GATEWAY_URL")?.parse().map_err(|_| ApiError::Misconfigured("GATEWAY_URL"))?;
        let timeout = match lookup("GATEWAY_TIMEOUT_MS") {
            Some(ms) => ms.parse().map_err(|_| ApiError::Misconfigured("GATEWAY_TIMEOUT_MS"))?,
            None => DEFAULT_GATEWAY_TIMEOUT_MS,
        };
        let origins = text("ALLOWED_ORIGINS")?;
        Ok(Self {
            gateway_url,
            entity_id: text("OPP_ENTITY_ID")?,
            access_token: Secret::new(text("OPP_ACCESS_TOKEN")?),
            merchant_key: Secret::new(text("MERCHANT_API_KEY")?),
            jwt_secret: Secret::new(text("SHOPPER_JWT_SECRET")?),
            allowed_origins: origins
                .split(',')
                .map(|origin| origin.trim().trim_end_matches('/').to_owned())
                .filter(|origin| !origin.is_empty())
                .collect(),
            dev_mode: lookup("DEV_MODE").is_some_and(|value| value == "true"),
            gateway_timeout_ms: timeout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Config, Secret};

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("token-123456");
        assert!(!format!("{secret:?} {secret}").contains("123456"));
        assert_eq!(secret.expose(), "token-123456");
        let config = crate::tests::fakes::config();
        let shown = format!("{config:?}");
        for raw in ["sandbox-access-token", "merchant-key-1", "jwt-secret-1"] {
            assert!(!shown.contains(raw), "{shown}");
        }
    }

    #[test]
    fn a_missing_binding_is_named_but_not_shown() {
        let error = Config::from_lookup(|name| (name == "GATEWAY_URL").then(|| "http://x".into()))
            .unwrap_err();
        assert_eq!(error.code(), "misconfigured");
        assert!(error.message().contains("OPP_ENTITY_ID") || error.message().contains("ALLOWED"));
    }
}
