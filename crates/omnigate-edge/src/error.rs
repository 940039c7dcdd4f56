//! The Worker's errors: each has a stable `code()` and an honest HTTP status, and is answered as
//! `{"error":{"code","message"}}`.

use serde_json::json;
use worker::Response;

/// Everything a request can fail with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// A binding is missing or malformed; the name says which, never the value.
    Misconfigured(&'static str),
    /// Something failed inside the Worker that the caller cannot fix.
    Internal,
    /// No route matches the method and path.
    NotFound,
}

impl ApiError {
    /// Stable snake_case code for clients and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::Misconfigured(_) => "misconfigured",
            Self::NotFound => "not_found",
        }
    }

    /// HTTP status of the answer.
    pub fn status(&self) -> u16 {
        match self {
            Self::Internal | Self::Misconfigured(_) => 500,
            Self::NotFound => 404,
        }
    }

    /// Human-readable text; it never contains a credential or card data.
    pub fn message(&self) -> String {
        match self {
            Self::Internal => "internal error".to_owned(),
            Self::Misconfigured(name) => format!("the Worker binding {name} is missing or invalid"),
            Self::NotFound => "no such route".to_owned(),
        }
    }

    /// The JSON answer for this error.
    pub fn to_response(&self) -> worker::Result<Response> {
        let body = json!({ "error": { "code": self.code(), "message": self.message() } });
        Ok(Response::from_json(&body)?.with_status(self.status()))
    }
}
