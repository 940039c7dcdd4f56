//! The Worker's errors: each has a stable `code()` and an honest HTTP status, and is answered as
//! `{"error":{"code","message","field"?,"requestId"}}`. No variant ever holds card data or a
//! credential: messages are fixed text or names of fields.

use serde_json::{Value, json};

/// Everything a request can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// A binding is missing or malformed; the name says which, never the value.
    Misconfigured(&'static str),
    /// Something failed inside the Worker (D1, a broken invariant) that the caller cannot fix.
    Internal,
    /// No route matches the method and path.
    NotFound,
    /// A resource named in the path does not exist, or belongs to someone else (`code` says
    /// which kind: `checkout_not_found`, `card_not_found`, `product_not_found`).
    Missing(&'static str),
    /// Bad input: `code` is stable (`invalid_body`, `unknown_sku`, `invalid_luhn`, ...), `field`
    /// names the offending JSON field or header.
    BadRequest {
        /// Stable code.
        code: &'static str,
        /// The JSON field or header at fault.
        field: Option<String>,
        /// What is wrong, without echoing the value.
        message: String,
    },
    /// No credential, or one that is wrong or expired (`unauthorized`, `invalid_token`,
    /// `token_expired`, `shopper_required`).
    Unauthorized(&'static str),
    /// The caller is known but may not do this (`merchant_only`, `origin_not_allowed`,
    /// `not_your_checkout`).
    Forbidden(&'static str),
    /// The request conflicts with the state (`idempotency_conflict`, `idempotency_in_progress`,
    /// `idempotency_outcome_unknown`, `checkout_not_open`, `checkout_expired`,
    /// `no_initial_transaction`).
    Conflict(&'static str),
    /// The body is larger than [`crate::http::MAX_BODY`].
    TooLarge,
    /// The client has had too many declined payment attempts (card testing); answered with
    /// `Retry-After`.
    TooManyAttempts {
        /// Seconds until the client may try again.
        retry_after: u64,
    },
    /// The gateway did not answer within the configured time.
    GatewayTimeout,
    /// The gateway could not be reached, or did not answer in OPP's shape.
    GatewayUnavailable,
    /// The gateway answered with an error that is not the caller's fault (system error,
    /// communication error, refused credentials); `code` is the gateway's result code.
    GatewayError(String),
    /// The gateway offers no ledger to inspect (a real OPP system: only the sandbox has one).
    GatewayLedgerUnavailable,
}

impl ApiError {
    /// A 400 for a field, with a stable code and a fixed message.
    pub fn bad(code: &'static str, field: &str, message: impl Into<String>) -> Self {
        Self::BadRequest { code, field: Some(field.to_owned()), message: message.into() }
    }

    /// Stable snake_case code for clients and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::Misconfigured(_) => "misconfigured",
            Self::NotFound => "not_found",
            Self::TooLarge => "body_too_large",
            Self::TooManyAttempts { .. } => "too_many_attempts",
            Self::GatewayTimeout => "gateway_timeout",
            Self::GatewayUnavailable => "gateway_unavailable",
            Self::GatewayError(_) => "gateway_error",
            Self::GatewayLedgerUnavailable => "gateway_ledger_unavailable",
            Self::Missing(code)
            | Self::Unauthorized(code)
            | Self::Forbidden(code)
            | Self::Conflict(code)
            | Self::BadRequest { code, .. } => code,
        }
    }

    /// HTTP status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            Self::Internal | Self::Misconfigured(_) => 500,
            Self::NotFound | Self::Missing(_) | Self::GatewayLedgerUnavailable => 404,
            Self::BadRequest { .. } => 400,
            Self::Unauthorized(_) => 401,
            Self::Forbidden(_) => 403,
            Self::Conflict(_) => 409,
            Self::TooLarge => 413,
            Self::TooManyAttempts { .. } => 429,
            Self::GatewayUnavailable | Self::GatewayError(_) => 502,
            Self::GatewayTimeout => 504,
        }
    }

    /// Human-readable text; it never contains a credential or card data.
    pub fn message(&self) -> String {
        let text = match self {
            Self::Misconfigured(name) => {
                return format!("the Worker binding {name} is missing or invalid");
            }
            Self::BadRequest { message, .. } => return message.clone(),
            Self::GatewayError(code) => return format!("the gateway failed with {code}"),
            Self::Internal => "internal error",
            Self::NotFound => "no such route",
            Self::Missing(_) => "no such resource",
            Self::Unauthorized(_) => "missing or invalid credentials",
            Self::Forbidden(_) => "not allowed for this caller",
            Self::Conflict("idempotency_in_progress") => {
                "a request with this Idempotency-Key is still running; retry later"
            }
            Self::Conflict("idempotency_outcome_unknown") => {
                "an earlier request with this Idempotency-Key never finished and its outcome is \
                 unknown: check the audit log before charging again under a new key"
            }
            Self::Conflict(_) => "the request conflicts with the current state",
            Self::TooLarge => "request bodies are limited to 16 KB",
            Self::TooManyAttempts { .. } => {
                "too many declined payment attempts from this client; try again after Retry-After"
            }
            Self::GatewayTimeout => "the gateway did not answer in time; the outcome is unknown",
            Self::GatewayUnavailable => "the gateway could not be reached",
            Self::GatewayLedgerUnavailable => {
                "the gateway keeps no ledger the Worker can read (only the sandbox offers one)"
            }
        };
        text.to_owned()
    }

    /// The field or header at fault, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::BadRequest { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// Seconds for the `Retry-After` header, for errors that end by themselves.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            Self::TooManyAttempts { retry_after } => Some(*retry_after),
            _ => None,
        }
    }

    /// The JSON body of this error for the request `request_id`.
    pub fn body(&self, request_id: &str) -> Value {
        let mut error =
            json!({ "code": self.code(), "message": self.message(), "requestId": request_id });
        if let (Some(field), Some(object)) = (self.field(), error.as_object_mut()) {
            object.insert("field".to_owned(), Value::from(field));
        }
        json!({ "error": error })
    }
}

#[cfg(test)]
mod tests {
    use super::ApiError;

    #[test]
    fn bodies_carry_code_field_and_request_id() {
        let error = ApiError::bad("unknown_sku", "items[0].sku", "no such product");
        let body = error.body("r1");
        assert_eq!(body["error"]["code"], "unknown_sku");
        assert_eq!(body["error"]["field"], "items[0].sku");
        assert_eq!(body["error"]["requestId"], "r1");
        assert_eq!(error.status(), 400);
        assert!(ApiError::NotFound.body("r").pointer("/error/field").is_none());
        assert_eq!(ApiError::GatewayTimeout.status(), 504);
        assert_eq!(ApiError::Conflict("idempotency_conflict").status(), 409);
    }
}
