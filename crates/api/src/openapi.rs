//! The OpenAPI document, assembled in one place from the routes themselves: a handler that is
//! registered is documented, and nothing else is.

mod file;
mod problems;
mod text_rules;
mod webhooks;

pub use file::BinaryFile;

use crate::routes;
use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{AppExt, scope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Rebound API",
        description = "Returns and after-sales for online shops: merchant accounts, portal configuration, orders, returns, helpdesk and mail. Errors are RFC 9457 `application/problem+json` documents whose `kind` a client can match on and whose `errors` name each invalid field.",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&BearerAuth),
    // Path-parameter enums are not collected from the routes like bodies are.
    components(schemas(crate::images::BrandingImage, rebound_shared::api::notifications::MailLanguage)),
    tags(
        (name = "accounts", description = "Merchant sign-up, sign-in and the current staff member"),
        (name = "staff", description = "Staff members, roles and invitations"),
        (name = "orders", description = "Orders, shipments and tracking events from the shop; issue reports"),
        (name = "catalogue", description = "Products and their variants: an idempotent bulk upsert by SKU, the list with search and stock; what exchanges offer and reserve"),
        (name = "imports", description = "CSV import of orders: upload, map columns, follow progress, read the rejected rows"),
        (name = "integrations", description = "Orders in from Shopify and WooCommerce: the connections (the URL to paste, the secret), the signed webhooks they post, and the deliveries that did not become an order"),
        (name = "api keys", description = "Keys for integrations: send `Authorization: Bearer rbk_…`; each key is limited to its scopes"),
        (name = "settings", description = "The Returns, Branding and Aftercare settings, reasons, return addresses and the audit log"),
        (name = "helpdesk", description = "Message threads with shoppers, canned replies and signatures"),
        (name = "analytics", description = "Figures for the dashboard: survey results"),
        (name = "mail", description = "Notifications: sent mail (the outbox), templates per event and language, optional events on or off"),
        (name = "webhooks", description = "Webhooks out: endpoints, signing secrets, test events and the delivery log; what is sent is in this document's `webhooks`"),
        (name = "portal", description = "Public endpoints of the shopper portal"),
        (name = "health", description = "Liveness and readiness")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("The `access_token` of a `Session` (sign in with `POST /api/v1/auth/login`)."))
                    .build(),
            ),
        );
    }
}

/// Registers the documented routes on an app and returns the document they make.
pub fn build() -> utoipa::openapi::OpenApi {
    let (_, mut api) = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(routes::health::healthz)
        .service(routes::health::readyz)
        .service(scope::scope(rebound_shared::api::API_V1).configure(routes::configure_v1))
        .split_for_parts();
    // After the routes: it reads the operations they registered.
    problems::PipelineProblems.modify(&mut api);
    text_rules::TextRules.modify(&mut api);
    webhooks::WebhookEvents.modify(&mut api);
    api
}

/// The document as committed in `openapi/openapi.json`: pretty JSON with a final newline.
pub fn to_json() -> anyhow::Result<String> {
    Ok(format!("{}\n", build().to_pretty_json()?))
}
