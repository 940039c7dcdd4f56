//! The properties the fuzz targets in `fuzz_targets/` check on every input.
//!
//! A fuzz target reports a bug by panicking, as a test does. "No panic" is the first property
//! (the browser module traps on a panic, which breaks the page until it is reloaded), but each
//! check here also asserts what the crates document about their results: formatting keeps the
//! digits, a parsed value parses again to itself, secrets print masked, a failed table change
//! leaves the table as it was.

pub mod card;
pub mod fields;
pub mod opp;
pub mod table;
