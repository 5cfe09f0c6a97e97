//! Schemas for the fields whose rule a type cannot show by itself: built from the same
//! constants and functions the validators use, so the document states the server's own rule.

use crate::api::carrier::CODE_PATTERN;
use crate::api::imports::ImportField;
use crate::domain::{
    COUNTRY_PATTERN, Currency, FRAME_ORIGIN_PATTERN, FRAME_ORIGINS_MAX, HEX_COLOUR_PATTERN,
    RESERVED_SLUGS, SLUG_MAX, SLUG_MIN, SLUG_PATTERN,
};
use crate::roles::Role;
use utoipa::openapi::Array;
use utoipa::openapi::schema::{ArrayBuilder, Object, ObjectBuilder, Type};

/// A shop's address in the portal's URL.
pub fn slug() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(SLUG_PATTERN))
        .min_length(Some(SLUG_MIN))
        .max_length(Some(SLUG_MAX))
        .description(Some(format!(
            "Lower-case letters, digits and single inner hyphens; not one of the reserved words {}",
            RESERVED_SLUGS.join(", ")
        )))
        .examples([serde_json::json!("maple-co")])
        .build()
}

/// The sites allowed to frame the portal: `https://shop.example`, `https://*.shop.example`.
pub fn frame_origins() -> Array {
    let origin = ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(FRAME_ORIGIN_PATTERN));
    ArrayBuilder::new()
        .items(origin)
        .max_items(Some(FRAME_ORIGINS_MAX))
        .examples([serde_json::json!(["https://maple.example"])])
        .build()
}

/// Tags on an order or a product: blank ones are dropped, repeats (ignoring case) kept once.
pub fn tags() -> Array {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(crate::limits::TAG as usize)),
        )
        .max_items(Some(crate::limits::TAGS as usize))
        .examples([serde_json::json!(["vip", "clearance"])])
        .build()
}

/// A carrier rate table's stable code: `regular`, `zone_1`.
pub fn rate_code() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(CODE_PATTERN))
        .examples([serde_json::json!("regular")])
        .build()
}

/// The events an endpoint may subscribe to (every event but `webhook.test`), each once.
pub fn webhook_events() -> Array {
    let events = crate::api::webhooks::WebhookEvent::ALL
        .into_iter()
        .filter_map(|e| serde_json::to_value(e).ok());
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(events)),
        )
        .min_items(Some(1))
        .max_items(Some(crate::api::webhooks::WebhookEvent::ALL.len()))
        .unique_items(true)
        .examples([serde_json::json!(["return.approved", "return.refunded"])])
        .build()
}

/// A role an invitation may give: a merchant has one owner, made at sign-up.
pub fn invitable_role() -> Object {
    let roles = [Role::Manager, Role::Agent]
        .into_iter()
        .filter_map(|role| serde_json::to_value(role).ok());
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(roles))
        .build()
}

/// An import's column mapping: our field (its key) to the file's column header.
pub fn column_mapping() -> Object {
    let fields = ImportField::ALL.map(|field| field.key());
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property_names(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(fields)),
        ))
        .additional_properties(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

/// A confirmation that must be given: `true` is the only value accepted.
pub fn confirmed() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Boolean)
        .enum_values(Some([true]))
        .description(Some("The \"Confirm withdrawal\" step; must be true."))
        .build()
}

/// `#RRGGBB`.
pub fn colour() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(HEX_COLOUR_PATTERN))
        .examples([serde_json::json!("#1A2B3C")])
        .build()
}

/// An ISO 3166-1 alpha-2 code in capitals.
pub fn country() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(COUNTRY_PATTERN))
        .examples([serde_json::json!("CA")])
        .build()
}

/// Several country codes.
pub fn countries() -> Array {
    ArrayBuilder::new().items(country()).build()
}

/// Every ISO 4217 code `Currency::parse` accepts, found by asking it: the list is the maintained
/// crate's, never a copy that could fall behind it.
pub fn currency() -> Object {
    let letters = b'A'..=b'Z';
    let codes = letters.clone().flat_map(|a| {
        let letters = letters.clone();
        letters.clone().flat_map(move |b| {
            letters
                .clone()
                .map(move |c| String::from_utf8_lossy(&[a, b, c]).into_owned())
        })
    });
    let known: Vec<serde_json::Value> = codes
        .filter(|code| Currency::parse(code).is_ok())
        .map(serde_json::Value::from)
        .collect();
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(known))
        .examples([serde_json::json!("CAD")])
        .build()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_currency_list_holds_the_usual_codes_and_only_codes() {
        let schema = super::currency();
        let codes = schema.enum_values.unwrap_or_default();
        for code in ["CAD", "EUR", "JPY", "KWD", "USD"] {
            assert!(codes.contains(&serde_json::Value::from(code)), "{code}");
        }
        assert!(!codes.contains(&serde_json::Value::from("AAA")));
        assert!(codes.len() > 100);
    }
}
