//! Routing, CORS, the body limit, authentication, the dev token, health and the OpenAPI file.

use super::fakes::*;
use crate::http::{ApiRequest, MAX_BODY};
use serde_json::json;
use worker::Method;

#[test]
fn every_answer_is_uncached_and_unknown_routes_are_coded_404s() {
    let world = World::new();
    let answer = world.send(get("/v1/nope"));
    assert_eq!((answer.status, code(&answer).as_str()), (404, "not_found"));
    assert_eq!(answer.header("Cache-Control"), Some("no-store"));
    assert_eq!(answer.header("Vary"), Some("Origin"));
    assert_eq!(answer.body.unwrap()["error"]["requestId"], "req-1");
}

#[test]
fn cors_echoes_exactly_one_allowed_origin_and_refuses_others() {
    let world = World::new();
    let answer = world.send(get("/v1/catalog").with_header("Origin", "https://shop.example"));
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("https://shop.example"));
    let preflight = ApiRequest::new(Method::Options, "/v1/checkouts")
        .with_header("Origin", "http://localhost:8787");
    let answer = world.send(preflight);
    assert_eq!(answer.status, 204);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("http://localhost:8787"));
    assert!(answer.header("Access-Control-Allow-Headers").unwrap().contains("Idempotency-Key"));
    for request in [
        get("/v1/catalog").with_header("Origin", "https://evil.example"),
        ApiRequest::new(Method::Options, "/v1/checkouts")
            .with_header("Origin", "https://evil.example"),
    ] {
        let answer = world.send(request);
        assert_eq!((answer.status, code(&answer).as_str()), (403, "origin_not_allowed"));
        assert_eq!(answer.header("Access-Control-Allow-Origin"), None);
    }
    // The Worker's own origin (the demo page) is always allowed.
    let own = get("/v1/catalog").with_header("Origin", "http://127.0.0.1:8787");
    assert_eq!(world.send(own).status, 200);
}

#[test]
fn bodies_over_16_kb_are_refused() {
    let world = World::new();
    let mut request = merchant(post("/v1/checkouts", &json!({})));
    request.body = vec![b' '; MAX_BODY + 1];
    let answer = world.send(request);
    assert_eq!((answer.status, code(&answer).as_str()), (413, "body_too_large"));
    let mut declared = get("/v1/catalog");
    declared.body_too_large = true;
    assert_eq!(world.send(declared).status, 413);
}

#[test]
fn every_auth_failure_has_its_code() {
    let world = World::new();
    let put = |auth: Option<&str>| {
        let request = super::fakes::put(
            "/v1/catalog/tee",
            &json!({"name":"T","amount":"1.00","currency":"EUR"}),
        );
        world.send(match auth {
            Some(value) => request.with_header("Authorization", value),
            None => request,
        })
    };
    for (auth, status, expected) in [
        (None, 401, "unauthorized"),
        (Some("Bearer wrong-key"), 401, "unauthorized"),
        (Some("Basic abc"), 401, "unauthorized"),
        (Some("Bearer a.b.c"), 401, "invalid_token"),
    ] {
        let answer = put(auth);
        assert_eq!((answer.status, code(&answer).as_str()), (status, expected), "{auth:?}");
    }
    let answer = world.send(shopper(get("/v1/transactions"), "alice"));
    assert_eq!((answer.status, code(&answer).as_str()), (403, "merchant_only"));
    let answer = world.send(get("/v1/wallet"));
    assert_eq!((answer.status, code(&answer).as_str()), (401, "shopper_required"));
    world.now.set(NOW + 3_600_000);
    let answer = world.send(shopper(get("/v1/wallet"), "alice"));
    assert_eq!((answer.status, code(&answer).as_str()), (401, "token_expired"));
}

#[test]
fn dev_tokens_work_only_in_dev_mode() {
    let mut world = World::new();
    let answer = world.send(post("/dev/shopper-token", &json!({"shopperId":"demo"})));
    assert_eq!(answer.status, 200);
    let token = answer.body.unwrap()["token"].as_str().unwrap().to_owned();
    let wallet = get("/v1/wallet").with_header("Authorization", &format!("Bearer {token}"));
    assert_eq!(world.send(wallet).status, 200);
    let bad = world.send(post("/dev/shopper-token", &json!({"shopperId":"a b"})));
    assert_eq!(code(&bad), "invalid_shopper_id");
    let log = world.send(get("/dev/transactions"));
    assert_eq!(log.status, 200);
    assert!(log.body.unwrap()["transactions"].is_array());
    world.config.dev_mode = false;
    let answer = world.send(post("/dev/shopper-token", &json!({"shopperId":"demo"})));
    assert_eq!(answer.status, 404);
    assert_eq!(world.send(get("/dev/transactions")).status, 404);
}

#[test]
fn health_and_openapi_answer() {
    let world = World::new();
    let answer = world.send(get("/health"));
    assert_eq!(answer.body.unwrap(), json!({"status":"ok","gateway":"ok"}));
    world.gateway.down.set(true);
    assert_eq!(world.send(get("/health")).status, 503);
    let answer = world.send(get("/openapi.json"));
    let doc = answer.body.unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    for (path, method) in [
        ("/v1/checkouts", "post"),
        ("/v1/catalog", "get"),
        ("/v1/catalog/{sku}", "put"),
        ("/v1/catalog/{sku}", "delete"),
        ("/v1/checkouts/{id}", "get"),
        ("/v1/checkouts/{id}/payments", "post"),
        ("/v1/tokens", "post"),
        ("/v1/wallet", "get"),
        ("/v1/wallet/{token}", "delete"),
        ("/v1/tokens/{token}/payments", "post"),
        ("/v1/tokens/{token}", "delete"),
        ("/v1/transactions", "get"),
        ("/openapi.json", "get"),
        ("/health", "get"),
        ("/dev/shopper-token", "post"),
        ("/dev/transactions", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
}
