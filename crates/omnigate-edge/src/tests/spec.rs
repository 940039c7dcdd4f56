//! `openapi.json` read as the contract the tests hold the Worker to: every answer a test gets
//! must have its status documented for its route, and an error its code (see
//! [`super::fakes::World::send`]); `errors.rs` proves the converse, route by route.

use crate::http::ApiResponse;
use crate::openapi::OPENAPI;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use worker::Method;

/// The parsed document.
pub(crate) fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| serde_json::from_str(OPENAPI).expect("openapi.json is JSON"))
}

/// Every operation as `"METHOD /path/{template}"`.
pub(crate) fn operations() -> Vec<String> {
    let mut all = Vec::new();
    for (path, item) in spec()["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if method != "parameters" {
                all.push(format!("{} {path}", method.to_ascii_uppercase()));
            }
        }
    }
    all
}

/// The operation a request calls, as named by [`operations`], if the spec has one.
pub(crate) fn operation(method: &Method, path: &str) -> Option<String> {
    let method = method.to_string().to_ascii_lowercase();
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let paths = spec()["paths"].as_object()?;
    let (template, _) = paths.iter().find(|(template, item)| {
        let parts: Vec<&str> = template.split('/').collect();
        item.get(&method).is_some()
            && parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(part, segment)| {
                part == segment || (part.starts_with('{') && !segment.is_empty())
            })
    })?;
    Some(format!("{} {template}", method.to_ascii_uppercase()))
}

/// The responses of an operation named as by [`operations`].
fn responses(operation: &str) -> &'static serde_json::Map<String, Value> {
    let (method, path) = operation.split_once(' ').expect("METHOD /path");
    let op = &spec()["paths"][path][method.to_ascii_lowercase()];
    op["responses"].as_object().unwrap_or_else(|| panic!("{operation} has no responses"))
}

/// A response, with a `$ref` to `#/components/responses/` followed.
fn resolved(response: &'static Value) -> &'static Value {
    match response["$ref"].as_str().and_then(|r| r.strip_prefix("#/components/responses/")) {
        Some(name) => &spec()["components"]["responses"][name],
        None => response,
    }
}

/// The `error.code` values a response documents; `None` when it is not an error answer. Every
/// error answer must list its codes.
fn codes_of(operation: &str, status: &str, response: &Value) -> Option<Vec<String>> {
    let schema = &response["content"]["application/json"]["schema"];
    if !schema.to_string().contains("#/components/schemas/Error") {
        return None;
    }
    let listed = schema["allOf"][1]["properties"]["error"]["properties"]["code"]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{operation} {status}: an error answer without its codes"));
    Some(listed.iter().map(|code| code.as_str().expect("a code").to_owned()).collect())
}

/// Every `(status, code)` pair an operation documents.
pub(crate) fn documented(operation: &str) -> BTreeSet<(u16, String)> {
    let mut pairs = BTreeSet::new();
    for (status, response) in responses(operation) {
        let response = resolved(response);
        for code in codes_of(operation, status, response).unwrap_or_default() {
            pairs.insert((status.parse().expect("a status"), code));
        }
    }
    pairs
}

/// Panics unless the spec documents `answer` for `operation`: its status, and for an error its
/// code under that status.
pub(crate) fn check(operation: &str, answer: &ApiResponse) {
    let status = answer.status.to_string();
    let response = responses(operation)
        .get(&status)
        .map(resolved)
        .unwrap_or_else(|| panic!("{operation} answered an undocumented {status}: {answer:?}"));
    let code = answer.body.as_ref().and_then(|body| body.pointer("/error/code"));
    if let Some(code) = code.and_then(Value::as_str) {
        let listed = codes_of(operation, &status, response).unwrap_or_default();
        assert!(
            listed.iter().any(|one| one == code),
            "{operation} answered {status} {code}, which openapi.json does not list there"
        );
    }
}

/// The text of every error response's description, with the codes it lists.
pub(crate) fn described() -> Vec<(String, String, Vec<String>)> {
    let mut all = Vec::new();
    for operation in operations() {
        for (status, response) in responses(&operation) {
            let response = resolved(response);
            if let Some(codes) = codes_of(&operation, status, response) {
                let text = response["description"].as_str().unwrap_or_default().to_owned();
                all.push((format!("{operation} {status}"), text, codes));
            }
        }
    }
    all
}
