//! Native tests of the pure handlers with an in-memory store and a scripted gateway.

mod checkout;
mod error_cases;
mod errors;
pub(crate) mod fakes;
mod idempotency;
mod ledger;
mod limits;
mod payment;
mod retention;
mod routing;
pub(crate) mod spec;
mod wallet;
