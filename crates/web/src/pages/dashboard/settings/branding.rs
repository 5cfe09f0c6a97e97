//! The Branding tab: name, portal address, colours and images, with a live preview of the
//! portal and a warning when the primary colour is hard to read on the background.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rebound_shared::Problem;
use rebound_shared::api::settings::{BrandingSettings, BrandingView, STOCK_BACKGROUNDS};
use rebound_shared::domain::{HexColour, Slug, contrast_ratio};
use rebound_shared::limits;
use wasm_bindgen::JsCast;

use super::controls::after_save;
use crate::api::BrandAsset;
use crate::components::alert::ProblemAlert;
use crate::components::field::{
    ErrorSlot, Field, FieldErrorText, FieldMessage, SubmitButton, focus_first_error,
};
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, S};

fn company_name_rule(raw: &str) -> Result<(), validator::ValidationError> {
    let n = raw.trim().chars().count();
    if (1..=100).contains(&n) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("length"))
    }
}

/// The primary colour's contrast on the background, when both parse.
fn contrast(primary: &str, background: &str) -> Option<f64> {
    let p = HexColour::parse(primary.trim()).ok()?;
    let b = HexColour::parse(background.trim()).ok()?;
    Some(contrast_ratio(p, b))
}

/// The colour an `<input type=color>` can show (it only takes lowercase `#rrggbb`).
fn picker_value(raw: &str) -> String {
    HexColour::parse(raw.trim())
        .map(|c| String::from(c).to_lowercase())
        .unwrap_or_else(|_| "#000000".into())
}

#[component]
pub fn BrandingTab(view: BrandingView, #[prop(into)] readonly: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let current = RwSignal::new(view.clone());
    let s = view.settings;
    let company_name = RwSignal::new(s.company_name);
    let slug = RwSignal::new(s.slug);
    let primary = RwSignal::new(s.primary_colour);
    let accent = RwSignal::new(s.accent_colour);
    let background = RwSignal::new(s.background_colour);
    let background_image = RwSignal::new(s.background_image.unwrap_or_default());
    let errors: [ErrorSlot; 6] = std::array::from_fn(|_| RwSignal::new(None));
    let [name_e, slug_e, primary_e, accent_e, background_e, image_e] = errors;
    let slots = [
        ("company_name", name_e),
        ("slug", slug_e),
        ("primary_colour", primary_e),
        ("accent_colour", accent_e),
        ("background_colour", background_e),
        ("background_image", image_e),
    ];
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        name_e.set(FieldMessage::check(
            "company_name",
            &company_name.get_untracked(),
            company_name_rule,
        ));
        slug_e.set(FieldMessage::check(
            "slug",
            slug.get_untracked().trim(),
            Slug::validate,
        ));
        for (value, slot, field) in [
            (primary, primary_e, "primary_colour"),
            (accent, accent_e, "accent_colour"),
            (background, background_e, "background_colour"),
        ] {
            slot.set(FieldMessage::check(
                field,
                value.get_untracked().trim(),
                HexColour::validate,
            ));
        }
        if slots.iter().any(|(_, e)| e.with_untracked(Option::is_some)) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api() else { return };
        let choice = background_image.get_untracked();
        let body = BrandingSettings {
            company_name: company_name.get_untracked().trim().to_owned(),
            slug: slug.get_untracked().trim().to_owned(),
            primary_colour: primary.get_untracked().trim().to_owned(),
            accent_colour: accent.get_untracked().trim().to_owned(),
            background_colour: background.get_untracked().trim().to_owned(),
            background_image: (!choice.is_empty()).then_some(choice),
        };
        pending.set(true);
        spawn_local(async move {
            let result = api.save_branding(&body).await;
            pending.set(false);
            if let Some(saved) = after_save(result, &slots, problem, toasts) {
                current.set(saved);
            }
        });
    };

    let ratio = Memo::new(move |_| contrast(&primary.get(), &background.get()));
    let portal_path = move || format!("/{}", current.with(|c| c.settings.slug.clone()));
    let portal_url = move || {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        format!("{origin}/{}", slug.get().trim())
    };

    let colour_field = move |id: &'static str,
                             label: S,
                             value: RwSignal<String>,
                             error: ErrorSlot| {
        let picker_id = format!("{id}-picker");
        view! {
            <div class="field colour-field" class:field-invalid=move || error.with(Option::is_some)>
                <label for=id>{i18n.tr(Key::Set(label))}</label>
                <div class="colour-inputs">
                    <input
                        type="color"
                        id=picker_id
                        aria-label=move || format!("{} ({})", i18n.t(Key::Set(label)), i18n.t(Key::Set(S::ColourPicker)))
                        prop:value=move || picker_value(&value.get())
                        on:input=move |ev| {
                            value.set(event_target_value(&ev).to_uppercase());
                            error.set(None);
                        }
                    />
                    <input
                        type="text"
                        id=id
                        name=id
                        class="hex-input"
                        maxlength="7"
                        spellcheck="false"
                        autocomplete="off"
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        aria-describedby=format!("{id}-error")
                        prop:value=move || value.get()
                        on:input=move |ev| {
                            value.set(event_target_value(&ev));
                            error.set(None);
                        }
                    />
                </div>
                <FieldErrorText id=format!("{id}-error") error=error />
            </div>
        }
    };

    view! {
        <div class="branding-layout">
            <section class="card" aria-labelledby="branding-title">
                <div class="card-header">
                    <h2 id="branding-title" class="card-title">{i18n.tr(Key::Set(S::BrandingTitle))}</h2>
                    <p class="card-lead">{i18n.tr(Key::Set(S::BrandingLead))}</p>
                </div>
                <form class="form" novalidate on:submit=on_submit>
                    <fieldset class="plain" disabled=move || readonly.get()>
                        <ProblemAlert problem=problem />
                        <Field id="company_name" label=Key::CompanyName value=company_name error=name_e required=true max_length=limits::COMPANY_NAME />
                        <Field id="slug" label=Key::PortalAddress value=slug error=slug_e required=true>
                            <p class="field-hint mono">{portal_url}</p>
                        </Field>
                        <div class="colour-grid">
                            {colour_field("primary_colour", S::PrimaryColour, primary, primary_e)}
                            {colour_field("accent_colour", S::AccentColour, accent, accent_e)}
                            {colour_field("background_colour", S::BackgroundColour, background, background_e)}
                        </div>
                        {move || {
                            ratio
                                .get()
                                .filter(|r| *r < 4.5)
                                .map(|r| {
                                    view! {
                                        <p class="alert alert-warning contrast-warning" role="status">
                                            {i18n.t(Key::Set(S::ContrastLow)).replace("{ratio}", &format!("{r:.1}"))}
                                        </p>
                                    }
                                })
                        }}
                        <div class="field">
                            <label for="background_image">{i18n.tr(Key::Set(S::BackgroundImage))}</label>
                            <select
                                id="background_image"
                                on:change=move |ev| {
                                    background_image.set(event_target_value(&ev));
                                    image_e.set(None);
                                }
                            >
                                <option value="" selected=move || background_image.get().is_empty()>
                                    {i18n.tr(Key::Set(S::BackgroundNone))}
                                </option>
                                {STOCK_BACKGROUNDS
                                    .iter()
                                    .map(|id| {
                                        let id = *id;
                                        view! {
                                            <option value=id selected=move || background_image.get() == id>
                                                {stock_label(id)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                                <option value="upload" selected=move || background_image.get() == "upload">
                                    {i18n.tr(Key::Set(S::BackgroundUploaded))}
                                </option>
                            </select>
                            <FieldErrorText id="background_image-error".into() error=image_e />
                        </div>
                        <div class="form-actions">
                            <SubmitButton label=Key::Set(S::Save) busy_label=Key::Set(S::Saving) pending=pending />
                            <a class="btn btn-secondary" href=portal_path target="_blank" rel="noopener">
                                {i18n.tr(Key::Set(S::OpenInNewTab))}
                            </a>
                        </div>
                    </fieldset>
                </form>
                <div class="uploads">
                    <h3 class="section-title">{i18n.tr(Key::Set(S::Images))}</h3>
                    <p class="card-lead">{i18n.tr(Key::Set(S::ImagesHint))}</p>
                    {BrandAsset::ALL
                        .into_iter()
                        .map(|asset| view! { <Upload asset=asset current=current readonly=readonly /> })
                        .collect_view()}
                </div>
            </section>
            <Preview
                company_name=company_name
                primary=primary
                accent=accent
                background=background
                background_image=background_image
                current=current
            />
        </div>
    }
}

fn stock_label(id: &str) -> String {
    let mut chars = id.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One image: its preview, a file input that uploads at once, and a remove button.
#[component]
fn Upload(
    asset: BrandAsset,
    current: RwSignal<BrandingView>,
    #[prop(into)] readonly: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let problem = RwSignal::new(None::<Problem>);
    let pending = RwSignal::new(false);
    let id = format!("{}_upload", asset.as_str());
    let label = Key::Set(match asset {
        BrandAsset::Logo => S::Logo,
        BrandAsset::Favicon => S::Favicon,
        BrandAsset::Background => S::BackgroundUpload,
    });
    let url = move || {
        current.with(|c| match asset {
            BrandAsset::Logo => c.logo_url.clone(),
            BrandAsset::Favicon => c.favicon_url.clone(),
            BrandAsset::Background => c
                .background_image_url
                .clone()
                .filter(|u| !u.starts_with("/stock/")),
        })
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let Some(api) = auth.api() else { return };
        problem.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = api.upload_brand_asset(asset, &file).await;
            pending.set(false);
            input.set_value("");
            if let Some(view) = after_save(result, &[], problem, toasts) {
                current.set(view);
            }
        });
    };
    let remove = move |_| {
        let Some(api) = auth.api() else { return };
        pending.set(true);
        spawn_local(async move {
            let result = api.remove_brand_asset(asset).await;
            pending.set(false);
            if let Some(view) = after_save(result, &[], problem, toasts) {
                current.set(view);
            }
        });
    };
    view! {
        <div class="upload-row">
            <div class="upload-thumb" aria-hidden="true">
                {move || url().map(|u| view! { <img src=u alt="" /> })}
            </div>
            <div class="upload-main">
                <label for=id.clone()>{i18n.tr(label)}</label>
                <input
                    type="file"
                    id=id.clone()
                    name=id
                    accept="image/png,image/jpeg,image/gif,image/webp"
                    disabled=move || readonly.get() || pending.get()
                    on:change=on_change
                />
                {move || pending.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                <ProblemAlert problem=problem />
            </div>
            {move || {
                (url().is_some() && !readonly.get())
                    .then(|| {
                        view! {
                            <button type="button" class="btn btn-secondary btn-small" on:click=remove>
                                {i18n.tr(Key::Set(S::Remove))}
                            </button>
                        }
                    })
            }}
        </div>
    }
}

/// The portal as a shopper would see it, redrawn as the form changes.
#[component]
fn Preview(
    company_name: RwSignal<String>,
    primary: RwSignal<String>,
    accent: RwSignal<String>,
    background: RwSignal<String>,
    background_image: RwSignal<String>,
    current: RwSignal<BrandingView>,
) -> impl IntoView {
    let i18n = use_i18n();
    let style = move || {
        let bg = HexColour::parse(background.get().trim()).ok();
        let text = bg.map_or_else(|| "#111111".to_owned(), |c| String::from(c.readable_text()));
        let image = match background_image.get().as_str() {
            "" => None,
            "upload" => current.with(|c| c.background_image_url.clone()),
            stock => Some(format!("/stock/{stock}.svg")),
        };
        let mut style = format!(
            "--brand-primary:{};--brand-accent:{};--brand-bg:{};--brand-text:{};",
            picker_value(&primary.get()),
            picker_value(&accent.get()),
            picker_value(&background.get()),
            text
        );
        if let Some(url) = image {
            style.push_str(&format!("background-image:url('{url}');"));
        }
        style
    };
    view! {
        <aside class="card portal-preview-card" aria-label=i18n.tr(Key::Set(S::Preview))>
            <p class="preview-label">{i18n.tr(Key::Set(S::Preview))}</p>
            <div class="portal-preview" style=style>
                <div class="portal-preview-header">
                    {move || match current.with(|c| c.logo_url.clone()) {
                        Some(url) => view! { <img class="preview-logo" src=url alt=move || company_name.get() /> }.into_any(),
                        None => view! { <span class="preview-wordmark">{move || company_name.get()}</span> }.into_any(),
                    }}
                </div>
                <p class="preview-eyebrow">{move || company_name.get()}</p>
                <p class="preview-title">{i18n.tr(Key::PortalHeroTitle)}</p>
                <div class="preview-card">
                    <span class="preview-input"></span>
                    <span class="preview-input"></span>
                    <span class="preview-button">{i18n.tr(Key::LookupSubmit)}</span>
                </div>
                <p class="preview-link">{i18n.tr(Key::PoweredBy)}</p>
            </div>
        </aside>
    }
}
