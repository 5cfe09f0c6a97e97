//! The pieces of an order both the portal and the dashboard show: its status badge, the items
//! (attached ones under their parent), the shipping address and each shipment with its timeline.

use leptos::prelude::*;
use rebound_shared::api::orders::{Address, OrderItemView, ShipmentView};
use rebound_shared::domain::{Money, PostalAddress, address_lines, line_paid};
use rebound_shared::domain::{OrderStatus, TrackingEventKind};

use crate::components::format::{date_time, iso, long_date};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, O, country_key, scan_title, status_key};

/// The order's or a shipment's stage as a coloured pill (colour plus words, never colour alone).
#[component]
pub fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("status status-{}", status.as_str().replace('_', "-"));
    view! { <span class=class>{i18n.tr(status_key(status))}</span> }
}

#[component]
pub fn AddressBlock(address: Address) -> impl IntoView {
    let i18n = use_i18n();
    let country = address.country.clone();
    // Each country's own order (Canada "Toronto ON  M5V 2T6", France "75011 Paris").
    let lines = address_lines(&PostalAddress {
        line1: &address.line1,
        line2: address.line2.as_deref(),
        city: &address.city,
        region: address.region.as_deref(),
        postal_code: &address.postal_code,
        country: &address.country,
    });
    view! {
        <address class="address">
            {lines.into_iter().map(|l| view! { <span>{l}</span> }).collect_view()}
            <span>
                {move || country_key(&country).map_or_else(|| country.clone(), |k| i18n.t(k).to_owned())}
            </span>
        </address>
    }
}

/// The items, each attached item (a care plan) listed under the item it belongs to. Prices
/// show when `currency` is given (the dashboard).
#[component]
pub fn ItemList(
    items: Vec<OrderItemView>,
    #[prop(optional, into)] currency: Option<String>,
) -> impl IntoView {
    let parents: Vec<OrderItemView> = items
        .iter()
        .filter(|i| {
            i.parent_item_id
                .is_none_or(|p| !items.iter().any(|other| other.id == p))
        })
        .cloned()
        .collect();
    let rows = parents
        .into_iter()
        .map(|parent| {
            let attached: Vec<OrderItemView> = items
                .iter()
                .filter(|i| i.parent_item_id == Some(parent.id))
                .cloned()
                .collect();
            let currency = currency.clone();
            view! {
                <li class="order-item">
                    <ItemRow item=parent currency=currency.clone() attached=false />
                    {(!attached.is_empty())
                        .then(|| {
                            view! {
                                <ul class="attached-items">
                                    {attached
                                        .into_iter()
                                        .map(|item| {
                                            view! {
                                                <li><ItemRow item=item currency=currency.clone() attached=true /></li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                        })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="order-items">{rows}</ul> }
}

#[component]
fn ItemRow(item: OrderItemView, currency: Option<String>, attached: bool) -> impl IntoView {
    let i18n = use_i18n();
    let picture = match item.image_url.clone() {
        // The title is right beside it, so the picture is decoration for screen readers.
        Some(src) => view! { <img class="item-image" src=src alt="" loading="lazy" /> }.into_any(),
        None => view! {
            <span class="item-image item-image-none" aria-hidden="true">
                <svg viewBox="0 0 24 24"><path d="M4 7l8-4 8 4v10l-8 4-8-4zM4 7l8 4 8-4M12 11v10" /></svg>
            </span>
        }
        .into_any(),
    };
    let quantity = item.quantity;
    let price = currency.map(|c| {
        let unit = item.unit_price_minor;
        move || Money::show(line_paid(unit, quantity), &c, i18n.locale().lang())
    });
    view! {
        <div class="item-line" class:item-attached=attached>
            {picture}
            <div class="item-text">
                <span class="item-title">{item.title.clone()}</span>
                {attached.then(|| view! { <span class="badge badge-muted">{i18n.tr(Key::Ord(O::Attached))}</span> })}
                {item.variant.clone().map(|v| view! { <span class="item-sub">{v}</span> })}
                <span class="item-sub">
                    {i18n.tr(Key::Ord(O::Quantity))} " " {quantity}
                    {(!item.sku.is_empty()).then(|| view! { " · " <code>{item.sku.clone()}</code> })}
                </span>
            </div>
            {price.map(|p| view! { <span class="item-price">{p}</span> })}
        </div>
    }
}

/// One parcel: carrier, service, tracking number (linking to the carrier's page), the estimated
/// delivery and its events, newest first.
#[component]
pub fn ShipmentCard(shipment: ShipmentView, index: usize, count: usize) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("shipment-{}", shipment.id);
    let heading = move || {
        if count > 1 {
            i18n.t(Key::Ord(O::ParcelOf))
                .replace("{n}", &(index + 1).to_string())
                .replace("{count}", &count.to_string())
        } else {
            i18n.t(Key::Ord(O::Parcel)).to_owned()
        }
    };
    let labelled_by = heading_id.clone();
    let number = shipment.tracking_number.clone();
    let manual = number.is_empty();
    let tracking = match shipment.tracking_url.clone() {
        Some(href) => view! {
            <a class="tracking-link" href=href target="_blank" rel="noopener noreferrer">
                <code>{number}</code>
                <span class="visually-hidden">" " {i18n.tr(Key::Ord(O::OpensCarrierSite))}</span>
                <svg class="link-icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M9 3h4v4M13 3 7 9M11 9v4H3V5h4" />
                </svg>
            </a>
        }
        .into_any(),
        None => view! { <code>{number}</code> }.into_any(),
    };
    let eta = shipment
        .estimated_delivery
        .filter(|_| shipment.status != OrderStatus::Delivered);
    let mut events = shipment.events.clone();
    events.sort_by_key(|e| std::cmp::Reverse(e.occurred_at));
    let timeline = if events.is_empty() {
        view! { <p class="muted">{i18n.tr(Key::Ord(O::NoEventsYet))}</p> }.into_any()
    } else {
        view! {
            <ol class="timeline">
                {events
                    .into_iter()
                    .enumerate()
                    .map(|(i, event)| {
                        let class = format!(
                            "timeline-event event-{}{}",
                            event.kind.as_str().replace('_', "-"),
                            if i == 0 { " event-latest" } else { "" },
                        );
                        let at = event.occurred_at;
                        let exception = event.kind == TrackingEventKind::Exception;
                        view! {
                            <li class=class>
                                <span class="timeline-dot" aria-hidden="true"></span>
                                <div class="timeline-body">
                                    <p class="timeline-title">
                                        {exception.then(|| view! { <span class="visually-hidden">{i18n.tr(Key::Ord(O::StatusException))} ": "</span> })}
                                        {move || scan_title(i18n.locale(), event.kind, &event.description)}
                                    </p>
                                    <p class="timeline-meta">
                                        <time datetime=iso(&at)>{move || date_time(&at, i18n.locale())}</time>
                                        {event.location.clone().map(|l| view! { " · " {l} })}
                                    </p>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="shipment" aria-labelledby=labelled_by>
            <div class="shipment-head">
                <h3 id=heading_id class="shipment-title">{heading}</h3>
                <StatusBadge status=shipment.status />
            </div>
            <dl class="facts">
                {if manual {
                    // Marked shipped or delivered by the shop: no carrier, no number to show.
                    view! {
                        <div>
                            <dt>{i18n.tr(Key::Ord(O::Carrier))}</dt>
                            <dd>{i18n.tr(Key::Ord(O::NoTracking))}</dd>
                        </div>
                    }
                    .into_any()
                } else {
                    view! {
                        <div>
                            <dt>{i18n.tr(Key::Ord(O::Carrier))}</dt>
                            <dd>{shipment.carrier.clone()} " · " {shipment.service.clone()}</dd>
                        </div>
                        <div>
                            <dt>{i18n.tr(Key::Ord(O::TrackingNumber))}</dt>
                            <dd>{tracking}</dd>
                        </div>
                    }
                    .into_any()
                }}
                {eta.map(|at| view! {
                    <div>
                        <dt>{i18n.tr(Key::Ord(O::EstimatedDelivery))}</dt>
                        <dd><time datetime=iso(&at)>{move || long_date(&at, i18n.locale())}</time></dd>
                    </div>
                })}
            </dl>
            <h4 class="timeline-heading">{i18n.tr(Key::Ord(O::Timeline))}</h4>
            {timeline}
        </section>
    }
}
