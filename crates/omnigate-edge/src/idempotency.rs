//! `Idempotency-Key` on every payment POST: the first answer is stored; the same key with the
//! same body gets it back without a second gateway call, the same key with another body is a 409.

use crate::auth::Caller;
use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{Idempotent, Store};
use crate::{ApiError, ids};
use std::future::Future;

/// Longest key accepted.
pub(crate) const MAX_KEY_LEN: usize = 255;

/// Runs `handler` once per (caller, path, key); later calls replay its answer.
pub(crate) async fn once<S, G, F, Fut>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    request: &ApiRequest,
    handler: F,
) -> Result<ApiResponse, ApiError>
where
    S: Store,
    G: Gateway,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<ApiResponse, ApiError>>,
{
    let key = request
        .header("idempotency-key")
        .map(str::trim)
        .filter(|key| !key.is_empty() && key.len() <= MAX_KEY_LEN)
        .ok_or_else(|| {
            let message = "payment requests need an Idempotency-Key header (1-255 characters)";
            ApiError::bad("idempotency_key_required", "Idempotency-Key", message)
        })?;
    let scope = caller.scope();
    let id = ids::digest(&[scope.as_bytes(), request.path.as_bytes(), key.as_bytes()]);
    let method = request.method.to_string();
    let fingerprint = ids::digest(&[method.as_bytes(), request.path.as_bytes(), &request.body]);
    if !ctx.store.begin_idempotent(&id, &fingerprint, ctx.now).await? {
        let record = ctx.store.idempotent(&id).await?.ok_or(ApiError::Internal)?;
        return replay(record, &fingerprint);
    }
    let answer = match handler().await {
        Ok(answer) => answer,
        Err(error) => ApiResponse::error(&error, &ctx.request_id),
    };
    let body = answer.body.as_ref().map(ToString::to_string).unwrap_or_default();
    ctx.store.finish_idempotent(&id, answer.status, &body).await?;
    Ok(answer)
}

/// The stored first answer, or why there is none to give.
fn replay(record: Idempotent, fingerprint: &str) -> Result<ApiResponse, ApiError> {
    if record.fingerprint != fingerprint {
        return Err(ApiError::Conflict("idempotency_conflict"));
    }
    let (Some(status), Some(body)) = (record.status, record.body) else {
        return Err(ApiError::Conflict("idempotency_in_progress"));
    };
    let status = u16::try_from(status).map_err(|_| ApiError::Internal)?;
    let body = if body.is_empty() {
        None
    } else {
        Some(serde_json::from_str(&body).map_err(|_| ApiError::Internal)?)
    };
    let answer = ApiResponse { status, body, headers: Vec::new() };
    Ok(answer.with_header("Idempotent-Replayed", "true"))
}
