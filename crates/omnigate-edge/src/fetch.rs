//! The [`Gateway`] over the Workers `fetch` API: adds the bearer token and `entityId`, sends
//! OPP's form bodies, reads the answer, and gives up after the configured time (the request is
//! aborted, never retried). What an answer means is decided in [`crate::gateway`].

use crate::Config;
use crate::concurrent::first;
use crate::gateway::{self, Gateway, GatewayFailure, GatewayOp, Inspection};
use omnigate_opp::inspection::SANDBOX_TRANSACTIONS_PATH;
use omnigate_opp::response::PaymentResponse;
use omnigate_opp::{API_PREFIX, PROBE_PAYMENT_ID, form};
use std::time::Duration;
use wasm_bindgen::JsValue;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

/// OPP over `fetch`, with the Worker's credentials.
pub(crate) struct FetchGateway<'a> {
    config: &'a Config,
}

impl<'a> FetchGateway<'a> {
    /// A gateway for `config`.
    pub(crate) fn new(config: &'a Config) -> Self {
        Self { config }
    }

    /// Method, URL and form body of `op`.
    fn request(&self, op: GatewayOp<'_>) -> (Method, worker::Url, Option<String>) {
        let (method, path, body) = match op {
            GatewayOp::Pay(request) => {
                (Method::Post, "/payments".to_owned(), Some(request.encode()))
            }
            GatewayOp::Tokenize(request) => {
                (Method::Post, "/omnitokens".to_owned(), Some(request.encode()))
            }
            GatewayOp::Delete(token) => {
                (Method::Delete, format!("/omnitokens/{}", token.expose()), None)
            }
            GatewayOp::Probe => (Method::Get, format!("/payments/{PROBE_PAYMENT_ID}"), None),
        };
        let url = self.url(&format!("{API_PREFIX}{path}"), body.is_none());
        (method, url, body)
    }

    /// `path` on the gateway; `entityId` goes in the query of requests without a form body.
    fn url(&self, path: &str, entity_in_query: bool) -> worker::Url {
        let mut url = self.config.gateway_url.clone();
        url.set_path(path);
        url.set_query(None);
        if entity_in_query {
            url.set_query(Some(&form::encode([("entityId", self.config.entity_id.as_str())])));
        }
        url
    }

    /// Sends one request with the bearer token and reads the answer's status and text, all
    /// within the configured time.
    async fn send(
        &self,
        method: Method,
        url: &worker::Url,
        body: Option<String>,
    ) -> Result<(u16, String), GatewayFailure> {
        let headers = Headers::new();
        let bearer = format!("Bearer {}", self.config.access_token.expose());
        let unavailable = |_| GatewayFailure::Unavailable;
        headers.set("Authorization", &bearer).map_err(unavailable)?;
        if body.is_some() {
            headers.set("Content-Type", form::CONTENT_TYPE).map_err(unavailable)?;
        }
        let init = RequestInit {
            method,
            headers,
            body: body.map(|text| JsValue::from_str(&text)),
            ..RequestInit::default()
        };
        let request = Request::new_with_init(url.as_str(), &init).map_err(unavailable)?;
        let controller = AbortController::default();
        let signal = controller.signal();
        let exchange = async {
            let mut response =
                Fetch::Request(request).send_with_signal(&signal).await.map_err(unavailable)?;
            let text = response.text().await.map_err(unavailable)?;
            Ok((response.status_code(), text))
        };
        let timeout = Delay::from(Duration::from_millis(self.config.gateway_timeout_ms));
        match first(exchange, timeout).await {
            Some(answer) => answer,
            None => {
                controller.abort();
                Err(GatewayFailure::Timeout)
            }
        }
    }
}

impl Gateway for FetchGateway<'_> {
    async fn call(&self, op: GatewayOp<'_>) -> Result<PaymentResponse, GatewayFailure> {
        let (method, url, body) = self.request(op);
        let (_, text) = self.send(method, &url, body).await?;
        gateway::read_answer(&text)
    }

    async fn inspect(&self) -> Result<Inspection, GatewayFailure> {
        let url = self.url(SANDBOX_TRANSACTIONS_PATH, true);
        let (status, text) = self.send(Method::Get, &url, None).await?;
        gateway::read_inspection(status, &text)
    }
}
