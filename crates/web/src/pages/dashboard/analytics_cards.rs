//! The Analytics page's cards: one request each over the chosen period, its loading and error
//! states, then what `analytics_figures` draws of the answer.

use leptos::prelude::*;
use rebound_shared::api::analytics::{
    ReasonsCard, ResolutionsCard, ReturnRateCard, ShoppersCard, SpeedCard,
};
use rebound_shared::{ErrorKind, Problem};

use crate::api::{AuthorizedApi, Card};
use crate::components::alert::ProblemAlert;
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{A, Key};

use super::analytics_figures::{reasons, resolutions, return_rate, shoppers, speed};

/// The period every card shows: `YYYY-MM-DD` days, both included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// What one card's request answered.
#[derive(Debug, Clone)]
enum Figures {
    Rate(ReturnRateCard),
    Reasons(ReasonsCard),
    Resolutions(ResolutionsCard),
    Speed(SpeedCard),
    Shoppers(ShoppersCard),
}

async fn load(api: AuthorizedApi, card: Card, period: Period) -> Result<Figures, Problem> {
    let (from, to) = (period.from.as_str(), period.to.as_str());
    Ok(match card {
        Card::ReturnRate => Figures::Rate(api.analytics_card(card, from, to).await?),
        Card::Reasons => Figures::Reasons(api.analytics_card(card, from, to).await?),
        Card::Resolutions => Figures::Resolutions(api.analytics_card(card, from, to).await?),
        Card::Speed => Figures::Speed(api.analytics_card(card, from, to).await?),
        Card::Shoppers => Figures::Shoppers(api.analytics_card(card, from, to).await?),
    })
}

/// A card's frame: title, lead, and its body once the card's request has answered. One
/// function for every card (not one copy per card type), to keep the bundle small.
pub fn card_frame(
    id: &'static str,
    card: Card,
    title: A,
    lead: A,
    period: Signal<Period>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let figures = LocalResource::new(move || {
        let api = auth.api();
        let period = period.get();
        async move {
            match api {
                Some(api) => load(api, card, period).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <section class="card analytics-card" id=id aria-labelledby=labelled_by aria-busy=move || figures.get().is_none().to_string()>
            <div class="card-header">
                <h2 id=title_id class="card-title">{i18n.tr(Key::Stats(title))}</h2>
                <p class="card-lead">{i18n.tr(Key::Stats(lead))}</p>
            </div>
            {move || match figures.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }.into_any(),
                Some(Ok(Figures::Rate(c))) => return_rate(c).into_any(),
                Some(Ok(Figures::Reasons(c))) => reasons(c).into_any(),
                Some(Ok(Figures::Resolutions(c))) => resolutions(c).into_any(),
                Some(Ok(Figures::Speed(c))) => speed(c).into_any(),
                Some(Ok(Figures::Shoppers(c))) => shoppers(c).into_any(),
            }}
        </section>
    }
}
