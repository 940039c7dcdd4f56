//! Result codes (`ddd.ddd.ddd`), the `result` object, and their classification into groups.

use crate::classify::ResultCategory;
use crate::codes;
use crate::secret::mask_card_like;
use serde::{Deserialize, Serialize};

/// One OPP result code, such as `000.100.110`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResultCode(String);

/// What a client does with a result: the coarse outcome behind OPP's documented groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultGroup {
    /// The transaction succeeded.
    Success,
    /// The transaction succeeded but should be reviewed manually.
    SuccessNeedsReview,
    /// The transaction is pending (for example waiting for 3-D Secure).
    Pending,
    /// The bank declined the transaction (including soft declines that need 3-D Secure).
    Declined,
    /// Rejected by validation, risk or 3-D Secure checks before or instead of the bank.
    Rejected,
    /// The gateway could not reach a connector, or the outcome is uncertain (timeout).
    CommunicationError,
    /// The gateway failed internally, or the code is in no documented group.
    SystemError,
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

    /// The documented group whose pattern matches the code.
    pub fn category(&self) -> ResultCategory {
        ResultCategory::of(&self.0)
    }

    /// Classifies the code with OPP's documented patterns.
    pub fn group(&self) -> ResultGroup {
        self.category().group()
    }

    /// True for the codes OPP counts as successfully processed (review codes included).
    pub fn is_success(&self) -> bool {
        matches!(self.group(), ResultGroup::Success | ResultGroup::SuccessNeedsReview)
    }

    /// OPP's description of the code, or a generic one for its group.
    pub fn description(&self) -> String {
        codes::describe(&self.0).map_or_else(|| generic_description(self.group()), str::to_owned)
    }
}

fn generic_description(group: ResultGroup) -> String {
    let text = match group {
        ResultGroup::Success | ResultGroup::SuccessNeedsReview => "Request successfully processed",
        ResultGroup::Pending => "transaction pending",
        ResultGroup::Declined => "transaction declined",
        ResultGroup::Rejected => "transaction rejected",
        ResultGroup::CommunicationError => "communication error",
        ResultGroup::SystemError => "system error",
        ResultGroup::AuthenticationFailed => "invalid authentication information",
    };
    text.to_owned()
}

/// One entry of `result.parameterErrors`: a bad or missing request parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterError {
    /// The parameter's dotted name, such as `card.expiryMonth`.
    pub name: String,
    /// The value sent (`null` when missing; masked for card number, CVV and token).
    #[serde(default)]
    pub value: Option<String>,
    /// What is wrong, in OPP's words (`may not be empty`, `must match ...`).
    #[serde(default)]
    pub message: String,
}

impl ParameterError {
    /// An error for `name`; secret parameters never echo their value.
    pub fn new(name: &str, value: Option<&str>, message: impl Into<String>) -> Self {
        let value = value.map(|value| match name {
            "card.number" | "card.omniToken" => mask_card_like(value),
            "card.cvv" => "***".to_owned(),
            _ => value.to_owned(),
        });
        Self { name: name.to_owned(), value, message: message.into() }
    }

    /// `may not be empty` for a missing parameter.
    pub fn missing(name: &str) -> Self {
        Self::new(name, None, "may not be empty")
    }
}

/// The `result` object every OPP response carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultInfo {
    /// The result code.
    pub code: ResultCode,
    /// OPP's description of the code.
    #[serde(default)]
    pub description: String,
    /// One entry per bad parameter; only with `200.300.404`.
    #[serde(default, rename = "parameterErrors", skip_serializing_if = "Vec::is_empty")]
    pub parameter_errors: Vec<ParameterError>,
}

impl ResultInfo {
    /// A result for `code` with its description and no parameter errors.
    pub fn new(code: &str) -> Self {
        let code = ResultCode::new(code);
        Self { description: code.description(), code, parameter_errors: Vec::new() }
    }

    /// `200.300.404` with one entry per bad parameter.
    pub fn invalid_parameters(errors: Vec<ParameterError>) -> Self {
        Self { parameter_errors: errors, ..Self::new(codes::INVALID_PARAMETER) }
    }
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
            ("000.400.010", ResultGroup::SuccessNeedsReview),
            ("000.200.000", ResultGroup::Pending),
            ("800.900.300", ResultGroup::AuthenticationFailed),
            ("800.100.151", ResultGroup::Declined),
            ("300.100.100", ResultGroup::Declined),
            ("100.100.101", ResultGroup::Rejected),
            ("200.300.404", ResultGroup::Rejected),
            ("100.400.319", ResultGroup::Rejected),
            ("900.100.300", ResultGroup::CommunicationError),
            ("999.999.999", ResultGroup::SystemError),
            ("555.555.555", ResultGroup::SystemError),
        ];
        for (code, group) in cases {
            assert_eq!(ResultCode::new(code).group(), group, "{code}");
        }
    }

    #[test]
    fn parameter_errors_mask_secrets_and_parse_leniently() {
        let error = ParameterError::new("card.number", Some("4200000000000000"), "bad");
        assert_eq!(error.value.as_deref(), Some("420000******0000"));
        assert_eq!(
            ParameterError::new("card.cvv", Some("123"), "bad").value.as_deref(),
            Some("***")
        );
        let body: ResultBody =
            serde_json::from_str(r#"{"result":{"code":"700.400.580"},"extra":1}"#).unwrap();
        assert_eq!(body.result.code.as_str(), "700.400.580");
        assert!(body.result.parameter_errors.is_empty());
        assert_eq!(ResultCode::new("800.100.999").description(), "transaction declined");
    }
}
