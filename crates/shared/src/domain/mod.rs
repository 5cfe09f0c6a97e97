//! Domain newtypes: the only way to get a `Slug`, an `Email` or a `HexColour` is through their
//! constructors, so a value that exists is a value that is valid.

mod address_format;
pub mod analytics;
mod colour;
mod email;
pub mod exchange;
mod frame_origin;
mod money;
mod password;
mod plausible_time;
pub mod policy;
mod postal;
#[cfg(test)]
mod properties;
mod return_rules;
mod return_state;
pub mod risk;
pub mod second_factor;
mod slug;
mod text;
mod tracking;
mod web_url;

pub use address_format::{PostalAddress, address_lines, locality_lines};
pub use colour::{HEX_COLOUR_PATTERN, HexColour, contrast_ratio};
pub use email::{EMAIL_PATTERN, Email};
pub use frame_origin::{FRAME_ORIGIN_PATTERN, FRAME_ORIGINS_MAX, FrameOrigin, FrameOriginError};
pub use money::{Currency, Lang, Money, line_paid};
pub use password::{PASSWORD_MAX, PASSWORD_MIN, validate_password};
pub use plausible_time::{ImplausibleTime, MAX_AHEAD, check_reported_time, earliest};
pub use postal::{CHECKED_COUNTRIES, COUNTRY_PATTERN, normalise_postal_code, validate_country};
pub use return_rules::{
    EU_COUNTRIES, NotReturnable, Offered, OrderedItem, ReasonChoice, RuleError, any_defective,
    check_return, check_return_with, is_eu_order, kept_items_need_photos, on_non_returnable_list,
    returnable_quantity, window_end, withdrawal_until,
};
pub use return_state::{
    Journey, ReturnAction, ReturnStatus, TransitionError, allowed_actions, allowed_actions_in,
    next, next_in,
};
pub use second_factor::SecondFactor;
pub use slug::{RESERVED_SLUGS, SLUG_MAX, SLUG_MIN, SLUG_PATTERN, Slug, SlugError};
pub use text::{CONTROL_CHARACTER, PLAIN_TEXT_PATTERN, forbidden_control, validate_plain_text};
pub use tracking::{OrderStatus, TrackingEventKind, carrier_tracking_url};
pub use web_url::{URL_MAX, validate_http_url};

use validator::ValidationError;

/// Builds a `validator` error with a stable code and an English message.
pub(crate) fn rule(code: &'static str, message: &str) -> ValidationError {
    ValidationError::new(code).with_message(message.to_owned().into())
}

pub(crate) fn rule_owned(code: &'static str, message: String) -> ValidationError {
    ValidationError::new(code).with_message(message.into())
}
