//! `Idempotency-Key` on every payment POST: the first answer is stored; the same key with the
//! same body gets it back without a second gateway call, the same key with another body is a 409.
//!
//! A request claims its key before it runs and stores its answer after. A claim that is never
//! finished (the request died, or the D1 write of its answer failed) is `idempotency_in_progress`
//! only until it is older than any request can run — the gateway timeout plus a margin for the D1
//! writes around the call. Then the next request with that key takes the claim over, and what it
//! may do depends on the route ([`Stale`]): nothing here may ever charge twice.
//!
//! Records are kept at least [`RETENTION_MS`] (24 hours, as Stripe keeps its keys) after their
//! claim, then deleted: each request that adds a record also deletes up to [`PRUNE_BATCH`] older
//! ones, oldest first ([`prune_before`] never reaches a claim that may still run). A key reused
//! after its record is gone is a new request: a checkout payment then meets the checkout's own
//! `open` → `processing` claim, which still pays a checkout at most once; a merchant charge is a
//! new charge.

use crate::auth::Caller;
use crate::concurrent::both;
use crate::ctx::Ctx;
use crate::gateway::Gateway;
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{Idempotent, PRUNE_BATCH, Store};
use crate::time::Millis;
use crate::{ApiError, ids};
use std::future::Future;

/// Longest key accepted.
pub(crate) const MAX_KEY_LEN: usize = 255;

/// How long, beyond the gateway timeout, a request may hold its claim: the D1 reads and writes
/// before and after its one gateway call.
pub(crate) const CLAIM_MARGIN_MS: u64 = 60_000;

/// What a request may do with a claim it took over from a request that never finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stale {
    /// Run the handler again. For checkout payments: the checkout itself is claimed `open` →
    /// `processing` at most once, so a second run can never pay it twice (if the first run got
    /// that far, the second answers `checkout_not_open`).
    Rerun,
    /// Never run again, because nothing else stops a second charge (merchant MIT charges): the
    /// key's answer becomes 409 `idempotency_outcome_unknown`; the merchant checks the audit log.
    Settle,
}

/// How long a key's record is kept after its claim (the first request's, or the latest
/// takeover's).
pub(crate) const RETENTION_MS: u64 = 24 * 60 * 60 * 1000;

/// Claims made at or before this time are abandoned: no request runs that long.
pub(crate) fn stale_before(now: Millis, gateway_timeout_ms: u64) -> Millis {
    now.saturating_sub(gateway_timeout_ms.saturating_add(CLAIM_MARGIN_MS))
}

/// Records claimed before this time may be deleted: past the retention, and abandoned even when
/// a gateway timeout longer than the retention is configured, so a running request never loses
/// its claim.
pub(crate) fn prune_before(now: Millis, gateway_timeout_ms: u64) -> Millis {
    now.saturating_sub(RETENTION_MS).min(stale_before(now, gateway_timeout_ms))
}

/// Where a request stands with its key.
enum Claim {
    /// It made the key's record.
    New,
    /// It took over a stale claim.
    TakenOver,
    /// The key's first answer, to replay.
    Done(ApiResponse),
}

/// Runs `handler` once per (caller, path, key); later calls replay its answer.
pub(crate) async fn once<S, G, F, Fut>(
    ctx: &Ctx<'_, S, G>,
    caller: &Caller,
    request: &ApiRequest,
    stale: Stale,
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
    let taken_over = match claim(ctx, &id, &fingerprint).await? {
        Claim::Done(answer) => return Ok(answer),
        Claim::New => false,
        Claim::TakenOver => true,
    };
    let answer = if taken_over && stale == Stale::Settle {
        ApiResponse::error(&ApiError::Conflict("idempotency_outcome_unknown"), &ctx.request_id)
    } else {
        match handler().await {
            Ok(answer) => answer,
            Err(error) => ApiResponse::error(&error, &ctx.request_id),
        }
    };
    let body = answer.body.as_ref().map(ToString::to_string).unwrap_or_default();
    // The answer stands even if it cannot be stored (the payment may have happened): the claim
    // then stays unfinished until it is stale, and [`Stale`] says what a retry may do.
    let finish = ctx.store.finish_idempotent(&id, ctx.now, answer.status, &body);
    // A request that added a record deletes a few old ones, at the same time as it stores its
    // answer; if that fails they go with a later request's.
    let before = prune_before(ctx.now, ctx.config.gateway_timeout_ms);
    let prune = async {
        if !taken_over {
            let _ = ctx.store.prune_idempotent(before, PRUNE_BATCH).await;
        }
    };
    let _ = both(finish, prune).await;
    Ok(answer)
}

/// Claims the key `id` for a request with this fingerprint, or finds its first answer.
async fn claim<S: Store, G>(
    ctx: &Ctx<'_, S, G>,
    id: &str,
    fingerprint: &str,
) -> Result<Claim, ApiError> {
    // A second round only when a record found by the INSERT was pruned before it could be read:
    // the key is then new again.
    for _ in 0..2 {
        if ctx.store.begin_idempotent(id, fingerprint, ctx.now).await? {
            return Ok(Claim::New);
        }
        let Some(record) = ctx.store.idempotent(id).await? else { continue };
        if let Some(answer) = replay(record, fingerprint)? {
            return Ok(Claim::Done(answer));
        }
        let before = stale_before(ctx.now, ctx.config.gateway_timeout_ms);
        if !ctx.store.take_over_idempotent(id, fingerprint, before, ctx.now).await? {
            return Err(ApiError::Conflict("idempotency_in_progress"));
        }
        return Ok(Claim::TakenOver);
    }
    Err(ApiError::Internal)
}

/// The stored first answer; `None` while the key's claim is unfinished.
fn replay(record: Idempotent, fingerprint: &str) -> Result<Option<ApiResponse>, ApiError> {
    if record.fingerprint != fingerprint {
        return Err(ApiError::Conflict("idempotency_conflict"));
    }
    let (Some(status), Some(body)) = (record.status, record.body) else {
        return Ok(None);
    };
    let status = u16::try_from(status).map_err(|_| ApiError::Internal)?;
    let body = if body.is_empty() {
        None
    } else {
        Some(serde_json::from_str(&body).map_err(|_| ApiError::Internal)?)
    };
    let answer = ApiResponse { status, body, headers: Vec::new() };
    Ok(Some(answer.with_header("Idempotent-Replayed", "true")))
}

#[cfg(test)]
mod tests {
    use super::{CLAIM_MARGIN_MS, RETENTION_MS, prune_before, replay, stale_before};
    use crate::store::Idempotent;

    fn record(status: Option<i64>, body: Option<&str>) -> Idempotent {
        Idempotent {
            fingerprint: "f1".to_owned(),
            status,
            body: body.map(str::to_owned),
            created_at: 0,
        }
    }

    #[test]
    fn a_claim_is_stale_once_older_than_the_gateway_timeout_and_the_margin() {
        let now = 1_000_000;
        assert_eq!(stale_before(now, 10_000), now - 10_000 - CLAIM_MARGIN_MS);
        assert_eq!(stale_before(5, 10_000), 0, "no underflow near the epoch");
        assert_eq!(stale_before(now, u64::MAX), 0);
    }

    #[test]
    fn records_may_go_after_the_retention_but_never_while_their_claim_may_still_run() {
        let now = 10 * RETENTION_MS;
        assert_eq!(prune_before(now, 10_000), now - RETENTION_MS);
        let timeout = 2 * RETENTION_MS;
        assert_eq!(prune_before(now, timeout), stale_before(now, timeout));
        assert_eq!(prune_before(RETENTION_MS - 1, 10_000), 0, "no underflow near the epoch");
    }

    #[test]
    fn replay_gives_the_stored_answer_none_while_unfinished_and_refuses_other_bodies() {
        let done = replay(record(Some(402), Some(r#"{"status":"declined"}"#)), "f1").unwrap();
        let done = done.unwrap();
        assert_eq!((done.status, done.header("Idempotent-Replayed")), (402, Some("true")));
        assert_eq!(replay(record(Some(204), Some("")), "f1").unwrap().unwrap().body, None);
        assert_eq!(replay(record(None, None), "f1").unwrap(), None);
        let other = replay(record(None, None), "f2").unwrap_err();
        assert_eq!(other.code(), "idempotency_conflict");
    }
}
