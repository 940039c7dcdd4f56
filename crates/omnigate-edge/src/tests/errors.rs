//! openapi.json lists exactly the errors each route returns. Every `World::send` of every test
//! fails on an answer the spec does not document for its route; here every error the spec lists
//! is produced through the router, route by route (`error_cases.rs`), and what came back must be
//! exactly what the spec lists — plus `misconfigured`, which the shell answers for any route
//! before routing, when a binding is missing.

use super::error_cases;
use super::fakes::*;
use super::spec::{described, documented, operations};
use crate::http::ApiRequest;
use crate::{ApiError, Config, Secret, jwt};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use worker::Method;

/// A request to `operation` with its path parameters filled in.
fn request_to(operation: &str) -> ApiRequest {
    let (method, template) = operation.split_once(' ').unwrap();
    let path = template
        .replace("{sku}", "tee")
        .replace("{id}", "00000000000000000000000000000000")
        .replace("{token}", "4200001111110000");
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        other => panic!("no requests with {other} in the spec"),
    };
    ApiRequest::new(method, &path)
}

/// What every route answers before its handler runs: a refused origin, a body over 16 KB, and
/// credentials that are sent but not valid.
fn before_any_handler(world: &World) {
    let expired =
        jwt::sign("alice", NOW / 1000 - 7200, NOW / 1000 - 3600, &Secret::new(JWT_SECRET));
    let expired = format!("Bearer {}", expired.unwrap());
    for operation in operations() {
        let evil = request_to(&operation).with_header("Origin", "https://evil.example");
        error_cases::expect(world, evil, 403, "origin_not_allowed");
        let mut large = request_to(&operation);
        large.body_too_large = true;
        error_cases::expect(world, large, 413, "body_too_large");
        for (credential, code) in [
            ("Basic abc", "unauthorized"),
            ("Bearer not-the-key", "unauthorized"),
            ("Bearer a.b.c", "invalid_token"),
            (expired.as_str(), "token_expired"),
        ] {
            let request = request_to(&operation).with_header("Authorization", credential);
            error_cases::expect(world, request, 401, code);
        }
    }
}

/// Every route with D1 down: those that read or write it are a 500 `internal`.
fn with_d1_down(world: &World) {
    world.store.broken.set(true);
    for operation in operations() {
        let body = match operation.as_str() {
            "POST /v1/checkouts" => json!({"amount":"1.00","currency":"EUR"}),
            "PUT /v1/catalog/{sku}" => json!({"name":"T","amount":"1.00","currency":"EUR"}),
            _ => json!({}),
        };
        let request = keyed(request_to(&operation).with_json(&body), "k-down");
        world.send(merchant(request.clone()));
        world.send(shopper(request, "alice"));
    }
    world.store.broken.set(false);
}

#[test]
fn every_error_the_spec_lists_for_a_route_is_one_the_route_returns() {
    let mut seen: BTreeMap<String, BTreeSet<(u16, String)>> = BTreeMap::new();
    let scenarios: [fn(&World); 8] = [
        before_any_handler,
        with_d1_down,
        error_cases::catalog_and_checkouts,
        error_cases::checkout_payments,
        error_cases::wallet,
        error_cases::merchant_routes,
        error_cases::gateway_failures,
        error_cases::dev_routes,
    ];
    for scenario in scenarios {
        let world = World::new();
        scenario(&world);
        for (operation, status, code) in world.answered.take() {
            if let Some(code) = code {
                seen.entry(operation).or_default().insert((status, code));
            }
        }
    }
    for operation in operations() {
        let mut returned = seen.remove(&operation).unwrap_or_default();
        returned.insert((500, "misconfigured".to_owned()));
        let listed = documented(&operation);
        let unlisted: Vec<_> = returned.difference(&listed).collect();
        let never: Vec<_> = listed.difference(&returned).collect();
        assert!(
            unlisted.is_empty() && never.is_empty(),
            "{operation}: returned but not listed {unlisted:?}; listed but never returned {never:?}"
        );
    }
}

#[test]
fn the_shell_answers_misconfigured_for_a_missing_binding() {
    let error = Config::from_lookup(|name| (name == "GATEWAY_URL").then(|| "x".to_owned()));
    assert_eq!(error.unwrap_err().code(), "misconfigured");
    assert_eq!(ApiError::Misconfigured("DB").status(), 500);
}

#[test]
fn descriptions_name_only_the_codes_their_answer_lists() {
    let all: BTreeSet<String> = described().into_iter().flat_map(|(_, _, codes)| codes).collect();
    for (answer, text, codes) in described() {
        for quoted in text.split('`').skip(1).step_by(2) {
            if all.contains(quoted) {
                assert!(codes.iter().any(|code| code == quoted), "{answer} mentions {quoted}");
            }
        }
    }
}
