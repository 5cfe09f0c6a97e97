//! The mapping the dashboard pre-fills: header names matched to our fields, forgiving case,
//! spacing, punctuation and the usual synonyms (Shopify's export names included).

use rebound_shared::api::imports::ImportField;
use std::collections::BTreeMap;

/// Header names reduced to letters and digits, accents folded, `#` read as "number":
/// "Order #", "order_number" and "Order Number" all become `ordernumber`, "Livré le" `livrele`.
pub fn normalise_header(name: &str) -> String {
    name.to_lowercase()
        .replace('#', "number")
        .replace("n°", "number")
        .chars()
        .flat_map(fold_accent)
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// A French (or other Latin) letter without its accent, so "Date d'expédition" is matched
/// by the same synonym whichever way the spreadsheet kept it.
fn fold_accent(c: char) -> Vec<char> {
    let plain = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
        'û' | 'ü' | 'ú' | 'ù' => 'u',
        'ÿ' => 'y',
        'ñ' => 'n',
        'œ' => return vec!['o', 'e'],
        'æ' => return vec!['a', 'e'],
        other => other,
    };
    vec![plain]
}

/// Header names (normalised) that mean each field, our own key first, then English and French
/// names seen in Shopify's and WooCommerce's exports. Shopify's prefixed names ("Lineitem
/// sku", "Shipping Zip") and WooCommerce's suffixed ones ("City (Shipping)") match once the
/// prefix or suffix is set aside (see [`fit`]).
fn synonyms(field: ImportField) -> &'static [&'static str] {
    use ImportField::*;
    match field {
        OrderNumber => &[
            "ordernumber",
            "order",
            "orderno",
            "orderid",
            "ordername",
            "orderref",
            "numerodecommande",
            "commande",
        ],
        CustomerName => &[
            "customername",
            "customer",
            "fullname",
            "name",
            "recipient",
            "shipto",
            "client",
            "nomduclient",
            "nom",
            "destinataire",
        ],
        Email => &[
            "email",
            "emailaddress",
            "customeremail",
            "mail",
            "courriel",
            "adressecourriel",
        ],
        Phone => &["phone", "phonenumber", "telephone", "tel", "mobile"],
        AddressLine1 => &[
            "addressline1",
            "address1",
            "address",
            "street",
            "line1",
            "streetaddress",
            "address12",
            "adresse",
            "adresse1",
        ],
        AddressLine2 => &[
            "addressline2",
            "address2",
            "line2",
            "apartment",
            "suite",
            "adresse2",
        ],
        City => &["city", "town", "ville"],
        Region => &[
            "region",
            "province",
            "state",
            "provincecode",
            "statecode",
            "county",
        ],
        PostalCode => &[
            "postalcode",
            "postcode",
            "zip",
            "zipcode",
            "postal",
            "plz",
            "codepostal",
        ],
        Country => &["country", "countrycode", "pays"],
        Currency => &["currency", "currencycode", "ordercurrency", "devise"],
        PlacedAt => &[
            "placedat",
            "orderdate",
            "date",
            "createdat",
            "orderedat",
            "purchasedate",
            "datedecommande",
            "datedelacommande",
        ],
        Sku => &["sku", "productsku", "itemsku", "variantsku"],
        Title => &[
            "title",
            "productname",
            "product",
            "itemname",
            "producttitle",
            "item",
            "produit",
            "nomduproduit",
        ],
        Variant => &[
            "variant",
            "varianttitle",
            "option",
            "size",
            "productvariation",
            "variation",
        ],
        Quantity => &["quantity", "qty", "units", "quantite"],
        UnitPrice => &[
            "unitprice",
            "price",
            "itemprice",
            "priceeach",
            "itemcost",
            "prix",
            "prixunitaire",
        ],
        ImageUrl => &["imageurl", "image", "imagesrc", "picture"],
        Returnable => &["returnable", "isreturnable", "canreturn"],
        ParentSku => &["parentsku", "attachedto", "bundlesku"],
        Carrier => &[
            "carrier",
            "trackingcompany",
            "shippingcarrier",
            "courier",
            "transporteur",
        ],
        TrackingNumber => &[
            "trackingnumber",
            "tracking",
            "trackingno",
            "trackingcode",
            "numerodesuivi",
        ],
        FulfillmentStatus => &[
            "fulfillmentstatus",
            "fulfilmentstatus",
            "orderstatus",
            "status",
            "shipmentstatus",
            "shippingstatus",
            "statutdelacommande",
            "statutdetraitement",
            "statutdexpedition",
            "statut",
            "etat",
            "etatdelacommande",
        ],
        FulfilledAt => &[
            "fulfilledat",
            "fulfillmentdate",
            "fulfilmentdate",
            "fulfilleddate",
            "shippedat",
            "shippeddate",
            "shipdate",
            "dispatchedat",
            "dispatchdate",
            "datecompleted",
            "completeddate",
            "completedat",
            "traitele",
            "expediele",
            "datedexpedition",
            "dateexpedition",
            "dateterminee",
        ],
        OrderTags => &["tags", "ordertags", "etiquettes", "etiquettesdelacommande"],
        DeliveredAt => &[
            "deliveredat",
            "deliverydate",
            "delivereddate",
            "datedelivered",
            "livrele",
            "datedelivraison",
            "datelivraison",
        ],
    }
}

/// The fields a line item carries; Shopify names them `Lineitem …`.
fn is_item_field(field: ImportField) -> bool {
    use ImportField::*;
    matches!(
        field,
        Sku | Title | Variant | Quantity | UnitPrice | ImageUrl | Returnable | ParentSku
    )
}

/// How well a header name fits a field, and which synonym an affixed name matched (earlier
/// synonyms win a tie: Shopify's `Shipping Address1` over its `Shipping Street`, which joins
/// both lines).
/// Exact synonym 3; an item field behind a `lineitem`/`item` prefix, or an order field behind a
/// `shipping` prefix or suffix, 2; behind `billing`, 1 (the shipping address is the one returns
/// go back from). The affixes only apply to their own kind of field: `Lineitem name` is a
/// product, never the customer.
fn fit(normalised: &str, field: ImportField) -> (u8, usize) {
    let names = synonyms(field);
    let rank = |name: &str| names.iter().position(|n| *n == name);
    // Exact names tie by position only (the leftmost wins), as the merchant laid them out.
    if rank(normalised).is_some() {
        return (3, 0);
    }
    let affixes: &[(&str, u8)] = if is_item_field(field) {
        &[("lineitem", 2), ("item", 2)]
    } else {
        &[("shipping", 2), ("billing", 1)]
    };
    for (affix, score) in affixes {
        let rest = normalised
            .strip_prefix(affix)
            .or_else(|| normalised.strip_suffix(affix));
        if let Some(r) = rest.and_then(rank) {
            return (*score, r);
        }
    }
    if field == ImportField::Title && normalised == "lineitemname" {
        return (2, 0);
    }
    (0, 0)
}

/// What a bare `Name` column holds. In Shopify's export (it has `Lineitem …` columns) it is the
/// order ("#1001"); in WooCommerce's (SKU beside it, no product column) it is the product; in a
/// hand-made file, the customer.
fn bare_name_means(normalised: &[String]) -> ImportField {
    let has = |wanted: &[&str]| normalised.iter().any(|n| wanted.contains(&n.as_str()));
    if normalised.iter().any(|n| n.starts_with("lineitem")) {
        ImportField::OrderNumber
    } else if has(synonyms(ImportField::Sku))
        && !has(synonyms(ImportField::Title))
        && !has(&["customername", "customer", "fullname"])
    {
        ImportField::Title
    } else {
        ImportField::CustomerName
    }
}

/// A guess of the mapping from the header names; each column is used at most once.
pub fn suggest_mapping(columns: &[String]) -> BTreeMap<ImportField, String> {
    let normalised: Vec<String> = columns.iter().map(|c| normalise_header(c)).collect();
    let name_means = bare_name_means(&normalised);
    let mut used = vec![false; columns.len()];
    let mut out = BTreeMap::new();
    for field in ImportField::ALL {
        let best = normalised
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, n)| {
                let fit = if n == "name" {
                    (u8::from(field == name_means) * 3, 0)
                } else {
                    fit(n, field)
                };
                (i, fit)
            })
            .filter(|(_, (score, _))| *score > 0)
            // Highest score, then the earlier synonym, then leftmost.
            .max_by_key(|(i, (score, rank))| {
                (*score, std::cmp::Reverse(*rank), std::cmp::Reverse(*i))
            });
        if let Some((i, _)) = best {
            used[i] = true;
            out.insert(field, columns[i].clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_mapping_from_common_names() {
        let columns: Vec<String> = [
            "Order #",
            "Customer",
            "E-mail",
            "Shipping Address1",
            "Shipping City",
            "Zip",
            "Country",
            "Currency",
            "Date",
            "Lineitem sku",
            "Lineitem name",
            "Qty",
            "Price",
            "Billing Zip",
            "Postcode ",
        ]
        .map(String::from)
        .to_vec();
        let m = suggest_mapping(&columns);
        let get = |f| m.get(&f).map(String::as_str);
        assert_eq!(get(ImportField::OrderNumber), Some("Order #"));
        assert_eq!(get(ImportField::Email), Some("E-mail"));
        assert_eq!(get(ImportField::PostalCode), Some("Zip"));
        assert_eq!(get(ImportField::Sku), Some("Lineitem sku"));
        assert_eq!(get(ImportField::Title), Some("Lineitem name"));
        assert_eq!(get(ImportField::Quantity), Some("Qty"));
        assert_eq!(get(ImportField::UnitPrice), Some("Price"));
        assert_eq!(get(ImportField::AddressLine1), Some("Shipping Address1"));
        assert_eq!(get(ImportField::CustomerName), Some("Customer"));
        let shopify =
            suggest_mapping(&["Name".into(), "Shipping Name".into(), "Lineitem sku".into()]);
        assert_eq!(
            shopify.get(&ImportField::OrderNumber).map(String::as_str),
            Some("Name")
        );
        assert_eq!(
            shopify.get(&ImportField::CustomerName).map(String::as_str),
            Some("Shipping Name")
        );
    }
}
