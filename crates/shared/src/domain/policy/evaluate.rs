//! The evaluation: the facts of an item and its order in, a verdict out (see the module doc for
//! how rules are read).

use super::condition::DateBasis;
use super::effect::{Approval, Effect, EffectKind, ReturnFee};
use super::facts::{ItemFacts, OrderFacts, ReasonFacts};
use super::rule::PolicyRule;
use crate::api::settings::{ApprovalMode, Resolution, ReturnMethod};
use crate::domain::NotReturnable;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Why a verdict is what it is: refusals, then the terms that apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PolicyCode {
    /// Refusal: the shop marked the item not returnable.
    NotReturnable,
    /// Refusal: a final-sale rule matched.
    FinalSale,
    /// Refusal: no rule gives this item a return window.
    NoWindow,
    /// Refusal: the window counts from delivery, which has not happened.
    NotDelivered,
    /// Refusal: the window counts from fulfilment, which has not happened.
    NotFulfilled,
    /// Refusal: the window has closed.
    WindowClosed,
    /// Returnable until the deadline.
    Window,
    /// The window was lengthened.
    ExtraDays,
    /// Only some resolutions are offered.
    ResolutionsLimited,
    /// Only some return methods are offered.
    MethodsLimited,
    /// Approved at once.
    AutomaticApproval,
    /// Staff review the return.
    ManualReview,
    /// A return fee applies.
    Fee,
    /// The shopper keeps the item.
    KeepItem,
}

impl PolicyCode {
    pub fn code(self) -> &'static str {
        match self {
            PolicyCode::NotReturnable => "not_returnable",
            PolicyCode::FinalSale => "final_sale",
            PolicyCode::NoWindow => "no_window",
            PolicyCode::NotDelivered => "not_delivered",
            PolicyCode::NotFulfilled => "not_fulfilled",
            PolicyCode::WindowClosed => "window_closed",
            PolicyCode::Window => "window",
            PolicyCode::ExtraDays => "extra_days",
            PolicyCode::ResolutionsLimited => "resolutions_limited",
            PolicyCode::MethodsLimited => "methods_limited",
            PolicyCode::AutomaticApproval => "automatic_approval",
            PolicyCode::ManualReview => "manual_review",
            PolicyCode::Fee => "fee",
            PolicyCode::KeepItem => "keep_item",
        }
    }

    pub fn is_refusal(self) -> bool {
        self.not_returnable().is_some()
    }

    /// The refusal as the return form's `why_not` has always said it.
    pub fn not_returnable(self) -> Option<NotReturnable> {
        match self {
            PolicyCode::NotReturnable | PolicyCode::FinalSale | PolicyCode::NoWindow => {
                Some(NotReturnable::NotReturnable)
            }
            PolicyCode::NotDelivered | PolicyCode::NotFulfilled => {
                Some(NotReturnable::NotDelivered)
            }
            PolicyCode::WindowClosed => Some(NotReturnable::WindowClosed),
            _ => None,
        }
    }
}

/// One reason of a verdict, with the rule that gave it (none for the item's own flag and for
/// a window no rule gives).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Why {
    pub code: PolicyCode,
    pub rule_id: Option<String>,
}

/// The window that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppliedWindow {
    pub rule_id: String,
    pub basis: DateBasis,
    pub days: u32,
    pub extra_days: u32,
    /// The last moment a return may be started; none until the basis has happened.
    pub deadline: Option<DateTime<Utc>>,
}

/// The fee that applies, to be computed on what is returned (`fee_for_return`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppliedFee {
    pub rule_id: String,
    pub fee: ReturnFee,
}

/// What the rules say about one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemVerdict {
    pub allowed: bool,
    /// Refusals first (all of them), then the terms that apply.
    pub why: Vec<Why>,
    pub window: Option<AppliedWindow>,
    /// None: whatever the shop offers.
    pub resolutions: Option<Vec<Resolution>>,
    /// None: whatever the shop offers.
    pub methods: Option<Vec<ReturnMethod>>,
    /// None: the shop's approval setting decides.
    pub approval: Option<ApprovalMode>,
    pub fee: Option<AppliedFee>,
    pub keep_item: bool,
    /// The shopper keeps the item once they have sent a photo of it.
    #[serde(default)]
    pub keep_item_photos: bool,
}

impl ItemVerdict {
    /// The deadline, when there is one.
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.window.as_ref().and_then(|w| w.deadline)
    }

    /// The first refusal, as the return form's `why_not`.
    pub fn why_not(&self) -> Option<NotReturnable> {
        self.why.iter().find_map(|w| w.code.not_returnable())
    }

    /// The codes alone, in order.
    pub fn codes(&self) -> Vec<PolicyCode> {
        self.why.iter().map(|w| w.code).collect()
    }
}

/// The first matching rule of each kind, with the rule's id.
#[derive(Default)]
struct Decided<'r> {
    chosen: Vec<(&'r PolicyRule, EffectKind)>,
}

impl<'r> Decided<'r> {
    fn has(&self, kind: EffectKind) -> bool {
        self.chosen.iter().any(|(_, k)| *k == kind)
    }

    fn effect(&self, kind: EffectKind) -> Option<(&'r str, &'r Effect)> {
        self.chosen
            .iter()
            .find(|(_, k)| *k == kind)
            .map(|(r, _)| (r.id.as_str(), &r.effect))
    }
}

fn why(code: PolicyCode, rule_id: Option<&str>) -> Why {
    Why {
        code,
        rule_id: rule_id.map(str::to_owned),
    }
}

/// The end of a window of `days` plus `extra_days` from `start`. A window reaching past the
/// calendar's end never closes (adding would panic; a stored rule is not trusted to be in
/// range).
fn window_end(start: DateTime<Utc>, days: u32, extra_days: u32) -> DateTime<Utc> {
    start
        .checked_add_signed(Duration::days(i64::from(days) + i64::from(extra_days)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// What `rules` allow for `item` of `order` at `now`.
pub fn evaluate_item(
    rules: &[PolicyRule],
    item: &ItemFacts,
    order: &OrderFacts,
    now: DateTime<Utc>,
) -> ItemVerdict {
    let mut decided = Decided::default();
    for rule in rules.iter().filter(|r| r.enabled) {
        let kind = rule.effect.kind();
        // Conditions are read only when the rule could still decide something.
        if !decided.has(kind) && rule.conditions.iter().all(|c| c.holds(item, order, now)) {
            decided.chosen.push((rule, kind));
        }
    }

    let mut refusals = Vec::new();
    let mut terms = Vec::new();
    if !item.returnable {
        refusals.push(why(PolicyCode::NotReturnable, None));
    }
    if let Some((id, _)) = decided.effect(EffectKind::FinalSale) {
        refusals.push(why(PolicyCode::FinalSale, Some(id)));
    }
    let extra = match decided.effect(EffectKind::ExtraDays) {
        Some((id, Effect::ExtraDays { days })) => Some((id, *days)),
        _ => None,
    };
    let window = match decided.effect(EffectKind::Window) {
        Some((id, Effect::Window { basis, days })) => {
            let extra_days = extra.map_or(0, |(_, d)| d);
            let deadline = order
                .date(*basis)
                .map(|start| window_end(start, *days, extra_days));
            match deadline {
                None => refusals.push(why(
                    match basis {
                        DateBasis::Delivery => PolicyCode::NotDelivered,
                        _ => PolicyCode::NotFulfilled,
                    },
                    Some(id),
                )),
                Some(end) if now > end => refusals.push(why(PolicyCode::WindowClosed, Some(id))),
                Some(_) => terms.push(why(PolicyCode::Window, Some(id))),
            }
            if let Some((extra_id, _)) = extra {
                terms.push(why(PolicyCode::ExtraDays, Some(extra_id)));
            }
            Some(AppliedWindow {
                rule_id: id.to_owned(),
                basis: *basis,
                days: *days,
                extra_days,
                deadline,
            })
        }
        _ => {
            refusals.push(why(PolicyCode::NoWindow, None));
            None
        }
    };
    let resolutions = match decided.effect(EffectKind::Resolutions) {
        Some((id, Effect::Resolutions { allowed })) => {
            terms.push(why(PolicyCode::ResolutionsLimited, Some(id)));
            Some(allowed.clone())
        }
        _ => None,
    };
    let methods = match decided.effect(EffectKind::Methods) {
        Some((id, Effect::Methods { allowed })) => {
            terms.push(why(PolicyCode::MethodsLimited, Some(id)));
            Some(allowed.clone())
        }
        _ => None,
    };
    let approval = match decided.effect(EffectKind::Approval) {
        Some((id, Effect::Approval { approval })) => {
            let mode = match approval {
                Approval::Automatic => ApprovalMode::Automatic,
                Approval::Manual => ApprovalMode::Manual,
                Approval::ManualWhenFlagged if order.shopper.flagged => ApprovalMode::Manual,
                Approval::ManualWhenFlagged => ApprovalMode::Automatic,
            };
            terms.push(why(
                match mode {
                    ApprovalMode::Automatic => PolicyCode::AutomaticApproval,
                    ApprovalMode::Manual => PolicyCode::ManualReview,
                },
                Some(id),
            ));
            Some(mode)
        }
        _ => None,
    };
    let fee = match decided.effect(EffectKind::Fee) {
        Some((id, Effect::Fee { fee })) => {
            terms.push(why(PolicyCode::Fee, Some(id)));
            Some(AppliedFee {
                rule_id: id.to_owned(),
                fee: fee.clone(),
            })
        }
        _ => None,
    };
    let (keep_item, keep_item_photos) = match decided.effect(EffectKind::KeepItem) {
        Some((id, Effect::KeepItem { photos })) => {
            terms.push(why(PolicyCode::KeepItem, Some(id)));
            (true, *photos)
        }
        _ => (false, false),
    };

    let allowed = refusals.is_empty();
    refusals.extend(terms);
    ItemVerdict {
        allowed,
        why: refusals,
        window,
        resolutions,
        methods,
        approval,
        fee,
        keep_item,
        keep_item_photos,
    }
}

/// The verdict for an item whose reason is not chosen yet: the most generous over `reasons`
/// (allowed before refused, then the latest deadline; the first on a tie), so the return form
/// offers what at least one reason allows. With no reasons, the item is read without one.
pub fn evaluate_item_any_reason(
    rules: &[PolicyRule],
    item: &ItemFacts,
    order: &OrderFacts,
    reasons: &[ReasonFacts],
    now: DateTime<Utc>,
) -> ItemVerdict {
    let mut best: Option<ItemVerdict> = None;
    let candidates: Vec<Option<ReasonFacts>> = if reasons.is_empty() {
        vec![None]
    } else {
        reasons.iter().copied().map(Some).collect()
    };
    for reason in candidates {
        let facts = ItemFacts {
            reason,
            ..item.clone()
        };
        let verdict = evaluate_item(rules, &facts, order, now);
        let better = best
            .as_ref()
            .is_none_or(|b| (verdict.allowed, verdict.deadline()) > (b.allowed, b.deadline()));
        if better {
            best = Some(verdict);
        }
    }
    best.unwrap_or_else(|| evaluate_item(rules, item, order, now))
}
