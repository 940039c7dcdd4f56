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

    /// The raw value, for the one place that must send it.
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

/// Everything a handler may know about its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// Base URL of the OPP gateway (`GATEWAY_URL`), such as `https://eu-test.oppwa.com`.
    pub gateway_url: Url,
    /// The OPP entity the Worker pays for (`OPP_ENTITY_ID`).
    pub entity_id: String,
    /// The OPP bearer token (`OPP_ACCESS_TOKEN`, a secret).
    pub access_token: Secret,
}

impl Config {
    /// Reads the bindings; a missing or malformed one is a `misconfigured` error naming the
    /// binding but never its value.
    pub fn from_env(env: &Env) -> Result<Self, ApiError> {
        let text = |name: &'static str| {
            env.var(name)
                .or_else(|_| env.secret(name))
                .map(|value| value.to_string())
                .map_err(|_| ApiError::Misconfigured(name))
        };
        let gateway_url =
            text("GATEWAY_URL")?.parse().map_err(|_| ApiError::Misconfigured("GATEWAY_URL"))?;
        Ok(Self {
            gateway_url,
            entity_id: text("OPP_ENTITY_ID")?,
            access_token: Secret::new(text("OPP_ACCESS_TOKEN")?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("token-123456");
        assert!(!format!("{secret:?} {secret}").contains("123456"));
        assert_eq!(secret.expose(), "token-123456");
    }
}
