//! The Worker's own request and response values: what the shell converts `worker` types into, so
//! that every handler is a plain function testable natively.

use crate::ApiError;
use serde::de::DeserializeOwned;
use serde_json::Value;
use worker::Method;

/// Largest request body accepted (16 KB); larger ones are a 413.
pub const MAX_BODY: usize = 16 * 1024;

/// A request as the handlers see it.
#[derive(Debug, Clone)]
pub struct ApiRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path, such as `/v1/checkouts/abc`.
    pub path: String,
    /// Headers with lowercase names.
    pub headers: Vec<(String, String)>,
    /// The raw body (at most [`MAX_BODY`] bytes).
    pub body: Vec<u8>,
    /// `scheme://host[:port]` of the Worker itself, for same-origin requests.
    pub own_origin: String,
    /// The shell saw a `Content-Length` above [`MAX_BODY`] and did not read the body.
    pub body_too_large: bool,
}

impl ApiRequest {
    /// A request without headers or body.
    pub fn new(method: Method, path: &str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            headers: Vec::new(),
            body: Vec::new(),
            own_origin: "http://127.0.0.1:8787".to_owned(),
            body_too_large: false,
        }
    }

    /// Adds a header (name case-insensitive).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.to_owned()));
        self
    }

    /// Sets a JSON body.
    pub fn with_json(mut self, body: &Value) -> Self {
        self.body = body.to_string().into_bytes();
        self
    }

    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    }

    /// Parses the body as JSON into `T`. The error never echoes a value from the body (serde
    /// quotes wrong-typed values, which could be a card number): only where the JSON broke.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        serde_json::from_slice(&self.body).map_err(|error| {
            let message = format!(
                "the body is not the expected JSON ({:?} error at line {} column {})",
                error.classify(),
                error.line(),
                error.column()
            );
            ApiError::BadRequest { code: "invalid_body", field: None, message }
        })
    }
}

/// A response as the handlers produce it; the shell adds the common headers.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiResponse {
    /// HTTP status.
    pub status: u16,
    /// JSON body; `None` for 204 and preflights.
    pub body: Option<Value>,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
}

impl ApiResponse {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Self {
        Self { status, body: Some(body), headers: Vec::new() }
    }

    /// A `204 No Content`.
    pub fn no_content() -> Self {
        Self { status: 204, body: None, headers: Vec::new() }
    }

    /// The error's answer for `request_id` (with `Retry-After` when the error has one).
    pub fn error(error: &ApiError, request_id: &str) -> Self {
        let answer = Self::json(error.status(), error.body(request_id));
        match error.retry_after() {
            Some(seconds) => answer.with_header("Retry-After", &seconds.to_string()),
            None => answer,
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The first value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}
