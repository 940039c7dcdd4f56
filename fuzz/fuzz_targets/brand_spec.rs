//! Brands built from fuzz data and every change to a brand table (add, replace, update, remove,
//! change order), then the number checks over the changed table.

#![no_main]

use libfuzzer_sys::fuzz_target;
use omnigate_fuzz::table::{self, Script};

fuzz_target!(|script: Script| table::run(&script));
