//! Result codes (`ddd.ddd.ddd`) and their classification into OPP's documented groups.

use serde::{Deserialize, Serialize};

/// One OPP result code, such as `000.100.110`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResultCode(String);

/// The groups OPP documents for result codes, in the order OPP's patterns are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultGroup {
    /// The transaction succeeded.
    Success,
    /// The transaction succeeded but should be reviewed manually.
    SuccessNeedsReview,
    /// The transaction is pending (for example waiting for 3-D Secure).
    Pending,
    /// The bank or the risk systems declined the transaction.
    Declined,
    /// The request was rejected before processing (validation, format, configuration).
    Rejected,
    /// The gateway could not reach a connector, or an internal error happened.
    CommunicationError,
    /// Credentials or the entity were refused.
    AuthenticationFailed,
}

impl ResultCode {
    /// Wraps a code as the gateway sent it.
    pub fn new(code: impl Into<String>) -> Self {
        Self(code.into())
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Classifies the code with OPP's documented prefix patterns.
    pub fn group(&self) -> ResultGroup {
        let code = self.0.as_str();
        let starts = |prefixes: &[&str]| prefixes.iter().any(|prefix| code.starts_with(prefix));
        if starts(&["000.000.", "000.100.1", "000.300.", "000.310.", "000.600."]) {
            ResultGroup::Success
        } else if starts(&["000.400.0", "000.400.100"]) {
            ResultGroup::SuccessNeedsReview
        } else if starts(&["000.200.", "800.400.5", "100.400.500"]) {
            ResultGroup::Pending
        } else if starts(&["800.900.300", "800.900.301", "800.900.302"]) {
            ResultGroup::AuthenticationFailed
        } else if starts(&["000.400.", "800.", "100.380.", "100.39", "100.400.", "100.370."]) {
            ResultGroup::Declined
        } else if starts(&["900.", "600.", "999."]) {
            ResultGroup::CommunicationError
        } else {
            ResultGroup::Rejected
        }
    }
}

/// The `result` object every OPP response carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultInfo {
    /// The result code.
    pub code: ResultCode,
    /// OPP's description of the code.
    pub description: String,
}

/// The part of any OPP response body that every answer has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultBody {
    /// The outcome.
    pub result: ResultInfo,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_documented_patterns() {
        let cases = [
            ("000.100.110", ResultGroup::Success),
            ("000.000.000", ResultGroup::Success),
            ("000.200.000", ResultGroup::Pending),
            ("800.900.300", ResultGroup::AuthenticationFailed),
            ("800.100.151", ResultGroup::Declined),
            ("100.100.101", ResultGroup::Rejected),
            ("200.300.404", ResultGroup::Rejected),
            ("900.100.300", ResultGroup::CommunicationError),
        ];
        for (code, group) in cases {
            assert_eq!(ResultCode::new(code).group(), group, "{code}");
        }
    }
}
