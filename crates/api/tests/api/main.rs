//! API integration tests: each test starts the real server on an ephemeral port with a fresh
//! database (an SQLite file, or a new PostgreSQL database when DATABASE_URL points at one) and
//! talks HTTP to it.

// Test code: a failed expectation is a failed test, which is what `expect` reports.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod accounts;
mod analytics;
mod analytics_plans;
mod api_key_jobs;
mod api_keys;
mod catalogue_import;
mod concurrency;
mod contract;
mod crashes;
mod demo;
mod exchanges;
mod exchanges_other_products;
mod exchanges_overdue;
mod fulfilment;
mod handover;
mod helpdesk;
mod helpers;
mod import_fulfilment;
mod imports;
mod instances;
mod issue_reports;
mod labels;
mod lookup_clients;
mod money;
mod notifications;
mod onboarding;
mod openapi;
mod order_cancel;
mod orders;
mod password_reset;
mod photos;
mod pipeline;
mod policies;
mod policy_outcomes;
mod portal_lookup;
mod queue_plans;
mod queue_scale;
mod read_cache;
mod return_desk;
mod return_mail_label;
mod return_queue;
mod return_terms;
mod returns;
mod returns_open;
mod risk;
mod roles;
mod s3_storage;
mod settings;
mod shop_connections;
mod shopper_data;
mod smtp;
mod staff;
mod stored_statuses;
mod tenancy;
mod tenant_matrix;
mod two_factor;
mod uploads;
mod web_app;
mod webhooks;
mod weekly_summary;
