//! OPP's wire formats from untrusted bytes: form bodies and query strings as the sandbox
//! decodes them into requests, and JSON answers as the Worker reads them from the gateway.
//!
//! The same bytes are tried as both: the seeds (`tests/data/opp/`) hold either kind.

#![no_main]

use libfuzzer_sys::fuzz_target;
use omnigate_fuzz::opp;

fuzz_target!(|data: &[u8]| {
    opp::form_body(data);
    opp::answers(data);
});
