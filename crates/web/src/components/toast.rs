//! A short-lived message in the corner ("Saved"), announced politely to screen readers.

use leptos::prelude::*;
use std::time::Duration;

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// The current toast; every screen under `provide_toasts` may raise one.
#[derive(Debug, Clone, Copy)]
pub struct Toasts(RwSignal<Option<(u64, Key)>>);

impl Toasts {
    /// Shows `key` for a few seconds.
    pub fn show(self, key: Key) {
        let id = self.0.with_untracked(|t| t.map_or(0, |(id, _)| id + 1));
        self.0.set(Some((id, key)));
        let signal = self.0;
        set_timeout(
            move || {
                if signal.with_untracked(|t| t.map(|(i, _)| i)) == Some(id) {
                    signal.set(None);
                }
            },
            Duration::from_millis(4000),
        );
    }
}

pub fn provide_toasts() -> Toasts {
    let toasts = Toasts(RwSignal::new(None));
    provide_context(toasts);
    toasts
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where toasts appear: always in the page, so the live region is known before it speaks.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || {
                toasts
                    .0
                    .get()
                    .map(|(_, key)| {
                        view! {
                            <div class="toast">
                                <svg class="toast-icon" viewBox="0 0 20 20" aria-hidden="true">
                                    <path d="M5 10.5l3.2 3.2L15 7" />
                                </svg>
                                <span>{i18n.t(key)}</span>
                            </div>
                        }
                    })
            }}
        </div>
    }
}
