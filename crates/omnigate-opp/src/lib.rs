//! The vocabulary of ACI's Open Payment Platform (OPP) and its wire types, without any I/O:
//! both the edge Worker (the client) and the sandbox (the emulator) speak OPP through this crate.
//!
//! Requests are form bodies with OPP's flat dotted names; answers are JSON:
//!
//! ```
//! use omnigate_opp::request::PaymentRequest;
//! use omnigate_opp::response::PaymentResponse;
//! use omnigate_opp::secret::Pan;
//! use omnigate_opp::vocab::PaymentType;
//!
//! let mut request = PaymentRequest { entity_id: "e1".into(), ..PaymentRequest::default() };
//! request.payment_type = Some(PaymentType::Db);
//! request.amount = Some("25.00".parse().unwrap());
//! request.card.number = Some(Pan::new("4200000000000000"));
//! request.create_omni_token = true;
//! assert_eq!(
//!     request.encode(),
//!     "entityId=e1&amount=25.00&paymentType=DB&card.number=4200000000000000&createOmniToken=true",
//! );
//! // Secrets never show in Debug output.
//! assert!(!format!("{request:?}").contains("4200000000000000"));
//!
//! let answer: PaymentResponse = serde_json::from_str(
//!     r#"{"id":"8ac7a4a2708062d70170856fe76e4e29","result":{"code":"800.100.171",
//!         "description":"transaction declined (pick up card)"},"newField":true}"#,
//! ).unwrap();
//! assert_eq!(answer.result.code.group(), omnigate_opp::ResultGroup::Declined);
//! ```
//!
//! # The contract where OPP's public documentation is silent
//!
//! These decisions (from `opp-decisions.md`) are what the Worker sends and the sandbox accepts.
//! Each lives in one constant or one type here, so it is one edit if the live test system
//! disagrees.
//!
//! - Paths: `POST /v1/payments` (`paymentType` ∈ `PA, DB, CD, PA.CP`), `POST /v1/payments/{id}`
//!   (`CP, RF, RV`), `GET /v1/payments/{id}?entityId=`, `POST /v1/omnitokens` (standalone
//!   tokenization, no `paymentType`; the sandbox also takes `POST /v1/payments` with
//!   `createOmniToken=true` and no `paymentType`), `POST /v1/omnitokens/{token}/payments` and
//!   `card.omniToken` on `/v1/payments` (both pay with a token), `DELETE
//!   /v1/omnitokens/{token}?entityId=`.
//! - Auth: `Authorization: Bearer <token>` and `entityId` in the body (POST) or query (GET,
//!   DELETE); refused → [`codes::AUTH_FAILED`] with HTTP 401.
//! - Token created during a payment: `createOmniToken=true`; the answer has `card.omniToken` and
//!   the gateway records `TK` after a successful payment. A token payment records `DT` first. A
//!   deletion records `DL` whose `referencedId` is the token's `TK` id.
//! - Unknown token [`codes::TOKEN_UNKNOWN`], deleted token [`codes::TOKEN_DELETED`] (also for a
//!   second delete), both HTTP 400.
//! - Success [`codes::SUCCESS_INTERNAL`]; [`codes::SUCCESS_EXTERNAL`] with `testMode=EXTERNAL`.
//! - HTTP status: 200 success and pending, 400 every rejection, 401 bad auth, 404 unknown payment
//!   id on GET. Clients classify by `result.code` ([`ResultCode::group`]), never by status.
//! - Token format: as long as the PAN, BIN6 + random middle + last 4, Luhn-invalid, unique.
//! - Ids are 32 lowercase hex; `ndc` is `{entityId}_{32 hex}`; `timestamp` is
//!   `yyyy-MM-dd HH:mm:ss+0000`.
//! - Card on file: first use `CIT` + `INITIAL`; one-click `CIT` + `REPEATED`; merchant-initiated
//!   `MIT` + `REPEATED` + `initialTransactionId` of a successful initial CIT on the same card,
//!   otherwise `200.300.404` with a parameter error on `standingInstruction.initialTransactionId`.
//! - Validation: [`codes::INVALID_PARAMETER`] with one [`result::ParameterError`] per bad field.
//! - Forced outcomes: `customParameters[forceResultCode]=<code>`.
//! - Inspection (sandbox only, not OPP): `GET /sandbox/transactions?entityId=` lists every
//!   transaction with its type, referenced id, masked card and token, result code and timestamp
//!   ([`inspection`]); a real OPP system answers 404.

pub mod classify;
pub mod codes;
pub mod form;
pub mod inspection;
pub mod money;
pub mod request;
pub mod response;
pub mod result;
pub mod secret;
pub mod vocab;

pub use result::{ResultCode, ResultGroup};

/// Path prefix of every OPP resource on a gateway base URL.
pub const API_PREFIX: &str = "/v1";

/// A payment id that no gateway ever issues: `GET /v1/payments/{PROBE_PAYMENT_ID}` is a harmless
/// request that proves the gateway answers and accepts the credentials (used by health checks).
pub const PROBE_PAYMENT_ID: &str = "00000000000000000000000000000000";

/// The `customParameters` key that forces a result code on OPP test systems and the sandbox.
pub const FORCE_RESULT_CODE: &str = "forceResultCode";
