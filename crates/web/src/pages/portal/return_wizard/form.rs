//! The wizard's state: every line and choice a signal, checked with the shared return rules.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rebound_shared::FieldError;
use rebound_shared::api::exchanges::ExchangeChoice;
use rebound_shared::api::returns::{CreateReturn, ReturnItemInput, ReturnOptions};
use rebound_shared::api::settings::{Resolution, ReturnMethod, ReturnsSettings};
use rebound_shared::domain::{
    NotReturnable, OrderedItem, ReasonChoice, RuleError, check_return, kept_items_need_photos,
};
use uuid::Uuid;

use crate::api::new_request_id;
use crate::components::field::{ErrorSlot, FieldMessage};
use crate::components::photo_picker::{Photo, still_uploading, uploaded_ids};
use crate::i18n::{Key, Locale, P, R};

use super::Step;

/// One item of the order and what the shopper said about it.
#[derive(Clone, Copy)]
pub(super) struct Line {
    /// Its place in `ReturnOptions::items`.
    pub(super) index: usize,
    /// 0 while not chosen.
    pub(super) quantity: RwSignal<i32>,
    pub(super) reason: RwSignal<String>,
    pub(super) comment: RwSignal<String>,
    pub(super) photos: RwSignal<Vec<Photo>>,
    /// The SKU wanted instead, with the exchange resolution; empty while none is chosen.
    pub(super) exchange: RwSignal<String>,
    /// Another product picked from the shop's catalogue ("shop the catalogue").
    pub(super) picked: RwSignal<Option<ExchangeChoice>>,
    pub(super) quantity_error: ErrorSlot,
    pub(super) reason_error: ErrorSlot,
    pub(super) comment_error: ErrorSlot,
    pub(super) photos_error: ErrorSlot,
    pub(super) exchange_error: ErrorSlot,
}

impl Line {
    pub(super) fn new(index: usize) -> Line {
        Line {
            index,
            quantity: RwSignal::new(0),
            reason: RwSignal::new(String::new()),
            comment: RwSignal::new(String::new()),
            photos: RwSignal::new(Vec::new()),
            exchange: RwSignal::new(String::new()),
            picked: RwSignal::new(None),
            quantity_error: RwSignal::new(None),
            reason_error: RwSignal::new(None),
            comment_error: RwSignal::new(None),
            photos_error: RwSignal::new(None),
            exchange_error: RwSignal::new(None),
        }
    }

    pub(super) fn clear_errors(&self) {
        for slot in [
            self.quantity_error,
            self.reason_error,
            self.comment_error,
            self.photos_error,
            self.exchange_error,
        ] {
            slot.set(None);
        }
    }
}

/// The whole form, every part a signal, so each step's screen reads and writes the same state.
#[derive(Clone, Copy)]
pub(super) struct Wizard {
    pub(super) options: StoredValue<ReturnOptions>,
    pub(super) lines: StoredValue<Vec<Line>>,
    pub(super) resolution: RwSignal<Resolution>,
    pub(super) variant: RwSignal<String>,
    pub(super) method: RwSignal<ReturnMethod>,
    pub(super) items_error: ErrorSlot,
    pub(super) resolution_error: ErrorSlot,
    pub(super) variant_error: ErrorSlot,
    pub(super) method_error: ErrorSlot,
    /// Made once per wizard: submitting twice finds the first return.
    pub(super) request_id: StoredValue<String>,
}

impl Wizard {
    pub(super) fn new(options: ReturnOptions) -> Wizard {
        let lines = (0..options.items.len()).map(Line::new).collect();
        Wizard {
            resolution: RwSignal::new(
                options
                    .resolutions
                    .first()
                    .copied()
                    .unwrap_or(Resolution::Refund),
            ),
            method: RwSignal::new(
                options
                    .methods
                    .first()
                    .copied()
                    .unwrap_or(ReturnMethod::PrepaidLabel),
            ),
            options: StoredValue::new(options),
            lines: StoredValue::new(lines),
            variant: RwSignal::new(String::new()),
            items_error: RwSignal::new(None),
            resolution_error: RwSignal::new(None),
            variant_error: RwSignal::new(None),
            method_error: RwSignal::new(None),
            request_id: StoredValue::new(new_request_id()),
        }
    }

    /// The chosen lines, in the order's order (the request's `items[k]`).
    pub(super) fn chosen(&self) -> Vec<Line> {
        self.lines.with_value(|lines| {
            lines
                .iter()
                .filter(|l| l.quantity.get() > 0)
                .copied()
                .collect()
        })
    }

    pub(super) fn reason_of(
        &self,
        line: &Line,
    ) -> Option<rebound_shared::api::portal::PortalReason> {
        let id = line.reason.get();
        self.options
            .with_value(|o| o.reasons.iter().find(|r| r.id.to_string() == id).cloned())
    }

    pub(super) fn is_defective(&self, line: &Line) -> bool {
        self.reason_of(line).is_some_and(|r| r.defective)
    }

    /// Some chosen item comes back for a defect: the shop gets in touch and decides with the
    /// shopper what happens (seed 003), so the wizard asks no resolution nor method.
    pub(super) fn any_defective(&self) -> bool {
        self.chosen().iter().any(|l| self.is_defective(l))
    }

    /// Whether `line` is kept by the shopper once they send a photo of it: every chosen item
    /// stays (no parcel) and its rule asks to see it first.
    pub(super) fn needs_keep_photo(&self, line: &Line) -> bool {
        self.kept_lines()
            .get(line.index)
            .is_some_and(|(_, photos)| *photos)
    }

    /// Per order item, (kept, photo asked) for the reason chosen, when every chosen item is
    /// kept; otherwise nothing is kept and no photo is asked.
    fn kept_lines(&self) -> Vec<(bool, bool)> {
        let chosen = self.chosen();
        self.options.with_value(|o| {
            let terms = |line: &Line| {
                let reason = line.reason.get().parse::<Uuid>().ok()?;
                o.items[line.index].terms_for(reason).cloned()
            };
            let all_kept =
                !chosen.is_empty() && chosen.iter().all(|l| terms(l).is_some_and(|t| t.keep_item));
            let mut keeps = vec![(false, false); o.items.len()];
            if all_kept {
                for line in &chosen {
                    keeps[line.index] = (true, terms(line).is_some_and(|t| t.keep_item_photos));
                }
            }
            keeps
        })
    }

    /// A photo goes with `line`: a defect's, or the kept item the shop asks to see.
    pub(super) fn wants_photos(&self, line: &Line) -> bool {
        self.is_defective(line) || self.needs_keep_photo(line)
    }

    pub(super) fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::Items, Step::Reasons];
        if self.any_defective() {
            steps.push(Step::Details);
        } else {
            if self.chosen().iter().any(|l| self.needs_keep_photo(l)) {
                steps.push(Step::Details);
            }
            steps.push(Step::Resolution);
        }
        steps.push(Step::Summary);
        steps
    }

    pub(super) fn request(&self) -> CreateReturn {
        let exchanging =
            !self.any_defective() && self.resolution.get_untracked() == Resolution::Exchange;
        let items = self
            .chosen()
            .into_iter()
            .map(|line| {
                let defective = self.is_defective(&line);
                let comment = line.comment.get_untracked().trim().to_owned();
                ReturnItemInput {
                    order_item_id: self
                        .options
                        .with_value(|o| o.items[line.index].order_item_id),
                    quantity: line.quantity.get_untracked(),
                    reason_id: line.reason.get_untracked().parse().unwrap_or(Uuid::nil()),
                    // Comment and photos belong to a defect (photos also to a kept item the
                    // shop asks to see); another reason sends none.
                    comment: (defective && !comment.is_empty()).then_some(comment),
                    photo_ids: if self.wants_photos(&line) {
                        line.photos.with_untracked(|p| uploaded_ids(p))
                    } else {
                        Vec::new()
                    },
                    exchange_sku: Some(line.exchange.get_untracked())
                        .filter(|sku| exchanging && !sku.is_empty()),
                }
            })
            .collect();
        let undecided = self.any_defective();
        let resolution = self.resolution.get_untracked();
        let variant = self.variant.get_untracked().trim().to_owned();
        CreateReturn {
            items,
            resolution: (!undecided).then_some(resolution),
            replacement_variant: (!undecided
                && resolution == Resolution::Replacement
                && !variant.is_empty())
            .then_some(variant),
            method: (!undecided).then(|| self.method.get_untracked()),
            client_request_id: Some(self.request_id.get_value()),
        }
    }

    /// The shared rules, fed with what the options say: the window end stands for delivery
    /// plus the window, and each item's bought/left for what open returns hold.
    pub(super) fn broken_rules(&self) -> Vec<RuleError> {
        let (resolutions, return_methods) = self.offered();
        self.options.with_value(|o| {
            let settings = ReturnsSettings {
                resolutions,
                return_methods,
                return_window_days: 0,
                ..ReturnsSettings::default()
            };
            let ordered: Vec<OrderedItem> = o
                .items
                .iter()
                .map(|i| OrderedItem {
                    id: i.order_item_id,
                    sku: i.sku.clone(),
                    tags: Vec::new(),
                    bought: i.bought,
                    returnable: i.why_not != Some(NotReturnable::NotReturnable),
                    already_returned: i.bought - i.returnable_quantity,
                })
                .collect();
            let reasons: Vec<ReasonChoice> = o
                .reasons
                .iter()
                .map(|r| ReasonChoice {
                    id: r.id,
                    defective: r.defective,
                    retired: false,
                })
                .collect();
            let now = DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64)
                .unwrap_or_default();
            let request = self.request();
            let mut broken = check_return(
                &settings,
                o.window_ends_at,
                now,
                &ordered,
                &reasons,
                &request,
            );
            let keeps: Vec<(bool, bool)> = {
                let by_item = self.kept_lines();
                self.chosen()
                    .iter()
                    .map(|l| by_item.get(l.index).copied().unwrap_or_default())
                    .collect()
            };
            broken.extend(kept_items_need_photos(&request, &keeps));
            broken
        })
    }

    /// The step a field belongs to.
    pub(super) fn step_of(field: &str) -> Step {
        let leaf = field.rsplit('.').next().unwrap_or(field);
        match leaf {
            "reason_id" => Step::Reasons,
            "comment" | "photo_ids" => Step::Details,
            "resolution" | "replacement_variant" | "method" | "exchange_sku" => Step::Resolution,
            _ => Step::Items,
        }
    }

    /// Puts each error under its field; returns the earliest step with one.
    pub(super) fn place(&self, errors: &[(String, String, String)]) -> Option<Step> {
        let chosen = self.chosen();
        let order = self.steps();
        let mut first: Option<Step> = None;
        for (field, code, message) in errors {
            let message = FieldMessage::Key(rule_message(field, code)).or_text(message);
            let slot = match field.as_str() {
                "items" => Some(self.items_error),
                "resolution" => Some(self.resolution_error),
                "replacement_variant" => Some(self.variant_error),
                "method" => Some(self.method_error),
                path => item_path(path).and_then(|(k, leaf)| {
                    let line = chosen.get(k)?;
                    Some(match leaf {
                        "reason_id" => line.reason_error,
                        "comment" => line.comment_error,
                        "photo_ids" => line.photos_error,
                        "exchange_sku" => line.exchange_error,
                        _ => line.quantity_error,
                    })
                }),
            };
            let slot = slot.unwrap_or(self.items_error);
            if slot.with_untracked(Option::is_none) {
                slot.set(Some(message));
            }
            let step = Wizard::step_of(field);
            let at = |s: Step| order.iter().position(|x| *x == s).unwrap_or(0);
            if first.is_none_or(|f| at(step) < at(f)) {
                first = Some(step);
            }
        }
        first
    }

    pub(super) fn clear_errors(&self) {
        self.lines
            .with_value(|lines| lines.iter().for_each(Line::clear_errors));
        for slot in [
            self.items_error,
            self.resolution_error,
            self.variant_error,
            self.method_error,
        ] {
            slot.set(None);
        }
    }

    /// Checks the steps up to `step`; shows what is wrong and says whether all is well.
    pub(super) fn check_through(&self, step: Step) -> bool {
        self.clear_errors();
        let order = self.steps();
        let upto = order.iter().position(|s| *s == step).unwrap_or(0);
        let mut errors: Vec<(String, String, String)> = self
            .broken_rules()
            .into_iter()
            .filter(|e| {
                let at = order
                    .iter()
                    .position(|s| *s == Wizard::step_of(&e.field))
                    .unwrap_or(0);
                at <= upto
            })
            .map(|e| (e.field, e.code.to_owned(), e.message))
            .collect();
        if order[..=upto].contains(&Step::Details) {
            for (k, line) in self.chosen().iter().enumerate() {
                if self.wants_photos(line) && line.photos.with_untracked(|p| still_uploading(p)) > 0
                {
                    errors.push((
                        format!("items[{k}].photo_ids"),
                        "uploading".into(),
                        String::new(),
                    ));
                }
            }
        }
        if order[..=upto].contains(&Step::Resolution)
            && !self.any_defective()
            && self.resolution.get_untracked() == Resolution::Exchange
        {
            let request = self.request();
            for (k, line) in request.items.iter().enumerate() {
                if line.exchange_sku.is_none() {
                    errors.push((
                        format!("items[{k}].exchange_sku"),
                        "required".into(),
                        String::new(),
                    ));
                }
            }
            if let Some(rebound_shared::api::exchanges::Settlement::Refused(_)) =
                self.exchange_settlement()
            {
                errors.push(("resolution".into(), "costs_more".into(), String::new()));
            }
        }
        if errors.is_empty() {
            return true;
        }
        self.place(&errors);
        focus_first_invalid();
        false
    }
}

/// `items[3].quantity` → (3, "quantity").
fn item_path(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("items[")?;
    let (k, leaf) = rest.split_once("].")?;
    Some((k.parse().ok()?, leaf))
}

/// The translated sentence for a broken rule.
fn rule_message(field: &str, code: &str) -> Key {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    let r = match (leaf, code) {
        ("items", _) => R::ChooseItem,
        ("quantity", "range") => R::AtLeastOne,
        ("quantity", _) => R::TooMany,
        ("order_item_id", "window_closed") => R::WhyWindowClosed,
        ("order_item_id", "not_delivered") => R::WhyNotDelivered,
        ("order_item_id", "all_returned") => R::WhyAllReturned,
        ("order_item_id", _) => R::WhyNotReturnable,
        ("reason_id", "retired") => R::ReasonRetired,
        ("reason_id", _) => R::ChooseReason,
        ("comment", "required") => R::DescribeDefect,
        ("comment", _) => R::CommentTooLong,
        ("photo_ids", "uploading") => return Key::Portal(P::PhotosStillUploading),
        ("photo_ids", "required") => R::AddPhoto,
        ("photo_ids", _) => return Key::Portal(P::PhotosMax),
        ("replacement_variant", _) => R::SayVariant,
        ("exchange_sku", "required") => R::ChooseExchange,
        ("resolution", "costs_more") => R::CostsMore,
        _ => R::NotOffered,
    };
    Key::Ret(r)
}

trait OrText {
    fn or_text(self, server: &str) -> FieldMessage;
}

impl OrText for FieldMessage {
    /// Our sentence; the server's own words only when we would otherwise say nothing useful.
    fn or_text(self, server: &str) -> FieldMessage {
        match self {
            FieldMessage::Key(Key::Ret(R::NotOffered)) if !server.is_empty() => {
                FieldMessage::Text(server.to_owned())
            }
            other => other,
        }
    }
}

/// Keyboard and screen-reader users land on the first field with an error.
pub(super) fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    request_animation_frame(|| {
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[aria-invalid='true']").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}

pub(super) fn server_errors(errors: &[FieldError]) -> Vec<(String, String, String)> {
    errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone(), e.message.clone()))
        .collect()
}

pub fn reason_label(reason: &rebound_shared::api::portal::PortalReason, locale: Locale) -> String {
    match locale {
        Locale::En => reason.label_en.clone(),
        Locale::Fr => reason.label_fr.clone(),
    }
}
