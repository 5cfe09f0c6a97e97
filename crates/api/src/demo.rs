//! The demo merchant: branding, return reasons, staff in each role, ~50 orders with shipments
//! and a few returns, so the one-command run shows a living product. Loaded once; a second start
//! finds the merchant and leaves everything as it is.

use crate::auth::password::hash_password;
use crate::db::entities::{
    merchant, merchant_settings, order, order_item, return_event, return_item, return_reason,
    return_request, shipment, shipment_event, staff,
};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::services::accounts::{NewMerchant, create_merchant};
use chrono::{DateTime, Duration, Utc};
use rebound_shared::Role;
use rebound_shared::api::returns::ReturnActor;
use rebound_shared::api::settings::{Resolution, ReturnMethod};
use rebound_shared::domain::{Email, HexColour, OrderStatus, Slug, TrackingEventKind};
use rebound_shared::domain::{ReturnAction, ReturnStatus, next};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

pub const DEMO_SLUG: &str = "maple";
pub const DEMO_COMPANY: &str = "Maple & Co";
pub const DEMO_EMAIL: &str = "owner@maple.example";
pub const DEMO_PASSWORD: &str = "rebound-demo-2026";
pub const DEMO_PRIMARY: &str = "#B4441C";
pub const DEMO_ORDERS: usize = 50;

/// (sku, title, variant, price in cents)
const CATALOGUE: &[(&str, &str, &str, i64)] = &[
    ("MC-PARKA-01", "Lakeshore Parka", "Forest / M", 28900),
    (
        "MC-FLANNEL-02",
        "Cabin Flannel Shirt",
        "Red check / L",
        7900,
    ),
    ("MC-TOQUE-03", "Merino Toque", "Charcoal", 3400),
    ("MC-BOOT-04", "Trail Boot", "Brown / 42", 21900),
    ("MC-MITTS-05", "Shearling Mitts", "Tan / S", 6900),
    ("MC-SCARF-06", "Alpaca Scarf", "Oat", 5900),
    ("MC-KETTLE-07", "Enamel Camp Kettle", "Cream", 4900),
    ("MC-THERMOS-08", "Insulated Bottle", "Slate / 750 ml", 3900),
];

/// A care plan sold attached to the parka: refunding the parka refunds and ends it.
const CARE_PLAN: (&str, &str, i64) = ("MC-CARE-2Y", "2-year Care Plan", 2900);

const CUSTOMERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Olivia Tremblay",
        "olivia@example.com",
        "Montréal",
        "QC",
        "H2X 1Y4",
    ),
    ("Liam Gagnon", "liam@example.com", "Québec", "QC", "G1R 2L3"),
    ("Emma Roy", "emma@example.com", "Toronto", "ON", "M5V 2T6"),
    ("Noah Côté", "noah@example.com", "Ottawa", "ON", "K1P 5J2"),
    (
        "Charlotte Bouchard",
        "charlotte@example.com",
        "Vancouver",
        "BC",
        "V6B 1A1",
    ),
    (
        "William Gauthier",
        "william@example.com",
        "Calgary",
        "AB",
        "T2P 1J9",
    ),
    (
        "Amelia Morin",
        "amelia@example.com",
        "Halifax",
        "NS",
        "B3J 1S9",
    ),
    (
        "Lucas Lavoie",
        "lucas@example.com",
        "Winnipeg",
        "MB",
        "R3C 0A5",
    ),
    ("Chloé Fortin", "chloe@example.com", "Paris", "", "75011"),
    (
        "Jack Wilson",
        "jack@example.com",
        "Victoria",
        "BC",
        "V8W 1P6",
    ),
];

/// A small deterministic generator: the demo is the same on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// Loads the demo merchant unless it is already there.
pub async fn seed(db: &DatabaseConnection) -> ApiResult<()> {
    let exists = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(DEMO_SLUG))
        .one(db)
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    let slug = Slug::parse(DEMO_SLUG).map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    let email = Email::parse(DEMO_EMAIL).map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
    let colour =
        |s: &str| HexColour::parse(s).map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")));
    let (merchant, _owner) = create_merchant(
        db,
        NewMerchant {
            company_name: DEMO_COMPANY,
            slug: &slug,
            owner_name: "Avery Martin",
            owner_email: &email,
            password: DEMO_PASSWORD,
            colours: Some((
                colour(DEMO_PRIMARY)?,
                colour("#2F6F4E")?,
                colour("#FFF8F1")?,
            )),
        },
    )
    .await?;
    let tenant = Tenant::new(merchant.id);
    let txn = begin_write(db).await?;
    // The demo's orders go back two months, as a shop's that has traded a while: it keeps the
    // window its Returns tab sets (counted from delivery), as shops from before return policies
    // do, so every delivered demo order can be walked through a return. New shops start with
    // seed 004's two tiers.
    merchant_settings::Entity::update_many()
        .col_expr(
            merchant_settings::Column::Policies,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(merchant_settings::Column::MerchantId.eq(merchant.id))
        .exec(&txn)
        .await?;
    seed_staff(&txn, merchant.id).await?;
    let reasons = tenant
        .find::<return_reason::Entity>()
        .order_by_asc(return_reason::Column::Position)
        .all(&txn)
        .await?;
    seed_orders(&txn, merchant.id, &reasons).await?;
    seed_catalogue(&txn, tenant).await?;
    crate::services::settings::carrier_settings::seed_demo(&txn, merchant.id).await?;
    crate::services::helpdesk::seed_demo(&txn, merchant.id).await?;
    txn.commit().await?;
    tracing::info!(slug = DEMO_SLUG, "demo data loaded");
    Ok(())
}

/// The other colours or sizes the demo shop stocks beside the one in its orders (the last
/// option changes), so the portal has something to exchange for.
fn other_values(last: &str) -> [&'static str; 2] {
    match last {
        "M" => ["S", "L"],
        "L" => ["M", "XL"],
        "S" => ["M", "L"],
        "42" => ["41", "43"],
        "Charcoal" => ["Navy", "Heather"],
        "Oat" => ["Charcoal", "Rust"],
        "Cream" => ["Sage", "Black"],
        "750 ml" => ["500 ml", "1 l"],
        _ => ["Sand", "Black"],
    }
}

/// The demo catalogue: every product of the demo orders in three variants, one of the
/// parka's sold out; exchanges on, with a payment link for dearer ones and a 10 % bonus (at
/// most 20.00) for store credit.
async fn seed_catalogue(db: &impl ConnectionTrait, tenant: Tenant) -> ApiResult<()> {
    use rebound_shared::api::catalogue::{OptionValue, UpsertVariant};
    use rebound_shared::api::exchanges::{
        BonusCredit, BonusKind, CheaperDifference, DearerDifference, ExchangeSettings,
    };
    let mut variants = Vec::new();
    for (i, (sku, title, variant, price)) in CATALOGUE.iter().enumerate() {
        let values: Vec<&str> = variant.split(" / ").collect();
        let names: &[&str] = if values.len() == 2 {
            &["Colour", "Size"]
        } else {
            &["Colour"]
        };
        let options = |last: &str| -> Vec<OptionValue> {
            names
                .iter()
                .zip(values.iter())
                .enumerate()
                .map(|(n, (name, value))| OptionValue {
                    name: (*name).to_owned(),
                    value: if n + 1 == values.len() { last } else { value }.to_owned(),
                })
                .collect()
        };
        let last = values.last().copied().unwrap_or_default();
        let [first_other, second_other] = other_values(last);
        for (n, (own_sku, value, stock)) in [
            ((*sku).to_owned(), last, 8),
            (format!("{sku}-A"), first_other, 3),
            // The parka's second size is sold out: the portal shows it greyed.
            (format!("{sku}-B"), second_other, if i == 0 { 0 } else { 2 }),
        ]
        .into_iter()
        .enumerate()
        {
            variants.push(UpsertVariant {
                sku: own_sku,
                product: sku.to_lowercase(),
                title: (*title).to_owned(),
                options: options(value),
                // The larger sizes cost a little more, so the demo shows both differences.
                price_minor: price + [0, -500, 1000][n],
                currency: "CAD".into(),
                stock_on_hand: stock,
                image_url: None,
                tags: Vec::new(),
            });
        }
    }
    crate::services::catalogue::write_variants(db, tenant, variants, Utc::now()).await?;
    let row = tenant
        .find::<merchant_settings::Entity>()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("the demo shop has no settings")))?;
    let mut returns: rebound_shared::api::settings::ReturnsSettings =
        serde_json::from_str(&row.returns).map_err(ApiError::internal)?;
    returns.exchanges = ExchangeSettings {
        enabled: true,
        other_products: false,
        cheaper: CheaperDifference::Refund,
        dearer: DearerDifference::PaymentLink,
        payment_link: Some(
            "https://maple.example/pay?amount={amount}&currency={currency}&ref={return}".into(),
        ),
        instant: Default::default(),
        bonus: Some(BonusCredit {
            kind: BonusKind::Percent,
            value: 10,
            cap_minor: Some(2000),
        }),
    };
    let mut row: merchant_settings::ActiveModel = row.into();
    row.returns = Set(serde_json::to_string(&returns).map_err(ApiError::internal)?);
    row.update(db).await?;
    Ok(())
}

async fn seed_staff(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<()> {
    let hash = hash_password(DEMO_PASSWORD).map_err(ApiError::internal)?;
    for (name, email, role) in [
        ("Jordan Lee", "manager@maple.example", Role::Manager),
        ("Sam Dubois", "agent@maple.example", Role::Agent),
    ] {
        staff::ActiveModel {
            id: Set(Uuid::now_v7()),
            merchant_id: Set(merchant_id),
            email: Set(email.into()),
            name: Set(name.into()),
            password_hash: Set(hash.clone()),
            role: Set(role.as_str().into()),
            created_at: Set(Utc::now()),
            signature: Set(None),
            session_version: Set(0),
            weekly_summary_since: Set(None),
            weekly_summary_locale: Set(None),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

async fn seed_orders(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
    reasons: &[return_reason::Model],
) -> ApiResult<()> {
    let mut dice = Dice(2026);
    let now = Utc::now();
    let mut returns_made = 0;
    for n in 0..DEMO_ORDERS {
        let (name, email, city, region, postal) = CUSTOMERS[n % CUSTOMERS.len()];
        let in_france = postal.len() == 5;
        // Spread orders over the last 60 days, newest last.
        let placed_at = now - Duration::hours(((DEMO_ORDERS - n) * 29) as i64);
        let order_id = Uuid::now_v7();
        let items = pick_items(&mut dice);
        let stage = demo_stage(n, placed_at, now);
        order::ActiveModel {
            id: Set(order_id),
            merchant_id: Set(merchant_id),
            number: Set(format!("MC-{}", 1001 + n)),
            customer_name: Set(name.into()),
            email: Set(email.into()),
            phone: Set(Some(format!("+1 514 555 {:04}", 100 + n))),
            address_line1: Set(format!(
                "{} {}",
                10 + dice.next(900),
                if in_france {
                    "rue Oberkampf"
                } else {
                    "Maple Street"
                }
            )),
            address_line2: Set(None),
            city: Set(city.into()),
            region: Set((!region.is_empty()).then(|| region.to_owned())),
            postal_code: Set(postal.into()),
            country: Set(if in_france { "FR" } else { "CA" }.into()),
            currency: Set(if in_france { "EUR" } else { "CAD" }.into()),
            status: Set(stage),
            placed_at: Set(placed_at),
            delivered_at: Set(
                (stage == OrderStatus::Delivered).then(|| placed_at + Duration::days(4))
            ),
            cancelled_at: Set(None),
            tags: Set(None),
            created_at: Set(placed_at),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        let mut item_ids = Vec::new();
        for (position, (sku, title, variant, price, qty)) in items.iter().enumerate() {
            let id = Uuid::now_v7();
            item_ids.push(id);
            insert_item(
                db,
                order_id,
                id,
                (sku, title, Some(*variant), *price, *qty),
                position,
                None,
            )
            .await?;
            if *sku == CATALOGUE[0].0 {
                let care = Uuid::now_v7();
                let (csku, ctitle, cprice) = CARE_PLAN;
                insert_item(
                    db,
                    order_id,
                    care,
                    (csku, ctitle, None, cprice, 1),
                    position + 100,
                    Some(id),
                )
                .await?;
            }
        }
        if stage != OrderStatus::Unfulfilled {
            seed_shipment(db, order_id, n, placed_at, stage).await?;
        }
        // A few returns on delivered orders, in different states of the journey.
        if stage == OrderStatus::Delivered && n % 9 == 2 && returns_made < 5 {
            // Each demo return walks the shared state machine to its status, so its history
            // is one the real journey could have written.
            use ReturnAction::*;
            let path: &[ReturnAction] = [
                &[][..],
                &[Approve, IssueLabel],
                &[Approve, IssueLabel, MarkInTransit, MarkReceived],
                &[
                    Approve,
                    IssueLabel,
                    MarkInTransit,
                    MarkReceived,
                    Inspect,
                    Refund,
                ],
                &[][..],
            ][returns_made];
            // The last one is a defective case: customer service gets in touch first.
            let reason = if returns_made == 4 {
                reasons.iter().find(|r| r.defective).unwrap_or(&reasons[0])
            } else {
                reasons
                    .iter()
                    .filter(|r| !r.defective)
                    .nth(returns_made)
                    .unwrap_or(&reasons[0])
            };
            seed_return(
                db,
                merchant_id,
                order_id,
                item_ids[0],
                reason,
                path,
                returns_made,
                placed_at,
            )
            .await?;
            returns_made += 1;
        } else if stage == OrderStatus::Delivered && CLOSED_RETURNS_ON.contains(&n) {
            // Older returns already settled (refunded or rejected), spread over the two
            // months, so the Analytics page has a history to chart. Closed, they change no
            // queue count and leave the recent orders the portal's walk-throughs use alone.
            use ReturnAction::*;
            let k = 5 + CLOSED_RETURNS_ON.iter().position(|m| *m == n).unwrap_or(0);
            let path: &[ReturnAction] = if k.is_multiple_of(3) {
                &[Reject]
            } else {
                &[
                    Approve,
                    IssueLabel,
                    MarkInTransit,
                    MarkReceived,
                    Inspect,
                    Refund,
                ]
            };
            let plain: Vec<&return_reason::Model> =
                reasons.iter().filter(|r| !r.defective).collect();
            let reason = plain
                .get(k % plain.len().max(1))
                .copied()
                .unwrap_or(&reasons[0]);
            seed_return(
                db,
                merchant_id,
                order_id,
                item_ids[0],
                reason,
                path,
                k,
                placed_at,
            )
            .await?;
        }
    }
    Ok(())
}

/// The older delivered orders (never the first, nor the recent ones the walk-throughs return)
/// that carry a settled return.
const CLOSED_RETURNS_ON: [usize; 5] = [5, 8, 14, 17, 23];

fn pick_items(dice: &mut Dice) -> Vec<(&'static str, &'static str, &'static str, i64, i32)> {
    let count = 1 + dice.next(3) as usize;
    let first = dice.next(CATALOGUE.len() as u64) as usize;
    (0..count)
        .map(|i| {
            let (sku, title, variant, price) = CATALOGUE[(first + i * 3) % CATALOGUE.len()];
            (sku, title, variant, price, 1 + dice.next(2) as i32)
        })
        .collect()
}

/// The newest orders are still moving; a handful have not shipped yet.
fn demo_stage(n: usize, placed_at: DateTime<Utc>, now: DateTime<Utc>) -> OrderStatus {
    let age_days = (now - placed_at).num_days();
    match (n % 10, age_days) {
        (_, 0..=1) => OrderStatus::Unfulfilled,
        (3, _) if age_days < 10 => OrderStatus::OutForDelivery,
        (_, 2..=4) => OrderStatus::InTransit,
        (7, _) if age_days < 20 => OrderStatus::Exception,
        _ => OrderStatus::Delivered,
    }
}

async fn insert_item(
    db: &impl ConnectionTrait,
    order_id: Uuid,
    id: Uuid,
    (sku, title, variant, price, quantity): (&str, &str, Option<&str>, i64, i32),
    position: usize,
    parent: Option<Uuid>,
) -> ApiResult<()> {
    order_item::ActiveModel {
        id: Set(id),
        order_id: Set(order_id),
        sku: Set(sku.into()),
        title: Set(title.into()),
        variant: Set(variant.map(str::to_owned)),
        quantity: Set(quantity),
        unit_price_minor: Set(price),
        image_url: Set(None),
        // A care plan is refunded with its product, never returned on its own.
        returnable: Set(parent.is_none()),
        parent_item_id: Set(parent),
        ended_at: Set(None),
        ended_quantity: Set(0),
        position: Set(position as i32),
        tags: Set(None),
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn seed_shipment(
    db: &impl ConnectionTrait,
    order_id: Uuid,
    n: usize,
    placed_at: DateTime<Utc>,
    stage: OrderStatus,
) -> ApiResult<()> {
    use TrackingEventKind::*;
    let shipment_id = Uuid::now_v7();
    let path: &[TrackingEventKind] = match stage {
        OrderStatus::InTransit => &[LabelCreated, InTransit],
        OrderStatus::OutForDelivery => &[LabelCreated, InTransit, OutForDelivery],
        OrderStatus::Exception => &[LabelCreated, InTransit, Exception],
        _ => &[LabelCreated, InTransit, OutForDelivery, Delivered],
    };
    shipment::ActiveModel {
        id: Set(shipment_id),
        order_id: Set(order_id),
        carrier: Set("Canada Post".into()),
        service: Set(if n.is_multiple_of(4) {
            "Expedited Parcel"
        } else {
            "Regular Parcel"
        }
        .into()),
        tracking_number: Set(format!("7023{:012}", 4_410_000 + n * 37)),
        status: Set(stage),
        estimated_delivery: Set(Some(placed_at + Duration::days(4))),
        created_at: Set(placed_at + Duration::hours(20)),
    }
    .insert(db)
    .await?;
    let places = [
        "Montréal, QC",
        "Mississauga, ON",
        "Toronto, ON",
        "Local depot",
    ];
    for (i, kind) in path.iter().enumerate() {
        shipment_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            shipment_id: Set(shipment_id),
            kind: Set(*kind),
            description: Set(match kind {
                LabelCreated => "Shipping label created",
                InTransit => "Item in transit",
                OutForDelivery => "Out for delivery",
                Delivered => "Delivered to the front door",
                Exception => "Delivery attempted, notice card left",
            }
            .into()),
            location: Set(Some(places[i % places.len()].into())),
            occurred_at: Set(placed_at + Duration::hours(20 + 22 * i as i64)),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn seed_return(
    db: &impl ConnectionTrait,
    merchant_id: Uuid,
    order_id: Uuid,
    order_item_id: Uuid,
    reason: &return_reason::Model,
    path: &[ReturnAction],
    k: usize,
    placed_at: DateTime<Utc>,
) -> ApiResult<()> {
    let return_id = Uuid::now_v7();
    let at = placed_at + Duration::days(6 + k as i64);
    let first = if reason.defective {
        ReturnStatus::NeedsContact
    } else {
        ReturnStatus::PendingReview
    };
    let mut history = vec![(None, first, ReturnActor::Shopper)];
    let mut status = first;
    for action in path {
        let to = next(status, *action).map_err(|e| ApiError::internal(anyhow::anyhow!("{e}")))?;
        let actor = if *action == ReturnAction::MarkInTransit {
            ReturnActor::System
        } else {
            ReturnActor::Staff
        };
        history.push((Some(status), to, actor));
        status = to;
    }
    return_request::ActiveModel {
        id: Set(return_id),
        merchant_id: Set(merchant_id),
        order_id: Set(order_id),
        number: Set(format!("R-{}", 2001 + k)),
        status: Set(status),
        resolution: Set([
            Resolution::Refund,
            Resolution::StoreCredit,
            Resolution::Refund,
            Resolution::Refund,
            Resolution::Replacement,
        ][k % 5]),
        method: Set(if k.is_multiple_of(2) {
            ReturnMethod::PrepaidLabel
        } else {
            ReturnMethod::QrDropOff
        }),
        replacement_variant: Set((k % 5 == 4).then(|| "Forest / L".to_owned())),
        withdrawal: Set(false),
        label_issued_at: Set(path
            .contains(&ReturnAction::IssueLabel)
            .then(|| at + Duration::hours(2))),
        fee_minor: Set(None),
        keep_item: Set(false),
        resolution_pending: Set(false),
        method_pending: Set(false),
        risk_flags: Set(None),
        exchange: Set(None),
        created_at: Set(at),
        updated_at: Set(at + Duration::days(1)),
    }
    .insert(db)
    .await?;
    for (i, (from, to, actor)) in history.into_iter().enumerate() {
        return_event::ActiveModel {
            id: Set(Uuid::now_v7()),
            return_id: Set(return_id),
            actor: Set(actor),
            staff_id: Set(None),
            staff_name: Set(None),
            from_status: Set(from),
            to_status: Set(to),
            code: Set(None),
            params: Set(None),
            created_at: Set(at + Duration::hours(3 * i as i64)),
        }
        .insert(db)
        .await?;
    }
    return_item::ActiveModel {
        id: Set(Uuid::now_v7()),
        return_id: Set(return_id),
        order_item_id: Set(order_item_id),
        reason_id: Set(reason.id),
        quantity: Set(1),
        comment: Set(reason
            .defective
            .then(|| "The zip broke after two days.".to_owned())),
        defective: Set(reason.defective),
    }
    .insert(db)
    .await?;
    Ok(())
}
