//! `/{slug}/order/return`: the shopper starts a return, one screen per step: items and
//! quantities → a reason per item → (defective items) a comment and photos → resolution and
//! return method → summary. Each step is checked with the same rules the server applies
//! (`rebound_shared::domain::return_rules`) before the next one opens.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rebound_shared::api::returns::{CreateReturn, ReturnItemInput, ReturnOptions, ReturnView};
use rebound_shared::api::settings::{Resolution, ReturnMethod, ReturnsSettings};
use rebound_shared::domain::{
    NotReturnable, OrderedItem, ReasonChoice, ReturnStatus, RuleError, check_return,
};
use rebound_shared::{ErrorKind, FieldError, Problem};
use uuid::Uuid;

use crate::api::{ShopperApi, new_request_id};
use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, FieldErrorText, FieldMessage};
use crate::components::loading::Loading;
use crate::components::photo_picker::{
    Photo, PhotoPicker, Uploader, still_uploading, uploaded_ids,
};
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, Locale, P, R, method_key, not_returnable_key, resolution_key};
use crate::pages::portal::opened::use_opened_order;
use crate::routes::Page;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Items,
    Reasons,
    Details,
    Resolution,
    Summary,
}

impl Step {
    fn label(self) -> Key {
        Key::Ret(match self {
            Step::Items => R::StepItems,
            Step::Reasons => R::StepReasons,
            Step::Details => R::StepDetails,
            Step::Resolution => R::StepResolution,
            Step::Summary => R::StepSummary,
        })
    }
}

/// One item of the order and what the shopper said about it.
#[derive(Clone, Copy)]
struct Line {
    /// Its place in `ReturnOptions::items`.
    index: usize,
    /// 0 while not chosen.
    quantity: RwSignal<i32>,
    reason: RwSignal<String>,
    comment: RwSignal<String>,
    photos: RwSignal<Vec<Photo>>,
    quantity_error: ErrorSlot,
    reason_error: ErrorSlot,
    comment_error: ErrorSlot,
    photos_error: ErrorSlot,
}

impl Line {
    fn new(index: usize) -> Line {
        Line {
            index,
            quantity: RwSignal::new(0),
            reason: RwSignal::new(String::new()),
            comment: RwSignal::new(String::new()),
            photos: RwSignal::new(Vec::new()),
            quantity_error: RwSignal::new(None),
            reason_error: RwSignal::new(None),
            comment_error: RwSignal::new(None),
            photos_error: RwSignal::new(None),
        }
    }

    fn clear_errors(&self) {
        for slot in [
            self.quantity_error,
            self.reason_error,
            self.comment_error,
            self.photos_error,
        ] {
            slot.set(None);
        }
    }
}

/// The whole form, every part a signal, so each step's screen reads and writes the same state.
#[derive(Clone, Copy)]
struct Wizard {
    options: StoredValue<ReturnOptions>,
    lines: StoredValue<Vec<Line>>,
    resolution: RwSignal<Resolution>,
    variant: RwSignal<String>,
    method: RwSignal<ReturnMethod>,
    items_error: ErrorSlot,
    resolution_error: ErrorSlot,
    variant_error: ErrorSlot,
    method_error: ErrorSlot,
    /// Made once per wizard: submitting twice finds the first return.
    request_id: StoredValue<String>,
}

impl Wizard {
    fn new(options: ReturnOptions) -> Wizard {
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
    fn chosen(&self) -> Vec<Line> {
        self.lines.with_value(|lines| {
            lines
                .iter()
                .filter(|l| l.quantity.get() > 0)
                .copied()
                .collect()
        })
    }

    fn reason_of(&self, line: &Line) -> Option<rebound_shared::api::portal::PortalReason> {
        let id = line.reason.get();
        self.options
            .with_value(|o| o.reasons.iter().find(|r| r.id.to_string() == id).cloned())
    }

    fn is_defective(&self, line: &Line) -> bool {
        self.reason_of(line).is_some_and(|r| r.defective)
    }

    fn steps(&self) -> Vec<Step> {
        let mut steps = vec![Step::Items, Step::Reasons];
        if self.chosen().iter().any(|l| self.is_defective(l)) {
            steps.push(Step::Details);
        }
        steps.extend([Step::Resolution, Step::Summary]);
        steps
    }

    fn request(&self) -> CreateReturn {
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
                    // Comment and photos belong to a defect; another reason sends none.
                    comment: (defective && !comment.is_empty()).then_some(comment),
                    photo_ids: if defective {
                        line.photos.with_untracked(|p| uploaded_ids(p))
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        let resolution = self.resolution.get_untracked();
        let variant = self.variant.get_untracked().trim().to_owned();
        CreateReturn {
            items,
            resolution,
            replacement_variant: (resolution == Resolution::Replacement && !variant.is_empty())
                .then_some(variant),
            method: self.method.get_untracked(),
            client_request_id: Some(self.request_id.get_value()),
        }
    }

    /// The shared rules, fed with what the options say: the window end stands for delivery
    /// plus the window, and each item's bought/left for what open returns hold.
    fn broken_rules(&self) -> Vec<RuleError> {
        self.options.with_value(|o| {
            let settings = ReturnsSettings {
                resolutions: o.resolutions.clone(),
                return_methods: o.methods.clone(),
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
            check_return(
                &settings,
                o.window_ends_at,
                now,
                &ordered,
                &reasons,
                &self.request(),
            )
        })
    }

    /// The step a field belongs to.
    fn step_of(field: &str) -> Step {
        let leaf = field.rsplit('.').next().unwrap_or(field);
        match leaf {
            "reason_id" => Step::Reasons,
            "comment" | "photo_ids" => Step::Details,
            "resolution" | "replacement_variant" | "method" => Step::Resolution,
            _ => Step::Items,
        }
    }

    /// Puts each error under its field; returns the earliest step with one.
    fn place(&self, errors: &[(String, String, String)]) -> Option<Step> {
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

    fn clear_errors(&self) {
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
    fn check_through(&self, step: Step) -> bool {
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
                if self.is_defective(line) && line.photos.with_untracked(|p| still_uploading(p)) > 0
                {
                    errors.push((
                        format!("items[{k}].photo_ids"),
                        "uploading".into(),
                        String::new(),
                    ));
                }
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
fn focus_first_invalid() {
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

fn server_errors(errors: &[FieldError]) -> Vec<(String, String, String)> {
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

#[component]
pub fn ReturnWizardPage() -> impl IntoView {
    let i18n = use_i18n();
    let opened = use_opened_order();
    let (slug, api) = (opened.slug.clone(), opened.api.clone());
    let options = LocalResource::new({
        let api = api.clone();
        move || {
            let api = api.clone();
            async move {
                match api {
                    Some(api) => api.return_options().await,
                    None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
                }
            }
        }
    });
    let number = move || {
        opened
            .order
            .get()
            .and_then(|o| o.ok())
            .map(|o| o.number)
            .unwrap_or_default()
    };
    let order_page = Page::PortalOrder(slug.clone()).path();
    view! {
        <section class="portal-card narrow return-wizard" aria-labelledby="return-title">
            <div>
                <p class="portal-eyebrow">{number}</p>
                <h1 id="return-title" class="section-heading" tabindex="-1">{i18n.tr(Key::Ret(R::StartReturn))}</h1>
            </div>
            {move || match options.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(p)) => view! {
                    <ProblemAlert problem=Signal::derive(move || Some(p.clone())) />
                    <button type="button" class="btn btn-secondary" on:click=move |_| options.refetch()>
                        {i18n.tr(Key::TryAgain)}
                    </button>
                }
                .into_any(),
                Some(Ok(found)) if found.items.iter().all(|i| i.returnable_quantity <= 0) => view! {
                    <div class="alert alert-info" role="status">
                        <p class="alert-title">{i18n.tr(Key::Ret(R::NothingToReturn))}</p>
                        <p>{i18n.tr(why_none(&found))}</p>
                    </div>
                    <a class="btn btn-brand" href=order_page.clone()>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
                }
                .into_any(),
                Some(Ok(found)) => view! {
                    <WizardSteps options=found api=api.clone() order_page=order_page.clone() />
                }
                .into_any(),
            }}
        </section>
    }
}

/// Why nothing can be returned, by the first item's reason.
pub fn why_none(options: &ReturnOptions) -> Key {
    let why = [
        NotReturnable::NotDelivered,
        NotReturnable::WindowClosed,
        NotReturnable::AllReturned,
        NotReturnable::NotReturnable,
    ]
    .into_iter()
    .find(|w| options.items.iter().any(|i| i.why_not == Some(*w)))
    .unwrap_or(NotReturnable::NotReturnable);
    not_returnable_key(why)
}

#[component]
fn WizardSteps(
    options: ReturnOptions,
    api: Option<ShopperApi>,
    order_page: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = Wizard::new(options);
    let step = RwSignal::new(Step::Items);
    let problem = RwSignal::new(None::<Problem>);
    let done = RwSignal::new(None::<ReturnView>);
    let position = move || {
        let steps = wizard.steps();
        let at = steps.iter().position(|s| *s == step.get()).unwrap_or(0);
        (at, steps)
    };
    let focus_title = || {
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(h) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("step-title"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = h.focus();
            }
        });
    };
    let next = move |_| {
        problem.set(None);
        let current = step.get_untracked();
        if !wizard.check_through(current) {
            return;
        }
        let (at, steps) = position();
        if let Some(following) = steps.get(at + 1) {
            step.set(*following);
            focus_title();
        }
    };
    let back = move |_| {
        problem.set(None);
        let (at, steps) = position();
        if at > 0 {
            step.set(steps[at - 1]);
            focus_title();
        }
    };
    let submit = Action::new_local(move |body: &CreateReturn| {
        let (api, body) = (api.clone(), body.clone());
        async move {
            match api {
                Some(api) => api.create_return(&body).await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "no open order")),
            }
        }
    });
    Effect::new(move || match submit.value().get() {
        Some(Ok(view)) => done.set(Some(view)),
        Some(Err(p)) => {
            wizard.clear_errors();
            if let Some(first) = wizard.place(&server_errors(&p.errors)) {
                step.set(first);
                focus_first_invalid();
            }
            problem.set(Some(p));
        }
        None => {}
    });
    let on_submit = move |_| {
        problem.set(None);
        if wizard.check_through(Step::Summary) {
            submit.dispatch(wizard.request());
        }
    };

    let stepper = move || {
        let (at, steps) = position();
        let total = steps.len();
        steps
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                view! {
                    <li class="stepper-step" class:stepper-done=i < at aria-current=(i == at).then_some("step")>
                        <span class="stepper-number" aria-hidden="true">{i + 1}</span>
                        <span class="stepper-label">{i18n.tr(s.label())}</span>
                        <span class="visually-hidden">{move || {
                            i18n.t(Key::Ret(R::StepOf))
                                .replace("{n}", &(i + 1).to_string())
                                .replace("{total}", &total.to_string())
                        }}</span>
                    </li>
                }
            })
            .collect_view()
    };

    move || {
        if let Some(made) = done.get() {
            return view! { <Outcome made=made order_page=order_page.clone() /> }.into_any();
        }
        let current = step.get();
        let (at, steps) = position();
        let last = at + 1 == steps.len();
        let screen = match current {
            Step::Items => view! { <ItemsStep wizard=wizard /> }.into_any(),
            Step::Reasons => view! { <ReasonsStep wizard=wizard /> }.into_any(),
            Step::Details => view! { <DetailsStep wizard=wizard /> }.into_any(),
            Step::Resolution => view! { <ResolutionStep wizard=wizard /> }.into_any(),
            Step::Summary => view! { <SummaryStep wizard=wizard /> }.into_any(),
        };
        view! {
            <ol class="stepper return-stepper" aria-label=i18n.tr(Key::Ret(R::Steps))>{stepper}</ol>
            <h2 id="step-title" class="return-step-title" tabindex="-1">
                {i18n.tr(current.label())}
            </h2>
            <ProblemAlert problem=problem />
            <div class="return-step">{screen}</div>
            <div class="form-actions return-nav">
                {if last {
                    view! {
                        <button
                            type="button"
                            class="btn btn-brand"
                            id="submit-return"
                            disabled=move || submit.pending().get()
                            aria-busy=move || submit.pending().get().then_some("true")
                            on:click=on_submit
                        >
                            {move || submit.pending().get().then(|| view! { <span class="spinner spinner-on-dark" aria-hidden="true"></span> })}
                            <span>{move || i18n.t(Key::Ret(if submit.pending().get() { R::Submitting } else { R::Submit }))}</span>
                        </button>
                    }
                    .into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-brand" id="next-step" on:click=next>
                            {i18n.tr(Key::Ret(R::Next))}
                        </button>
                    }
                    .into_any()
                }}
                {if at > 0 {
                    view! {
                        <button type="button" class="btn btn-secondary" id="previous-step" on:click=back>
                            {i18n.tr(Key::Ret(R::Back))}
                        </button>
                    }
                    .into_any()
                } else {
                    view! { <a class="btn btn-ghost" href=order_page.clone()>{i18n.tr(Key::Portal(P::Cancel))}</a> }.into_any()
                }}
            </div>
        }
        .into_any()
    }
}

#[component]
fn ItemsStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let items = wizard.options.with_value(|o| o.items.clone());
    let lines = wizard.lines.get_value();
    let window = wizard.options.with_value(|o| o.window_ends_at);
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::ItemsLead))}</p>
        {window.map(|end| view! {
            <p class="return-window">
                {i18n.tr(Key::Ret(R::WindowEnds))} " "
                <time datetime=crate::components::format::iso(&end)>
                    {move || crate::components::format::short_date(&end, i18n.locale())}
                </time>
            </p>
        })}
        <ul class="return-items" id="items" tabindex="-1"
            aria-invalid=move || wizard.items_error.with(Option::is_some).then_some("true")
            aria-describedby="items-error">
            {items
                .into_iter()
                .zip(lines)
                .map(|(item, line)| {
                    let i = line.index;
                    let left = item.returnable_quantity;
                    let can = left > 0;
                    let check_id = format!("return-{i}");
                    let qty_id = format!("quantity-{i}");
                    let error_id = format!("quantity-{i}-error");
                    view! {
                        <li class="return-item" class:return-item-off=!can class:return-item-on=move || { line.quantity.get() > 0 }>
                            {item.image_url.clone().map(|src| view! { <img class="return-item-image" src=src alt="" /> })}
                            <div class="return-item-body">
                                <label class="return-item-check" for=check_id.clone()>
                                    <input
                                        id=check_id.clone()
                                        type="checkbox"
                                        disabled=!can
                                        prop:checked=move || { line.quantity.get() > 0 }
                                        aria-invalid=move || line.quantity_error.with(Option::is_some).then_some("true")
                                        aria-describedby=error_id.clone()
                                        on:change=move |ev| {
                                            line.quantity.set(if event_target_checked(&ev) { 1 } else { 0 });
                                            line.quantity_error.set(None);
                                            wizard.items_error.set(None);
                                        }
                                    />
                                    <span class="return-item-title">{item.title.clone()}</span>
                                </label>
                                {item.variant.clone().map(|v| view! { <span class="muted">{v}</span> })}
                                <span class="muted return-item-sku">{item.sku.clone()}</span>
                                {match item.why_not {
                                    Some(why) if !can => view! { <p class="return-why-not">{i18n.tr(not_returnable_key(why))}</p> }.into_any(),
                                    _ => ().into_any(),
                                }}
                                {(can && left > 1).then(|| view! {
                                    <Show when=move || { line.quantity.get() > 0 }>
                                        <div class="return-quantity">
                                            <label for=qty_id.clone()>{i18n.tr(Key::Ret(R::Quantity))}</label>
                                            <select
                                                id=qty_id.clone()
                                                prop:value=move || line.quantity.get().to_string()
                                                on:change=move |ev| {
                                                    line.quantity.set(event_target_value(&ev).parse().unwrap_or(1));
                                                    line.quantity_error.set(None);
                                                }
                                            >
                                                {(1..=left).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                                            </select>
                                            <span class="muted">{move || i18n.t(Key::Ret(R::OfLeft)).replace("{left}", &left.to_string())}</span>
                                        </div>
                                    </Show>
                                })}
                                <FieldErrorText id=error_id error=line.quantity_error />
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <FieldErrorText id="items-error".to_owned() error=wizard.items_error />
    }
}

#[component]
fn ReasonsStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let reasons = wizard.options.with_value(|o| o.reasons.clone());
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::ReasonsLead))}</p>
        {wizard
            .chosen()
            .into_iter()
            .map(|line| {
                let item = wizard.options.with_value(|o| o.items[line.index].clone());
                let id = format!("reason-{}", line.index);
                let error_id = format!("{id}-error");
                let reasons = reasons.clone();
                view! {
                    <div class="field return-line" class:field-invalid=move || line.reason_error.with(Option::is_some)>
                        <label for=id.clone()>
                            {item.title.clone()}
                            <span class="muted">" × " {line.quantity.get_untracked()}</span>
                        </label>
                        <select
                            id=id.clone()
                            required=true
                            aria-invalid=move || line.reason_error.with(Option::is_some).then_some("true")
                            aria-describedby=error_id.clone()
                            prop:value=move || line.reason.get()
                            on:change=move |ev| {
                                line.reason.set(event_target_value(&ev));
                                line.reason_error.set(None);
                            }
                        >
                            <option value="">{i18n.tr(Key::Ret(R::ChooseReasonOption))}</option>
                            {reasons
                                .iter()
                                .map(|r| {
                                    let r = r.clone();
                                    let value = r.id.to_string();
                                    let defective = r.defective;
                                    view! {
                                        <option value=value>
                                            {move || {
                                                let mut label = reason_label(&r, i18n.locale());
                                                if defective {
                                                    label.push_str(i18n.t(Key::Ret(R::DefectiveSuffix)));
                                                }
                                                label
                                            }}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <FieldErrorText id=error_id error=line.reason_error />
                    </div>
                }
            })
            .collect_view()}
    }
}

#[component]
fn DetailsStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let api = leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("slug"))
        .and_then(|slug| crate::contexts::order_access::shopper_api(&slug));
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::DetailsLead))}</p>
        {wizard
            .chosen()
            .into_iter()
            .filter(|line| wizard.is_defective(line))
            .map(|line| {
                let item = wizard.options.with_value(|o| o.items[line.index].clone());
                let comment_id = format!("comment-{}", line.index);
                let comment_error_id = format!("{comment_id}-error");
                let reason = wizard.reason_of(&line);
                view! {
                    <fieldset class="return-defect">
                        <legend>
                            {item.title.clone()}
                            {reason.map(|r| view! { <span class="muted">" · " {move || reason_label(&r, i18n.locale())}</span> })}
                        </legend>
                        <div class="field" class:field-invalid=move || line.comment_error.with(Option::is_some)>
                            <label for=comment_id.clone()>{i18n.tr(Key::Ret(R::DefectComment))}</label>
                            <textarea
                                id=comment_id.clone()
                                rows="4"
                                maxlength="2000"
                                required=true
                                aria-invalid=move || line.comment_error.with(Option::is_some).then_some("true")
                                aria-describedby=comment_error_id.clone()
                                prop:value=move || line.comment.get()
                                on:input=move |ev| {
                                    line.comment.set(event_target_value(&ev));
                                    line.comment_error.set(None);
                                }
                            ></textarea>
                            <FieldErrorText id=comment_error_id error=line.comment_error />
                        </div>
                        <PhotoPicker
                            id=format!("photos-{}", line.index)
                            label=Key::Ret(R::DefectPhotos)
                            hint=Key::Portal(P::PhotosHint)
                            uploader=Uploader::Shopper(api.clone())
                            photos=line.photos
                            error=line.photos_error
                        />
                    </fieldset>
                }
            })
            .collect_view()}
    }
}

#[component]
fn ResolutionStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let (resolutions, methods) = wizard
        .options
        .with_value(|o| (o.resolutions.clone(), o.methods.clone()));
    view! {
        <fieldset class="choice-group" aria-describedby="resolution-error">
            <legend>{i18n.tr(Key::Ret(R::ResolutionQuestion))}</legend>
            {resolutions
                .into_iter()
                .map(|r| {
                    let id = format!("resolution-{}", enum_value(&r));
                    view! {
                        <label class="choice" for=id.clone()>
                            <input
                                id=id.clone()
                                type="radio"
                                name="resolution"
                                prop:checked=move || wizard.resolution.get() == r
                                on:change=move |_| {
                                    wizard.resolution.set(r);
                                    wizard.resolution_error.set(None);
                                }
                            />
                            <span>{i18n.tr(resolution_key(r))}</span>
                        </label>
                    }
                })
                .collect_view()}
            <FieldErrorText id="resolution-error".to_owned() error=wizard.resolution_error />
        </fieldset>
        <Show when=move || wizard.resolution.get() == Resolution::Replacement>
            <div class="field" class:field-invalid=move || wizard.variant_error.with(Option::is_some)>
                <label for="replacement_variant">{i18n.tr(Key::Ret(R::VariantWanted))}</label>
                <p class="field-hint" id="replacement_variant-hint">{i18n.tr(Key::Ret(R::VariantHint))}</p>
                <input
                    id="replacement_variant"
                    type="text"
                    maxlength="100"
                    required=true
                    aria-invalid=move || wizard.variant_error.with(Option::is_some).then_some("true")
                    aria-describedby="replacement_variant-hint replacement_variant-error"
                    prop:value=move || wizard.variant.get()
                    on:input=move |ev| {
                        wizard.variant.set(event_target_value(&ev));
                        wizard.variant_error.set(None);
                    }
                />
                <FieldErrorText id="replacement_variant-error".to_owned() error=wizard.variant_error />
            </div>
        </Show>
        <fieldset class="choice-group" aria-describedby="method-error">
            <legend>{i18n.tr(Key::Ret(R::MethodQuestion))}</legend>
            {methods
                .into_iter()
                .map(|m| {
                    let id = format!("method-{}", enum_value(&m));
                    view! {
                        <label class="choice" for=id.clone()>
                            <input
                                id=id.clone()
                                type="radio"
                                name="method"
                                prop:checked=move || wizard.method.get() == m
                                on:change=move |_| {
                                    wizard.method.set(m);
                                    wizard.method_error.set(None);
                                }
                            />
                            <span>
                                <span class="choice-title">{i18n.tr(method_key(m))}</span>
                                <span class="choice-hint">{i18n.tr(Key::Ret(match m {
                                    ReturnMethod::PrepaidLabel => R::LabelHint,
                                    ReturnMethod::QrDropOff => R::QrHint,
                                }))}</span>
                            </span>
                        </label>
                    }
                })
                .collect_view()}
            <FieldErrorText id="method-error".to_owned() error=wizard.method_error />
        </fieldset>
    }
}

/// The JSON name of an enum value (`store_credit`), for ids.
pub fn enum_value<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[component]
fn SummaryStep(wizard: Wizard) -> impl IntoView {
    let i18n = use_i18n();
    let resolution = wizard.resolution.get_untracked();
    let variant = wizard.variant.get_untracked();
    let method = wizard.method.get_untracked();
    view! {
        <p class="muted">{i18n.tr(Key::Ret(R::SummaryLead))}</p>
        <ul class="return-summary">
            {wizard
                .chosen()
                .into_iter()
                .map(|line| {
                    let item = wizard.options.with_value(|o| o.items[line.index].clone());
                    let reason = wizard.reason_of(&line);
                    let defective = reason.as_ref().is_some_and(|r| r.defective);
                    let photos = line.photos.get_untracked();
                    let comment = line.comment.get_untracked();
                    view! {
                        <li class="return-summary-line">
                            <p class="return-item-title">{item.title.clone()} <span class="muted">" × " {line.quantity.get_untracked()}</span></p>
                            {reason.map(|r| view! { <p>{move || reason_label(&r, i18n.locale())}</p> })}
                            {defective.then(|| view! {
                                <p class="issue-message">{comment.clone()}</p>
                                <ul class="thumbs thumbs-small">
                                    {photos
                                        .iter()
                                        .filter_map(|p| match &p.state {
                                            crate::components::photo_picker::Upload::Done(v) => Some(view! {
                                                <li class="thumb"><img src=v.url.clone() alt=p.name.clone() /></li>
                                            }),
                                            _ => None,
                                        })
                                        .collect_view()}
                                </ul>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <dl class="return-facts">
            <div>
                <dt>{i18n.tr(Key::Ret(R::Resolution))}</dt>
                <dd>
                    {i18n.tr(resolution_key(resolution))}
                    {(resolution == Resolution::Replacement).then(|| format!(" · {variant}"))}
                </dd>
            </div>
            <div>
                <dt>{i18n.tr(Key::Ret(R::Method))}</dt>
                <dd>{i18n.tr(method_key(method))}</dd>
            </div>
        </dl>
    }
}

#[component]
fn Outcome(made: ReturnView, order_page: String) -> impl IntoView {
    let i18n = use_i18n();
    let (title, body, tone) = match made.status {
        ReturnStatus::NeedsContact => (R::OutcomeContactTitle, R::OutcomeContactBody, "alert-info"),
        ReturnStatus::Approved => (
            R::OutcomeApprovedTitle,
            R::OutcomeApprovedBody,
            "alert-success",
        ),
        ReturnStatus::PendingReview => {
            (R::OutcomePendingTitle, R::OutcomePendingBody, "alert-info")
        }
        _ => (R::OutcomeOtherTitle, R::OutcomeOtherBody, "alert-info"),
    };
    let number = made.number.clone();
    let label = made.label_url.clone();
    let qr = made.qr_url.clone();
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(h) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("outcome-title"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
    view! {
        <div class=format!("alert {tone} return-outcome") role="status" data-status=made.status.as_str()>
            <div>
                <h2 id="outcome-title" class="alert-title" tabindex="-1">{i18n.tr(Key::Ret(title))}</h2>
                <p>{move || i18n.t(Key::Ret(R::ReturnNumber)).replace("{number}", &number)}</p>
                <p>{i18n.tr(Key::Ret(body))}</p>
            </div>
        </div>
        {label.map(|href| view! {
            <a class="btn btn-secondary" href=href target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::DownloadLabel))}</a>
        })}
        {qr.map(|href| view! {
            <a class="btn btn-secondary" href=href target="_blank" rel="noopener">{i18n.tr(Key::Ret(R::ShowQr))}</a>
        })}
        <a class="btn btn-brand" href=order_page>{i18n.tr(Key::Portal(P::BackToOrder))}</a>
    }
}
