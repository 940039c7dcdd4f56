//! The gateway seen by the handlers: one trait (the `fetch` adapter in the Worker, a fake in
//! tests), every call written to the audit log, and OPP's result groups mapped to answers.

use crate::ctx::Ctx;
use crate::http::ApiResponse;
use crate::store::{GatewayCall, Settlement, Store};
use crate::{ApiError, ids, time};
use omnigate_opp::inspection::Ledger;
use omnigate_opp::request::PaymentRequest;
use omnigate_opp::response::PaymentResponse;
use omnigate_opp::secret::OmniToken;
use omnigate_opp::{ResultCode, ResultGroup};
use serde_json::{Value, json};

/// One call to OPP.
#[derive(Debug, Clone, Copy)]
pub(crate) enum GatewayOp<'a> {
    /// `POST /v1/payments`.
    Pay(&'a PaymentRequest),
    /// `POST /v1/omnitokens`.
    Tokenize(&'a PaymentRequest),
    /// `DELETE /v1/omnitokens/{token}?entityId=`.
    Delete(&'a OmniToken),
    /// `GET /v1/payments/{PROBE_PAYMENT_ID}?entityId=`: a harmless request for health checks.
    Probe,
}

/// Why no OPP answer came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GatewayFailure {
    /// The configured time passed; the outcome is unknown.
    Timeout,
    /// The connection failed or the answer was not OPP's JSON.
    Unavailable,
}

impl From<GatewayFailure> for ApiError {
    /// Timeout → 504 (the outcome is unknown), transport → 502.
    fn from(failure: GatewayFailure) -> Self {
        match failure {
            GatewayFailure::Timeout => Self::GatewayTimeout,
            GatewayFailure::Unavailable => Self::GatewayUnavailable,
        }
    }
}

/// What the gateway's inspection endpoint answered (dev mode only; not part of OPP).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inspection {
    /// The gateway's ledger, oldest first.
    Ledger(Ledger),
    /// The gateway has no such endpoint (HTTP 404): a real OPP system.
    NotOffered,
    /// An OPP error answer, such as refused credentials: its result code.
    Refused(ResultCode),
}

/// Sends one request to OPP and reads its JSON answer, whatever the HTTP status. Never retries.
#[allow(async_fn_in_trait)]
pub(crate) trait Gateway {
    /// Performs `op` with the Worker's credentials.
    async fn call(&self, op: GatewayOp<'_>) -> Result<PaymentResponse, GatewayFailure>;
    /// `GET /sandbox/transactions?entityId=` with the Worker's credentials: the sandbox's
    /// inspection endpoint, read in dev mode only.
    async fn inspect(&self) -> Result<Inspection, GatewayFailure>;
}

/// An OPP answer from its text, whatever the HTTP status; anything else is `Unavailable`.
pub(crate) fn read_answer(text: &str) -> Result<PaymentResponse, GatewayFailure> {
    serde_json::from_str(text).map_err(|_| GatewayFailure::Unavailable)
}

/// The inspection endpoint's answer: the ledger on 200, `NotOffered` on 404 (whatever the body:
/// real OPP has no such path), an OPP error answer otherwise.
pub(crate) fn read_inspection(status: u16, text: &str) -> Result<Inspection, GatewayFailure> {
    match status {
        200 => serde_json::from_str(text)
            .map(Inspection::Ledger)
            .map_err(|_| GatewayFailure::Unavailable),
        404 => Ok(Inspection::NotOffered),
        _ => read_answer(text).map(|answer| Inspection::Refused(answer.result.code)),
    }
}

/// What the audit row says about a call besides its outcome.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Audit<'a> {
    /// `DB`, `PA`, `TK`, `DL`.
    pub(crate) kind: &'a str,
    /// The token used, created or deleted (stored masked).
    pub(crate) token: Option<&'a OmniToken>,
    /// The checkout being paid.
    pub(crate) checkout_id: Option<&'a str>,
}

/// A gateway answer to act on. Its audit row is not written yet: the caller adds what the
/// answer changes to `settlement` and writes everything at once with [`settle`].
#[must_use = "the audit row is only written by gateway::settle"]
pub(crate) struct Answered {
    /// OPP's answer.
    pub(crate) answer: PaymentResponse,
    /// Its audit row, and the changes the caller adds.
    pub(crate) settlement: Settlement,
}

/// Calls the gateway and turns failures the caller cannot fix into errors: timeout → 504,
/// transport → 502, gateway system/communication/auth errors → 502. Those failures write their
/// audit row here; an answer to act on comes back as [`Answered`].
pub(crate) async fn call<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    op: GatewayOp<'_>,
    audit: Audit<'_>,
) -> Result<Answered, ApiError> {
    let result = ctx.gateway.call(op).await;
    let (id, code) = match &result {
        Ok(answer) => (answer.id.clone(), answer.result.code.as_str().to_owned()),
        Err(GatewayFailure::Timeout) => (None, "gateway_timeout".to_owned()),
        Err(GatewayFailure::Unavailable) => (None, "gateway_unavailable".to_owned()),
    };
    let token = audit.token.or_else(|| result.as_ref().ok().and_then(PaymentResponse::omni_token));
    let row = GatewayCall {
        id: match id {
            Some(id) => id,
            None => ids::new_id()?,
        },
        kind: audit.kind.to_owned(),
        token_masked: token.map(OmniToken::masked),
        checkout_id: audit.checkout_id.map(str::to_owned),
        result_code: code,
        created_at: time::rfc3339(ctx.now),
    };
    let failure = match &result {
        Err(failure) => Some(ApiError::from(*failure)),
        Ok(answer) => match answer.result.code.group() {
            ResultGroup::AuthenticationFailed
            | ResultGroup::CommunicationError
            | ResultGroup::SystemError => Some(ApiError::GatewayError(row.result_code.clone())),
            _ => None,
        },
    };
    match (result, failure) {
        (Ok(answer), None) => Ok(Answered { answer, settlement: Settlement::audit(row) }),
        (_, failure) => {
            // The call may have reached the gateway: a lost audit row must not hide the error.
            let _ = ctx.store.record_call(&row).await;
            Err(failure.unwrap_or(ApiError::Internal))
        }
    }
}

/// Writes an answered call's audit row and changes in one go. A lost audit row alone never turns
/// the answer into an error (the call happened either way); lost changes do.
pub(crate) async fn settle<S: Store, G: Gateway>(
    ctx: &Ctx<'_, S, G>,
    settlement: &Settlement,
) -> Result<(), ApiError> {
    match ctx.store.settle(settlement).await {
        Err(error) if settlement.changes_state() => Err(error),
        _ => Ok(()),
    }
}

/// The payment outcome a client acts on.
pub(crate) fn payment_status(answer: &PaymentResponse) -> &'static str {
    match answer.result.code.group() {
        ResultGroup::Success | ResultGroup::SuccessNeedsReview => "succeeded",
        ResultGroup::Pending => "pending",
        ResultGroup::Declined => "declined",
        _ => "rejected",
    }
}

/// `{"paymentId","status","resultCode","resultDescription","savedCard"?}`: 200 for succeeded
/// and pending, 402 for declined and rejected.
pub(crate) fn payment_answer(answer: &PaymentResponse, saved_card: Option<Value>) -> ApiResponse {
    let status = payment_status(answer);
    let mut body = json!({
        "paymentId": answer.id,
        "status": status,
        "resultCode": answer.result.code.as_str(),
        "resultDescription": answer.result.description,
    });
    if let (Some(card), Some(object)) = (saved_card, body.as_object_mut()) {
        object.insert("savedCard".to_owned(), card);
    }
    let http = if matches!(status, "succeeded" | "pending") { 200 } else { 402 };
    ApiResponse::json(http, body)
}
