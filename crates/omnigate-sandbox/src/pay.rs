//! Payments (`PA`, `DB`, `CD`, `PA.CP`) with a card number or an omni token, card-on-file rules,
//! outcome selection, and what gets recorded: `DT` before a token payment, the payment, and `TK`
//! after a successful payment that asked for `createOmniToken=true`.

use crate::clock::UtcTime;
use crate::crypto::random_id;
use crate::ledger::{self, Tx};
use crate::reply::{from_tx, status_of};
use crate::store::StoreError;
use crate::test_cards::{self, Outcome};
use crate::validate::{self, Errors};
use crate::vault::{self, CardRecord, Lookup, NewToken, TokenRow};
use crate::{Inner, Sandbox, checks};
use axum::response::Response;
use omnigate_opp::codes::{self, is_code_shaped};
use omnigate_opp::request::PaymentRequest;
use omnigate_opp::response::CardInfo;
use omnigate_opp::result::ParameterError;
use omnigate_opp::secret::{OmniToken, mask_card_like};
use omnigate_opp::vocab::{PaymentType, SiMode, SiSource};
use omnigate_opp::{FORCE_RESULT_CODE, ResultCode};
use rusqlite::Connection;
use std::time::Duration;

/// The card a payment runs on, after the vault was asked.
enum Resolved {
    /// A parameter is wrong in a way only the database can tell (the MIT initial id).
    Invalid(ParameterError),
    /// The omni token is unknown or deleted.
    TokenProblem(&'static str),
    /// The card, and the token row when it came from the vault.
    Card(CardRecord, Option<TokenRow>),
}

/// Runs a payment request that passed the parser; `errors` holds the parser's findings.
pub(crate) async fn pay(
    sandbox: &Sandbox,
    request: PaymentRequest,
    mut errors: Errors,
) -> Response {
    let inner = &sandbox.0;
    let entity = request.entity_id.clone();
    validate::payment(&request, &mut errors);
    if !errors.0.is_empty() {
        return inner.invalid(errors.0, &entity);
    }
    let job = (sandbox.clone(), request.clone());
    let resolved = inner.store.run(move |connection| resolve(connection, &job.0.0, &job.1)).await;
    let (card, token_row) = match resolved {
        Ok(Resolved::Card(card, row)) => (card, row),
        Ok(Resolved::Invalid(error)) => return inner.invalid(vec![error], &entity),
        Ok(Resolved::TokenProblem(code)) => return token_problem(sandbox, request, code).await,
        Err(_) => return inner.broken(&entity),
    };
    let brand = token_row.as_ref().map_or_else(
        || request.payment_brand.as_ref().map(ToString::to_string).unwrap_or_default(),
        |row| row.brand.clone(),
    );
    let checked = match &token_row {
        None => checks::card(&card, &brand, request.card.cvv.as_ref(), true, checks::today()),
        Some(row) => {
            checks::stored(&card, &row.brand, request.payment_brand.as_ref(), checks::today())
        }
    };
    let code = match checked {
        Err(code) => code.to_owned(),
        Ok(()) => outcome(inner, &request, &card).await,
    };
    let tx = payment_tx(inner, &request, &card, &brand, token_row.as_ref(), &code);
    let tokenize = request.create_omni_token && ResultCode::new(code.as_str()).is_success();
    let job = (sandbox.clone(), tx.clone(), card.clone(), token_row.clone());
    let recorded = inner
        .store
        .run(move |connection| {
            record(connection, &job.0.0, &job.1, &job.2, job.3.as_ref(), tokenize)
        })
        .await;
    let Ok(created) = recorded else { return inner.broken(&entity) };
    let mut body = from_tx(&tx);
    body.card = Some(CardInfo {
        holder: card.holder.clone(),
        expiry_month: Some(card.expiry_month.clone()),
        expiry_year: Some(card.expiry_year.clone()),
        omni_token: created.or_else(|| request.card.omni_token.clone()),
        ..body.card.unwrap_or_default()
    });
    body.custom_parameters =
        (!request.custom_parameters.is_empty()).then_some(request.custom_parameters);
    inner.answer(status_of(&code), body, Some(&entity))
}

/// Looks up the token (if any) and checks a merchant-initiated payment's initial id.
fn resolve(
    connection: &Connection,
    inner: &Inner,
    request: &PaymentRequest,
) -> Result<Resolved, StoreError> {
    let (card, row) = match &request.card.omni_token {
        Some(token) => match vault::lookup(connection, &inner.keys, &request.entity_id, token)? {
            Lookup::Unknown => return Ok(Resolved::TokenProblem(codes::TOKEN_UNKNOWN)),
            Lookup::Deleted => return Ok(Resolved::TokenProblem(codes::TOKEN_DELETED)),
            Lookup::Active(row, card) => (card, Some(row)),
        },
        None => (card_from_request(request), None),
    };
    let si = &request.standing_instruction;
    if let (Some(SiSource::Mit), Some(initial_id)) = (si.source, &si.initial_transaction_id) {
        let card_hash = inner.keys.index("card", &card.pan);
        let initial = ledger::get(connection, &request.entity_id, initial_id)?;
        let valid = initial.is_some_and(|tx| {
            tx.succeeded()
                && tx.si_source == Some(SiSource::Cit)
                && tx.si_mode == Some(SiMode::Initial)
                && tx.card_hash.as_deref() == Some(card_hash.as_slice())
        });
        if !valid {
            let message = "must be the id of a successful initial CIT payment with this card";
            let name = "standingInstruction.initialTransactionId";
            return Ok(Resolved::Invalid(ParameterError::new(name, Some(initial_id), message)));
        }
    }
    Ok(Resolved::Card(card, row))
}

fn card_from_request(request: &PaymentRequest) -> CardRecord {
    let card = &request.card;
    CardRecord {
        pan: card.number.as_ref().map(|pan| pan.expose().to_owned()).unwrap_or_default(),
        expiry_month: card.expiry_month.clone().unwrap_or_default(),
        expiry_year: card.expiry_year.clone().unwrap_or_default(),
        holder: card.holder.clone(),
    }
}

/// The result code of a payment whose card passed the checks.
async fn outcome(inner: &Inner, request: &PaymentRequest, card: &CardRecord) -> String {
    if let Some(code) = request.custom_parameters.get(FORCE_RESULT_CODE) {
        return code.clone();
    }
    match test_cards::outcome(&card.pan) {
        Outcome::Decline(code) => return code.to_owned(),
        Outcome::Slow => tokio::time::sleep(Duration::from_millis(inner.config.slow_ms)).await,
        Outcome::Approve => {}
    }
    // OPP's negative testing: a result code as the holder name forces that (non-success) code.
    match &request.card.holder {
        Some(holder) if is_code_shaped(holder) && !holder.starts_with("000.") => holder.clone(),
        _ => inner.success_code(request.test_mode).to_owned(),
    }
}

/// The ledger row of the payment itself.
fn payment_tx(
    inner: &Inner,
    request: &PaymentRequest,
    card: &CardRecord,
    brand: &str,
    token_row: Option<&TokenRow>,
    code: &str,
) -> Tx {
    let pan = card.pan.as_str();
    let digits = pan.len() >= 12 && pan.bytes().all(|byte| byte.is_ascii_digit());
    let si = &request.standing_instruction;
    Tx {
        id: random_id(),
        entity_id: request.entity_id.clone(),
        payment_type: request.payment_type,
        amount: request.amount,
        currency: request.currency,
        brand: Some(brand.to_owned()).filter(|brand| !brand.is_empty()),
        bin: digits.then(|| pan[..6].to_owned()),
        last4: digits.then(|| pan[pan.len() - 4..].to_owned()),
        masked_card: digits.then(|| mask_card_like(pan)),
        masked_token: token_row.map(|row| row.masked.clone()),
        card_hash: digits.then(|| inner.keys.index("card", pan)),
        result_code: code.to_owned(),
        si_source: si.source,
        si_mode: si.mode,
        si_type: si.kind,
        si_initial_id: si.initial_transaction_id.clone(),
        merchant_transaction_id: request.merchant_transaction_id.clone(),
        created_at: UtcTime::now().opp_timestamp(),
        referenced_id: None,
    }
}

/// Writes `DT` (token payments), the payment, and `TK` plus the vault row when asked to.
fn record(
    connection: &Connection,
    inner: &Inner,
    payment: &Tx,
    card: &CardRecord,
    token_row: Option<&TokenRow>,
    tokenize: bool,
) -> Result<Option<OmniToken>, StoreError> {
    if let Some(row) = token_row {
        let detokenized = Tx {
            id: random_id(),
            payment_type: Some(PaymentType::Dt),
            referenced_id: Some(row.tk_id.clone()),
            amount: None,
            currency: None,
            result_code: inner.success_code(None).to_owned(),
            si_source: None,
            si_mode: None,
            si_type: None,
            si_initial_id: None,
            merchant_transaction_id: None,
            ..payment.clone()
        };
        ledger::insert(connection, &detokenized)?;
    }
    ledger::insert(connection, payment)?;
    if !tokenize {
        return Ok(None);
    }
    let created = create_token(connection, inner, payment, card, Some(payment.id.clone()))?;
    Ok(created.map(|(token, _)| token))
}

/// Issues a token for `card` and records its `TK` (returned too), referencing `referenced_id`
/// when given. `like` gives the entity, brand, card facts and time.
pub(crate) fn create_token(
    connection: &Connection,
    inner: &Inner,
    like: &Tx,
    card: &CardRecord,
    referenced_id: Option<String>,
) -> Result<Option<(OmniToken, Tx)>, StoreError> {
    let tk_id = random_id();
    let brand = like.brand.clone().unwrap_or_default();
    let card_hash = inner.keys.index("card", &card.pan);
    let new = NewToken {
        entity_id: &like.entity_id,
        tk_id: &tk_id,
        brand: &brand,
        card_hash: &card_hash,
        now: &like.created_at,
    };
    let Some(token) = vault::issue(connection, &inner.keys, card, &new)? else { return Ok(None) };
    // A TK made during a payment is not itself the initial CIT: the payment is.
    let keep_si = referenced_id.is_none();
    let tk = Tx {
        id: tk_id,
        payment_type: Some(PaymentType::Tk),
        si_source: like.si_source.filter(|_| keep_si),
        si_mode: like.si_mode.filter(|_| keep_si),
        si_type: like.si_type.filter(|_| keep_si),
        si_initial_id: None,
        referenced_id,
        amount: None,
        currency: None,
        masked_token: Some(token.masked()),
        result_code: inner.success_code(None).to_owned(),
        merchant_transaction_id: None,
        ..like.clone()
    };
    ledger::insert(connection, &tk)?;
    Ok(Some((token, tk)))
}

/// A payment with an unknown or deleted token: recorded with its code, no `DT`.
async fn token_problem(sandbox: &Sandbox, request: PaymentRequest, code: &'static str) -> Response {
    let inner = &sandbox.0;
    let masked = request.card.omni_token.as_ref().map(OmniToken::masked);
    let tx = Tx {
        id: random_id(),
        entity_id: request.entity_id.clone(),
        payment_type: request.payment_type,
        amount: request.amount,
        currency: request.currency,
        brand: request.payment_brand.as_ref().map(ToString::to_string),
        masked_token: masked,
        result_code: code.to_owned(),
        merchant_transaction_id: request.merchant_transaction_id.clone(),
        created_at: UtcTime::now().opp_timestamp(),
        ..Tx::default()
    };
    let job = tx.clone();
    if inner.store.run(move |connection| ledger::insert(connection, &job)).await.is_err() {
        return inner.broken(&request.entity_id);
    }
    inner.answer(status_of(code), from_tx(&tx), Some(&request.entity_id))
}
