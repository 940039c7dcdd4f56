//! Result-code classification as data: OPP's documented group patterns, checked in order.
//!
//! The table below copies the regular expressions of OPP's result-code reference verbatim
//! (opp-api.md §4.1). They only use anchored alternatives of literal prefixes, `.`, `\.` and
//! character classes, so a twenty-line matcher reads them and no regex engine is needed (the
//! crate stays small for wasm). Changing a group means editing a string, not code.

use crate::result::ResultGroup;

/// The documented result-code groups, plus the two omnigate needs on top of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultCategory {
    /// omnigate's own first check: refused credentials (`800.900.300`–`302`), which OPP files
    /// under format validation.
    Authentication,
    /// Successfully processed transactions.
    Success,
    /// Successfully processed, but should be reviewed manually.
    SuccessReview,
    /// Pending, the session stays open for about 30 minutes.
    Pending,
    /// Pending; the status may change after days.
    PendingDelayed,
    /// Rejected by 3-D Secure or the Intercard risk checks.
    Rejected3dsRisk,
    /// Rejected by the external bank or payment system.
    BankDeclined,
    /// Communication errors.
    Communication,
    /// System errors.
    System,
    /// Error in an asynchronous workflow.
    AsyncWorkflow,
    /// Soft decline: retry with strong customer authentication.
    SoftDecline,
    /// Rejected by an external risk system.
    ExternalRisk,
    /// Rejected by address validation (AVS).
    AddressValidation,
    /// Rejected by 3-D Secure.
    ThreeDSecure,
    /// Rejected by a blacklist.
    Blacklist,
    /// Rejected by risk validation.
    RiskValidation,
    /// Rejected by configuration validation.
    ConfigurationValidation,
    /// Rejected by registration (token) validation.
    RegistrationValidation,
    /// Rejected by job validation.
    JobValidation,
    /// Rejected by reference validation (CP, RF, RV rules).
    ReferenceValidation,
    /// Rejected by format validation (bad or missing parameters).
    FormatValidation,
    /// Rejected by address format validation.
    AddressFormatValidation,
    /// Rejected by contact validation.
    ContactValidation,
    /// Rejected by account (card) validation.
    AccountValidation,
    /// Rejected by amount validation.
    AmountValidation,
    /// Rejected by risk management.
    RiskManagement,
    /// Chargeback-related (informational).
    Chargeback,
    /// No documented pattern matches.
    Unknown,
}

/// The patterns, in the order OPP says they must be checked.
pub const PATTERNS: &[(ResultCategory, &str)] = {
    use ResultCategory::*;
    &[
        (Authentication, r"^(800\.900\.30[012])"),
        (Success, r"^(000\.000\.|000\.100\.1|000\.[36]|000\.400\.[1][12]0)"),
        (SuccessReview, r"^(000\.400\.0[^3]|000\.400\.100)"),
        (Pending, r"^(000\.200)"),
        (PendingDelayed, r"^(800\.400\.5|100\.400\.500)"),
        (Rejected3dsRisk, r"^(000\.400\.[1][0-9][1-9]|000\.400\.2)"),
        (BankDeclined, r"^(800\.[17]00|800\.800\.[123])"),
        (Communication, r"^(900\.[1234]00|000\.400\.030)"),
        (System, r"^(800\.[56]|999\.|600\.1|800\.800\.[84])"),
        (AsyncWorkflow, r"^(100\.39[765])"),
        (SoftDecline, r"^(300\.100\.100)"),
        (ExternalRisk, r"^(100\.400\.[0-3]|100\.380\.100|100\.380\.11|100\.380\.4|100\.380\.5)"),
        (AddressValidation, r"^(800\.400\.1)"),
        (ThreeDSecure, r"^(800\.400\.2|100\.390)"),
        (Blacklist, r"^(800\.[32])"),
        (RiskValidation, r"^(800\.1[123456]0)"),
        (ConfigurationValidation, r"^(600\.[23]|500\.[12]|800\.121)"),
        (RegistrationValidation, r"^(100\.[13]50)"),
        (JobValidation, r"^(100\.250|100\.360)"),
        (ReferenceValidation, r"^(700\.[1345][05]0)"),
        (FormatValidation, r"^(200\.[123]|100\.[53][07]|800\.900|100\.[69]00\.500)"),
        (AddressFormatValidation, r"^(100\.800)"),
        (ContactValidation, r"^(100\.700|100\.900\.[123467890][00-99])"),
        (AccountValidation, r"^(100\.100|100.2[01])"),
        (AmountValidation, r"^(100\.55)"),
        (RiskManagement, r"^(100\.380\.[23]|100\.380\.101)"),
        (Chargeback, r"^(000\.100\.2)"),
    ]
};

impl ResultCategory {
    /// Finds the first documented group whose pattern matches `code`.
    pub fn of(code: &str) -> Self {
        PATTERNS
            .iter()
            .find(|(_, pattern)| matches(pattern, code))
            .map_or(Self::Unknown, |(category, _)| *category)
    }

    /// The coarse outcome a client acts on.
    pub fn group(self) -> ResultGroup {
        use ResultCategory::*;
        match self {
            Authentication => ResultGroup::AuthenticationFailed,
            Success => ResultGroup::Success,
            SuccessReview => ResultGroup::SuccessNeedsReview,
            Pending | PendingDelayed => ResultGroup::Pending,
            BankDeclined | SoftDecline | Chargeback => ResultGroup::Declined,
            Communication => ResultGroup::CommunicationError,
            System | Unknown => ResultGroup::SystemError,
            Rejected3dsRisk
            | AsyncWorkflow
            | ExternalRisk
            | AddressValidation
            | ThreeDSecure
            | Blacklist
            | RiskValidation
            | ConfigurationValidation
            | RegistrationValidation
            | JobValidation
            | ReferenceValidation
            | FormatValidation
            | AddressFormatValidation
            | ContactValidation
            | AccountValidation
            | AmountValidation
            | RiskManagement => ResultGroup::Rejected,
        }
    }
}

/// True when the anchored pattern `^(alt|alt|...)` matches the start of `code`.
fn matches(pattern: &str, code: &str) -> bool {
    let Some(body) = pattern.strip_prefix("^(").and_then(|rest| rest.strip_suffix(')')) else {
        return false;
    };
    body.split('|').any(|alternative| prefix_matches(alternative.as_bytes(), code.as_bytes()))
}

/// Matches one alternative atom by atom; every atom consumes exactly one character of `code`.
fn prefix_matches(mut pattern: &[u8], mut code: &[u8]) -> bool {
    while let Some((&atom, rest)) = pattern.split_first() {
        let Some((&ch, code_rest)) = code.split_first() else {
            return false;
        };
        let (ok, after) = match atom {
            b'\\' => match rest.split_first() {
                Some((&literal, after)) => (literal == ch, after),
                None => return false,
            },
            b'.' => (true, rest),
            b'[' => match rest.iter().position(|byte| *byte == b']') {
                Some(end) => (class_matches(&rest[..end], ch), &rest[end + 1..]),
                None => return false,
            },
            literal => (literal == ch, rest),
        };
        if !ok {
            return false;
        }
        pattern = after;
        code = code_rest;
    }
    true
}

/// `[...]` with ranges and `^` negation. The documented `[00-99]` reads as "a digit", as meant.
fn class_matches(class: &[u8], ch: u8) -> bool {
    let (negated, class) = match class.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, class),
    };
    let mut found = false;
    let mut i = 0;
    while i < class.len() {
        if i + 2 < class.len() && class[i + 1] == b'-' {
            found |= (class[i]..=class[i + 2]).contains(&ch);
            i += 3;
        } else {
            found |= class[i] == ch;
            i += 1;
        }
    }
    found != negated
}

#[cfg(test)]
mod tests {
    use super::*;
    use ResultCategory::*;

    #[test]
    fn every_pattern_is_anchored_alternatives() {
        for (category, pattern) in PATTERNS {
            assert!(pattern.starts_with("^(") && pattern.ends_with(')'), "{category:?}");
        }
    }

    #[test]
    fn matcher_reads_classes_and_escapes() {
        assert!(matches(r"^(000\.400\.0[^3])", "000.400.010"));
        assert!(!matches(r"^(000\.400\.0[^3])", "000.400.030"));
        assert!(matches(r"^(100\.900\.[123467890][00-99])", "100.900.105"));
        assert!(!matches(r"^(100\.900\.[123467890][00-99])", "100.900.500"));
        assert!(!matches(r"^(000\.200)", "000.20"));
        assert!(!matches(r"^(800\.900\.30[012])", "800x900.300"));
    }

    #[test]
    fn categories_of_the_codes_omnigate_uses() {
        let cases = [
            ("800.900.300", Authentication),
            ("000.100.110", Success),
            ("000.400.110", Success),
            ("000.400.000", SuccessReview),
            ("000.400.030", Communication),
            ("000.200.000", Pending),
            ("800.400.500", PendingDelayed),
            ("800.100.151", BankDeclined),
            ("800.100.203", BankDeclined),
            ("100.100.101", AccountValidation),
            ("100.100.600", AccountValidation),
            ("100.150.202", RegistrationValidation),
            ("200.300.404", FormatValidation),
            ("700.400.510", ReferenceValidation),
            ("700.400.580", ReferenceValidation),
            ("300.100.100", SoftDecline),
            ("900.100.300", Communication),
            ("999.999.999", System),
            ("800.900.303", FormatValidation),
            ("123.456.789", Unknown),
        ];
        for (code, category) in cases {
            assert_eq!(ResultCategory::of(code), category, "{code}");
        }
    }
}
