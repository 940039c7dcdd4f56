//! The thin shell around the pure handlers: `worker::Request` → [`ApiRequest`], bindings →
//! [`Config`], D1 + `fetch` adapters, the clock read once, and [`ApiResponse`] →
//! `worker::Response`. Nothing here decides anything.

use crate::ctx::Ctx;
use crate::d1::D1Store;
use crate::fetch::FetchGateway;
use crate::http::{ApiRequest, ApiResponse, MAX_BODY};
use crate::{ApiError, Config, cors, router};
use worker::{Date, Env, Headers, Method, Request, Response};

/// Converts the incoming request; a declared body over [`MAX_BODY`] is not read.
pub(crate) async fn read(request: &mut Request) -> Result<ApiRequest, ApiError> {
    let url = request.url().map_err(|_| ApiError::Internal)?;
    let headers: Vec<(String, String)> = request
        .headers()
        .entries()
        .map(|(name, value)| (name.to_ascii_lowercase(), value))
        .collect();
    let declared = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse::<usize>().ok());
    let body_too_large = declared.is_some_and(|length| length > MAX_BODY);
    let method = request.method();
    let body = if body_too_large || matches!(method, Method::Get | Method::Head | Method::Options) {
        Vec::new()
    } else {
        request.bytes().await.unwrap_or_default()
    };
    Ok(ApiRequest {
        method,
        path: url.path().to_owned(),
        headers,
        body,
        own_origin: url.origin().ascii_serialization(),
        body_too_large,
    })
}

/// Builds the real context and routes.
pub(crate) async fn serve(env: &Env, request: &ApiRequest, request_id: String) -> ApiResponse {
    let config = match Config::from_env(env) {
        Ok(config) => config,
        Err(error) => {
            return cors::decorate(ApiResponse::error(&error, &request_id), None, &request_id);
        }
    };
    let Ok(db) = env.d1("DB") else {
        let error = ApiError::Misconfigured("DB");
        return cors::decorate(ApiResponse::error(&error, &request_id), None, &request_id);
    };
    let store = D1Store::new(db);
    let gateway = FetchGateway::new(&config);
    let now = Date::now().as_millis();
    let ctx = Ctx { config: &config, store: &store, gateway: &gateway, now, request_id };
    router::handle(&ctx, request).await
}

/// Converts the answer back.
pub(crate) fn write(answer: ApiResponse) -> worker::Result<Response> {
    let headers = Headers::new();
    for (name, value) in &answer.headers {
        headers.append(name, value)?;
    }
    let response = match &answer.body {
        Some(body) => {
            headers.set("Content-Type", "application/json; charset=utf-8")?;
            Response::from_bytes(body.to_string().into_bytes())?
        }
        None => Response::empty()?,
    };
    Ok(response.with_status(answer.status).with_headers(headers))
}
