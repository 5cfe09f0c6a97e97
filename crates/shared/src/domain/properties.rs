//! Properties of the parsers every request goes through, over inputs no one would write by
//! hand: they never panic, what they accept reads back the same, and what they output cannot
//! carry markup or a header break. proptest keeps any failing case in
//! `proptest-regressions/` beside this file, committed so it is tried first on every run.

use super::{Currency, Email, Money, normalise_postal_code};
use crate::api::notifications::MailTemplate;
use crate::mail::{MailBranding, escape_html, render};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec!["EUR", "USD", "CAD", "JPY", "KWD", "GBP", "CHF"])
        .prop_map(|code| Currency::parse(code).unwrap_or_else(|_| unreachable!()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn an_amount_read_back_from_its_input_is_the_same(
        raw in "[0-9 .,'\u{a0}\u{202f}-]{0,16}|\\PC{0,12}",
        currency in currency(),
    ) {
        if let Ok(money) = Money::parse(&raw, currency) {
            prop_assert!(money.minor() >= 0, "{raw:?} read as {}", money.minor());
            let again = Money::parse(&money.input(), currency);
            prop_assert_eq!(again.ok(), Some(money), "{:?} → {:?}", raw, money.input());
        }
    }

    #[test]
    fn any_amount_in_minor_units_survives_its_input(minor in 0_i64..10_000_000_000, currency in currency()) {
        let money = Money::new(minor, currency);
        prop_assert_eq!(Money::parse(&money.input(), currency).ok(), Some(money));
    }

    #[test]
    fn an_accepted_email_has_one_at_no_space_and_reads_back_the_same(
        raw in "[a-zA-Z0-9._%+@ -]{0,30}|\\PC{0,30}",
    ) {
        if let Ok(email) = Email::parse(&raw) {
            let text = email.as_str();
            prop_assert_eq!(text.matches('@').count(), 1, "{}", text);
            prop_assert!(!text.chars().any(char::is_whitespace), "{}", text);
            prop_assert_eq!(Email::parse(text).ok().map(|e| e.as_str().to_owned()), Some(text.to_owned()));
        }
    }

    #[test]
    fn a_postal_code_once_normalised_stays_so(
        country in prop::sample::select(vec!["CA", "US", "FR", "GB", "DE", "NL", "JP", "ZZ"]),
        raw in "[A-Za-z0-9 -]{0,12}|\\PC{0,12}",
    ) {
        if let Ok(code) = normalise_postal_code(country, &raw) {
            prop_assert_eq!(normalise_postal_code(country, &code).ok(), Some(code.clone()));
        }
    }

    #[test]
    fn values_in_a_mail_carry_no_markup_and_no_header_break(value in "\\PC{0,40}|[<>\"'&\r\n]{1,10}") {
        let mut vars = BTreeMap::new();
        vars.insert("name".to_owned(), value.clone());
        let template = MailTemplate {
            subject: "Hello {{name}}".into(),
            body: "Dear {{name}},\n\nthanks.".into(),
        };
        let branding = MailBranding {
            shop_name: "Shop".into(),
            primary_colour: "#b4441c".into(),
            logo_url: None,
            unsubscribe_url: None,
        };
        let mail = render(&template, &vars, &branding);
        prop_assert!(!mail.subject.contains(['\r', '\n']), "{:?}", mail.subject);
        // Line breaks become `<br>` in the HTML; any other value adds no tag, only its
        // escaped self.
        if !value.contains(['\r', '\n']) {
            vars.insert("name".to_owned(), String::new());
            let bare = render(&template, &vars, &branding);
            prop_assert_eq!(mail.html.matches('<').count(), bare.html.matches('<').count());
            prop_assert!(mail.html.contains(&escape_html(&value)));
        }
    }
}
