//! Response shaping: OPP's JSON answers with `buildNumber`, `timestamp` and `ndc`, and the HTTP
//! status that goes with a result code.

use crate::Inner;
use crate::clock::UtcTime;
use crate::crypto::random_id;
use crate::ledger::Tx;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use omnigate_opp::response::{CardInfo, PaymentResponse, StandingInstructionInfo};
use omnigate_opp::result::{ParameterError, ResultInfo};
use omnigate_opp::vocab::TestMode;
use omnigate_opp::{ResultCode, ResultGroup, codes};

/// The result code of an answer, attached to the response for the request log.
#[derive(Debug, Clone)]
pub(crate) struct LoggedCode(pub(crate) String);

/// HTTP status for a result code: 200 for success and pending, 400 for every rejection.
pub(crate) fn status_of(code: &str) -> StatusCode {
    match ResultCode::new(code).group() {
        ResultGroup::Success | ResultGroup::SuccessNeedsReview | ResultGroup::Pending => {
            StatusCode::OK
        }
        _ => StatusCode::BAD_REQUEST,
    }
}

/// `dddd.dddd.dddd OPP_Channel `: a short id derived from the transaction id, as on statements.
pub(crate) fn descriptor(id: &str) -> String {
    let number = id.get(..12).and_then(|head| u64::from_str_radix(head, 16).ok()).unwrap_or(0);
    let digits = format!("{:012}", number % 1_000_000_000_000);
    format!("{}.{}.{} OPP_Channel ", &digits[..4], &digits[4..8], &digits[8..])
}

/// The answer for a recorded transaction: everything the ledger keeps, card masked.
pub(crate) fn from_tx(tx: &Tx) -> PaymentResponse {
    let mut body = PaymentResponse::new(ResultInfo::new(&tx.result_code));
    body.id = Some(tx.id.clone());
    body.referenced_id.clone_from(&tx.referenced_id);
    body.payment_type = tx.payment_type;
    body.payment_brand.clone_from(&tx.brand);
    body.amount = tx.amount;
    body.currency = tx.currency;
    if tx.amount.is_some() {
        body.descriptor = Some(descriptor(&tx.id));
    }
    body.merchant_transaction_id.clone_from(&tx.merchant_transaction_id);
    if tx.bin.is_some() {
        body.card = Some(CardInfo {
            bin: tx.bin.clone(),
            last4_digits: tx.last4.clone(),
            ..CardInfo::default()
        });
    }
    if tx.si_source.is_some() || tx.si_mode.is_some() || tx.si_type.is_some() {
        body.standing_instruction = Some(StandingInstructionInfo {
            source: tx.si_source,
            kind: tx.si_type,
            mode: tx.si_mode,
            initial_transaction_id: tx.si_initial_id.clone(),
        });
    }
    body.timestamp = Some(tx.created_at.clone());
    body
}

impl Inner {
    /// The success code for this gateway and request.
    pub(crate) fn success_code(&self, test_mode: Option<TestMode>) -> &'static str {
        match (self.config.live_codes, test_mode) {
            (true, _) => codes::SUCCESS_LIVE,
            (false, Some(TestMode::External)) => codes::SUCCESS_EXTERNAL,
            (false, _) => codes::SUCCESS_INTERNAL,
        }
    }

    /// Sends `body` with `status`, adding `buildNumber`, `timestamp` and (with an entity) `ndc`.
    pub(crate) fn answer(
        &self,
        status: StatusCode,
        mut body: PaymentResponse,
        entity_id: Option<&str>,
    ) -> Response {
        body.build_number = Some(self.build_number.clone());
        if body.timestamp.is_none() {
            body.timestamp = Some(UtcTime::now().opp_timestamp());
        }
        body.ndc = entity_id.map(|entity| format!("{entity}_{}", random_id()));
        let code = LoggedCode(body.result.code.as_str().to_owned());
        let mut response = (status, Json(body)).into_response();
        response.extensions_mut().insert(code);
        response
    }

    /// An answer with only a result; `detail` is appended to the description as OPP does.
    pub(crate) fn fail(
        &self,
        status: StatusCode,
        code: &str,
        detail: Option<&str>,
        entity_id: Option<&str>,
    ) -> Response {
        let mut result = ResultInfo::new(code);
        if let Some(detail) = detail {
            result.description = format!("{} - {detail}", result.description);
        }
        self.answer(status, PaymentResponse::new(result), entity_id)
    }

    /// `200.300.404` with one entry per bad parameter, HTTP 400.
    pub(crate) fn invalid(&self, errors: Vec<ParameterError>, entity_id: &str) -> Response {
        let body = PaymentResponse::new(ResultInfo::invalid_parameters(errors));
        self.answer(StatusCode::BAD_REQUEST, body, Some(entity_id))
    }

    /// `800.900.300`, HTTP 401.
    pub(crate) fn refused(&self) -> Response {
        self.fail(StatusCode::UNAUTHORIZED, codes::AUTH_FAILED, None, None)
    }

    /// `999.999.999`, HTTP 500: the database failed (never caused by the request's content).
    pub(crate) fn broken(&self, entity_id: &str) -> Response {
        self.fail(StatusCode::INTERNAL_SERVER_ERROR, "999.999.999", None, Some(entity_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_and_statuses() {
        let text = descriptor("8ac7a4a2708062d70170856fe76e4e29");
        assert_eq!(text.len(), "5924.8723.1747 OPP_Channel ".len());
        assert!(text.ends_with(" OPP_Channel "));
        assert_eq!(status_of("000.100.110"), StatusCode::OK);
        assert_eq!(status_of("000.200.000"), StatusCode::OK);
        assert_eq!(status_of("800.100.151"), StatusCode::BAD_REQUEST);
        assert_eq!(status_of("100.150.202"), StatusCode::BAD_REQUEST);
    }
}
