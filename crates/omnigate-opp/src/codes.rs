//! The result codes omnigate's client and sandbox use, with OPP's descriptions.
//!
//! Classification never looks at this list (see [`crate::classify`]); it only names codes and
//! gives them their text.

/// Success in OPP's simulator (`testMode=INTERNAL`, the default on test systems).
pub const SUCCESS_INTERNAL: &str = "000.100.110";
/// Success forwarded to the connector's test system (`testMode=EXTERNAL`).
pub const SUCCESS_EXTERNAL: &str = "000.100.112";
/// Success on a live system.
pub const SUCCESS_LIVE: &str = "000.000.000";
/// Transaction pending.
pub const PENDING: &str = "000.200.000";
/// Luhn failure.
pub const INVALID_CARD_NUMBER: &str = "100.100.101";
/// Expiry month out of range.
pub const INVALID_MONTH: &str = "100.100.201";
/// Expiry year invalid.
pub const INVALID_YEAR: &str = "100.100.301";
/// Card expired.
pub const CARD_EXPIRED: &str = "100.100.303";
/// Brand unknown.
pub const INVALID_BRAND: &str = "100.100.501";
/// Empty CVV for a brand that needs one.
pub const CVV_MISSING: &str = "100.100.600";
/// CVV of the wrong size for the brand.
pub const INVALID_CVV: &str = "100.100.601";
/// Card number and brand disagree.
pub const NUMBER_BRAND_MISMATCH: &str = "100.100.700";
/// Omni token never issued (OPP's "registration does not exist").
pub const TOKEN_UNKNOWN: &str = "100.150.200";
/// Omni token deleted (OPP's "registration is already deregistered").
pub const TOKEN_DELETED: &str = "100.150.202";
/// The request body is not a well-formed form.
pub const MALFORMED_REQUEST: &str = "200.100.103";
/// HTTP method not allowed on the resource.
pub const INVALID_METHOD: &str = "200.300.403";
/// Invalid or missing parameter; details in `result.parameterErrors`.
pub const INVALID_PARAMETER: &str = "200.300.404";
/// Refused credentials or unknown entity.
pub const AUTH_FAILED: &str = "800.900.300";
/// The vault could not issue a token.
pub const NO_TOKEN_CREATED: &str = "800.900.303";
/// Unknown payment id.
pub const TRANSACTION_NOT_FOUND: &str = "700.400.580";

/// `(code, description)` for every code either side emits or names.
pub const DESCRIPTIONS: &[(&str, &str)] = &[
    ("000.000.000", "Transaction succeeded"),
    ("000.000.100", "successful request"),
    ("000.100.110", "Request successfully processed in 'Merchant in Integrator Test Mode'"),
    ("000.100.111", "Request successfully processed in 'Merchant in Validator Test Mode'"),
    ("000.100.112", "Request successfully processed in 'Merchant in Connector Test Mode'"),
    ("000.200.000", "transaction pending"),
    ("000.300.000", "Two-step transaction succeeded"),
    ("100.100.100", "request contains no creditcard, bank account number or bank name"),
    ("100.100.101", "invalid creditcard, bank account number or bank name"),
    ("100.100.200", "request contains no month"),
    ("100.100.201", "invalid month"),
    ("100.100.300", "request contains no year"),
    ("100.100.301", "invalid year"),
    ("100.100.303", "card expired"),
    ("100.100.304", "card not yet valid"),
    ("100.100.305", "invalid expiration date format"),
    ("100.100.400", "request contains no cc/bank account holder"),
    ("100.100.500", "request contains no creditcard/bank account brand"),
    ("100.100.501", "invalid creditcard/bank account brand"),
    ("100.100.600", "empty CVV for VISA, MASTER, AMEX not allowed"),
    ("100.100.601", "invalid CVV/brand combination"),
    ("100.100.700", "invalid cc number/brand combination"),
    ("100.150.200", "registration does not exist"),
    ("100.150.202", "registration is already deregistered"),
    ("200.100.103", "invalid Request Message. The request contains structural errors"),
    ("200.300.403", "Invalid HTTP method"),
    ("200.300.404", "invalid or missing parameter"),
    ("300.100.100", "Transaction declined (additional customer authentication required)"),
    ("700.100.100", "reference id not existing"),
    ("700.100.300", "invalid amount (probably too large)"),
    ("700.100.500", "reference currency does not match"),
    ("700.300.200", "referenced tx has been rejected"),
    ("700.300.300", "referenced tx can not be refunded, captured or reversed (already done)"),
    ("700.400.100", "cannot capture (PA value exceeded, PA reverted or invalid workflow?)"),
    ("700.400.200", "cannot refund (refund volume exceeded or tx reversed or invalid workflow?)"),
    (
        "700.400.300",
        "cannot reverse (already refunded|reversed, invalid workflow or amount exceeded)",
    ),
    ("700.400.510", "capture needs at least one successful transaction of type (PA)"),
    (
        "700.400.520",
        "refund needs at least one successful transaction of type (CP or DB or RB or RC)",
    ),
    (
        "700.400.530",
        "reversal needs at least one successful transaction of type (CP or DB or RB or PA)",
    ),
    ("700.400.570", "cannot reference on a pending transaction"),
    ("700.400.580", "cannot find transaction"),
    ("800.100.100", "transaction declined for unknown reason"),
    ("800.100.151", "transaction declined (invalid card)"),
    ("800.100.152", "transaction declined by authorization system"),
    ("800.100.153", "transaction declined (invalid CVV)"),
    ("800.100.155", "transaction declined (amount exceeds credit)"),
    ("800.100.157", "transaction declined (wrong expiry date)"),
    ("800.100.159", "transaction declined (stolen card)"),
    ("800.100.160", "transaction declined (card blocked)"),
    ("800.100.162", "transaction declined (limit exceeded)"),
    ("800.100.165", "transaction declined (card lost)"),
    ("800.100.171", "transaction declined (pick up card)"),
    ("800.100.203", "transaction declined (insufficient funds)"),
    ("800.900.300", "invalid authentication information"),
    ("800.900.303", "No token created"),
    ("900.100.300", "timeout, uncertain result"),
    ("999.999.999", "UNDEFINED ERROR"),
];

/// OPP's description of `code`, when omnigate knows it.
pub fn describe(code: &str) -> Option<&'static str> {
    DESCRIPTIONS.iter().find(|(known, _)| *known == code).map(|(_, text)| *text)
}

/// True for text shaped like a result code: `ddd.ddd.ddd`.
pub fn is_code_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 11
        && bytes.iter().enumerate().all(|(at, byte)| match at {
            3 | 7 => *byte == b'.',
            _ => byte.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_constant_has_a_description() {
        for code in [
            SUCCESS_INTERNAL,
            SUCCESS_EXTERNAL,
            SUCCESS_LIVE,
            PENDING,
            INVALID_CARD_NUMBER,
            INVALID_MONTH,
            INVALID_YEAR,
            CARD_EXPIRED,
            INVALID_BRAND,
            CVV_MISSING,
            INVALID_CVV,
            NUMBER_BRAND_MISMATCH,
            TOKEN_UNKNOWN,
            TOKEN_DELETED,
            MALFORMED_REQUEST,
            INVALID_METHOD,
            INVALID_PARAMETER,
            AUTH_FAILED,
            NO_TOKEN_CREATED,
            TRANSACTION_NOT_FOUND,
        ] {
            assert!(describe(code).is_some(), "{code}");
        }
        assert!(DESCRIPTIONS.iter().all(|(code, _)| is_code_shaped(code)));
        assert!(!is_code_shaped("000.100.11"));
        assert!(!is_code_shaped("000-100-110"));
    }
}
