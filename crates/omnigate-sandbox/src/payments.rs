//! `/v1/payments` and `/v1/payments/{id}` (GET), and the sandbox-only ledger listing.

use crate::extract::{AuthorizedForm, AuthorizedQuery};
use crate::ledger;
use crate::reply::from_tx;
use crate::validate::Errors;
use crate::{Sandbox, pay, tokens};
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use omnigate_opp::codes;
use omnigate_opp::inspection::Ledger;
use omnigate_opp::request::{PaymentRequest, RequestKind};

/// `POST /v1/payments`: a payment, a token payment (`card.omniToken`), or, with
/// `createOmniToken=true` and no `paymentType`, a standalone tokenization.
pub(crate) async fn create(
    State(sandbox): State<Sandbox>,
    AuthorizedForm(pairs): AuthorizedForm,
) -> Response {
    let (request, errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Payment);
    let standalone = request.create_omni_token
        && request.payment_type.is_none()
        && !errors.iter().any(|error| error.name == "paymentType");
    if standalone {
        tokens::tokenize(&sandbox, request, Errors(errors)).await
    } else {
        pay::pay(&sandbox, request, Errors(errors)).await
    }
}

/// `GET /v1/payments/{id}?entityId=`: a recorded transaction, or 404 with `700.400.580`.
pub(crate) async fn status(
    State(sandbox): State<Sandbox>,
    AuthorizedQuery(entity): AuthorizedQuery,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let inner = &sandbox.0;
    let Ok(Path(id)) = id else { return inner.malformed("invalid payment id") };
    let job = (entity.clone(), id);
    match inner.store.run(move |connection| ledger::get(connection, &job.0, &job.1)).await {
        Ok(Some(tx)) => inner.answer(StatusCode::OK, from_tx(&tx), Some(&entity)),
        Ok(None) => {
            inner.fail(StatusCode::NOT_FOUND, codes::TRANSACTION_NOT_FOUND, None, Some(&entity))
        }
        Err(_) => inner.broken(&entity),
    }
}

/// `GET /sandbox/transactions?entityId=`: every transaction of the entity, oldest first.
/// Not part of OPP: tests and people use it to see TK, DT, DL and payments.
pub(crate) async fn ledger(
    State(sandbox): State<Sandbox>,
    AuthorizedQuery(entity): AuthorizedQuery,
) -> Response {
    let inner = &sandbox.0;
    let job = entity.clone();
    match inner.store.run(move |connection| ledger::list(connection, &job)).await {
        Ok(transactions) => {
            let transactions = transactions.into_iter().map(ledger::entry).collect();
            Json(Ledger { entity_id: entity, transactions }).into_response()
        }
        Err(_) => inner.broken(&entity),
    }
}
