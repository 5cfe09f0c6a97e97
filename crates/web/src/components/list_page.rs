//! The one list-page hook: a list read a page at a time by keyset cursor ("Load more"), its
//! filters kept in the page's address (a reload or a shared link shows the same list), and
//! its loading, empty, no-match and failed states. Orders, the returns queue, the issue
//! reports and the inbox all use it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use rebound_shared::Problem;
use std::future::Future;
use std::time::Duration;

use crate::contexts::locale::use_i18n;
use crate::i18n::Key;

/// How long typing must pause before a list is searched again.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// The first page (of new filters) is on its way: the list shows placeholders.
    Loading,
    /// "Load more" is on its way: the rows stay.
    LoadingMore,
    Ready,
    Failed(Problem),
}

/// What the list area shows. Read through a memo, so appending rows or changing one does not
/// draw the area again (which would, say, close the return case being read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    Placeholder,
    Rows,
    /// Nothing at all yet (the page's invitation to start).
    Empty,
    /// Nothing matches the filters.
    NoMatch,
    /// The read failed before any row came: the error alone.
    Nothing,
}

/// One page of rows and the cursor to the next, as the list keeps them.
pub struct Fetched<T> {
    pub rows: Vec<T>,
    pub next: Option<String>,
}

/// The list's state; `Copy`, so views and handlers share it freely.
pub struct ListPage<T: 'static> {
    pub rows: RwSignal<Vec<T>>,
    pub next: RwSignal<Option<String>>,
    pub phase: RwSignal<Phase>,
    /// Answers to an older request arrive late sometimes; only the newest one is shown.
    generation: StoredValue<u64>,
}

impl<T> Clone for ListPage<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ListPage<T> {}

impl<T: Send + Sync + 'static> Default for ListPage<T> {
    fn default() -> Self {
        ListPage {
            rows: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            phase: RwSignal::new(Phase::Loading),
            generation: StoredValue::new(0),
        }
    }
}

impl<T: Send + Sync + 'static> ListPage<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the first page (`more` false: replaces the rows) or the next one (appends).
    /// `fetch` asks the server from a cursor; `take` turns its answer into rows, and may read
    /// what else the answer carries (counts) or answer `None` to drop it (another read
    /// started meanwhile on purpose).
    pub fn load<A, Fut>(
        self,
        more: bool,
        fetch: impl FnOnce(Option<String>) -> Fut,
        take: impl FnOnce(A) -> Option<Fetched<T>> + 'static,
    ) where
        Fut: Future<Output = Result<A, Problem>> + 'static,
    {
        let cursor = if more {
            match self.next.get_untracked() {
                Some(cursor) => Some(cursor),
                None => return,
            }
        } else {
            None
        };
        if !more {
            self.generation.update_value(|g| *g += 1);
        }
        let asked = self.generation.get_value();
        self.phase.set(if more {
            Phase::LoadingMore
        } else {
            Phase::Loading
        });
        let answer = fetch(cursor);
        spawn_local(async move {
            let answer = answer.await;
            if self.generation.get_value() != asked {
                return;
            }
            match answer {
                Ok(answer) => {
                    let Some(page) = take(answer) else { return };
                    if more {
                        self.rows.update(|r| r.extend(page.rows));
                    } else {
                        self.rows.set(page.rows);
                    }
                    self.next.set(page.next);
                    self.phase.set(Phase::Ready);
                }
                Err(p) => self.phase.set(Phase::Failed(p)),
            }
        });
    }

    /// The failure to show above the list, if the last read failed.
    pub fn failure(self) -> Signal<Option<Problem>> {
        Signal::derive(move || match self.phase.get() {
            Phase::Failed(p) => Some(p),
            _ => None,
        })
    }

    pub fn loading(self) -> bool {
        self.phase.with(|p| *p == Phase::Loading)
    }

    /// What the list area shows; `filtered` says whether any filter or search is on.
    pub fn showing(self, filtered: impl Fn() -> bool + Send + Sync + 'static) -> Memo<Showing> {
        Memo::new(move |_| {
            let empty = self.rows.with(Vec::is_empty);
            match self.phase.get() {
                Phase::Loading => Showing::Placeholder,
                Phase::Failed(_) if empty => Showing::Nothing,
                _ if !empty => Showing::Rows,
                _ if filtered() => Showing::NoMatch,
                _ => Showing::Empty,
            }
        })
    }
}

/// A filter kept in the page's address as `?name=value` (absent when empty): read once when
/// the page opens, written back (replacing the history entry) whenever it changes.
pub fn url_filter(name: &'static str) -> RwSignal<String> {
    let initial = use_query_map()
        .with_untracked(|q| q.get(name))
        .unwrap_or_default();
    let value = RwSignal::new(initial);
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |first: Option<()>| {
        let wanted = value.get();
        // The address already says it when the page opens.
        if first.is_none() {
            return;
        }
        let path = location.pathname.get_untracked();
        let mut query = location.query.get_untracked();
        if wanted.is_empty() {
            query.remove(name);
        } else {
            query.replace(name, wanted);
        }
        let search = query.to_query_string();
        navigate(
            &format!("{path}{search}"),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    });
    value
}

/// A search box's text as typed and as searched: the search follows the typing once it
/// pauses for `DEBOUNCE`. Answers the handler for the input's `input` event.
pub fn debounced(
    typed: RwSignal<String>,
    search: RwSignal<String>,
) -> impl Fn(leptos::ev::Event) + Copy + 'static {
    let pending = StoredValue::new(None::<TimeoutHandle>);
    move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        typed.set(value.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || search.set(value), DEBOUNCE).ok();
        pending.set_value(handle);
    }
}

/// "Load more" under the list, while there is more; a spinner while it reads.
#[component]
pub fn LoadMore<T: Send + Sync + 'static>(
    list: ListPage<T>,
    label: Key,
    on_more: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        list.next.with(Option::is_some).then(|| {
            let busy = move || list.phase.get() == Phase::LoadingMore;
            view! {
                <div class="load-more">
                    <button
                        type="button"
                        class="btn btn-secondary"
                        disabled=busy
                        aria-busy=move || busy().then_some("true")
                        on:click=move |_| on_more()
                    >
                        {move || busy().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                        {move || i18n.t(if busy() { Key::Loading } else { label })}
                    </button>
                </div>
            }
        })
    }
}

/// Tells screen readers the list is loading, then how many rows it shows (`shown` holds
/// `{count}`).
#[component]
pub fn ListStatus<T: Send + Sync + 'static>(list: ListPage<T>, shown: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || match list.phase.get() {
                Phase::Loading | Phase::LoadingMore => i18n.t(Key::Loading).to_owned(),
                Phase::Ready => i18n.t(shown).replace("{count}", &list.rows.with(Vec::len).to_string()),
                Phase::Failed(_) => String::new(),
            }}
        </p>
    }
}
