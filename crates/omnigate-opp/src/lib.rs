//! The vocabulary of ACI's Open Payment Platform (OPP) and its wire types, without any I/O:
//! both the edge Worker (the client) and the sandbox (the emulator) speak OPP through this crate.

pub mod result;

pub use result::{ResultCode, ResultGroup};

/// Path prefix of every OPP resource on a gateway base URL.
pub const API_PREFIX: &str = "/v1";

/// A payment id that no gateway ever issues: `GET /v1/payments/{PROBE_PAYMENT_ID}` is a harmless
/// request that proves the gateway answers and accepts the credentials (used by health checks).
pub const PROBE_PAYMENT_ID: &str = "00000000000000000000000000000000";
