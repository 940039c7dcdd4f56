//! What every handler receives besides its request: configuration, storage, the gateway, the
//! time the shell read once, and the request's id.

use crate::Config;
use crate::time::Millis;

/// A handler's world. Only the shell builds one with real adapters; tests use fakes.
pub(crate) struct Ctx<'a, S, G> {
    /// Typed bindings.
    pub(crate) config: &'a Config,
    /// D1, or a fake.
    pub(crate) store: &'a S,
    /// The OPP gateway over `fetch`, or a fake.
    pub(crate) gateway: &'a G,
    /// The request's time, read once by the shell.
    pub(crate) now: Millis,
    /// Random id answered in every error body and in `X-Request-Id`.
    pub(crate) request_id: String,
}
