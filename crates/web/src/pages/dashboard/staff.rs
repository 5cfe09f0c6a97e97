//! The Staff card of the settings: who can sign in, and (for owners) inviting a colleague.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use rebound_shared::api::staff::{InvitationView, InviteStaff};
use rebound_shared::domain::Email;
use rebound_shared::limits;
use rebound_shared::{ErrorKind, Permission, Problem, Role};

use super::staff_actions::{MemberActions, PendingInvitations};
use crate::api::{ApiResult, AuthorizedApi};
use crate::components::alert::ProblemAlert;
use crate::components::field::{ErrorSlot, Field, FieldMessage, SubmitButton, focus_first_error};
use crate::components::loading::Loading;
use crate::contexts::auth::use_auth;
use crate::contexts::locale::use_i18n;
use crate::i18n::{Key, role_key};
use crate::routes::Page;

/// Roles an owner may give; owners are only made with the shop.
const INVITABLE: [Role; 2] = [Role::Manager, Role::Agent];

fn explain_invite(problem: &Problem) -> Option<Key> {
    (problem.kind == ErrorKind::Conflict).then_some(Key::EmailHasAccount)
}

#[component]
pub fn StaffCard() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let staff = LocalResource::new(move || {
        let api = auth.api();
        async move {
            match api {
                Some(api) => api.list_staff().await,
                None => Err(Problem::new(ErrorKind::Unauthorized, "signed out")),
            }
        }
    });
    let my_id = move || auth.me().map(|me| me.staff.id);
    let refetch = Callback::new(move |()| staff.refetch());
    // Bumped when an invitation is sent, so the pending list shows it.
    let invited = RwSignal::new(0u32);

    let list = move || {
        match staff.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(p)) => view! { <ProblemAlert problem=Signal::derive(move || Some(p.clone())) /> }
            .into_any(),
        Some(Ok(members)) => view! {
            <ul class="staff-list">
                {members
                    .into_iter()
                    .map(|member| {
                        let is_me = my_id() == Some(member.id);
                        let initials: String = member
                            .name
                            .split_whitespace()
                            .filter_map(|w| w.chars().next())
                            .take(2)
                            .collect();
                        // Owners manage colleagues, never themselves (the server refuses too).
                        let manage = !is_me && auth.can(Permission::ManageStaff);
                        let role = if manage {
                            view! { <MemberActions member=member.clone() on_change=refetch /> }.into_any()
                        } else {
                            view! { <span class="role-badge">{i18n.tr(role_key(member.role))}</span> }.into_any()
                        };
                        view! {
                            <li class="staff-row">
                                <span class="avatar" aria-hidden="true">{initials}</span>
                                <span class="staff-who">
                                    <span class="staff-name">
                                        {member.name}
                                        {is_me.then(|| view! { <span class="muted">" (" {i18n.tr(Key::StaffYou)} ")"</span> })}
                                    </span>
                                    <span class="staff-email">{member.email}</span>
                                </span>
                                {role}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };

    view! {
        <section class="card" aria-labelledby="staff-title">
            <div class="card-header">
                <h2 id="staff-title" class="card-title">{i18n.tr(Key::StaffTitle)}</h2>
                <p class="card-lead">{i18n.tr(Key::StaffLead)}</p>
            </div>
            {list}
            {move || auth.can(Permission::ManageStaff).then(|| view! {
                <InviteForm invited=invited />
                <PendingInvitations invited=invited />
            })}
        </section>
    }
}

#[component]
fn InviteForm(invited: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Agent);
    let email_error: ErrorSlot = RwSignal::new(None);
    let slots = [("invite_email", email_error)];
    let problem = RwSignal::new(None::<Problem>);
    let created = RwSignal::new(None::<InvitationView>);

    let invite = Action::new_local(|(api, body): &(AuthorizedApi, InviteStaff)| {
        let (api, body) = (api.clone(), body.clone());
        async move { api.invite_staff(&body).await }
    });
    Effect::new(move || {
        let result: Option<ApiResult<InvitationView>> = invite.value().get();
        match result {
            Some(Ok(invitation)) => {
                email.set(String::new());
                created.set(Some(invitation));
                invited.update(|n| *n += 1);
            }
            Some(Err(p)) => {
                // The form's email input is `invite_email`; the API names the field `email`.
                if let Some(error) = p.field("email") {
                    email_error.set(Some(FieldMessage::from_server(error)));
                }
                problem.set(Some(p));
            }
            None => {}
        }
    });

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        problem.set(None);
        created.set(None);
        email_error.set(FieldMessage::check(
            "email",
            &email.get_untracked(),
            Email::validate,
        ));
        if email_error.with_untracked(Option::is_some) {
            focus_first_error(&slots);
            return;
        }
        let Some(api) = auth.api() else { return };
        invite.dispatch((
            api,
            InviteStaff {
                email: email.get_untracked().trim().to_owned(),
                role: role.get_untracked(),
            },
        ));
    };

    view! {
        <div class="invite">
            <h3 class="invite-title">{i18n.tr(Key::InviteTitle)}</h3>
            <p class="card-lead">{i18n.tr(Key::InviteLead)}</p>
            <ProblemAlert problem=problem explain=explain_invite />
            <form class="form form-inline" novalidate on:submit=on_submit>
                <Field
                    id="invite_email"
                    max_length=limits::EMAIL
                    label=Key::Email
                    value=email
                    error=email_error
                    input_type="email"
                    autocomplete="off"
                    required=true
                />
                <div class="field field-select">
                    <label for="invite_role">{i18n.tr(Key::InviteRole)}</label>
                    <select
                        id="invite_role"
                        name="invite_role"
                        on:change=move |ev| {
                            if let Some(r) = Role::parse(&event_target_value(&ev)) {
                                role.set(r);
                            }
                        }
                    >
                        {INVITABLE
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <option value=r.as_str() selected=move || role.get() == r>
                                        {i18n.tr(role_key(r))}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <SubmitButton
                    label=Key::SendInvitation
                    busy_label=Key::SendingInvitation
                    pending=invite.pending()
                />
            </form>
            <div role="status" aria-live="polite">
                {move || created.get().and_then(|inv| inv.token).map(|token| view! { <InvitationLink token=token /> })}
            </div>
        </div>
    }
}

#[component]
fn InvitationLink(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let link = format!("{origin}{}", Page::Invitation(token).path());
    let copied = RwSignal::new(false);
    let copy = {
        let link = link.clone();
        move |_| {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&link);
                copied.set(true);
            }
        }
    };
    view! {
        <div class="alert alert-success invitation-created">
            <p class="alert-title">{i18n.tr(Key::InvitationCreated)}</p>
            <label for="invitation_link" class="visually-hidden">{i18n.tr(Key::InvitationLink)}</label>
            <div class="copy-row">
                <input id="invitation_link" type="text" readonly prop:value=link.clone() on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.select();
                    }
                } />
                <button type="button" class="btn btn-secondary btn-small" on:click=copy>
                    {move || i18n.t(if copied.get() { Key::LinkCopied } else { Key::CopyLink })}
                </button>
            </div>
        </div>
    }
}
