//! The mapping the dashboard pre-fills: header names matched to our fields, forgiving case,
//! spacing, punctuation and the usual synonyms (Shopify's export names included).

use rebound_shared::api::imports::ImportField;
use std::collections::BTreeMap;

/// Header names reduced to letters and digits, `#` read as "number": "Order #", "order_number"
/// and "Order Number" all become `ordernumber`.
pub fn normalise_header(name: &str) -> String {
    name.to_lowercase()
        .replace('#', "number")
        .replace("n°", "number")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Header names (normalised) that mean each field, our own key first. Shopify's export names
/// ("Lineitem sku", "Shipping Zip") match once their prefix is set aside.
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
        ],
        CustomerName => &[
            "customername",
            "customer",
            "fullname",
            "name",
            "recipient",
            "shipto",
        ],
        Email => &["email", "emailaddress", "customeremail", "mail"],
        Phone => &["phone", "phonenumber", "telephone", "tel", "mobile"],
        AddressLine1 => &[
            "addressline1",
            "address1",
            "address",
            "street",
            "line1",
            "streetaddress",
        ],
        AddressLine2 => &["addressline2", "address2", "line2", "apartment", "suite"],
        City => &["city", "town"],
        Region => &[
            "region",
            "province",
            "state",
            "provincecode",
            "statecode",
            "county",
        ],
        PostalCode => &["postalcode", "postcode", "zip", "zipcode", "postal", "plz"],
        Country => &["country", "countrycode"],
        Currency => &["currency", "currencycode"],
        PlacedAt => &[
            "placedat",
            "orderdate",
            "date",
            "createdat",
            "orderedat",
            "purchasedate",
        ],
        Sku => &["sku", "productsku", "itemsku", "variantsku"],
        Title => &[
            "title",
            "productname",
            "product",
            "itemname",
            "producttitle",
            "item",
        ],
        Variant => &["variant", "varianttitle", "option", "size"],
        Quantity => &["quantity", "qty", "units"],
        UnitPrice => &["unitprice", "price", "itemprice", "priceeach"],
        ImageUrl => &["imageurl", "image", "imagesrc", "picture"],
        Returnable => &["returnable", "isreturnable", "canreturn"],
        ParentSku => &["parentsku", "attachedto", "bundlesku"],
        Carrier => &["carrier", "trackingcompany", "shippingcarrier", "courier"],
        TrackingNumber => &["trackingnumber", "tracking", "trackingno", "trackingcode"],
    }
}

/// How well a header name fits a field: exact synonym 3, behind a `shipping`/`lineitem`
/// prefix 2, behind `billing` 1 (the shipping address is the one returns go back from).
fn fit(normalised: &str, field: ImportField) -> u8 {
    let names = synonyms(field);
    if names.contains(&normalised) {
        return 3;
    }
    for (prefix, score) in [
        ("shipping", 2),
        ("lineitem", 2),
        ("item", 2),
        ("billing", 1),
    ] {
        if let Some(rest) = normalised.strip_prefix(prefix)
            && names.contains(&rest)
        {
            return score;
        }
    }
    if field == ImportField::Title && normalised == "lineitemname" {
        return 2;
    }
    0
}

/// A guess of the mapping from the header names; each column is used at most once.
pub fn suggest_mapping(columns: &[String]) -> BTreeMap<ImportField, String> {
    let normalised: Vec<String> = columns.iter().map(|c| normalise_header(c)).collect();
    // In Shopify's export "Name" is the order ("#1001"), the customer is "Shipping Name".
    let shopify = normalised.iter().any(|n| n.starts_with("lineitem"));
    let mut used = vec![false; columns.len()];
    let mut out = BTreeMap::new();
    for field in ImportField::ALL {
        let best = normalised
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, n)| {
                let score = if shopify && n == "name" {
                    u8::from(field == ImportField::OrderNumber) * 3
                } else {
                    fit(n, field)
                };
                (i, score)
            })
            .filter(|(_, score)| *score > 0)
            // Highest score, then leftmost.
            .max_by_key(|(i, score)| (*score, std::cmp::Reverse(*i)));
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
