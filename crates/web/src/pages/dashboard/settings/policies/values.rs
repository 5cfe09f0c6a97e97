//! How the rule form's text becomes rule values (whole numbers, percentages, lists, amounts in
//! the shop's currency), and the inputs that show a rule's errors by their field path
//! (`effect.fee.cap`, `conditions[1].skus`), whether the form or the server found them.

use leptos::prelude::*;
use rebound_shared::FieldError;
use rebound_shared::domain::policy::{RULES_MAX, WINDOW_DAYS_MAX};
use rebound_shared::domain::{Currency, Money};

use crate::contexts::locale::{I18n, use_i18n};
use crate::i18n::{C, Key, L, rule_key};

/// A rule's errors, their fields relative to the rule (`effect.days`).
pub type Errors = RwSignal<Vec<FieldError>>;

/// The code of an error the form found itself, its message already in the reader's language.
const SAID: &str = "said";

/// An error found by the form, on `field`, worded in the reader's language.
pub fn said(field: String, message: String) -> FieldError {
    FieldError {
        field,
        code: SAID.into(),
        message,
    }
}

/// The sentence for `error`: the form's own, our translation of the rule, or the server's.
pub fn wording(i18n: I18n, error: &FieldError) -> String {
    if error.code == SAID {
        return error.message.clone();
    }
    let leaf = error
        .field
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .split('[')
        .next()
        .unwrap_or_default();
    if let Some(text) = policy_wording(i18n, error, leaf) {
        return text;
    }
    match rule_key(leaf, &error.code) {
        Some(key) => i18n.t(key).to_owned(),
        None => error.message.clone(),
    }
}

/// The rules' own checks (`validate_rules`), in the reader's language: the server words them
/// in English only.
fn policy_wording(i18n: I18n, error: &FieldError, leaf: &str) -> Option<String> {
    let t = |l: L| i18n.t(Key::Pol(l)).to_owned();
    Some(match (leaf, error.code.as_str()) {
        ("days" | "within_days", "range") => {
            // A condition's "days since" may be 0; a window or a history needs a day at least.
            let min = if leaf == "days" && error.field.contains("conditions[") {
                0
            } else {
                1
            };
            t(L::RuleDaysRange)
                .replace("{min}", &min.to_string())
                .replace("{max}", &WINDOW_DAYS_MAX.to_string())
        }
        ("amount", "range") => t(L::RuleAmountNotNegative),
        ("basis_points", "range") => t(L::RulePercentRange),
        ("id", "length") => t(L::RuleIdLength),
        ("id", "duplicate") => t(L::RuleIdDuplicate),
        (_, "country") => t(L::RuleCountry),
        // The server's sentence ends with the shop's currency code.
        (_, "currency") => t(L::RuleShopCurrency).replace(
            "{currency}",
            error.message.rsplit(' ').next().unwrap_or_default(),
        ),
        ("reason_ids", "required") => t(L::RuleChooseReason),
        ("allowed", "required") => t(L::RuleKeepOne),
        (_, "length") => t(L::RuleValueLength),
        ("rules", "too_many") => t(L::RuleTooMany).replace("{max}", &RULES_MAX.to_string()),
        _ => return None,
    })
}

/// Whether `field` is `path` or inside it (`skus[0]` is inside `skus`).
pub fn under(field: &str, path: &str) -> bool {
    field
        .strip_prefix(path)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

/// A whole number, or the form's error on `field`.
pub fn whole(i18n: I18n, raw: &str, field: &str) -> Result<u32, FieldError> {
    raw.trim()
        .parse::<u32>()
        .map_err(|_| said(field.into(), i18n.t(Key::Pol(L::BadNumber)).into()))
}

/// `12.5` (or `12,5`) percent in basis points, 0 to 100% with at most two decimals.
pub fn basis_points(raw: &str) -> Option<u32> {
    let raw = raw.trim().trim_end_matches('%').trim().replace(',', ".");
    let (whole, decimals) = raw.split_once('.').unwrap_or((&raw, ""));
    if (whole.is_empty() && decimals.is_empty())
        || decimals.len() > 2
        || !whole
            .chars()
            .chain(decimals.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let hundredths: u32 = format!("{decimals:0<2}").parse().ok()?;
    let bp = whole.checked_mul(100)?.checked_add(hundredths)?;
    (bp <= 10_000).then_some(bp)
}

/// 1250 basis points as the form writes them: `12.5`.
pub fn percent_input(basis_points: u32) -> String {
    let (whole, hundredths) = (basis_points / 100, basis_points % 100);
    if hundredths == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{hundredths:02}")
            .trim_end_matches('0')
            .to_owned()
    }
}

pub fn percent(i18n: I18n, raw: &str, field: &str) -> Result<u32, FieldError> {
    basis_points(raw).ok_or_else(|| said(field.into(), i18n.t(Key::Pol(L::BadPercent)).into()))
}

/// `a, b ,c` as `["a", "b", "c"]` (empty pieces dropped; the server checks there is one).
pub fn list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// An amount in the shop's currency, or the form's error worded as the refund form words it.
pub fn amount(i18n: I18n, raw: &str, currency: Currency, field: &str) -> Result<Money, FieldError> {
    Money::parse(raw, currency).map_err(|e| {
        let text = match e.code.as_ref() {
            "required" => i18n.t(Key::Required).to_owned(),
            "decimals" if currency.exponent() == 0 => i18n
                .t(Key::Case(C::AmountNoDecimals))
                .replace("{currency}", currency.code()),
            "decimals" => i18n
                .t(Key::Case(C::AmountDecimals))
                .replace("{n}", &currency.exponent().to_string())
                .replace("{currency}", currency.code()),
            "too_large" => i18n.t(Key::Case(C::AmountTooLarge)).to_owned(),
            _ => i18n
                .t(Key::Case(C::AmountDigits))
                .replace("{example}", &Money::example(currency).input()),
        };
        said(field.into(), text)
    })
}

/// The error line under a field: every error on `path` or inside it; an empty live region
/// until there is something to say.
#[component]
pub fn PathError(id: String, #[prop(into)] path: Signal<String>, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let lines = move || {
        let path = path.get();
        errors.with(|all| {
            all.iter()
                .filter(|e| under(&e.field, &path))
                .map(|e| wording(i18n, e))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <p class="field-error" id=id aria-live="polite">
            {move || lines().into_iter().map(|line| view! { <span>{line}</span> " " }).collect_view()}
        </p>
    }
}

/// A labelled text input whose errors are those on `path`.
#[component]
pub fn PathInput(
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] path: Signal<String>,
    errors: Errors,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || {
        let path = path.get();
        errors.with(|all| all.iter().any(|e| under(&e.field, &path)))
    };
    view! {
        <div class="field" class:field-invalid=invalid>
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id
                type="text"
                inputmode=inputmode
                autocomplete="off"
                aria-invalid=move || invalid().then_some("true")
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <PathError id=error_id path=path errors=errors />
        </div>
    }
}

/// A labelled `<select>` over a few values of `T`, each with its label.
#[component]
pub fn Choice<T>(
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<T>,
    options: Vec<(T, Key)>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let values: Vec<T> = options.iter().map(|(v, _)| *v).collect();
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            <select
                id=id
                on:change=move |ev| {
                    if let Some(v) = event_target_value(&ev).parse::<usize>().ok().and_then(|i| values.get(i)) {
                        value.set(*v);
                    }
                }
            >
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (v, key))| {
                        view! {
                            <option value=i.to_string() selected=move || value.get() == v>
                                {i18n.tr(key)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A translated label as a signal, for the inputs above.
pub fn text(i18n: I18n, key: Key) -> Signal<String> {
    Signal::derive(move || i18n.t(key).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_percentages_as_basis_points() {
        assert_eq!(basis_points("10"), Some(1000));
        assert_eq!(basis_points("12.5"), Some(1250));
        assert_eq!(basis_points("12,25 %"), Some(1225));
        assert_eq!(basis_points(".5"), Some(50));
        assert_eq!(basis_points("100"), Some(10_000));
        assert_eq!(basis_points("100.01"), None);
        assert_eq!(basis_points("1.234"), None);
        assert_eq!(basis_points("ten"), None);
        assert_eq!(basis_points(""), None);
        assert_eq!(percent_input(1250), "12.5");
        assert_eq!(percent_input(1205), "12.05");
        assert_eq!(percent_input(1000), "10");
    }

    #[test]
    fn splits_lists_and_finds_errors_by_path() {
        assert_eq!(list(" a, b ,,c "), vec!["a", "b", "c"]);
        assert!(list(" , ").is_empty());
        assert!(under("conditions[0].skus[1]", "conditions[0].skus"));
        assert!(under("conditions[0].skus", "conditions[0]"));
        assert!(!under("conditions[10].skus", "conditions[1]"));
        assert!(under("effect.fee.cap", "effect.fee.cap"));
        assert!(!under("effect.fee.capped", "effect.fee.cap"));
    }
}
