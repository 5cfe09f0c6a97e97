//! CSV import of orders from the dashboard: upload a file, map its columns to our fields with a
//! preview of the first rows, start, watch the progress, read the report of rejected rows.
//!
//! The file has one row per line item; rows sharing an order number make one order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The fields a column can be mapped to. `required()` ones must be mapped before starting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    OrderNumber,
    CustomerName,
    Email,
    Phone,
    AddressLine1,
    AddressLine2,
    City,
    Region,
    PostalCode,
    Country,
    Currency,
    PlacedAt,
    Sku,
    Title,
    Variant,
    Quantity,
    UnitPrice,
    ImageUrl,
    Returnable,
    ParentSku,
    Carrier,
    TrackingNumber,
    /// Shopify's `Fulfillment Status` (fulfilled, partial, unfulfilled, restocked) or
    /// WooCommerce's `Order Status` (completed, processing, on-hold, cancelled, refunded…).
    FulfillmentStatus,
    /// When the order was sent: Shopify's `Fulfilled at`, WooCommerce's `Date completed`.
    FulfilledAt,
    /// When it reached the shopper: returns open, and the window counts from it.
    DeliveredAt,
    /// The order's tags, separated by commas (Shopify's `Tags`): what tag rules read.
    OrderTags,
}

impl ImportField {
    pub const ALL: [ImportField; 26] = [
        ImportField::OrderNumber,
        ImportField::CustomerName,
        ImportField::Email,
        ImportField::Phone,
        ImportField::AddressLine1,
        ImportField::AddressLine2,
        ImportField::City,
        ImportField::Region,
        ImportField::PostalCode,
        ImportField::Country,
        ImportField::Currency,
        ImportField::PlacedAt,
        ImportField::Sku,
        ImportField::Title,
        ImportField::Variant,
        ImportField::Quantity,
        ImportField::UnitPrice,
        ImportField::ImageUrl,
        ImportField::Returnable,
        ImportField::ParentSku,
        ImportField::Carrier,
        ImportField::TrackingNumber,
        ImportField::FulfillmentStatus,
        ImportField::FulfilledAt,
        ImportField::DeliveredAt,
        ImportField::OrderTags,
    ];

    /// Without these a row cannot become an order line. The customer's name is not among
    /// them: without it the email stands in (WooCommerce exports split first and last names).
    pub fn required(self) -> bool {
        matches!(
            self,
            ImportField::OrderNumber
                | ImportField::Email
                | ImportField::AddressLine1
                | ImportField::City
                | ImportField::PostalCode
                | ImportField::Country
                | ImportField::Currency
                | ImportField::PlacedAt
                | ImportField::Sku
                | ImportField::Title
                | ImportField::Quantity
                | ImportField::UnitPrice
        )
    }

    /// The snake_case name, as in JSON and in our CSV template's header.
    pub fn key(self) -> &'static str {
        match self {
            ImportField::OrderNumber => "order_number",
            ImportField::CustomerName => "customer_name",
            ImportField::Email => "email",
            ImportField::Phone => "phone",
            ImportField::AddressLine1 => "address_line1",
            ImportField::AddressLine2 => "address_line2",
            ImportField::City => "city",
            ImportField::Region => "region",
            ImportField::PostalCode => "postal_code",
            ImportField::Country => "country",
            ImportField::Currency => "currency",
            ImportField::PlacedAt => "placed_at",
            ImportField::Sku => "sku",
            ImportField::Title => "title",
            ImportField::Variant => "variant",
            ImportField::Quantity => "quantity",
            ImportField::UnitPrice => "unit_price",
            ImportField::ImageUrl => "image_url",
            ImportField::Returnable => "returnable",
            ImportField::ParentSku => "parent_sku",
            ImportField::Carrier => "carrier",
            ImportField::TrackingNumber => "tracking_number",
            ImportField::FulfillmentStatus => "fulfillment_status",
            ImportField::FulfilledAt => "fulfilled_at",
            ImportField::DeliveredAt => "delivered_at",
            ImportField::OrderTags => "order_tags",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Uploaded and parsed far enough to show columns and a preview; waiting for a mapping.
    Uploaded,
    Running,
    Completed,
    /// The file itself could not be read past some point (the report says why).
    Failed,
}

/// Column mapping: our field → the file's column header, as listed in `ImportView::columns`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartImport {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::api::schemas::column_mapping))]
    pub mapping: BTreeMap<ImportField, String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportView {
    pub id: Uuid,
    pub file_name: String,
    pub status: ImportStatus,
    /// How the file's bytes were read: `utf-8`, `utf-16le`, `utf-16be` or `windows-1252`
    /// (what Excel writes when it does not write UTF-8).
    #[serde(default)]
    pub encoding: String,
    /// The file's header row.
    pub columns: Vec<String>,
    /// Up to the first five data rows, cells in column order.
    pub preview: Vec<Vec<String>>,
    /// A guess from the header names; the dashboard pre-fills the mapping with it.
    pub suggested_mapping: BTreeMap<ImportField, String>,
    /// Data rows in the file (known once uploaded).
    pub total_rows: u64,
    pub processed_rows: u64,
    /// Orders created and orders updated.
    pub orders_created: u64,
    pub orders_updated: u64,
    pub rows_rejected: u64,
    /// Of the orders imported, how many are now delivered (shoppers can start returns), shipped
    /// (tracking only until delivered) and not shipped (the address can still change).
    #[serde(default)]
    pub orders_delivered: u64,
    #[serde(default)]
    pub orders_shipped: u64,
    #[serde(default)]
    pub orders_not_shipped: u64,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// One rejected row: its 1-based line number in the file (the header is line 1), the field
/// at fault when there is one, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectedRow {
    pub line: u64,
    pub field: Option<ImportField>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RejectedRowPage {
    pub rows: Vec<RejectedRow>,
    pub next_cursor: Option<String>,
}
