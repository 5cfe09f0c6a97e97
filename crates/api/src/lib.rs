//! Rebound's server: the REST API under `/api/v1`, its OpenAPI document, and the built web app.

pub mod auth;
pub mod carrier;
pub mod config;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod images;
pub mod labels;
pub mod notify;
pub mod openapi;
#[cfg(test)]
mod properties;
pub mod read_cache;
pub mod routes;
pub mod services;
pub mod shutdown;
pub mod startup;
pub mod state;
pub mod storage;
pub mod telemetry;
pub mod url_text;
