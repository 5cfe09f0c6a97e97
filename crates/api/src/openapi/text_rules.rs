//! What the request pipeline enforces on every JSON body and URL, written into the document so
//! that a generated client sends only what the server accepts:
//! - every text (a string with no `enum`, `pattern` or machine `format`) gets the shared
//!   no-control-character `pattern` (`extract::read_json` and `url_text` refuse the rest), and
//!   every `format: email` the address rule and its length;
//! - a map's keys get the text rule too; a struct's objects stay open, as `read_json` ignores a
//!   property the request type does not have, whatever it holds.
//!
//! It works on the document as JSON: the rule is about the shape of schemas, wherever they sit.

use std::collections::BTreeSet;

use rebound_shared::domain::{EMAIL_PATTERN, PLAIN_TEXT_PATTERN};
use rebound_shared::limits;
use serde_json::{Map, Value};
use utoipa::Modify;
use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayItems, Object, ObjectBuilder, SchemaType, Type,
};
use utoipa::openapi::{OpenApi, RefOr, Schema};

/// Formats whose values a type already reads strictly: no free text gets through them.
const STRICT_FORMATS: [&str; 5] = ["uuid", "date", "binary", "byte", "uri"];

/// An RFC 3339 time as chrono reads one (`2026-03-01T12:00:00Z`, `...T12:00:00.5+01:00`): said as a
/// pattern too, because a `format` alone is only an annotation in JSON Schema 2020-12 and
/// generators then send any text.
const DATE_TIME_PATTERN: &str = r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,9})?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$";

pub struct TextRules;

impl Modify for TextRules {
    fn modify(&self, openapi: &mut OpenApi) {
        // Found on the JSON form (references are plain text there); changed on the types, which
        // do not read back everything they write.
        let reachable = serde_json::to_value(&*openapi)
            .map(|doc| request_components(&doc))
            .unwrap_or_default();
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for parameter in operation.parameters.iter_mut().flatten() {
                    let RefOr::T(parameter) = parameter else {
                        continue;
                    };
                    // Headers are not read as text by the pipeline: only the URL is.
                    if !matches!(
                        parameter.parameter_in,
                        ParameterIn::Path | ParameterIn::Query
                    ) {
                        continue;
                    }
                    if let Some(schema) = parameter.schema.as_mut() {
                        tighten_ref(schema);
                    }
                }
                let contents = operation
                    .request_body
                    .iter_mut()
                    .filter_map(|body| match body {
                        RefOr::T(body) => Some(body),
                        RefOr::Ref(_) => None,
                    })
                    .flat_map(|body| body.content.values_mut());
                for content in contents {
                    if let RefOr::T(content) = content
                        && let Some(schema) = content.schema.as_mut()
                    {
                        tighten_ref(schema);
                    }
                }
            }
        }
        let components = openapi.components.iter_mut();
        for (name, schema) in components.flat_map(|c| c.schemas.iter_mut()) {
            if reachable.contains(name) {
                tighten_ref(schema);
            }
        }
    }
}

/// The names of the component schemas a request body or parameter uses, however deep.
fn request_components(doc: &Value) -> BTreeSet<String> {
    let mut pending: Vec<&Value> = Vec::new();
    for item in doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(Map::values)
    {
        for operation in item.as_object().into_iter().flat_map(Map::values) {
            pending.extend(operation.get("parameters"));
            pending.extend(operation.get("requestBody"));
        }
    }
    let mut found = BTreeSet::new();
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(fields) => {
                let target = fields
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix("#/components/schemas/"));
                if let Some(name) = target
                    && found.insert(name.to_owned())
                {
                    pending.extend(doc.pointer(&format!("/components/schemas/{name}")));
                }
                pending.extend(fields.values());
            }
            Value::Array(items) => pending.extend(items.iter()),
            _ => {}
        }
    }
    found
}

fn tighten_ref(schema: &mut RefOr<Schema>) {
    if let RefOr::T(schema) = schema {
        tighten(schema);
    }
}

/// Applies the rules to one schema and the schemas written inside it (not those it refers to:
/// each component is visited once, by name).
fn tighten(schema: &mut Schema) {
    match schema {
        Schema::Object(object) => tighten_object(object),
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                tighten_ref(items);
            }
        }
        Schema::OneOf(one) => one.items.iter_mut().for_each(tighten_ref),
        Schema::AnyOf(any) => any.items.iter_mut().for_each(tighten_ref),
        Schema::AllOf(all) => all.items.iter_mut().for_each(tighten_ref),
        _ => {}
    }
}

fn tighten_object(object: &mut Object) {
    if has_type(&object.schema_type, Type::String) {
        tighten_text(object);
    }
    // A map: its keys are text like any other (unless they are named already). A struct's
    // objects stay open: a property the type does not have is ignored, whatever it holds.
    let is_map = matches!(
        object.additional_properties.as_deref(),
        Some(AdditionalProperties::RefOr(_))
    );
    if is_map && object.property_names.is_none() {
        object.property_names = Some(Box::new(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some(PLAIN_TEXT_PATTERN))
                .build(),
        )));
    }
    for property in object.properties.values_mut() {
        tighten_ref(property);
    }
    if let Some(AdditionalProperties::RefOr(values)) = object.additional_properties.as_deref_mut() {
        tighten_ref(values);
    }
}

fn has_type(schema_type: &SchemaType, wanted: Type) -> bool {
    match schema_type {
        SchemaType::Type(t) => *t == wanted,
        SchemaType::Array(types) => types.contains(&wanted),
        _ => false,
    }
}

fn tighten_text(object: &mut Object) {
    if object.enum_values.is_some() || object.pattern.is_some() {
        return;
    }
    let format = object
        .format
        .as_ref()
        .and_then(|f| serde_json::to_value(f).ok())
        .and_then(|f| f.as_str().map(str::to_owned));
    match format.as_deref() {
        Some("email") => {
            // The pattern is the server's rule; `format: email` is another one (RFC 5321 local
            // parts), stricter here (`.jane@…`) and looser there (`jane@localhost`).
            object.format = None;
            object.pattern = Some(EMAIL_PATTERN.to_owned());
            let most = usize::try_from(limits::EMAIL).unwrap_or(usize::MAX);
            object.max_length = Some(object.max_length.map_or(most, |n| n.min(most)));
        }
        Some("date-time") => object.pattern = Some(DATE_TIME_PATTERN.to_owned()),
        Some(format) if STRICT_FORMATS.contains(&format) => {}
        _ => object.pattern = Some(PLAIN_TEXT_PATTERN.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_document_carries_the_rules_on_what_requests_send() {
        let doc = serde_json::to_value(crate::openapi::build()).unwrap();
        let at = |pointer: &str| doc.pointer(pointer).cloned().unwrap_or(Value::Null);
        let plain = json!(PLAIN_TEXT_PATTERN);
        let key = "/components/schemas/CreateApiKey";
        assert_eq!(at(&format!("{key}/properties/name/pattern")), plain);
        assert_eq!(at(&format!("{key}/additionalProperties")), Value::Null);
        let mapping = "/components/schemas/StartImport/properties/mapping";
        assert_eq!(
            at(&format!("{mapping}/additionalProperties/pattern")),
            plain
        );
        let login = "/components/schemas/Login/properties/email";
        assert_eq!(at(&format!("{login}/pattern")), json!(EMAIL_PATTERN));
        assert_eq!(at(&format!("{login}/maxLength")), json!(254));
        let number = "/paths/~1api~1v1~1orders~1{number}/get/parameters/0/schema/pattern";
        assert_eq!(at(number), plain);
        // Machine formats keep their own rule; a time is said as a pattern too.
        let scan = "/components/schemas/AddTrackingEvent/properties/occurred_at/pattern";
        assert_eq!(at(scan), json!(DATE_TIME_PATTERN));
        let id = "/components/schemas/PostMessage/properties/photo_ids/items/pattern";
        assert_eq!(at(id), Value::Null);
        // Only what requests use: a response-only schema is left as it is.
        let token = "/components/schemas/Session/properties/access_token/pattern";
        assert_eq!(at(token), Value::Null);
    }
}
