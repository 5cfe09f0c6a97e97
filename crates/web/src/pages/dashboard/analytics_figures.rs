//! What each Analytics card shows once its figures are in: return rate (lines), reasons and
//! products (bars), resolutions (a stacked bar, money per currency), speed (bars, the returns
//! waiting longest) and top returners (bars), each chart over its table, in the page's
//! language and the shop's money formatting.

use leptos::prelude::*;
use rebound_shared::api::analytics::{
    ReasonCount, ReasonsCard, ResolutionsCard, ReturnCounts, ReturnRateCard, ShoppersCard,
    SpeedCard, StepDuration,
};
use rebound_shared::domain::Money;

use crate::components::chart::{BarChart, FigureTable, LineChart, Point, Series, StackedBar};
use crate::components::empty_state::{EmptyState, Illustration};
use crate::contexts::locale::use_i18n;
use crate::i18n::{A, K, Key, Locale, percent, resolution_kind_key, return_status_key};

fn no_returns() -> AnyView {
    view! {
        <EmptyState illustration=Illustration::Analytics title=Key::Stats(A::NoReturnsTitle) body=Key::Stats(A::NoReturnsBody) />
    }
    .into_any()
}

fn rate(bp: Option<u32>, locale: Locale) -> String {
    bp.map_or_else(|| "—".to_owned(), |r| percent(r, locale))
}

fn rate_point(bp: Option<u32>, locale: Locale) -> Point {
    Point {
        value: f64::from(bp.unwrap_or(0)) / 100.0,
        shown: rate(bp, locale),
    }
}

/// A decimal number in `locale` (`12.5`, `12,5`).
fn decimal(v: f64, locale: Locale) -> String {
    let text = format!("{v:.1}");
    if locale == Locale::Fr {
        text.replace('.', ",")
    } else {
        text
    }
}

pub(super) fn return_rate(card: ReturnRateCard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let t = |a| i18n.t(Key::Stats(a)).to_owned();
        if card.total.delivered_orders == 0 && card.total.returned_orders == 0 {
            return no_returns();
        }
        let labels: Vec<String> = card
            .series
            .iter()
            .map(|p| p.start.format("%Y-%m-%d").to_string())
            .collect();
        let series = vec![
            Series {
                name: t(A::OrderRate),
                points: card
                    .series
                    .iter()
                    .map(|p| rate_point(p.counts.order_rate_basis_points, locale))
                    .collect(),
            },
            Series {
                name: t(A::UnitRate),
                points: card
                    .series
                    .iter()
                    .map(|p| rate_point(p.counts.unit_rate_basis_points, locale))
                    .collect(),
            },
        ];
        let headers = vec![
            t(A::Bucket),
            t(A::DeliveredOrders),
            t(A::ReturnedOrders),
            t(A::OrderRate),
            t(A::DeliveredUnits),
            t(A::ReturnedUnits),
            t(A::UnitRate),
        ];
        let row = |label: String, c: &ReturnCounts| {
            vec![
                label,
                c.delivered_orders.to_string(),
                c.returned_orders.to_string(),
                rate(c.order_rate_basis_points, locale),
                c.delivered_units.to_string(),
                c.returned_units.to_string(),
                rate(c.unit_rate_basis_points, locale),
            ]
        };
        let mut rows: Vec<Vec<String>> = card
            .series
            .iter()
            .map(|p| row(p.start.to_string(), &p.counts))
            .collect();
        rows.push(row(t(A::ThisPeriod), &card.total));
        rows.push(row(
            format!(
                "{} ({} – {})",
                t(A::PreviousPeriod),
                card.previous_from,
                card.previous_to
            ),
            &card.previous,
        ));
        view! {
            <div class="survey-figures">
                <div>
                    <p class="figure-value rate-now">{rate(card.total.order_rate_basis_points, locale)}</p>
                    <p class="figure-label">{t(A::OrderRate)} " · " {t(A::ThisPeriod)}</p>
                </div>
                <div>
                    <p class="figure-value">{rate(card.previous.order_rate_basis_points, locale)}</p>
                    <p class="figure-label">{t(A::OrderRate)} " · " {t(A::PreviousPeriod)}</p>
                </div>
            </div>
            <LineChart labels=labels series=series axis=t(A::Bucket) />
            <FigureTable caption=t(A::RateTitle) headers=headers rows=rows file_name="return-rate.csv".to_owned() />
        }
        .into_any()
    }
}

pub(super) fn reasons(card: ReasonsCard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let t = |a| i18n.t(Key::Stats(a)).to_owned();
        if card.reasons.is_empty() {
            return no_returns();
        }
        let label = |r: &ReasonCount| {
            if locale == Locale::Fr {
                r.label_fr.clone()
            } else {
                r.label_en.clone()
            }
        };
        let categories: Vec<String> = card.reasons.iter().map(label).collect();
        let units = Series {
            name: t(A::Units),
            points: card
                .reasons
                .iter()
                .map(|r| Point {
                    value: r.units as f64,
                    shown: r.units.to_string(),
                })
                .collect(),
        };
        let rows: Vec<Vec<String>> = card
            .reasons
            .iter()
            .map(|r| {
                vec![
                    label(r),
                    r.units.to_string(),
                    percent(r.share_basis_points, locale),
                ]
            })
            .collect();
        let products: Vec<String> = card
            .products
            .iter()
            .map(|p| format!("{} · {}", p.sku, p.title))
            .collect();
        let defective = Series {
            name: t(A::DefectiveRate),
            points: card
                .products
                .iter()
                .map(|p| rate_point(p.defective_rate_basis_points, locale))
                .collect(),
        };
        let returned = Series {
            name: t(A::ReturnedUnits),
            points: card
                .products
                .iter()
                .map(|p| Point {
                    value: p.returned_units as f64,
                    shown: p.returned_units.to_string(),
                })
                .collect(),
        };
        let skus: Vec<String> = card.products.iter().map(|p| p.sku.clone()).collect();
        let product_rows: Vec<Vec<String>> = card
            .products
            .iter()
            .map(|p| {
                vec![
                    format!("{} · {}", p.sku, p.title),
                    p.returned_units.to_string(),
                    p.defective_units.to_string(),
                    p.delivered_units.to_string(),
                    rate(p.defective_rate_basis_points, locale),
                ]
            })
            .collect();
        view! {
            <BarChart categories=categories series=vec![units] axis=t(A::Units) />
            <FigureTable caption=t(A::ReasonsTitle) headers=vec![t(A::Reason), t(A::Units), t(A::Share)] rows=rows file_name="reasons.csv".to_owned() />
            <h3 class="composer-title">{t(A::ProductsCaption)}</h3>
            <BarChart categories=products series=vec![returned] axis=t(A::ReturnedUnits) />
            <BarChart categories=skus series=vec![defective] axis=t(A::DefectiveRate) />
            <FigureTable
                caption=t(A::ProductsCaption)
                headers=vec![t(A::Product), t(A::ReturnedUnits), t(A::DefectiveUnits), t(A::DeliveredUnits), t(A::DefectiveRate)]
                rows=product_rows
                file_name="products.csv".to_owned()
            />
        }
        .into_any()
    }
}

pub(super) fn resolutions(card: ResolutionsCard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let t = |a| i18n.t(Key::Stats(a)).to_owned();
        let counted: Vec<_> = card.counts.iter().filter(|c| c.returns > 0).collect();
        if counted.is_empty() && card.money.is_empty() {
            return no_returns();
        }
        let parts: Vec<(String, Point)> = counted
            .iter()
            .map(|c| {
                (
                    t(resolution_kind_key(c.resolution)),
                    Point {
                        value: c.returns as f64,
                        shown: c.returns.to_string(),
                    },
                )
            })
            .collect();
        let rows: Vec<Vec<String>> = card
            .counts
            .iter()
            .map(|c| vec![t(resolution_kind_key(c.resolution)), c.returns.to_string()])
            .collect();
        let lang = locale.lang();
        let money_rows: Vec<Vec<String>> = card
            .money
            .iter()
            .map(|m| {
                let show = |minor: i64| Money::show(minor, &m.currency, lang);
                vec![
                    m.currency.clone(),
                    show(m.refunded_minor),
                    show(m.store_credit_minor),
                    show(m.exchange_minor),
                    show(m.replacement_minor),
                    show(m.fees_minor),
                    show(m.revenue_kept_minor),
                    show(m.labels_minor),
                    show(m.shipping_saved_minor),
                ]
            })
            .collect();
        let money_headers = vec![
            t(A::Currency),
            t(A::Refunded),
            t(A::StoreCredit),
            t(A::Exchange),
            t(A::Replacement),
            t(A::Fees),
            t(A::RevenueKept),
            t(A::Labels),
            t(A::ShippingSaved),
        ];
        let money_view = if money_rows.is_empty() {
            view! { <p class="muted">{t(A::NoMoney)}</p> }.into_any()
        } else {
            view! { <FigureTable caption=t(A::MoneyCaption) headers=money_headers rows=money_rows file_name="money.csv".to_owned() /> }.into_any()
        };
        view! {
            <StackedBar parts=parts />
            <FigureTable caption=t(A::ResolutionsTitle) headers=vec![t(A::Resolution), t(A::Returns)] rows=rows file_name="resolutions.csv".to_owned() />
            {money_view}
        }
        .into_any()
    }
}

pub(super) fn speed(card: SpeedCard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let t = |a| i18n.t(Key::Stats(a)).to_owned();
        let steps: [(A, &StepDuration); 3] = [
            (A::ToApproval, &card.to_approval),
            (A::ToReceipt, &card.to_receipt),
            (A::ToResolution, &card.to_resolution),
        ];
        let hours = |h: Option<f64>| h.map_or_else(|| "—".to_owned(), |h| decimal(h, locale));
        let point = |h: Option<f64>| Point {
            value: h.unwrap_or(0.0),
            shown: hours(h),
        };
        let chart = (card.to_approval.returns > 0).then(|| {
            let categories: Vec<String> = steps.iter().map(|(a, _)| t(*a)).collect();
            let series = vec![
                Series {
                    name: t(A::Median),
                    points: steps.iter().map(|(_, s)| point(s.median_hours)).collect(),
                },
                Series {
                    name: t(A::P90),
                    points: steps.iter().map(|(_, s)| point(s.p90_hours)).collect(),
                },
            ];
            view! { <BarChart categories=categories series=series axis=t(A::Hours) /> }
        });
        let rows: Vec<Vec<String>> = steps
            .iter()
            .map(|(a, s)| {
                vec![
                    t(*a),
                    s.returns.to_string(),
                    hours(s.median_hours),
                    hours(s.p90_hours),
                ]
            })
            .collect();
        let waiting: Vec<Vec<String>> = card
            .waiting
            .iter()
            .map(|w| {
                vec![
                    w.number.clone(),
                    i18n.t(return_status_key(w.status)).to_owned(),
                    decimal(w.waiting_hours, locale),
                ]
            })
            .collect();
        let waiting_view = if waiting.is_empty() {
            view! { <p class="muted">{t(A::NoneWaiting)}</p> }.into_any()
        } else {
            view! { <FigureTable caption=t(A::WaitingCaption) headers=vec![t(A::Return), t(A::Status), t(A::Waiting)] rows=waiting file_name="waiting.csv".to_owned() /> }.into_any()
        };
        view! {
            {chart}
            <FigureTable caption=t(A::SpeedTitle) headers=vec![t(A::Step), t(A::Returns), t(A::Median), t(A::P90)] rows=rows file_name="speed.csv".to_owned() />
            {waiting_view}
        }
        .into_any()
    }
}

pub(super) fn shoppers(card: ShoppersCard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let locale = i18n.locale();
        let t = |a| i18n.t(Key::Stats(a)).to_owned();
        if card.shoppers.is_empty() {
            return no_returns();
        }
        let categories: Vec<String> = card.shoppers.iter().map(|s| s.email.clone()).collect();
        let series = vec![Series {
            name: t(A::Returns),
            points: card
                .shoppers
                .iter()
                .map(|s| Point {
                    value: f64::from(s.returns),
                    shown: s.returns.to_string(),
                })
                .collect(),
        }];
        let rows: Vec<Vec<String>> = card
            .shoppers
            .iter()
            .map(|s| {
                vec![
                    s.email.clone(),
                    s.returns.to_string(),
                    s.value_returned.format(locale.lang()),
                    if s.flags.is_empty() {
                        String::new()
                    } else {
                        i18n.t(Key::Risk(K::Flagged)).to_owned()
                    },
                ]
            })
            .collect();
        let headers = vec![
            i18n.t(Key::Risk(K::Shopper)).to_owned(),
            t(A::Returns),
            i18n.t(Key::Risk(K::ValueReturned)).to_owned(),
            i18n.t(Key::Risk(K::Flags)).to_owned(),
        ];
        view! {
            <p class="muted">{t(A::Flagged)} ": " {card.flagged}</p>
            <BarChart categories=categories series=series axis=t(A::Returns) />
            <FigureTable caption=t(A::ShoppersTitle) headers=headers rows=rows file_name="shoppers.csv".to_owned() />
        }
        .into_any()
    }
}
