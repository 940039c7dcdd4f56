//! Test doubles: an in-memory [`Store`], a gateway that behaves like the sandbox's test cards,
//! a one-line executor, and request builders.

use super::spec;
use crate::ctx::Ctx;
use crate::gateway::{Gateway, GatewayFailure, GatewayOp, Inspection};
use crate::http::{ApiRequest, ApiResponse};
use crate::store::{
    Checkout, GatewayCall, Idempotent, Product, Settlement, Store, WalletCard, status,
};
use crate::time::Millis;
use crate::{ApiError, Config, jwt, router};
use omnigate_opp::inspection::{Ledger, LedgerEntry};
use omnigate_opp::response::{CardInfo, PaymentResponse};
use omnigate_opp::result::ResultInfo;
use omnigate_opp::secret::OmniToken;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use worker::Method;

/// 2026-05-01T12:00:00Z.
pub(crate) const NOW: Millis = 1_777_636_800_000;
pub(crate) const MERCHANT_KEY: &str = "merchant-key-1";
pub(crate) const JWT_SECRET: &str = "jwt-secret-1";

/// Polls a future that never waits (the fakes are synchronous) to completion.
pub(crate) fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

pub(crate) fn config() -> Config {
    let vars = [
        ("GATEWAY_URL", "http://127.0.0.1:9090"),
        ("OPP_ENTITY_ID", "entity-1"),
        ("OPP_ACCESS_TOKEN", "sandbox-access-token"),
        ("MERCHANT_API_KEY", MERCHANT_KEY),
        ("SHOPPER_JWT_SECRET", JWT_SECRET),
        ("ALLOWED_ORIGINS", "https://shop.example, http://localhost:8787"),
        ("DEV_MODE", "true"),
    ];
    Config::from_lookup(|name| {
        vars.iter().find(|(key, _)| *key == name).map(|(_, v)| (*v).to_owned())
    })
    .unwrap()
}

#[derive(Default)]
pub(crate) struct MemStore {
    pub(crate) products: RefCell<BTreeMap<String, Product>>,
    pub(crate) checkouts: RefCell<HashMap<String, Checkout>>,
    pub(crate) cards: RefCell<Vec<WalletCard>>,
    pub(crate) idempotency: RefCell<HashMap<String, Idempotent>>,
    pub(crate) calls: RefCell<Vec<GatewayCall>>,
    /// Makes storing an idempotent answer fail, like a D1 write failing halfway.
    pub(crate) fail_finish: Cell<bool>,
    /// Makes writing what a gateway answer leaves behind fail (the D1 batch).
    pub(crate) fail_settle: Cell<bool>,
    /// Client → (window start, failed attempts).
    pub(crate) failed: RefCell<HashMap<String, (Millis, u32)>>,
    /// Makes every call fail, like D1 being unreachable.
    pub(crate) broken: Cell<bool>,
    /// The next idempotency read finds its record gone, as if a concurrent request had pruned
    /// it between the INSERT that found it and the read.
    pub(crate) pruned_before_read: Cell<bool>,
}

impl MemStore {
    fn up(&self) -> Result<(), ApiError> {
        if self.broken.get() { Err(ApiError::Internal) } else { Ok(()) }
    }
}

/// Deletes at most `limit` entries of `map` that `age` dates (`None`: never a candidate), the
/// oldest first, as the D1 adapter's `DELETE … WHERE key IN (SELECT … ORDER BY … LIMIT …)` does.
fn prune_oldest<V, T: Ord>(
    map: &mut HashMap<String, V>,
    limit: u32,
    age: impl Fn(&V) -> Option<T>,
) {
    let mut old: Vec<(T, String)> =
        map.iter().filter_map(|(key, value)| Some((age(value)?, key.clone()))).collect();
    old.sort();
    for (_, key) in old.into_iter().take(limit as usize) {
        map.remove(&key);
    }
}

impl Store for MemStore {
    async fn products(&self) -> Result<Vec<Product>, ApiError> {
        self.up()?;
        Ok(self.products.borrow().values().cloned().collect())
    }
    async fn put_product(&self, product: &Product) -> Result<(), ApiError> {
        self.up()?;
        self.products.borrow_mut().insert(product.sku.clone(), product.clone());
        Ok(())
    }
    async fn delete_product(&self, sku: &str) -> Result<bool, ApiError> {
        self.up()?;
        Ok(self.products.borrow_mut().remove(sku).is_some())
    }
    async fn insert_checkout(&self, checkout: &Checkout) -> Result<(), ApiError> {
        self.up()?;
        self.checkouts.borrow_mut().insert(checkout.id.clone(), checkout.clone());
        Ok(())
    }
    async fn prune_checkouts(&self, expired_before: Millis, limit: u32) -> Result<(), ApiError> {
        self.up()?;
        let before = expired_before as i64;
        prune_oldest(&mut self.checkouts.borrow_mut(), limit, |c| {
            (c.status == status::OPEN && c.expires_at < before).then_some(c.expires_at)
        });
        Ok(())
    }
    async fn checkout(&self, id: &str) -> Result<Option<Checkout>, ApiError> {
        self.up()?;
        Ok(self.checkouts.borrow().get(id).cloned())
    }
    async fn claim_checkout(&self, id: &str, now: Millis) -> Result<bool, ApiError> {
        self.up()?;
        let mut checkouts = self.checkouts.borrow_mut();
        let Some(checkout) = checkouts.get_mut(id) else { return Ok(false) };
        let open = checkout.status == status::OPEN && checkout.expires_at > now as i64;
        if open {
            checkout.status = status::PROCESSING.to_owned();
        }
        Ok(open)
    }
    async fn finish_checkout(
        &self,
        id: &str,
        next: &str,
        payment_id: Option<&str>,
    ) -> Result<(), ApiError> {
        self.up()?;
        if let Some(checkout) = self.checkouts.borrow_mut().get_mut(id) {
            checkout.status = next.to_owned();
            checkout.payment_id = payment_id.map(str::to_owned);
        }
        Ok(())
    }
    async fn card(&self, token: &str) -> Result<Option<WalletCard>, ApiError> {
        self.up()?;
        Ok(self.cards.borrow().iter().find(|card| card.token == token).cloned())
    }
    async fn cards(&self, shopper_id: &str) -> Result<Vec<WalletCard>, ApiError> {
        self.up()?;
        Ok(self.cards.borrow().iter().filter(|c| c.shopper_id == shopper_id).cloned().collect())
    }
    async fn idempotent(&self, key: &str) -> Result<Option<Idempotent>, ApiError> {
        self.up()?;
        if self.pruned_before_read.replace(false) {
            self.idempotency.borrow_mut().remove(key);
        }
        Ok(self.idempotency.borrow().get(key).cloned())
    }
    async fn begin_idempotent(
        &self,
        key: &str,
        fingerprint: &str,
        now: Millis,
    ) -> Result<bool, ApiError> {
        self.up()?;
        let mut map = self.idempotency.borrow_mut();
        if map.contains_key(key) {
            return Ok(false);
        }
        let fingerprint = fingerprint.to_owned();
        let record = Idempotent { fingerprint, status: None, body: None, created_at: now as i64 };
        map.insert(key.to_owned(), record);
        Ok(true)
    }
    async fn take_over_idempotent(
        &self,
        key: &str,
        fingerprint: &str,
        stale_before: Millis,
        now: Millis,
    ) -> Result<bool, ApiError> {
        self.up()?;
        let mut map = self.idempotency.borrow_mut();
        let Some(record) = map.get_mut(key) else { return Ok(false) };
        let stale = record.fingerprint == fingerprint
            && record.status.is_none()
            && record.created_at <= stale_before as i64;
        if stale {
            record.created_at = now as i64;
        }
        Ok(stale)
    }
    async fn finish_idempotent(
        &self,
        key: &str,
        claimed_at: Millis,
        code: u16,
        body: &str,
    ) -> Result<(), ApiError> {
        self.up()?;
        if self.fail_finish.get() {
            return Err(ApiError::Internal);
        }
        let mut map = self.idempotency.borrow_mut();
        let record = map.get_mut(key).filter(|r| r.created_at == claimed_at as i64);
        if let Some(record) = record.filter(|record| record.status.is_none()) {
            record.status = Some(i64::from(code));
            record.body = Some(body.to_owned());
        }
        Ok(())
    }
    async fn failed_attempts(&self, client: &str, window_start: Millis) -> Result<u32, ApiError> {
        self.up()?;
        let failed = self.failed.borrow();
        Ok(failed.get(client).filter(|(start, _)| *start == window_start).map_or(0, |(_, n)| *n))
    }
    async fn record_failed_attempt(
        &self,
        client: &str,
        window_start: Millis,
    ) -> Result<(), ApiError> {
        self.up()?;
        let mut failed = self.failed.borrow_mut();
        let entry = failed.entry(client.to_owned()).or_insert((window_start, 0));
        if entry.0 != window_start {
            *entry = (window_start, 0);
        }
        entry.1 += 1;
        Ok(())
    }
    async fn prune_idempotent(&self, claimed_before: Millis, limit: u32) -> Result<(), ApiError> {
        self.up()?;
        let mut map = self.idempotency.borrow_mut();
        let before = claimed_before as i64;
        prune_oldest(&mut map, limit, |r| (r.created_at < before).then_some(r.created_at));
        Ok(())
    }
    async fn prune_failed_attempts(&self, before: Millis, limit: u32) -> Result<(), ApiError> {
        self.up()?;
        let mut failed = self.failed.borrow_mut();
        prune_oldest(&mut failed, limit, |&(start, _)| (start < before).then_some(start));
        Ok(())
    }
    async fn record_call(&self, call: &GatewayCall) -> Result<(), ApiError> {
        self.up()?;
        self.calls.borrow_mut().push(call.clone());
        Ok(())
    }
    async fn settle(&self, settlement: &Settlement) -> Result<(), ApiError> {
        // All or nothing, like the D1 batch: a failure writes nothing.
        self.up()?;
        if self.fail_settle.get() {
            return Err(ApiError::Internal);
        }
        self.calls.borrow_mut().push(settlement.call.clone());
        if let Some((id, next, payment_id)) = &settlement.checkout {
            self.finish_checkout(id, next, payment_id.as_deref()).await?;
        }
        if let Some(card) = &settlement.saved_card {
            self.cards.borrow_mut().push(card.clone());
        }
        if let Some(token) = &settlement.removed_card {
            self.cards.borrow_mut().retain(|card| &card.token != token);
        }
        Ok(())
    }
    async fn calls(&self, limit: u32) -> Result<Vec<GatewayCall>, ApiError> {
        self.up()?;
        Ok(self.calls.borrow().iter().rev().take(limit as usize).cloned().collect())
    }
}

/// Behaves like the sandbox: decline and slow test cards, a token vault, a ledger of TK / DT /
/// DL and payments behind the inspection endpoint.
#[derive(Default)]
pub(crate) struct FakeGateway {
    /// Every form or path sent, in order.
    pub(crate) sent: RefCell<Vec<String>>,
    /// Live tokens → deleted?
    pub(crate) tokens: RefCell<BTreeMap<String, bool>>,
    /// What the inspection endpoint lists, oldest first. Unlike the sandbox it keeps the full
    /// token, so tests prove that the Worker masks it.
    pub(crate) ledger: RefCell<Vec<LedgerEntry>>,
    pub(crate) down: Cell<bool>,
    /// Never answers in time: every call is a timeout.
    pub(crate) slow: Cell<bool>,
    /// Answers every call with this result code.
    pub(crate) forced: Cell<Option<&'static str>>,
    /// Behaves like real OPP: no inspection endpoint (HTTP 404).
    pub(crate) real_opp: Cell<bool>,
    counter: Cell<u32>,
}

fn answer(code: &str) -> PaymentResponse {
    let mut response = PaymentResponse::new(ResultInfo::new(code));
    response.id = Some(format!(
        "{:032x}",
        code.len() as u128 * 7919 + code.bytes().map(u128::from).sum::<u128>()
    ));
    response
}

impl FakeGateway {
    fn reachable(&self) -> Result<(), GatewayFailure> {
        match (self.down.get(), self.slow.get()) {
            (true, _) => Err(GatewayFailure::Unavailable),
            (_, true) => Err(GatewayFailure::Timeout),
            _ => Ok(()),
        }
    }

    fn next_id(&self) -> String {
        self.counter.set(self.counter.get() + 1);
        format!("{:032x}", self.counter.get())
    }

    fn issue(&self, pan: &str) -> String {
        let n = self.counter.get() + 1;
        let token =
            format!("{}{:0width$}{}", &pan[..6], n, &pan[pan.len() - 4..], width = pan.len() - 10);
        self.tokens.borrow_mut().insert(token.clone(), false);
        token
    }

    /// Appends a ledger row and returns its id.
    fn record(&self, kind: &str, token: Option<&str>, code: &str) -> String {
        let id = self.next_id();
        self.ledger.borrow_mut().push(LedgerEntry {
            id: id.clone(),
            payment_type: kind.parse().ok(),
            referenced_id: None,
            amount: None,
            currency: None,
            payment_brand: Some("VISA".to_owned()),
            card: None,
            omni_token: token.map(str::to_owned),
            result_code: code.to_owned(),
            timestamp: "2026-05-01 12:00:00+0000".to_owned(),
        });
        id
    }

    fn pay(
        &self,
        form: &omnigate_opp::request::PaymentRequest,
        tokenize: bool,
    ) -> Result<PaymentResponse, GatewayFailure> {
        let pan = form.card.number.as_ref().map(|pan| pan.expose().to_owned());
        if let Some(token) = &form.card.omni_token {
            if self.tokens.borrow().get(token.expose()) != Some(&false) {
                return Ok(answer("100.150.202"));
            }
            self.record("DT", Some(token.expose()), "000.100.110");
        }
        let code = match pan.as_deref() {
            Some("4200000000000992") => return Err(GatewayFailure::Timeout),
            Some("4200000000000208") => "800.100.203",
            _ => "000.100.110",
        };
        let mut response = answer(code);
        let kind = form.payment_type.map_or("TK", |kind| kind.as_str());
        response.id = Some(self.record(kind, None, code));
        if code == "000.100.110"
            && (tokenize || form.create_omni_token)
            && let Some(pan) = pan
        {
            let token = self.issue(&pan);
            if !tokenize {
                self.record("TK", Some(&token), code);
            }
            let token = OmniToken::new(token);
            response.card = Some(CardInfo { omni_token: Some(token), ..CardInfo::default() });
        }
        Ok(response)
    }
}

impl Gateway for FakeGateway {
    async fn call(&self, op: GatewayOp<'_>) -> Result<PaymentResponse, GatewayFailure> {
        self.reachable()?;
        if let Some(code) = self.forced.get() {
            return Ok(answer(code));
        }
        match op {
            GatewayOp::Pay(form) => {
                self.sent.borrow_mut().push(format!("POST /v1/payments {}", form.encode()));
                self.pay(form, false)
            }
            GatewayOp::Tokenize(form) => {
                self.sent.borrow_mut().push(format!("POST /v1/omnitokens {}", form.encode()));
                self.pay(form, true)
            }
            GatewayOp::Delete(token) => {
                self.sent.borrow_mut().push(format!("DELETE /v1/omnitokens/{}", token.expose()));
                let mut tokens = self.tokens.borrow_mut();
                Ok(match tokens.get_mut(token.expose()) {
                    None => answer("100.150.200"),
                    Some(deleted) if *deleted => answer("100.150.202"),
                    Some(deleted) => {
                        *deleted = true;
                        self.record("DL", Some(token.expose()), "000.100.110");
                        answer("000.100.110")
                    }
                })
            }
            GatewayOp::Probe => Ok(answer("700.400.580")),
        }
    }

    async fn inspect(&self) -> Result<Inspection, GatewayFailure> {
        self.reachable()?;
        if let Some(code) = self.forced.get() {
            return Ok(Inspection::Refused(answer(code).result.code));
        }
        self.sent.borrow_mut().push("GET /sandbox/transactions".to_owned());
        if self.real_opp.get() {
            return Ok(Inspection::NotOffered);
        }
        let transactions = self.ledger.borrow().clone();
        Ok(Inspection::Ledger(Ledger { entity_id: "entity-1".to_owned(), transactions }))
    }
}

/// A whole Worker with fakes behind it.
pub(crate) struct World {
    pub(crate) config: Config,
    pub(crate) store: MemStore,
    pub(crate) gateway: FakeGateway,
    pub(crate) now: Cell<Millis>,
    /// Every answer so far of a route in openapi.json: the route, the status, the error code.
    pub(crate) answered: RefCell<Vec<(String, u16, Option<String>)>>,
}

impl World {
    pub(crate) fn new() -> Self {
        Self {
            config: config(),
            store: MemStore::default(),
            gateway: FakeGateway::default(),
            now: Cell::new(NOW),
            answered: RefCell::default(),
        }
    }

    /// Answers `request`, and fails the test if openapi.json does not document the answer for
    /// the request's route (see [`spec::check`]).
    pub(crate) fn send(&self, request: ApiRequest) -> ApiResponse {
        let ctx = Ctx {
            config: &self.config,
            store: &self.store,
            gateway: &self.gateway,
            now: self.now.get(),
            request_id: "req-1".to_owned(),
        };
        let answer = block_on(router::handle(&ctx, &request));
        if let Some(operation) = spec::operation(&request.method, &request.path) {
            spec::check(&operation, &answer);
            let code = code(&answer);
            let code = (!code.is_empty()).then_some(code);
            self.answered.borrow_mut().push((operation, answer.status, code));
        }
        answer
    }

    /// Gateway requests sent so far.
    pub(crate) fn sent(&self) -> Vec<String> {
        self.gateway.sent.borrow().clone()
    }

    /// A product priced in EUR.
    pub(crate) fn product(&self, sku: &str, amount: &str) {
        let body = serde_json::json!({ "name": sku, "amount": amount, "currency": "EUR" });
        let answer = self.send(merchant(put(&format!("/v1/catalog/{sku}"), &body)));
        assert_eq!(answer.status, 200, "{answer:?}");
    }

    /// A merchant checkout of 25.00 EUR; returns its id.
    pub(crate) fn checkout(&self) -> String {
        let body = serde_json::json!({ "amount": "25.00", "currency": "EUR", "paymentType": "DB", "reference": "order-1" });
        let answer = self.send(merchant(post("/v1/checkouts", &body)));
        assert_eq!(answer.status, 201, "{answer:?}");
        answer.body.unwrap()["id"].as_str().unwrap().to_owned()
    }
}

pub(crate) fn get(path: &str) -> ApiRequest {
    ApiRequest::new(Method::Get, path)
}
pub(crate) fn delete(path: &str) -> ApiRequest {
    ApiRequest::new(Method::Delete, path)
}
pub(crate) fn post(path: &str, body: &serde_json::Value) -> ApiRequest {
    ApiRequest::new(Method::Post, path).with_json(body)
}
pub(crate) fn put(path: &str, body: &serde_json::Value) -> ApiRequest {
    ApiRequest::new(Method::Put, path).with_json(body)
}
pub(crate) fn merchant(request: ApiRequest) -> ApiRequest {
    request.with_header("Authorization", &format!("Bearer {MERCHANT_KEY}"))
}
pub(crate) fn shopper(request: ApiRequest, id: &str) -> ApiRequest {
    let token =
        jwt::sign(id, NOW / 1000, NOW / 1000 + 600, &crate::Secret::new(JWT_SECRET)).unwrap();
    request.with_header("Authorization", &format!("Bearer {token}"))
}
pub(crate) fn keyed(request: ApiRequest, key: &str) -> ApiRequest {
    request.with_header("Idempotency-Key", key)
}
/// A valid new card (VISA test card).
pub(crate) fn card(number: &str) -> serde_json::Value {
    serde_json::json!({ "number": number, "holder": "Jane Jones", "expiryMonth": "12", "expiryYear": "2030", "cvv": "123" })
}
/// The error code of an answer.
pub(crate) fn code(answer: &ApiResponse) -> String {
    answer
        .body
        .as_ref()
        .and_then(|b| b.pointer("/error/code"))
        .and_then(|c| c.as_str())
        .unwrap_or("")
        .to_owned()
}

/// Alice saves a card by paying a new checkout with it; returns the token.
pub(crate) fn saved_token(world: &World) -> String {
    let id = world.checkout();
    let body = serde_json::json!({"card": card("4200000000000000"), "saveCard": true});
    let path = format!("/v1/checkouts/{id}/payments");
    let answer = world.send(shopper(keyed(post(&path, &body), &format!("save-{id}")), "alice"));
    answer.body.unwrap()["savedCard"]["token"].as_str().unwrap().to_owned()
}
