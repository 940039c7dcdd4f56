//! The wasm module of the `omnigate-card` npm package: number-only exports over the core.
//!
//! It is built twice: the main module, and with the `compat` feature the module behind
//! `omnigate-card/compat` (the same exports plus the card-validator drop-in's).
//!
//! The package's JavaScript (`npm/index.js`, `npm/compat.js`) owns everything that touches JS
//! values: it checks argument types, writes input strings as UTF-8 into a buffer in linear
//! memory ([`buffer`]), calls an export here with lengths and numbers, and builds the result
//! objects from the packed number it gets back ([`packed`]) or from text this module left in
//! the output buffer. No JS object or string crosses the boundary, so a keystroke check is one
//! cheap call, and the module needs no generated glue: its exports are plain functions, all
//! declared in [`exports`], and `npm/web/load.js` and `npm/node/load.js` instantiate it.
//!
//! On wasm32 the crate is `no_std` with a panic handler that traps: without std's panic
//! machinery, `core::fmt` is not linked, which keeps the module small. Validation exports
//! never fail; exports that change a brand table return 0 or an error left in the output
//! buffer as `code` and message, which the JS side throws as an `Error` with `.code`.

#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;

mod brands;
mod buffer;
mod card;
#[cfg(feature = "compat")]
mod compat;
mod exports;
mod fields;
mod packed;
mod spec;
mod tables;
mod utf8;

/// Locks one of the module's statics. The module runs on one thread and no export calls
/// another, so the lock is free whenever an export starts: taking it is one test, with none of
/// `Mutex::lock`'s spinning code. The lock can only be found taken after a trap left a guard
/// undropped (a bug, or memory exhausted mid-call); the module is unusable from then on, and
/// this traps again at once where `Mutex::lock` would spin forever and hang the page.
#[inline(never)] // one copy per static instead of the test inlined at every use (-100 B gzip)
pub(crate) fn lock<T>(mutex: &spin::Mutex<T>) -> spin::MutexGuard<'_, T> {
    lock_here(mutex)
}

/// [`lock`] inlined where it is called: the test with no call, for the one hot path that
/// needs it (`buffer::with_text`).
#[inline(always)]
pub(crate) fn lock_here<T>(mutex: &spin::Mutex<T>) -> spin::MutexGuard<'_, T> {
    match mutex.try_lock() {
        Some(guard) => guard,
        None => trap(),
    }
}

/// Stops the module: a wasm trap, which JS sees as a `RuntimeError`.
#[cfg(target_arch = "wasm32")]
fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

/// Stops the process, as a trap stops the module (the host build exists for tests).
#[cfg(not(target_arch = "wasm32"))]
fn trap() -> ! {
    std::process::abort()
}

/// A free list over the module's growable memory that merges neighbouring free blocks, with no
/// lock: lol_alloc's spin-locked wrapper costs 47 B gzip of the 12 KB budget, for a lock that
/// can never be contended (see the safety note).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: `AssumeSingleThreaded` asks that one thread only use the allocator. This module is
// built for wasm32 without the `atomics` feature (the `compile_error!` below stops a build
// with it), so its memory is not shared: each thread (web worker) that loads it gets an
// instance of its own, with its own memory and allocator.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("the allocator is declared single-threaded: build the module without `atomics`");

/// A panic (a bug: no export panics on any input) traps, which JS sees as a `RuntimeError`.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use spin::Mutex;

    #[test]
    fn lock_gives_the_value_and_frees_it_with_the_guard() {
        let mutex = Mutex::new(1);
        *super::lock(&mutex) += 1;
        assert_eq!(*super::lock(&mutex), 2);
        assert!(mutex.try_lock().is_some(), "free once the guard is dropped");
    }
}
