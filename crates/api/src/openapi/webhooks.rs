//! The document's `webhooks` map (OpenAPI 3.1): one entry per event, the body Rebound POSTs to
//! an endpoint (`{type, timestamp, data}` with `data` the API's own view of the object) and the
//! three Standard Webhooks headers that sign it.

use rebound_shared::api::webhooks::{WebhookEvent, WebhookTestData};
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{
    Content, KnownFormat, OpenApi, PathsBuilder, Ref, Required, ResponseBuilder, SchemaFormat,
};
use utoipa::{Modify, PartialSchema};

pub struct WebhookEvents;

const HOW_TO_VERIFY: &str = "Signed by the Standard Webhooks scheme: `webhook-signature` holds \
`v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{raw body}\">` keyed with the \
base64-decoded part of the endpoint's secret after `whsec_` (two signatures, space separated, \
for 24 hours after a rotation). Any Standard Webhooks library verifies it. Answer 2xx within \
10 seconds; anything else is retried with exponential backoff for about three days with the \
same `webhook-id`; 410 disables the endpoint. Redirects are not followed.";

fn header(name: &str, description: &str) -> ParameterBuilder {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
}

fn body(event: WebhookEvent) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(
            "type",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([event.as_str()])),
        )
        .property(
            "timestamp",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
                .description(Some("When the event happened (not when it was sent)")),
        )
        .property("data", Ref::from_schema_name(event.data_schema()))
        .required("type")
        .required("timestamp")
        .required("data")
}

impl Modify for WebhookEvents {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .schemas
            .insert("WebhookTestData".into(), WebhookTestData::schema());
        let mut paths = PathsBuilder::new();
        for event in WebhookEvent::ALL.into_iter().chain([WebhookEvent::Test]) {
            let operation = OperationBuilder::new()
                .tag("webhooks")
                .summary(Some(format!("`{}`", event.as_str())))
                .description(Some(HOW_TO_VERIFY))
                .parameter(header(
                    "webhook-id",
                    "The message id (`msg_…`): the same on every retry and resend; drop repeats",
                ))
                .parameter(header(
                    "webhook-timestamp",
                    "Seconds since 1970 of this attempt; refuse one too far from now",
                ))
                .parameter(header(
                    "webhook-signature",
                    "`v1,<base64>`, space separated when more than one",
                ))
                .request_body(Some(
                    RequestBodyBuilder::new()
                        .required(Some(Required::True))
                        .content("application/json", Content::new(Some(body(event))))
                        .build(),
                ))
                .response(
                    "2XX",
                    ResponseBuilder::new().description("Received: the delivery ends"),
                )
                .response(
                    "410",
                    ResponseBuilder::new().description("Gone: Rebound disables the endpoint"),
                )
                .response(
                    "default",
                    ResponseBuilder::new()
                        .description("Anything else (or no answer in 10 s): retried later"),
                );
            paths = paths.path(event.as_str(), PathItem::new(HttpMethod::Post, operation));
        }
        openapi.webhooks = Some(paths.build());
    }
}
