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

/// Locks one of the module's statics. The module runs on one thread and no export calls
/// another, so the lock is always free: taking it is one test, with none of `Mutex::lock`'s
/// spinning code. Were it ever taken twice (a bug), this traps at once, where `lock` would
/// spin forever.
#[inline(never)]
pub(crate) fn lock<T>(mutex: &spin::Mutex<T>) -> spin::MutexGuard<'_, T> {
    match mutex.try_lock() {
        Some(guard) => guard,
        None => trap(),
    }
}

#[cfg(target_arch = "wasm32")]
fn trap() -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(not(target_arch = "wasm32"))]
fn trap() -> ! {
    unreachable!("a lock of the module was taken twice")
}

/// A free list over the module's growable memory that merges neighbouring free blocks, behind a
/// spin lock (one thread: never contended; lol_alloc's lock-free wrapper needs `unsafe`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());

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
    }

    #[test]
    #[should_panic(expected = "taken twice")]
    fn a_lock_taken_twice_stops_instead_of_spinning() {
        let mutex = Mutex::new(());
        let _held = super::lock(&mutex);
        let _again = super::lock(&mutex);
    }
}
