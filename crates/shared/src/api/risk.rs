//! Risk per shopper on the wire: the shop's thresholds (`/settings/risk`) and the shoppers
//! view (`/shoppers`), the top returners of the last twelve months with their flags.

use crate::domain::Money;
use crate::domain::risk::{RiskFlag, RiskThresholds};
use serde::{Deserialize, Serialize};

/// The shop's risk thresholds and the currency amounts are written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RiskSettingsView {
    pub thresholds: RiskThresholds,
    /// The shop's currency (ISO 4217): the value threshold must be in it.
    pub currency: String,
}

/// One shopper (by email) and their last twelve months with the shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopperRisk {
    pub email: String,
    /// The customer name on the shopper's latest order.
    pub name: String,
    /// Orders placed over the twelve months.
    pub orders: u32,
    /// Returns started over the twelve months (cancelled ones not counted).
    pub returns: u32,
    /// Orders with one of those returns.
    pub orders_returned: u32,
    /// Orders with a return over orders, in basis points; none without orders in the period.
    pub return_rate_basis_points: Option<u32>,
    /// What the returned units were sold for, in the shop's currency; returns of orders in
    /// another currency are counted in `returns` but not in this amount.
    pub value_returned: Money,
    /// "Not received" claims (issue reports of type `missing_item`).
    pub not_received: u32,
    /// The shop's thresholds this shopper crosses; empty when none (or none set).
    #[serde(default)]
    pub flags: Vec<RiskFlag>,
}

/// The top returners, most returns first (then most value returned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ShopperList {
    pub shoppers: Vec<ShopperRisk>,
    /// The shop's currency, which `value_returned` is counted in.
    pub currency: String,
    /// The shop has set at least one threshold (else nobody is flagged).
    pub thresholds_set: bool,
}
