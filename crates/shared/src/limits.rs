//! The longest text each field accepts, in characters: read by the request types' validation
//! and by the web forms' `maxlength`, so a form stops typing where the server would refuse.
//!
//! `u64` because that is what `validator`'s length rule compares with. The OpenAPI
//! `max_length` attributes repeat the numbers (utoipa takes literals only); the tests below
//! hold the validation to these constants.

/// A shop's name (sign-up, Branding).
pub const COMPANY_NAME: u64 = 100;
/// A person's name: the owner at sign-up, a staff member, a return address's addressee.
pub const PERSON_NAME: u64 = 100;
/// The name a shopper signs an EU withdrawal with, and an order's customer name.
pub const CUSTOMER_NAME: u64 = 200;
pub const PASSWORD: u64 = 128;
/// RFC 5321's longest forward path.
pub const EMAIL: u64 = 254;
pub const PHONE: u64 = 40;

pub const ADDRESS_LINE: u64 = 200;
pub const CITY: u64 = 100;
pub const REGION: u64 = 100;
pub const POSTAL_CODE: u64 = 20;

pub const SKU: u64 = 64;
pub const ITEM_TITLE: u64 = 200;
/// A product variant ("M / Blue"), also the one asked for as a replacement.
pub const VARIANT: u64 = 100;
/// An order number or tracking number typed into the portal's lookup.
pub const LOOKUP_ORDER: u64 = 64;
/// The email or postal code typed beside it.
pub const LOOKUP_CONTACT: u64 = EMAIL;

/// A shipment's carrier and service as the shop's system sends them.
pub const SHIPMENT_CARRIER: u64 = 64;
pub const TRACKING_NUMBER: u64 = 64;
pub const TRACKING_DESCRIPTION: u64 = 200;
pub const TRACKING_LOCATION: u64 = 100;
/// The carrier and service typed for a label bought elsewhere.
pub const LABEL_CARRIER: u64 = 100;
/// A carrier rate table's carrier, service and zone names.
pub const RATE_NAME: u64 = 64;

/// A shopper's comment on a return, and what they tell about an issue with their order.
pub const RETURN_COMMENT: u64 = 2000;
pub const ISSUE_MESSAGE: u64 = 2000;
pub const SURVEY_COMMENT: u64 = 2000;
/// Why a return was refused; a staff note on an inspection or a refund.
pub const STAFF_REASON: u64 = 1000;
/// Tags on an order or a product (what return policies may ask about), and their length.
pub const TAGS: u64 = 20;
pub const TAG: u64 = 64;
/// Why staff accept a return the shop's policy refuses; why a shopper cancels an order.
pub const OVERRIDE_REASON: u64 = 500;
pub const STAFF_NOTE: u64 = 1000;
/// A return reason's label, in each language.
pub const REASON_LABEL: u64 = 120;
/// A non-returnable rule's SKU prefix, category or tag.
pub const RULE_VALUE: u64 = 64;
pub const API_KEY_NAME: u64 = 100;

/// A message in a conversation, and a canned reply's text.
pub const MESSAGE_BODY: u64 = 5000;
pub const CANNED_TITLE: u64 = 100;
pub const SIGNATURE: u64 = 1000;
/// A mail template's subject and body.
pub const MAIL_SUBJECT: u64 = 200;
pub const MAIL_BODY: u64 = 10000;

/// The key a client sends so that a retried request does not act twice.
pub const MESSAGE_REQUEST_ID: u64 = 64;
pub const RETURN_REQUEST_ID: u64 = 100;
/// The signature on an unsubscribe link.
pub const LINK_SIGNATURE: u64 = 128;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::auth::RegisterMerchant;
    use crate::api::orders::{Address, ReportIssue};
    use crate::api::settings::IssueType;
    use validator::Validate;

    fn long(n: u64) -> String {
        "é".repeat(usize::try_from(n).unwrap_or(usize::MAX))
    }

    fn address(line1: String, city: String) -> Address {
        Address {
            line1,
            line2: None,
            city,
            region: None,
            postal_code: "H2X 1Y4".to_owned(),
            country: "CA".to_owned(),
        }
    }

    fn refused(errors: Result<(), validator::ValidationErrors>, field: &str) -> bool {
        errors.is_err_and(|e| e.field_errors().contains_key(field))
    }

    #[test]
    fn address_lines_and_cities_stop_at_their_limits() {
        assert!(address(long(ADDRESS_LINE), long(CITY)).validate().is_ok());
        let line = address(long(ADDRESS_LINE + 1), "Montréal".to_owned()).validate();
        assert!(refused(line, "line1"));
        let city = address("1 rue".to_owned(), long(CITY + 1)).validate();
        assert!(refused(city, "city"));
    }

    #[test]
    fn an_issue_report_stops_at_its_limit() {
        let report = |message| ReportIssue {
            issue_type: IssueType::DamagedInTransit,
            message,
            photo_ids: Vec::new(),
        };
        assert!(report(long(ISSUE_MESSAGE)).validate().is_ok());
        assert!(refused(
            report(long(ISSUE_MESSAGE + 1)).validate(),
            "message"
        ));
    }

    #[test]
    fn sign_up_names_stop_at_their_limits() {
        let sign_up = |company_name, owner_name| RegisterMerchant {
            company_name,
            slug: "maple".to_owned(),
            owner_name,
            owner_email: "owner@example.com".to_owned(),
            password: "correct horse battery".to_owned(),
        };
        let fits = sign_up(long(COMPANY_NAME), long(PERSON_NAME)).validate();
        assert!(fits.is_ok(), "{fits:?}");
        let company = sign_up(long(COMPANY_NAME + 1), "Ada".to_owned()).validate();
        assert!(refused(company, "company_name"));
        let owner = sign_up("Maple".to_owned(), long(PERSON_NAME + 1)).validate();
        assert!(refused(owner, "owner_name"));
    }

    /// utoipa takes the schema's `max_length` as a literal: this holds those to the constants.
    #[cfg(feature = "openapi")]
    #[test]
    fn the_openapi_schemas_state_the_same_limits() {
        use utoipa::PartialSchema;
        let address = serde_json::to_value(Address::schema()).unwrap_or_default();
        assert_eq!(address["properties"]["line1"]["maxLength"], ADDRESS_LINE);
        assert_eq!(address["properties"]["city"]["maxLength"], CITY);
        assert_eq!(
            address["properties"]["postal_code"]["maxLength"],
            POSTAL_CODE
        );
        let report = serde_json::to_value(ReportIssue::schema()).unwrap_or_default();
        assert_eq!(report["properties"]["message"]["maxLength"], ISSUE_MESSAGE);
        let sign_up = serde_json::to_value(RegisterMerchant::schema()).unwrap_or_default();
        assert_eq!(
            sign_up["properties"]["company_name"]["maxLength"],
            COMPANY_NAME
        );
        assert_eq!(
            sign_up["properties"]["owner_name"]["maxLength"],
            PERSON_NAME
        );
    }
}
