//! A short-lived message in the corner ("Saved"), announced politely to screen readers; some
//! carry an "Undo" button for the few seconds before their change is sent.

use leptos::prelude::*;
use std::time::Duration;

use crate::contexts::locale::use_i18n;
use crate::i18n::{C, Key};

/// How long a plain toast stays.
const SHOWN: Duration = Duration::from_millis(4000);

/// One toast: what it says, and what "Undo" does when it has the button.
#[derive(Clone, Copy)]
struct Toast {
    id: u64,
    key: Key,
    undo: Option<Callback<()>>,
}

/// The current toast; every screen under `provide_toasts` may raise one.
#[derive(Clone, Copy)]
pub struct Toasts(RwSignal<Option<Toast>>);

impl Toasts {
    /// Shows `key` for a few seconds.
    pub fn show(self, key: Key) {
        self.raise(key, None, SHOWN);
    }

    /// Shows `key` with an "Undo" button for `window`; pressing it runs `undo` and hides the
    /// toast. The caller sends its change when the window closes without it.
    pub fn show_undo(self, key: Key, window: Duration, undo: Callback<()>) {
        self.raise(key, Some(undo), window);
    }

    /// Hides the current toast (its change went out, or was taken back).
    pub fn hide(self) {
        self.0.set(None);
    }

    fn raise(self, key: Key, undo: Option<Callback<()>>, shown: Duration) {
        let id = self.0.with_untracked(|t| t.map_or(0, |t| t.id + 1));
        self.0.set(Some(Toast { id, key, undo }));
        let signal = self.0;
        set_timeout(
            move || {
                if signal.try_with_untracked(|t| t.map(|t| t.id)).flatten() == Some(id) {
                    signal.set(None);
                }
            },
            shown,
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
                    .map(|toast| {
                        view! {
                            <div class="toast">
                                <svg class="toast-icon" viewBox="0 0 20 20" aria-hidden="true">
                                    <path d="M5 10.5l3.2 3.2L15 7" />
                                </svg>
                                <span>{i18n.t(toast.key)}</span>
                                {toast.undo.map(|undo| view! {
                                    <button
                                        type="button"
                                        class="toast-undo"
                                        on:click=move |_| {
                                            toasts.hide();
                                            undo.run(());
                                        }
                                    >
                                        {i18n.tr(Key::Case(C::Undo))}
                                    </button>
                                })}
                            </div>
                        }
                    })
            }}
        </div>
    }
}
