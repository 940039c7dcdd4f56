//! Concurrent clients lose nothing: every token is distinct and every transaction is recorded.

use crate::harness::{ENTITY, Gateway, TempDir};
use std::collections::HashSet;

const THREADS: usize = 8;
const PER_THREAD: usize = 25;

#[test]
fn concurrent_tokenizations_and_payments_are_all_recorded() {
    let dir = TempDir::new();
    let gateway = Gateway::start(&dir.path().join("concurrency.db"));
    let tokenize = [
        ("entityId", ENTITY),
        ("paymentBrand", "VISA"),
        ("card.number", "4200000000000000"),
        ("card.expiryMonth", "05"),
        ("card.expiryYear", "2034"),
    ];
    let tokens: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    (0..PER_THREAD)
                        .map(|_| gateway.post("/v1/omnitokens", &tokenize).token())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|worker| worker.join().unwrap()).collect()
    });
    assert_eq!(tokens.len(), THREADS * PER_THREAD);
    assert_eq!(tokens.iter().collect::<HashSet<_>>().len(), tokens.len(), "tokens are unique");
    let pay =
        [("entityId", ENTITY), ("amount", "1.00"), ("currency", "EUR"), ("paymentType", "DB")];
    std::thread::scope(|scope| {
        for chunk in tokens.chunks(PER_THREAD).take(THREADS) {
            scope.spawn(|| {
                for token in chunk.iter().take(5) {
                    let paid = gateway.post(&format!("/v1/omnitokens/{token}/payments"), &pay);
                    assert_eq!(paid.code(), "000.100.110");
                }
            });
        }
    });
    let ledger = gateway.ledger_types();
    let count = |kind: &str| ledger.iter().filter(|entry| *entry == kind).count();
    assert_eq!(count("TK"), THREADS * PER_THREAD);
    assert_eq!((count("DT"), count("DB")), (THREADS * 5, THREADS * 5));
    assert_eq!(ledger.len(), THREADS * PER_THREAD + 2 * THREADS * 5);
}
