//! Card-testing protection: a client (one IP address) may have at most
//! [`MAX_FAILED_ATTEMPTS`] declined or rejected payment attempts in a fixed window of
//! [`WINDOW_MS`]; past that its payment requests are a 429 `too_many_attempts` with `Retry-After`
//! until the window ends, and the gateway is not called. Shoppers who pay are never slowed down:
//! only answers the gateway declined (HTTP 402) count, once each (not their idempotent replays).
//!
//! A client's row is dead once its window has ended. No cron clears them: each counted attempt
//! also deletes up to [`PRUNE_BATCH`] rows of ended windows, oldest first. Every write adds at
//! most one row and removes more than one old one, so the table stays about as large as the
//! number of clients with failed attempts in one window.

use crate::concurrent::both;
use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{PRUNE_BATCH, Store};
use crate::time::Millis;
use crate::{ApiError, ids};
use std::future::Future;

/// Declined or rejected attempts a client may make per window.
pub(crate) const MAX_FAILED_ATTEMPTS: u32 = 10;

/// Length of a window.
pub(crate) const WINDOW_MS: u64 = 10 * 60 * 1000;

/// Start of the window that holds `now`, and the whole seconds until it ends.
pub(crate) fn window(now: Millis) -> (Millis, u64) {
    let start = now - now % WINDOW_MS;
    (start, (start + WINDOW_MS - now).div_ceil(1000))
}

/// The client's bucket: a hash of the address Cloudflare reports (`CF-Connecting-IP`, which
/// clients cannot set there), so D1 never holds an IP address. Requests without one share a
/// bucket: a missing header fails closed.
fn client(request: &ApiRequest) -> String {
    let ip = request.header("cf-connecting-ip").unwrap_or_default().trim();
    ids::digest(&[b"failed-attempts", ip.as_bytes()])
}

/// Runs a payment `handler` unless the client is over its limit, and counts its answer if the
/// gateway declined or rejected it.
pub(crate) async fn limited<S, G, F, Fut>(
    ctx: &Ctx<'_, S, G>,
    request: &ApiRequest,
    handler: F,
) -> Result<ApiResponse, ApiError>
where
    S: Store,
    G: Gateway,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<ApiResponse, ApiError>>,
{
    let client = client(request);
    let (start, retry_after) = window(ctx.now);
    if ctx.store.failed_attempts(&client, start).await? >= MAX_FAILED_ATTEMPTS {
        return Err(ApiError::TooManyAttempts { retry_after });
    }
    let answer = handler().await?;
    if answer.status == 402 && answer.header("Idempotent-Replayed").is_none() {
        // The answer stands even if the count is lost, or the old rows stay a little longer.
        let count = ctx.store.record_failed_attempt(&client, start);
        let _ = both(count, ctx.store.prune_failed_attempts(start, PRUNE_BATCH)).await;
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::{WINDOW_MS, window};

    #[test]
    fn windows_are_fixed_and_retry_after_rounds_up() {
        let start = 1_777_636_800_000 - 1_777_636_800_000 % WINDOW_MS;
        assert_eq!(window(start), (start, 600));
        assert_eq!(window(start + 1), (start, 600));
        assert_eq!(window(start + WINDOW_MS - 1), (start, 1));
        assert_eq!(window(start + WINDOW_MS), (start + WINDOW_MS, 600));
    }
}
