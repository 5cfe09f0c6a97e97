//! From rows to orders: rows grouped by order number (anywhere in the file), each group checked
//! with the same rules as `PUT /orders/{number}`. A bad row is set aside with its line, field
//! and reason; the others go on.

use super::parse::Row;
use super::{cells, fulfilled};
use crate::error::ApiError;
use crate::services::orders::batch::{CheckedOrder, ShipmentLine, checked_order};
use crate::services::orders::fulfilment::Mark;
use rebound_shared::api::imports::ImportField;
use rebound_shared::api::orders::{Address, OrderItemInput, UpsertOrder, UpsertShipment};
use std::collections::{BTreeMap, HashMap, HashSet};
use validator::Validate;

/// Cells kept for the report are cut to this many characters: enough to find the row.
const REPORTED_CELL_CHARS: usize = 1000;

/// The order-level fields: every row of an order carries them (or leaves them blank).
const ORDER_FIELDS: [ImportField; 15] = [
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
    ImportField::FulfillmentStatus,
    ImportField::FulfilledAt,
    ImportField::DeliveredAt,
    ImportField::OrderTags,
];

/// Which cell holds each mapped field.
#[derive(Debug, Clone)]
pub struct Mapping(BTreeMap<ImportField, usize>);

impl Mapping {
    /// The mapping by column name, against the header (names already checked to exist).
    pub fn new(by_name: &BTreeMap<ImportField, String>, header: &[String]) -> Mapping {
        Mapping(
            by_name
                .iter()
                .filter_map(|(f, name)| Some((*f, header.iter().position(|h| h == name)?)))
                .collect(),
        )
    }

    /// The field's cell, trimmed; blank when unmapped.
    fn get<'a>(&self, cells: &'a [String], field: ImportField) -> &'a str {
        self.0
            .get(&field)
            .and_then(|i| cells.get(*i))
            .map_or("", |c| c.trim())
    }

    fn optional(&self, cells: &[String], field: ImportField) -> Option<String> {
        Some(self.get(cells, field))
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
    }
}

/// A row that will not be imported, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub line: u64,
    pub field: Option<ImportField>,
    pub reason: String,
    pub cells: Vec<String>,
}

fn reject(line: u64, cells: &[String], field: Option<ImportField>, reason: String) -> Rejection {
    Rejection {
        line,
        field,
        reason,
        cells: cells
            .iter()
            .map(|c| {
                if c.chars().count() > REPORTED_CELL_CHARS {
                    format!(
                        "{}…",
                        c.chars().take(REPORTED_CELL_CHARS).collect::<String>()
                    )
                } else {
                    c.clone()
                }
            })
            .collect(),
    }
}

/// The rows of one order number, in file order.
#[derive(Debug, Clone)]
pub struct Group {
    pub number: String,
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Rows grouped by order number in order of first appearance, and the rows that could not be
/// given to any order (malformed, no number).
pub fn group_rows(
    rows: impl Iterator<Item = Row>,
    mapping: &Mapping,
) -> (Vec<Group>, Vec<Rejection>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut loose = Vec::new();
    for row in rows {
        let (line, cells) = match row {
            Row::Cells { line, cells } => (line, cells),
            Row::Malformed {
                line,
                cells,
                reason,
            } => {
                loose.push(reject(line, &cells, None, reason));
                continue;
            }
        };
        let number = mapping.get(&cells, ImportField::OrderNumber);
        let problem = if number.is_empty() {
            Some("the order number is missing".to_owned())
        } else if let Some(reason) = cells::refused_cell(number) {
            Some(reason.to_owned())
        } else if number.chars().count() > 64 {
            Some("use 1 to 64 characters".to_owned())
        } else {
            None
        };
        if let Some(reason) = problem {
            loose.push(reject(line, &cells, Some(ImportField::OrderNumber), reason));
            continue;
        }
        let at = *index.entry(number.to_owned()).or_insert_with(|| {
            groups.push(Group {
                number: number.to_owned(),
                rows: Vec::new(),
            });
            groups.len() - 1
        });
        groups[at].rows.push((line, cells));
    }
    (groups, loose)
}

/// An order ready to be written, with the shipments its rows carry.
#[derive(Debug, Clone)]
pub struct Planned {
    pub order: CheckedOrder,
    pub shipments: Vec<ShipmentLine>,
    /// Shipped or delivered by the fulfilment columns; `None` when not shipped.
    pub fulfilment: Option<Mark>,
}

/// One row as an item, or the field that stops it.
struct ItemRow {
    line: u64,
    item: OrderItemInput,
    shipment: Option<ShipmentLine>,
}

/// Checks one order's rows. The order is `None` when no row of it can be imported.
pub fn plan_order(group: &Group, mapping: &Mapping) -> (Option<Planned>, Vec<Rejection>) {
    let mut rejected = Vec::new();
    let cells_of: HashMap<u64, &Vec<String>> = group.rows.iter().map(|(l, c)| (*l, c)).collect();
    let reject_all = |field: ImportField, reason: String, source: Option<u64>| {
        group
            .rows
            .iter()
            .map(|(line, cells)| {
                let reason = match source {
                    Some(s) if s != *line => format!("{reason} (line {s} of this order)"),
                    _ => reason.clone(),
                };
                reject(*line, cells, Some(field), reason)
            })
            .collect::<Vec<_>>()
    };

    // Order-level fields: the first non-blank value of each, which no other row may contradict
    // (Shopify's export fills them on an order's first row only).
    let mut head: BTreeMap<ImportField, (String, u64)> = BTreeMap::new();
    for field in ORDER_FIELDS {
        for (line, cells) in &group.rows {
            let value = mapping.get(cells, field);
            if value.is_empty() {
                continue;
            }
            if let Some(reason) = cells::refused_cell(value) {
                return (None, reject_all(field, reason.into(), Some(*line)));
            }
            match head.get(&field) {
                None => {
                    head.insert(field, (value.to_owned(), *line));
                }
                Some((first, first_line))
                    if comparable(field, first) != comparable(field, value) =>
                {
                    let reason = format!(
                        "the rows of order {} disagree on {}: \"{}\" on line {first_line}, \"{}\" on line {line}",
                        group.number,
                        field.key(),
                        cells::clip(first),
                        cells::clip(value)
                    );
                    return (None, reject_all(field, reason, None));
                }
                Some(_) => {}
            }
        }
    }
    let value = |f: ImportField| head.get(&f).map(|(v, _)| v.clone());
    let currency = value(ImportField::Currency)
        .unwrap_or_default()
        .to_uppercase();
    // Prices are read with the currency's exponent, so an unknown currency sets the order aside
    // before any price is read.
    if let Err(e) = rebound_shared::domain::Currency::parse(&currency) {
        let source = head.get(&ImportField::Currency).map(|(_, l)| *l);
        let reason = e.message.map(|m| m.into_owned()).unwrap_or_default();
        return (None, reject_all(ImportField::Currency, reason, source));
    }
    let placed_at = match cells::parse_placed_at(&value(ImportField::PlacedAt).unwrap_or_default())
    {
        Ok(at) => at,
        Err(reason) => {
            let source = head.get(&ImportField::PlacedAt).map(|(_, l)| *l);
            return (None, reject_all(ImportField::PlacedAt, reason, source));
        }
    };
    let fulfilment = match fulfilled::planned_mark(
        &value(ImportField::FulfillmentStatus).unwrap_or_default(),
        &value(ImportField::FulfilledAt).unwrap_or_default(),
        &value(ImportField::DeliveredAt).unwrap_or_default(),
        placed_at,
    ) {
        Ok(mark) => mark,
        Err((field, reason)) => {
            let source = head.get(&field).map(|(_, l)| *l);
            return (None, reject_all(field, reason, source));
        }
    };

    let mut items: Vec<ItemRow> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in &group.rows {
        match item_row(*line, cells, mapping, &currency) {
            Err((field, reason)) => rejected.push(reject(*line, cells, Some(field), reason)),
            Ok(row) => match seen.get(&row.item.sku) {
                Some(first) => rejected.push(reject(
                    *line,
                    cells,
                    Some(ImportField::Sku),
                    format!(
                        "SKU {} is already on line {first} of order {}; put the whole quantity on one row",
                        cells::clip(&row.item.sku),
                        group.number
                    ),
                )),
                None => {
                    seen.insert(row.item.sku.clone(), *line);
                    items.push(row);
                }
            },
        }
    }

    // Attachments must point at an item of the same order; dropping one can orphan another.
    loop {
        let skus: HashSet<String> = items.iter().map(|r| r.item.sku.clone()).collect();
        let orphan = items.iter().position(|r| {
            r.item
                .parent_sku
                .as_ref()
                .is_some_and(|p| !skus.contains(p) || *p == r.item.sku)
        });
        let Some(i) = orphan else { break };
        let row = items.remove(i);
        rejected.push(reject(
            row.line,
            cells_of[&row.line],
            Some(ImportField::ParentSku),
            format!(
                "attached to SKU {}, which is not an item of order {}",
                cells::clip(row.item.parent_sku.as_deref().unwrap_or_default()),
                group.number
            ),
        ));
    }

    // The shared rules; an item's fault sets aside its row, an order's fault all of them.
    loop {
        if items.is_empty() {
            return (None, rejected);
        }
        let input = UpsertOrder {
            // WooCommerce splits first and last names and a hand-made file may have none: the
            // email names the customer rather than the file being refused.
            customer_name: value(ImportField::CustomerName)
                .or_else(|| value(ImportField::Email))
                .unwrap_or_default(),
            email: value(ImportField::Email).unwrap_or_default(),
            phone: value(ImportField::Phone),
            shipping_address: Address {
                line1: value(ImportField::AddressLine1).unwrap_or_default(),
                line2: value(ImportField::AddressLine2),
                city: value(ImportField::City).unwrap_or_default(),
                region: value(ImportField::Region),
                postal_code: value(ImportField::PostalCode).unwrap_or_default(),
                country: value(ImportField::Country)
                    .unwrap_or_default()
                    .to_uppercase(),
            },
            currency: currency.clone(),
            placed_at,
            items: items.iter().map(|r| r.item.clone()).collect(),
            tags: split_tags(&value(ImportField::OrderTags).unwrap_or_default()),
        };
        let errors = match input.validate() {
            Ok(()) => match checked_order(&group.number, input) {
                Ok(order) => {
                    let mut shipments: Vec<ShipmentLine> = Vec::new();
                    for s in items.into_iter().filter_map(|r| r.shipment) {
                        if !shipments.contains(&s) {
                            shipments.push(s);
                        }
                    }
                    return (
                        Some(Planned {
                            order,
                            shipments,
                            fulfilment,
                        }),
                        rejected,
                    );
                }
                Err(e) => e.errors,
            },
            Err(e) => ApiError::from(e).errors,
        };
        let mut bad_items: Vec<usize> = Vec::new();
        for e in &errors {
            match field_at(&e.field) {
                (Some(i), field) if i < items.len() => {
                    if !bad_items.contains(&i) {
                        bad_items.push(i);
                        let line = items[i].line;
                        rejected.push(reject(line, cells_of[&line], field, e.message.clone()));
                    }
                }
                (_, field) => {
                    let field = field.unwrap_or(ImportField::OrderNumber);
                    let source = head.get(&field).map(|(_, l)| *l);
                    // Rows already set aside keep their own reason.
                    let taken: HashSet<u64> = rejected.iter().map(|r| r.line).collect();
                    let mut all: Vec<Rejection> = reject_all(field, e.message.clone(), source)
                        .into_iter()
                        .filter(|r| !taken.contains(&r.line))
                        .collect();
                    rejected.append(&mut all);
                    rejected.sort_by_key(|r| r.line);
                    return (None, rejected);
                }
            }
        }
        bad_items.sort_unstable();
        for i in bad_items.into_iter().rev() {
            items.remove(i);
        }
    }
}

/// Shopify's `Tags` cell: tags separated by commas, blanks dropped (the order's own rules then
/// trim them, keep each once and check their number and length).
fn split_tags(cell: &str) -> Vec<String> {
    cell.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Values compared across an order's rows the way the order keeps them: case and spacing of
/// emails, codes and postal codes do not count.
fn comparable(field: ImportField, value: &str) -> String {
    match field {
        ImportField::Email
        | ImportField::Country
        | ImportField::Currency
        | ImportField::PostalCode => value
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase(),
        ImportField::PlacedAt | ImportField::FulfilledAt | ImportField::DeliveredAt => {
            cells::parse_placed_at(value)
                .map(|at| at.to_rfc3339())
                .unwrap_or_else(|_| value.to_owned())
        }
        ImportField::FulfillmentStatus => super::suggest::normalise_header(value),
        _ => value.to_owned(),
    }
}

fn item_row(
    line: u64,
    cells: &[String],
    mapping: &Mapping,
    currency: &str,
) -> Result<ItemRow, (ImportField, String)> {
    use ImportField::*;
    for field in [
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
    ] {
        if let Some(reason) = cells::refused_cell(mapping.get(cells, field)) {
            return Err((field, reason.into()));
        }
    }
    let quantity =
        cells::parse_quantity(mapping.get(cells, Quantity)).map_err(|r| (Quantity, r))?;
    let unit_price_minor =
        cells::parse_price(mapping.get(cells, UnitPrice), currency).map_err(|r| (UnitPrice, r))?;
    let returnable =
        cells::parse_returnable(mapping.get(cells, Returnable)).map_err(|r| (Returnable, r))?;
    let carrier = mapping.get(cells, Carrier);
    let tracking: String = mapping
        .get(cells, TrackingNumber)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let shipment = match (carrier.is_empty(), tracking.is_empty()) {
        (true, true) => None,
        (true, false) => return Err((Carrier, "give the carrier of this tracking number".into())),
        (false, true) => {
            return Err((
                TrackingNumber,
                "give a tracking number for this carrier".into(),
            ));
        }
        (false, false) => {
            let check = UpsertShipment {
                carrier: carrier.to_owned(),
                service: crate::services::orders::batch::IMPORTED_SERVICE.into(),
                tracking_number: tracking.clone(),
                estimated_delivery: None,
            };
            if let Err(e) = check.validate() {
                let e = ApiError::from(e);
                let first = e.errors.first();
                let field = match first.map(|f| f.field.as_str()) {
                    Some("carrier") => Carrier,
                    _ => TrackingNumber,
                };
                return Err((field, first.map(|f| f.message.clone()).unwrap_or_default()));
            }
            Some(ShipmentLine {
                carrier: carrier.to_owned(),
                tracking_number: tracking,
            })
        }
    };
    Ok(ItemRow {
        line,
        item: OrderItemInput {
            sku: mapping.get(cells, Sku).to_owned(),
            title: mapping.get(cells, Title).to_owned(),
            variant: mapping.optional(cells, Variant),
            quantity,
            unit_price_minor,
            image_url: mapping.optional(cells, ImageUrl),
            returnable,
            parent_sku: mapping.optional(cells, ParentSku),
            tags: Vec::new(),
        },
        shipment,
    })
}

/// The row (by item index) and the field a validation error names.
fn field_at(path: &str) -> (Option<usize>, Option<ImportField>) {
    use ImportField::*;
    if let Some(rest) = path.strip_prefix("items[") {
        let (index, sub) = rest.split_once(']').unwrap_or((rest, ""));
        let field = match sub.trim_start_matches('.') {
            "sku" => Some(Sku),
            "title" => Some(Title),
            "variant" => Some(Variant),
            "quantity" => Some(Quantity),
            "unit_price_minor" => Some(UnitPrice),
            "image_url" => Some(ImageUrl),
            "returnable" => Some(Returnable),
            "parent_sku" => Some(ParentSku),
            _ => None,
        };
        return (index.parse().ok(), field);
    }
    let field = match path.trim_start_matches("shipping_address.") {
        "number" => OrderNumber,
        "customer_name" => CustomerName,
        "email" => Email,
        "phone" => Phone,
        "line1" => AddressLine1,
        "line2" => AddressLine2,
        "city" => City,
        "region" => Region,
        "postal_code" => PostalCode,
        "country" => Country,
        "currency" => Currency,
        "placed_at" => PlacedAt,
        _ => return (None, None),
    };
    (None, Some(field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::orders::imports::{parse, suggest};

    const HEADER: &str =
        "order,name,email,address,city,zip,country,currency,date,sku,title,qty,price,parent\n";

    fn plan(body: &str) -> (Vec<Planned>, Vec<Rejection>) {
        let text = format!("{HEADER}{body}");
        let (header, rows) = parse::read_header(&text).expect("header");
        let mut by_name = suggest::suggest_mapping(&header);
        by_name.insert(ImportField::CustomerName, "name".into());
        by_name.insert(ImportField::ParentSku, "parent".into());
        let mapping = Mapping::new(&by_name, &header);
        let (groups, mut rejected) = group_rows(rows, &mapping);
        let mut planned = Vec::new();
        for g in &groups {
            let (order, mut r) = plan_order(g, &mapping);
            planned.extend(order);
            rejected.append(&mut r);
        }
        rejected.sort_by_key(|r| r.line);
        (planned, rejected)
    }

    const ROW: &str = "Jane Doe,jane@example.com,1 Main St,Toronto,M5V2T6,CA,CAD,2026-11-01";

    #[test]
    fn rows_of_one_number_make_one_order_wherever_they_are() {
        let (planned, rejected) = plan(&format!(
            "1001,{ROW},A,Shirt,1,19.99,\n1002,{ROW},A,Shirt,1,5,\n1001,,,,,,,,,B,Warranty,1,2.50,A\n"
        ));
        assert_eq!(rejected, vec![]);
        assert_eq!(planned.len(), 2);
        let first = &planned[0].order;
        assert_eq!(first.number, "1001");
        assert_eq!(first.input.items.len(), 2);
        assert_eq!(first.input.items[0].unit_price_minor, 1999);
        assert_eq!(first.input.items[1].parent_sku.as_deref(), Some("A"));
        assert_eq!(first.input.shipping_address.postal_code, "M5V 2T6");
    }

    #[test]
    fn a_bad_item_row_is_set_aside_and_the_order_goes_on() {
        let (planned, rejected) = plan(&format!(
            "1001,{ROW},A,Shirt,1,19.99,\n1001,{ROW},B,Hat,1,-3,\n1001,{ROW},C,=cmd(),1,3,\n"
        ));
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].order.input.items.len(), 1);
        let got: Vec<(u64, Option<ImportField>)> =
            rejected.iter().map(|r| (r.line, r.field)).collect();
        assert_eq!(
            got,
            vec![
                (3, Some(ImportField::UnitPrice)),
                (4, Some(ImportField::Title))
            ]
        );
        assert!(rejected[1].reason.contains("formula"));
    }

    #[test]
    fn disagreeing_rows_reject_the_order() {
        let other = ROW.replace("jane@", "john@");
        let (planned, rejected) = plan(&format!(
            "1001,{ROW},A,Shirt,1,19.99,\n1001,{other},B,Hat,1,3,\n"
        ));
        assert!(planned.is_empty());
        assert_eq!(rejected.len(), 2);
        assert!(rejected.iter().all(|r| r.field == Some(ImportField::Email)));
        assert!(
            rejected[0].reason.contains("disagree on email"),
            "{}",
            rejected[0].reason
        );
    }

    #[test]
    fn order_level_faults_name_their_field() {
        let bad_postal = ROW.replace("M5V2T6", "90210");
        let bad_email = ROW.replace("jane@example.com", "nope");
        let huge = ROW.replace("Jane Doe", &"x".repeat(1_000_000));
        let (planned, rejected) = plan(&format!(
            "1,{bad_postal},A,Shirt,1,1,\n2,{bad_email},A,Shirt,1,1,\n3,{huge},A,Shirt,1,1,\n4,{ROW},A,Shirt,1,1,\n"
        ));
        assert_eq!(planned.len(), 1);
        let got: Vec<(u64, Option<ImportField>)> =
            rejected.iter().map(|r| (r.line, r.field)).collect();
        assert_eq!(
            got,
            vec![
                (2, Some(ImportField::PostalCode)),
                (3, Some(ImportField::Email)),
                (4, Some(ImportField::CustomerName)),
            ]
        );
        assert!(rejected[2].cells[1].chars().count() <= REPORTED_CELL_CHARS + 1);
    }

    #[test]
    fn duplicate_skus_and_orphan_attachments_are_set_aside() {
        let (planned, rejected) = plan(&format!(
            "1,{ROW},A,Shirt,1,1,\n1,{ROW},A,Shirt,2,1,\n1,{ROW},W,Warranty,1,1,Z\n"
        ));
        assert_eq!(planned[0].order.input.items.len(), 1);
        let got: Vec<(u64, Option<ImportField>)> =
            rejected.iter().map(|r| (r.line, r.field)).collect();
        assert_eq!(
            got,
            vec![
                (3, Some(ImportField::Sku)),
                (4, Some(ImportField::ParentSku))
            ]
        );
    }
}
