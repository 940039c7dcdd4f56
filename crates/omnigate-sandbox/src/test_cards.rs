//! The sandbox's test cards: numbers that approve, decline with a fixed code, or answer slowly.
//!
//! | number              | brand  | outcome                                                   |
//! |---------------------|--------|-----------------------------------------------------------|
//! | `4200000000000000`  | VISA   | approved                                                  |
//! | `5454545454545454`  | MASTER | approved                                                  |
//! | `377777777777770`   | AMEX   | approved (4-digit CVV)                                    |
//! | `4200000000000208`  | VISA   | `800.100.203` declined, insufficient funds                |
//! | `4200000000000158`  | VISA   | `800.100.153` declined, invalid CVV                       |
//! | `4200000000000174`  | VISA   | `800.100.171` declined, pick up card                      |
//! | `4200000000000596`  | VISA   | `800.100.159` declined, stolen card                       |
//! | `4200000000000166`  | VISA   | `800.100.165` declined, card lost                         |
//! | `4200000000000034`  | VISA   | `800.100.151` declined, invalid card                      |
//! | `5454545454540208`  | MASTER | `800.100.203` declined, insufficient funds                |
//! | `5454545454540018`  | MASTER | `800.100.152` declined by the authorization system        |
//! | `377777777771005`   | AMEX   | `800.100.162` declined, limit exceeded                    |
//! | `4200000000000992`  | VISA   | approved after `--slow-ms` (default 30 s): timeout tests  |
//!
//! Any other valid card is approved. The table applies to payments with the number and with an
//! omni token of the number; a standalone tokenization does not authorize, so it never declines.
//! Other ways to choose an outcome: `customParameters[forceResultCode]=<code>` (any code), and
//! `card.holder=<code>` for a code that does not start with `000.` (OPP's negative testing).

/// What a test card does to a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The payment succeeds.
    Approve,
    /// The bank declines with this result code.
    Decline(&'static str),
    /// The payment succeeds, but only after the configured delay.
    Slow,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestCard {
    /// The card number.
    pub number: &'static str,
    /// OPP `paymentBrand`.
    pub brand: &'static str,
    /// What a payment with it does.
    pub outcome: Outcome,
}

const fn card(number: &'static str, brand: &'static str, outcome: Outcome) -> TestCard {
    TestCard { number, brand, outcome }
}

/// The documented test cards.
pub const TEST_CARDS: &[TestCard] = &[
    card("4200000000000000", "VISA", Outcome::Approve),
    card("5454545454545454", "MASTER", Outcome::Approve),
    card("377777777777770", "AMEX", Outcome::Approve),
    card("4200000000000208", "VISA", Outcome::Decline("800.100.203")),
    card("4200000000000158", "VISA", Outcome::Decline("800.100.153")),
    card("4200000000000174", "VISA", Outcome::Decline("800.100.171")),
    card("4200000000000596", "VISA", Outcome::Decline("800.100.159")),
    card("4200000000000166", "VISA", Outcome::Decline("800.100.165")),
    card("4200000000000034", "VISA", Outcome::Decline("800.100.151")),
    card("5454545454540208", "MASTER", Outcome::Decline("800.100.203")),
    card("5454545454540018", "MASTER", Outcome::Decline("800.100.152")),
    card("377777777771005", "AMEX", Outcome::Decline("800.100.162")),
    card("4200000000000992", "VISA", Outcome::Slow),
];

/// What a payment with `number` does.
pub fn outcome(number: &str) -> Outcome {
    TEST_CARDS
        .iter()
        .find(|card| card.number == number)
        .map_or(Outcome::Approve, |card| card.outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_test_card_is_a_valid_number_of_its_brand() {
        for card in TEST_CARDS {
            let number: omnigate_card::CardNumber = card.number.parse().unwrap();
            let table = omnigate_card::BrandTable::standard();
            assert_eq!(table.get(number.brand_id()).unwrap().gateway_brand(), card.brand);
            assert_eq!(outcome(card.number), card.outcome);
            if let Outcome::Decline(code) = card.outcome {
                assert!(omnigate_opp::codes::describe(code).is_some(), "{code}");
            }
        }
        assert_eq!(outcome("4111111111111111"), Outcome::Approve);
    }
}
