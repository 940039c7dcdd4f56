//! `/v1/omnitokens`: standalone tokenization (`TK`), paying with a token in the path, deletion
//! (`DL`).

use crate::clock::UtcTime;
use crate::crypto::random_id;
use crate::extract::{AuthorizedForm, AuthorizedQuery};
use crate::ledger::{self, Tx};
use crate::reply::{from_tx, status_of};
use crate::store::StoreError;
use crate::validate::{self, Errors};
use crate::vault::{self, CardRecord, Lookup};
use crate::{Sandbox, checks, pay};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use omnigate_opp::codes;
use omnigate_opp::request::{PaymentRequest, RequestKind};
use omnigate_opp::response::{CardInfo, PaymentResponse};
use omnigate_opp::result::ParameterError;
use omnigate_opp::secret::OmniToken;
use omnigate_opp::vocab::PaymentType;
use omnigate_opp::{FORCE_RESULT_CODE, ResultCode};

/// `POST /v1/omnitokens`: store a card and return its token.
pub(crate) async fn create(
    State(sandbox): State<Sandbox>,
    AuthorizedForm(pairs): AuthorizedForm,
) -> Response {
    let (request, errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Payment);
    tokenize(&sandbox, request, Errors(errors)).await
}

/// Standalone tokenization: checks the card, issues a token, records `TK`.
pub(crate) async fn tokenize(
    sandbox: &Sandbox,
    request: PaymentRequest,
    mut errors: Errors,
) -> Response {
    let inner = &sandbox.0;
    let entity = request.entity_id.clone();
    validate::tokenization(&request, &mut errors);
    if !errors.0.is_empty() {
        return inner.invalid(errors.0, &entity);
    }
    let card = CardRecord {
        pan: request.card.number.as_ref().map(|pan| pan.expose().to_owned()).unwrap_or_default(),
        expiry_month: request.card.expiry_month.clone().unwrap_or_default(),
        expiry_year: request.card.expiry_year.clone().unwrap_or_default(),
        holder: request.card.holder.clone(),
    };
    let brand = request.payment_brand.as_ref().map(ToString::to_string).unwrap_or_default();
    let forced = request.custom_parameters.get(FORCE_RESULT_CODE);
    let refused = checks::card(&card, &brand, request.card.cvv.as_ref(), false, checks::today())
        .err()
        .or_else(|| {
            forced.filter(|code| !ResultCode::new(code.as_str()).is_success()).map(String::as_str)
        });
    if let Some(code) = refused {
        return inner.fail(status_of(code), code, None, Some(&entity));
    }
    let si = &request.standing_instruction;
    let like = Tx {
        entity_id: entity.clone(),
        brand: Some(brand),
        bin: Some(card.pan[..6].to_owned()),
        last4: Some(card.pan[card.pan.len() - 4..].to_owned()),
        masked_card: Some(omnigate_opp::secret::mask_card_like(&card.pan)),
        card_hash: Some(inner.keys.index("card", &card.pan)),
        si_source: si.source,
        si_mode: si.mode,
        si_type: si.kind,
        created_at: UtcTime::now().opp_timestamp(),
        ..Tx::default()
    };
    let job = (sandbox.clone(), like, card.clone());
    let created =
        inner.store.run(move |connection| issue(connection, &job.0, &job.1, &job.2)).await;
    let (tx, token) = match created {
        Ok(Some(created)) => created,
        Ok(None) => {
            return inner.fail(
                StatusCode::BAD_REQUEST,
                codes::NO_TOKEN_CREATED,
                None,
                Some(&entity),
            );
        }
        Err(_) => return inner.broken(&entity),
    };
    let mut body = from_tx(&tx);
    body.card = Some(CardInfo {
        holder: card.holder,
        expiry_month: Some(card.expiry_month),
        expiry_year: Some(card.expiry_year),
        omni_token: Some(token),
        ..body.card.unwrap_or_default()
    });
    inner.answer(StatusCode::OK, body, Some(&entity))
}

fn issue(
    connection: &rusqlite::Connection,
    sandbox: &Sandbox,
    like: &Tx,
    card: &CardRecord,
) -> Result<Option<(Tx, OmniToken)>, StoreError> {
    let created = pay::create_token(connection, &sandbox.0, like, card, None)?;
    Ok(created.map(|(token, tk)| (tk, token)))
}

/// `POST /v1/omnitokens/{token}/payments`: the same payment as `card.omniToken` on
/// `/v1/payments`.
pub(crate) async fn pay(
    State(sandbox): State<Sandbox>,
    token: Result<Path<String>, PathRejection>,
    AuthorizedForm(pairs): AuthorizedForm,
) -> Response {
    let Ok(Path(token)) = token else { return sandbox.0.malformed("invalid token") };
    let (mut request, mut errors) = PaymentRequest::from_pairs(&pairs, RequestKind::Payment);
    for name in ["card.number", "card.omniToken", "createOmniToken"] {
        if pairs.iter().any(|(key, _)| key == name) {
            errors.push(ParameterError::new(
                name,
                None,
                "is not allowed when the token is in the path",
            ));
        }
    }
    request.card.omni_token = Some(OmniToken::new(token));
    pay::pay(&sandbox, request, Errors(errors)).await
}

/// `DELETE /v1/omnitokens/{token}?entityId=`: deletes the token and records `DL`.
pub(crate) async fn delete(
    State(sandbox): State<Sandbox>,
    AuthorizedQuery(entity): AuthorizedQuery,
    token: Result<Path<String>, PathRejection>,
) -> Response {
    let inner = &sandbox.0;
    let Ok(Path(token)) = token else { return inner.malformed("invalid token") };
    let job = (sandbox.clone(), entity.clone(), OmniToken::new(token));
    let deleted =
        inner.store.run(move |connection| remove(connection, &job.0, &job.1, &job.2)).await;
    match deleted {
        Ok(Ok(tx)) => {
            // The ledger keeps the brand of a DL; OPP's answer to a deletion does not show it.
            let body = PaymentResponse { payment_brand: None, ..from_tx(&tx) };
            inner.answer(StatusCode::OK, body, Some(&entity))
        }
        Ok(Err(code)) => inner.fail(StatusCode::BAD_REQUEST, code, None, Some(&entity)),
        Err(_) => inner.broken(&entity),
    }
}

fn remove(
    connection: &rusqlite::Connection,
    sandbox: &Sandbox,
    entity: &str,
    token: &OmniToken,
) -> Result<Result<Tx, &'static str>, StoreError> {
    let inner = &sandbox.0;
    let row = match vault::lookup(connection, &inner.keys, entity, token)? {
        Lookup::Unknown => return Ok(Err(codes::TOKEN_UNKNOWN)),
        Lookup::Deleted => return Ok(Err(codes::TOKEN_DELETED)),
        Lookup::Active(row, _) => row,
    };
    let now = UtcTime::now().opp_timestamp();
    vault::delete(connection, &row, &now)?;
    let tx = Tx {
        id: random_id(),
        entity_id: entity.to_owned(),
        payment_type: Some(PaymentType::Dl),
        referenced_id: Some(row.tk_id.clone()),
        brand: Some(row.brand.clone()),
        masked_token: Some(row.masked),
        result_code: inner.success_code(None).to_owned(),
        created_at: now,
        ..Tx::default()
    };
    ledger::insert(connection, &tx)?;
    Ok(Ok(tx))
}
