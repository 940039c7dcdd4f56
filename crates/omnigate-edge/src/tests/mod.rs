//! Native tests of the pure handlers with an in-memory store and a scripted gateway.

mod checkout;
pub(crate) mod fakes;
mod idempotency;
mod ledger;
mod limits;
mod payment;
mod routing;
mod wallet;
