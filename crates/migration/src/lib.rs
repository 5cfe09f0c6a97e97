//! Rebound's schema, as an ordered list of migrations. A landed migration is never edited: a
//! change is a new file.

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

mod m20261123_000001_accounts;
mod m20261123_000002_orders_and_returns;
mod m20261123_000003_settings;
mod m20261123_000004_aftercare;
mod m20261123_000005_api_keys;
mod m20261123_000006_imports;
mod m20261123_000007_returns_journey;
mod m20261123_000008_carrier_labels;
mod m20261123_000009_outbox;
mod m20261123_000010_helpdesk;
mod m20261123_000011_return_resolutions;
mod m20261123_000012_attachments_and_surveys;
mod m20261130_000014_units_jobs_and_event_codes;
mod m20261130_000015_staff_and_issue_queue;
mod m20261130_000016_import_fulfilment;
mod m20261130_000017_event_staff_names;
mod m20261130_000018_onboarding_and_embedding;
mod m20261130_000019_queue_at_scale;
mod m20261130_000020_queue_status_and_resolution;
mod m20261201_000021_webhooks;
mod m20261201_000022_shop_connections;
mod m20261201_000024_order_lookup_key;
mod m20261202_000025_return_policies;
mod m20261202_000026_kept_and_cancelled;
mod m20261202_000027_risk;
mod m20261202_000028_tags;
mod m20261202_000029_return_outcomes;
mod m20261202_000030_catalogue;
mod m20261202_000031_analytics_indexes;
mod m20261203_000040_rate_counters;
mod m20261203_000041_weekly_summary;
mod m20261203_000042_two_factor;

pub use m20261201_000024_order_lookup_key::ORDER_NUMBER_KEY;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_accounts::Migration),
            Box::new(m20261123_000002_orders_and_returns::Migration),
            Box::new(m20261123_000003_settings::Migration),
            Box::new(m20261123_000004_aftercare::Migration),
            Box::new(m20261123_000005_api_keys::Migration),
            Box::new(m20261123_000006_imports::Migration),
            Box::new(m20261123_000007_returns_journey::Migration),
            Box::new(m20261123_000008_carrier_labels::Migration),
            Box::new(m20261123_000009_outbox::Migration),
            Box::new(m20261123_000010_helpdesk::Migration),
            Box::new(m20261123_000011_return_resolutions::Migration),
            Box::new(m20261123_000012_attachments_and_surveys::Migration),
            Box::new(m20261130_000014_units_jobs_and_event_codes::Migration),
            Box::new(m20261130_000015_staff_and_issue_queue::Migration),
            Box::new(m20261130_000016_import_fulfilment::Migration),
            Box::new(m20261130_000017_event_staff_names::Migration),
            Box::new(m20261130_000018_onboarding_and_embedding::Migration),
            Box::new(m20261130_000019_queue_at_scale::Migration),
            Box::new(m20261130_000020_queue_status_and_resolution::Migration),
            Box::new(m20261201_000021_webhooks::Migration),
            Box::new(m20261201_000022_shop_connections::Migration),
            Box::new(m20261201_000024_order_lookup_key::Migration),
            Box::new(m20261202_000025_return_policies::Migration),
            Box::new(m20261202_000026_kept_and_cancelled::Migration),
            Box::new(m20261202_000027_risk::Migration),
            Box::new(m20261202_000028_tags::Migration),
            Box::new(m20261202_000029_return_outcomes::Migration),
            Box::new(m20261202_000030_catalogue::Migration),
            Box::new(m20261202_000031_analytics_indexes::Migration),
            Box::new(m20261203_000040_rate_counters::Migration),
            Box::new(m20261203_000041_weekly_summary::Migration),
            Box::new(m20261203_000042_two_factor::Migration),
        ]
    }
}

/// A foreign key from `table.column` to `target.id`, deleted with its parent.
pub(crate) fn fk(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table.to_owned(), column.to_owned())
        .to(target.to_owned(), "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A plain index named after its table and columns.
pub(crate) fn index(table: &str, columns: &[&str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(format!("ix_{table}_{}", columns.join("_")))
        .table(table.to_owned());
    for c in columns {
        stmt.col(String::from(*c));
    }
    stmt.to_owned()
}
