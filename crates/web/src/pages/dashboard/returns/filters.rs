//! The queue's filters beyond status and search: reason, resolution, a creation period and
//! "defective only". Dates are days in the browser's time zone, sent as the instants they start.

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use rebound_shared::api::settings::{Resolution, ReturnReasonView};
use uuid::Uuid;

use crate::api::ReturnQuery;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key, Locale, R, resolution_key};

/// The filters' values as the inputs hold them (empty means "any").
#[derive(Clone, Copy)]
pub struct Filters {
    reason: RwSignal<String>,
    resolution: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    defective: RwSignal<bool>,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            reason: RwSignal::new(String::new()),
            resolution: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            defective: RwSignal::new(false),
        }
    }
}

impl Filters {
    /// Subscribes the caller to every filter.
    pub fn track(self) {
        self.reason.track();
        self.resolution.track();
        self.from.track();
        self.to.track();
        self.defective.track();
    }

    pub fn any(self) -> bool {
        self.defective.get()
            || [self.reason, self.resolution, self.from, self.to]
                .iter()
                .any(|s| s.with(|v| !v.is_empty()))
    }

    fn clear(self) {
        for s in [self.reason, self.resolution, self.from, self.to] {
            s.set(String::new());
        }
        self.defective.set(false);
    }

    /// Writes the filters into a queue query.
    pub fn apply(self, query: &mut ReturnQuery) {
        query.reason_id = self.reason.with_untracked(|r| Uuid::parse_str(r).ok());
        query.resolution = self.resolution.with_untracked(|r| {
            Resolution::ALL
                .into_iter()
                .find(|res| res.as_str() == r.as_str())
        });
        query.from = self.from.with_untracked(|d| day_start(d, 0));
        // "Until" includes the day itself: the period ends when the next day starts.
        query.to = self.to.with_untracked(|d| day_start(d, 1));
        query.defective_only = self.defective.get_untracked();
    }
}

/// The instant local day `day` (`YYYY-MM-DD`, as a date input gives it) plus `later` days
/// starts, as RFC 3339 UTC.
fn day_start(day: &str, later: u64) -> Option<String> {
    use chrono::Datelike;
    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()?
        .checked_add_days(Days::new(later))?;
    let local = js_sys::Date::new_with_year_month_day(
        u32::try_from(date.year()).ok()?,
        i32::try_from(date.month0()).ok()?,
        i32::try_from(date.day()).ok()?,
    );
    local.to_iso_string().as_string()
}

#[component]
pub fn FilterBar(filters: Filters) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // Retired reasons stay in the list: old returns still carry them.
    let reasons = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.settings().await.map(|s| s.reasons).unwrap_or_default(),
                None => Vec::new(),
            }
        }
    });
    let reason_label = move |r: &ReturnReasonView| {
        if i18n.locale() == Locale::Fr {
            r.label_fr.clone()
        } else {
            r.label_en.clone()
        }
    };
    let reason_options = move || {
        reasons
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                let id = r.id.to_string();
                let selected = filters.reason.with(|v| *v == id);
                view! { <option value=id selected=selected>{reason_label(&r)}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="filter-reason">{i18n.tr(Key::Case(C::Reason))}</label>
            <select
                id="filter-reason"
                prop:value=move || filters.reason.get()
                on:change=move |ev| filters.reason.set(event_target_value(&ev))
            >
                <option value="">{i18n.tr(Key::Case(C::AnyReason))}</option>
                {reason_options}
            </select>
        </div>
        <div class="field">
            <label for="filter-resolution">{i18n.tr(Key::Case(C::Resolution))}</label>
            <select
                id="filter-resolution"
                prop:value=move || filters.resolution.get()
                on:change=move |ev| filters.resolution.set(event_target_value(&ev))
            >
                <option value="">{i18n.tr(Key::Case(C::AnyResolution))}</option>
                {Resolution::ALL
                    .into_iter()
                    .map(|r| view! { <option value=r.as_str()>{i18n.tr(resolution_key(r))}</option> })
                    .collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="filter-from">{i18n.tr(Key::Case(C::From))}</label>
            <input
                id="filter-from"
                type="date"
                prop:value=move || filters.from.get()
                on:change=move |ev| filters.from.set(event_target_value(&ev))
            />
        </div>
        <div class="field">
            <label for="filter-to">{i18n.tr(Key::Case(C::To))}</label>
            <input
                id="filter-to"
                type="date"
                prop:value=move || filters.to.get()
                on:change=move |ev| filters.to.set(event_target_value(&ev))
            />
        </div>
        <label class="toggle-field" for="defective-only">
            <input
                id="defective-only"
                type="checkbox"
                prop:checked=move || filters.defective.get()
                on:change=move |ev| filters.defective.set(event_target_checked(&ev))
            />
            <span>{i18n.tr(Key::Ret(R::QDefectiveOnly))}</span>
        </label>
        {move || filters.any().then(|| view! {
            <button type="button" class="btn btn-secondary clear-filters" on:click=move |_| filters.clear()>
                {i18n.tr(Key::Case(C::ClearFilters))}
            </button>
        })}
    }
}
