//! The integration tests: table-driven cases from `tests/data/*.tsv`, plus table operations,
//! masking and property tests.
//!
//! Every module is `#[cfg(test)]` so that clippy treats its helpers as test code too (they may
//! unwrap and panic: a failing case should fail loudly at its line).

#[cfg(test)]
mod brands;
#[cfg(test)]
mod data;
#[cfg(test)]
mod expiry;
#[cfg(test)]
mod fields;
#[cfg(test)]
mod format;
#[cfg(test)]
mod masking;
#[cfg(test)]
mod number;
#[cfg(test)]
mod props;
#[cfg(test)]
mod table;
