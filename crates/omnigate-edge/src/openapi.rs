//! `GET /openapi.json`: the OpenAPI 3.1 description of every route, body and error, checked in
//! beside this file and compiled into the Worker.

use crate::ApiError;
use crate::http::ApiResponse;

/// The document's text.
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// The document as an answer.
pub(crate) fn document() -> Result<ApiResponse, ApiError> {
    let body = serde_json::from_str(OPENAPI).map_err(|_| ApiError::Internal)?;
    Ok(ApiResponse::json(200, body))
}
