//! Integration tests: the real `omnigate-sandbox` binary driven over HTTP.
// A test binary: its helpers fail loudly at the line that broke, like the tests themselves
// (clippy's allow-*-in-tests settings only cover `#[test]` functions, not their helpers).
#![allow(clippy::panic, clippy::unwrap_used, clippy::expect_used)]

mod concurrency;
mod errors;
mod flows;
mod golden;
mod harness;
mod referenced;
mod secrets;
