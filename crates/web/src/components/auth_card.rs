//! The frame of the signed-out pages (sign in, sign up, accept an invitation): the mark and
//! the language switch on top, one card in the middle.

use leptos::prelude::*;

use crate::components::language_switch::LanguageSwitch;
use crate::components::wordmark::Wordmark;
use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

#[component]
pub fn AuthCard(title: Key, lead: Key, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="auth-page">
            <header class="auth-header">
                <a href="/dashboard/login" class="wordmark-link">
                    <Wordmark />
                </a>
                <LanguageSwitch />
            </header>
            <main id="main" class="auth-main">
                <div class="card auth-card">
                    <h1 class="auth-title">{i18n.tr(title)}</h1>
                    <p class="auth-lead">{i18n.tr(lead)}</p>
                    {children()}
                </div>
            </main>
        </div>
    }
}
