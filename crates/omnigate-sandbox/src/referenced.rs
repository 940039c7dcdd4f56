//! `POST /v1/payments/{id}`: capture (`CP`), refund (`RF`) and reversal (`RV`) of an earlier
//! payment, with OPP's `700.*` reference rules:
//!
//! - the referenced id must exist for the entity (`700.400.580`), be final (`700.400.570` while
//!   pending) and successful (`700.300.200`), in the same currency (`700.100.500`);
//! - `CP` needs a `PA` (`700.400.510`), not reversed and not over-captured (`700.400.100`);
//! - `RF` needs a `DB`, `CP` or `PA.CP` (`700.400.520`), not reversed and not over-refunded
//!   (`700.400.200`);
//! - `RV` needs a `PA`, `DB`, `CP` or `PA.CP` (`700.400.530`), reversed at most once
//!   (`700.300.300`), and not after a capture or refund of it (`700.400.300`).

use crate::clock::UtcTime;
use crate::crypto::random_id;
use crate::extract::AuthorizedForm;
use crate::ledger::{self, Tx};
use crate::reply::{from_tx, status_of};
use crate::store::StoreError;
use crate::validate::{self, Errors};
use crate::{Inner, Sandbox};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use omnigate_opp::request::{PaymentRequest, RequestKind};
use omnigate_opp::vocab::PaymentType::{self, Cp, Db, Pa, PaCp, Rf, Rv};
use omnigate_opp::{FORCE_RESULT_CODE, ResultCode, ResultGroup, codes};
use rusqlite::Connection;

/// `POST /v1/payments/{id}` handler.
pub(crate) async fn create(
    State(sandbox): State<Sandbox>,
    id: Result<Path<String>, PathRejection>,
    AuthorizedForm(pairs): AuthorizedForm,
) -> Response {
    let inner = &sandbox.0;
    let Ok(Path(id)) = id else { return inner.malformed("invalid payment id") };
    let (request, errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Referenced);
    let mut errors = Errors(errors);
    validate::referenced(&request, &mut errors);
    let entity = request.entity_id.clone();
    if !errors.0.is_empty() {
        return inner.invalid(errors.0, &entity);
    }
    let job = (sandbox.clone(), request, id);
    match inner.store.run(move |connection| apply(connection, &job.0.0, &job.1, &job.2)).await {
        Ok(Some(tx)) => inner.answer(status_of(&tx.result_code), from_tx(&tx), Some(&entity)),
        Ok(None) => {
            inner.fail(StatusCode::BAD_REQUEST, codes::TRANSACTION_NOT_FOUND, None, Some(&entity))
        }
        Err(_) => inner.broken(&entity),
    }
}

/// Checks the rules and records the operation; `None` when the referenced id is unknown.
fn apply(
    connection: &Connection,
    inner: &Inner,
    request: &PaymentRequest,
    id: &str,
) -> Result<Option<Tx>, StoreError> {
    let Some(original) = ledger::get(connection, &request.entity_id, id)? else {
        return Ok(None);
    };
    let kind = request.payment_type.unwrap_or(Rv);
    let code = match rule_violation(connection, &original, kind, request)? {
        Some(code) => code.to_owned(),
        None => match request.custom_parameters.get(FORCE_RESULT_CODE) {
            Some(forced) => forced.clone(),
            None => inner.success_code(request.test_mode).to_owned(),
        },
    };
    let tx = Tx {
        id: random_id(),
        entity_id: request.entity_id.clone(),
        payment_type: Some(kind),
        referenced_id: Some(original.id.clone()),
        amount: request.amount.or(original.amount),
        currency: request.currency.or(original.currency),
        brand: original.brand.clone(),
        bin: None,
        last4: None,
        masked_card: original.masked_card.clone(),
        masked_token: original.masked_token,
        result_code: code,
        merchant_transaction_id: request.merchant_transaction_id.clone(),
        created_at: UtcTime::now().opp_timestamp(),
        ..Tx::default()
    };
    ledger::insert(connection, &tx)?;
    Ok(Some(tx))
}

/// The `700.*` code that forbids the operation, if any.
fn rule_violation(
    connection: &Connection,
    original: &Tx,
    kind: PaymentType,
    request: &PaymentRequest,
) -> Result<Option<&'static str>, StoreError> {
    let group = ResultCode::new(original.result_code.as_str()).group();
    if group == ResultGroup::Pending {
        return Ok(Some("700.400.570"));
    }
    let wanted: &[PaymentType] = match kind {
        Cp => &[Pa],
        Rf => &[Db, Cp, PaCp],
        _ => &[Pa, Db, Cp, PaCp],
    };
    if !original.payment_type.is_some_and(|original_type| wanted.contains(&original_type)) {
        return Ok(Some(match kind {
            Cp => "700.400.510",
            Rf => "700.400.520",
            _ => "700.400.530",
        }));
    }
    if !original.succeeded() {
        return Ok(Some("700.300.200"));
    }
    if request.currency.is_some_and(|currency| Some(currency) != original.currency) {
        return Ok(Some("700.100.500"));
    }
    let (reversals, _) = ledger::successful_references(connection, &original.id, Rv)?;
    let requested = request.amount.map_or(0, |amount| amount.minor());
    let limit = original.amount.map_or(0, |amount| amount.minor());
    Ok(match kind {
        Cp => {
            let (_, captured) = ledger::successful_references(connection, &original.id, Cp)?;
            (reversals > 0 || captured + requested > limit).then_some("700.400.100")
        }
        Rf => {
            let (_, refunded) = ledger::successful_references(connection, &original.id, Rf)?;
            (reversals > 0 || refunded + requested > limit).then_some("700.400.200")
        }
        _ => {
            let (captures, _) = ledger::successful_references(connection, &original.id, Cp)?;
            let (refunds, _) = ledger::successful_references(connection, &original.id, Rf)?;
            if reversals > 0 {
                Some("700.300.300")
            } else if captures + refunds > 0 {
                Some("700.400.300")
            } else {
                None
            }
        }
    })
}
