//! What an owner does to colleagues on the Staff card: change a role, remove someone (after
//! confirming), and see and revoke the invitations still waiting to be accepted.

use leptos::prelude::*;
use rebound_shared::api::auth::StaffView;
use rebound_shared::{Problem, Role};

use crate::components::alert::ProblemAlert;
use crate::components::format::short_date;
use crate::components::toast::use_toasts;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, N, role_key};

#[component]
pub fn MemberActions(member: StaffView, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let id = member.id;
    let select_id = format!("role-{id}");
    let name = member.name.clone();
    let label = {
        let name = name.clone();
        move || i18n.t(Key::Onb(N::MemberRole)).replace("{name}", &name)
    };
    let change_role = move |ev: leptos::ev::Event| {
        let Some(role) = Role::parse(&event_target_value(&ev)) else {
            return;
        };
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api.change_staff_role(id, role).await {
                Ok(_) => {
                    toasts.show(Key::Onb(N::RoleChanged));
                    on_change.run(());
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let remove = move |_| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        problem.set(None);
        leptos::task::spawn_local(async move {
            match api.remove_staff(id).await {
                Ok(()) => {
                    toasts.show(Key::Onb(N::MemberRemoved));
                    on_change.run(());
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    let question = {
        let name = name.clone();
        move || i18n.t(Key::Onb(N::ConfirmRemove)).replace("{name}", &name)
    };
    view! {
        <div class="staff-actions">
            <label for=select_id.clone() class="visually-hidden">{label}</label>
            <select id=select_id class="select-small" on:change=change_role>
                {Role::ALL
                    .into_iter()
                    .map(|r| view! {
                        <option value=r.as_str() selected=member.role == r>{i18n.tr(role_key(r))}</option>
                    })
                    .collect_view()}
            </select>
            {move || {
                if confirming.get() {
                    let text = question();
                    let label = text.clone();
                    view! {
                        <div class="confirm-inline" role="group" aria-label=label>
                            <p>{text}</p>
                            <button type="button" class="btn btn-danger btn-small" on:click=remove>
                                {i18n.tr(Key::Onb(N::YesRemove))}
                            </button>
                            <button type="button" class="btn btn-ghost btn-small" on:click=move |_| confirming.set(false)>
                                {i18n.tr(Key::Onb(N::Cancel))}
                            </button>
                        </div>
                    }
                    .into_any()
                } else {
                    let name = name.clone();
                    view! {
                        <button type="button" class="btn btn-ghost btn-small" on:click=move |_| confirming.set(true)>
                            {i18n.tr(Key::Onb(N::RemoveMember))}
                            <span class="visually-hidden">" " {name}</span>
                        </button>
                    }
                    .into_any()
                }
            }}
            <ProblemAlert problem=problem />
        </div>
    }
}

#[component]
pub fn PendingInvitations(invited: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let problem = RwSignal::new(None::<Problem>);
    let pending = LocalResource::new(move || {
        let _ = invited.get();
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.list_invitations().await.ok(),
                None => None,
            }
        }
    });
    let revoke = move |id: uuid::Uuid| {
        let Some(api) = auth.api_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api.revoke_invitation(id).await {
                Ok(()) => {
                    toasts.show(Key::Onb(N::Revoked));
                    pending.refetch();
                }
                Err(p) => problem.set(Some(p)),
            }
        });
    };
    view! {
        <div class="pending-invitations">
            <h3 class="invite-title">{i18n.tr(Key::Onb(N::PendingTitle))}</h3>
            <ProblemAlert problem=problem />
            {move || match pending.get().flatten() {
                None => ().into_any(),
                Some(list) if list.is_empty() => {
                    view! { <p class="muted">{i18n.tr(Key::Onb(N::PendingEmpty))}</p> }.into_any()
                }
                Some(list) => view! {
                    <ul class="staff-list">
                        {list
                            .into_iter()
                            .map(|inv| {
                                let expires = i18n
                                    .t(Key::Onb(N::Expires))
                                    .replace("{date}", &short_date(&inv.expires_at, i18n.locale()));
                                let email = inv.email.clone();
                                view! {
                                    <li class="staff-row">
                                        <span class="staff-who">
                                            <span class="staff-name">{inv.email}</span>
                                            <span class="staff-email">{i18n.tr(role_key(inv.role))} " · " {expires}</span>
                                        </span>
                                        <button type="button" class="btn btn-ghost btn-small" on:click=move |_| revoke(inv.id)>
                                            {i18n.tr(Key::Onb(N::Revoke))}
                                            <span class="visually-hidden">" " {email}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </div>
    }
}
