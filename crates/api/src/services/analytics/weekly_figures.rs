//! The weekly summary's figures: one week and the week before, read through the same card
//! functions the Analytics page calls (no second computation), written out as the mail's
//! `{{figures}}` block in English or French.

use super::sql::CardScope;
use super::{reasons, resolutions, return_rate, speed};
use crate::db::Tenant;
use crate::error::{ApiError, ApiResult};
use chrono::{DateTime, NaiveDate, Utc};
use rebound_shared::api::analytics::{
    CurrencyOutcomes, ReasonsCard, ResolutionsCard, ReturnRateCard, SpeedCard,
};
use rebound_shared::domain::analytics::DateRange;
use rebound_shared::domain::{Lang, Money};
use sea_orm::ConnectionTrait;
use std::fmt::Write;

/// How many reasons and waiting returns the mail lists.
pub const LISTED: usize = 3;

/// The cards for one week (`from`, a Monday, to the Sunday after) and the ones the comparison
/// needs for the week before.
#[derive(Debug, Clone)]
pub struct WeekFigures {
    pub rate: ReturnRateCard,
    pub reasons: ReasonsCard,
    pub resolutions: ResolutionsCard,
    pub resolutions_before: ResolutionsCard,
    pub speed: SpeedCard,
    pub speed_before: SpeedCard,
}

fn week_scope(from: NaiveDate) -> ApiResult<CardScope> {
    let to = from + chrono::Duration::days(6);
    let range = DateRange::parse(Some(&from.to_string()), Some(&to.to_string()), Some("week"))
        .map_err(ApiError::rules)?;
    Ok(CardScope {
        range,
        product: None,
    })
}

/// Reads the week starting `from` for the shop: the return-rate card brings its previous week
/// itself; resolutions and speed are read again for the week before.
pub async fn week_figures(
    db: &impl ConnectionTrait,
    tenant: Tenant,
    from: NaiveDate,
) -> ApiResult<WeekFigures> {
    let scope = week_scope(from)?;
    let before = CardScope {
        range: scope.range.previous(),
        product: None,
    };
    Ok(WeekFigures {
        rate: return_rate::return_rate_card(db, tenant, &scope).await?,
        reasons: reasons::reasons_card(db, tenant, &scope).await?,
        resolutions: resolutions::resolutions_card(db, tenant, &scope).await?,
        resolutions_before: resolutions::resolutions_card(db, tenant, &before).await?,
        speed: speed::speed_card(db, tenant, &scope).await?,
        speed_before: speed::speed_card(db, tenant, &before).await?,
    })
}

/// `1250` basis points as `12.5 %` (`12,5 %` in French); "—" when nothing was delivered.
pub fn percent(basis_points: Option<u32>, lang: Lang) -> String {
    match basis_points {
        Some(bp) => decimal(format!("{}.{} %", bp / 100, (bp % 100) / 10), lang),
        None => "—".to_owned(),
    }
}

/// Hours with one decimal (`26.0 h`); "—" when no return got there.
pub fn hours(value: Option<f64>, lang: Lang) -> String {
    match value {
        Some(h) => decimal(format!("{h:.1} h"), lang),
        None => "—".to_owned(),
    }
}

fn decimal(text: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

fn money_of<'a>(card: &'a ResolutionsCard, currency: &str) -> Option<&'a CurrencyOutcomes> {
    card.money.iter().find(|m| m.currency == currency)
}

/// The `{{figures}}` block: short labelled lines, the week before after each figure; money per
/// currency, each currency on its own line.
pub fn figures_text(f: &WeekFigures, lang: Lang, now: DateTime<Utc>) -> String {
    let fr = lang == Lang::Fr;
    // French sets a space before a colon.
    let colon = if fr { " :" } else { ":" };
    let before = if fr {
        "semaine précédente :"
    } else {
        "week before:"
    };
    let (this, was) = (&f.rate.total, &f.rate.previous);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{colon} {} ({before} {})",
        if fr {
            "Commandes avec un retour demandé"
        } else {
            "Orders with a return requested"
        },
        this.returned_orders,
        was.returned_orders
    );
    let _ = writeln!(
        out,
        "{}{colon} {} ({before} {})",
        if fr {
            "Articles retournés"
        } else {
            "Units returned"
        },
        this.returned_units,
        was.returned_units
    );
    let _ = write!(
        out,
        "{}{colon} {} ({before} {})",
        if fr {
            "Taux de retour (commandes livrées)"
        } else {
            "Return rate (orders delivered)"
        },
        percent(this.order_rate_basis_points, lang),
        percent(was.order_rate_basis_points, lang)
    );

    out.push_str(if fr {
        "\n\nPrincipaux motifs (articles) :"
    } else {
        "\n\nTop reasons (units):"
    });
    if f.reasons.reasons.is_empty() {
        out.push_str(if fr { "\n- aucun" } else { "\n- none" });
    }
    for r in f.reasons.reasons.iter().take(LISTED) {
        let label = if fr { &r.label_fr } else { &r.label_en };
        let _ = write!(
            out,
            "\n- {label}{colon} {} ({})",
            r.units,
            percent(Some(r.share_basis_points), lang)
        );
    }

    out.push_str(if fr {
        "\n\nRemboursé et conservé (avoirs et échanges), par devise :"
    } else {
        "\n\nRefunded and kept (store credit and exchanges), per currency:"
    });
    let mut currencies: Vec<&str> = f
        .resolutions
        .money
        .iter()
        .chain(&f.resolutions_before.money)
        .map(|m| m.currency.as_str())
        .collect();
    currencies.sort_unstable();
    currencies.dedup();
    if currencies.is_empty() {
        out.push_str(if fr { "\n- rien" } else { "\n- nothing" });
    }
    for code in currencies {
        let amount = |card: &ResolutionsCard, kept: bool| {
            let minor = money_of(card, code).map_or(0, |m| {
                if kept {
                    m.revenue_kept_minor
                } else {
                    m.refunded_minor
                }
            });
            Money::show(minor, code, lang)
        };
        let (refunded, kept) = if fr {
            ("remboursé", "conservé")
        } else {
            ("refunded", "kept")
        };
        let _ = write!(
            out,
            "\n- {code}{colon} {refunded} {} ({before} {}), {kept} {} ({before} {})",
            amount(&f.resolutions, false),
            amount(&f.resolutions_before, false),
            amount(&f.resolutions, true),
            amount(&f.resolutions_before, true),
        );
    }

    let _ = write!(
        out,
        "\n\n{}{colon} {} ({before} {})",
        if fr {
            "Délai médian jusqu'à la résolution"
        } else {
            "Median time to resolution"
        },
        hours(f.speed.to_resolution.median_hours, lang),
        hours(f.speed_before.to_resolution.median_hours, lang)
    );

    out.push_str(if fr {
        "\n\nEn attente depuis le plus longtemps :"
    } else {
        "\n\nWaiting longest:"
    });
    if f.speed.waiting.is_empty() {
        out.push_str(if fr { "\n- aucun" } else { "\n- none" });
    }
    for w in f.speed.waiting.iter().take(LISTED) {
        let days = (now - w.requested_at).num_days().max(0);
        let _ = if fr {
            write!(
                out,
                "\n- {}, demandé le {} ({days} j)",
                w.number,
                w.requested_at.format("%d/%m/%Y")
            )
        } else {
            write!(
                out,
                "\n- {}, requested {} ({days} d)",
                w.number,
                w.requested_at.format("%Y-%m-%d")
            )
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_hours_read_as_each_language_writes_them() {
        assert_eq!(percent(Some(1250), Lang::En), "12.5 %");
        assert_eq!(percent(Some(8333), Lang::Fr), "83,3 %");
        assert_eq!(percent(Some(10000), Lang::En), "100.0 %");
        assert_eq!(percent(None, Lang::En), "—");
        assert_eq!(hours(Some(26.04), Lang::En), "26.0 h");
        assert_eq!(hours(Some(1.26), Lang::Fr), "1,3 h");
        assert_eq!(hours(None, Lang::Fr), "—");
    }
}
