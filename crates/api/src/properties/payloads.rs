//! Shopify and WooCommerce deliveries: the platforms' own sample payloads (the fixtures the API
//! tests post), mutated (fields removed, nulled, or given another type or an extreme value),
//! either map or are refused with a field and a sentence (the inbound endpoint's 422), and
//! never panic.

use crate::services::integrations::mapping::{ShopEvent, Unmappable};
use crate::services::integrations::shopify::{self, ShopifyTopic};
use crate::services::integrations::woocommerce::{self, WooCommerceTopic};
use proptest::prelude::*;
use serde_json::{Number, Value, json};
use std::collections::BTreeSet;

const SHOPIFY_ORDER: &str = include_str!("../../tests/api/fixtures/shopify/orders_create.json");
const SHOPIFY_FULFILLMENT: &str =
    include_str!("../../tests/api/fixtures/shopify/fulfillments_create.json");
const SHOPIFY_PRODUCT: &str = include_str!("../../tests/api/fixtures/shopify/products_update.json");
const WOO_ORDER: &str = include_str!("../../tests/api/fixtures/woocommerce/order.json");
const WOO_PRODUCT: &str = include_str!("../../tests/api/fixtures/woocommerce/product.json");

/// The payload types' field names, read from their source: mutations aim at what the mapping
/// reads (most of a sample payload is ignored), so a new field is aimed at without editing.
fn mapped_keys() -> BTreeSet<String> {
    [
        include_str!("../services/integrations/shopify.rs"),
        include_str!("../services/integrations/woocommerce.rs"),
        include_str!("../services/integrations/products.rs"),
    ]
    .iter()
    .flat_map(|source| source.lines())
    .filter_map(|line| line.trim().strip_prefix("pub ")?.split_once(':'))
    .map(|(name, _)| name.trim().to_owned())
    .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
    .collect()
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(value: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                here.push(Step::Key(key.clone()));
                out.push(here.clone());
                paths(inner, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                here.push(Step::Index(i));
                out.push(here.clone());
                paths(inner, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Remove,
    Replace(Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let text = prop_oneof![
        Just(String::new()),
        Just("-1".to_owned()),
        Just("1e400".to_owned()),
        Just("99999999999999999999999.99".to_owned()),
        Just("0.001".to_owned()),
        Just("2026-13-45T25:61:00Z".to_owned()),
        Just("ZZZ".to_owned()),
        "\\PC{0,12}",
    ];
    let number = prop_oneof![
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(i64::MAX)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        Just(json!(1e300)),
        Just(json!(-0.5)),
        any::<i32>().prop_map(|n| json!(n)),
    ];
    prop_oneof![
        Just(Mutation::Remove),
        Just(Mutation::Replace(Value::Null)),
        text.prop_map(|t| Mutation::Replace(Value::String(t))),
        number.prop_map(Mutation::Replace),
        any::<bool>().prop_map(|b| Mutation::Replace(Value::Bool(b))),
        Just(Mutation::Replace(json!([]))),
        Just(Mutation::Replace(json!({}))),
        Just(Mutation::Replace(Value::Number(Number::from(7)))),
    ]
}

fn apply(root: &mut Value, path: &[Step], mutation: Mutation) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = root;
    for step in parents {
        let next = match (step, at) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k),
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i),
            _ => None,
        };
        match next {
            Some(inner) => at = inner,
            None => return,
        }
    }
    match (last, at, mutation) {
        (Step::Key(k), Value::Object(map), Mutation::Remove) => {
            map.remove(k);
        }
        (Step::Index(i), Value::Array(items), Mutation::Remove) if *i < items.len() => {
            items.remove(*i);
        }
        (Step::Key(k), Value::Object(map), Mutation::Replace(v)) => {
            map.insert(k.clone(), v);
        }
        (Step::Index(i), Value::Array(items), Mutation::Replace(v)) => {
            if let Some(slot) = items.get_mut(*i) {
                *slot = v;
            }
        }
        _ => {}
    }
}

/// `sample` with each of `mutations` applied to a path picked by its index: mostly among the
/// fields the mapping reads, sometimes anywhere.
fn mutated(
    sample: &str,
    mutations: &[(bool, usize, Mutation)],
    keys: &BTreeSet<String>,
) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(sample).unwrap_or(Value::Null);
    for (aimed, pick, mutation) in mutations {
        let mut all = Vec::new();
        paths(&value, &mut Vec::new(), &mut all);
        let read: Vec<&Vec<Step>> = all
            .iter()
            .filter(|p| matches!(p.last(), Some(Step::Key(k)) if keys.contains(k)))
            .collect();
        let pool: Vec<&Vec<Step>> = if *aimed && !read.is_empty() {
            read
        } else {
            all.iter().collect()
        };
        if let Some(path) = pool.get(pick % pool.len().max(1)) {
            let path = (*path).clone();
            apply(&mut value, &path, mutation.clone());
        }
    }
    serde_json::to_vec(&value).unwrap_or_default()
}

fn mapped_or_named(result: Result<ShopEvent, Unmappable>) -> Result<(), TestCaseError> {
    if let Err(refused) = result {
        prop_assert!(!refused.field.trim().is_empty(), "{:?}", refused);
        prop_assert!(!refused.detail.trim().is_empty(), "{:?}", refused);
    }
    Ok(())
}

#[test]
fn the_samples_map_as_they_are() {
    let samples: [(&str, Result<ShopEvent, Unmappable>); 5] = [
        (
            "shopify order",
            shopify::map(ShopifyTopic::OrdersCreate, SHOPIFY_ORDER.as_bytes()),
        ),
        (
            "shopify fulfillment",
            shopify::map(
                ShopifyTopic::FulfillmentsCreate,
                SHOPIFY_FULFILLMENT.as_bytes(),
            ),
        ),
        (
            "shopify product",
            shopify::map(ShopifyTopic::ProductsUpdate, SHOPIFY_PRODUCT.as_bytes()),
        ),
        (
            "woo order",
            woocommerce::map(WooCommerceTopic::OrderCreated, WOO_ORDER.as_bytes()),
        ),
        (
            "woo product",
            woocommerce::map(WooCommerceTopic::ProductUpdated, WOO_PRODUCT.as_bytes()),
        ),
    ];
    for (what, result) in samples {
        assert!(result.is_ok(), "{what}: {result:?}");
    }
    assert!(mapped_keys().contains("line_items"));
}

fn mutations() -> impl Strategy<Value = Vec<(bool, usize, Mutation)>> {
    prop::collection::vec(
        (prop::bool::weighted(0.8), any::<usize>(), mutation()),
        1..5,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn a_mutated_shopify_delivery_maps_or_names_a_field(
        which in 0_usize..5,
        mutations in mutations(),
    ) {
        let keys = mapped_keys();
        let (topic, sample) = [
            (ShopifyTopic::OrdersCreate, SHOPIFY_ORDER),
            (ShopifyTopic::OrdersUpdated, SHOPIFY_ORDER),
            (ShopifyTopic::OrdersCancelled, SHOPIFY_ORDER),
            (ShopifyTopic::FulfillmentsCreate, SHOPIFY_FULFILLMENT),
            (ShopifyTopic::ProductsUpdate, SHOPIFY_PRODUCT),
        ][which];
        let body = mutated(sample, &mutations, &keys);
        mapped_or_named(shopify::map(topic, &body))?;
    }

    #[test]
    fn a_mutated_woocommerce_delivery_maps_or_names_a_field(
        product in any::<bool>(),
        mutations in mutations(),
    ) {
        let keys = mapped_keys();
        let (topic, sample) = if product {
            (WooCommerceTopic::ProductUpdated, WOO_PRODUCT)
        } else {
            (WooCommerceTopic::OrderCreated, WOO_ORDER)
        };
        let body = mutated(sample, &mutations, &keys);
        mapped_or_named(woocommerce::map(topic, &body))?;
    }

    #[test]
    fn any_bytes_as_a_delivery_are_refused_naming_the_payload(
        body in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        mapped_or_named(shopify::map(ShopifyTopic::OrdersCreate, &body))?;
        mapped_or_named(woocommerce::map(WooCommerceTopic::OrderCreated, &body))?;
    }
}
