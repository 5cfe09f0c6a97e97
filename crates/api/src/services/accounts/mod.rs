//! Merchant accounts: registering a merchant with its owner, signing in, "who am I".
//!
//! Who acts for a merchant, each in its own module: staff, API keys, and the audit log of
//! what they changed.

pub mod api_keys;
pub mod audit;
pub mod password_resets;
pub mod sign_in_rules;
pub mod sign_in_slowdown;
pub mod staff;
pub mod two_factor;

use crate::auth::password::{dummy_hash, hash_password, verify_password};
use crate::auth::token::{CHALLENGE_TTL_SECONDS, TTL_SECONDS};
use crate::auth::{CurrentStaff, TokenKeys};
use crate::db::begin_write;
use crate::db::entities::{
    merchant, merchant_settings, return_reason, slug_redirect, staff as staff_row,
};
use crate::error::{ApiError, ApiResult};
use crate::services::conflict_on;
use chrono::Utc;
use rebound_shared::api::auth::{Login, Me, MerchantView, RegisterMerchant, Session, StaffView};
use rebound_shared::api::two_factor::{LoginSecondStep, TwoFactorChallenge};
use rebound_shared::domain::{Email, HexColour, Slug};
use rebound_shared::{ErrorKind, Permission, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use std::time::Duration;
use uuid::Uuid;

/// Brand colours a new merchant starts with: readable, neutral, easy to change.
pub(crate) const DEFAULT_PRIMARY: HexColour = HexColour::rgb(0x1F, 0x4E, 0xD8);
pub(crate) const DEFAULT_ACCENT: HexColour = HexColour::rgb(0x0E, 0x7C, 0x66);
pub(crate) const DEFAULT_BACKGROUND: HexColour = HexColour::rgb(0xF7, 0xF8, 0xFA);

/// Return reasons every new merchant starts with (English, French, defective?).
pub const DEFAULT_REASONS: &[(&str, &str, bool)] = &[
    ("Too small", "Trop petit", false),
    ("Too big", "Trop grand", false),
    ("Not as described", "Non conforme à la description", false),
    ("Changed my mind", "J'ai changé d'avis", false),
    ("Arrived damaged", "Arrivé endommagé", true),
    (
        "Defective or not working",
        "Défectueux ou ne fonctionne pas",
        true,
    ),
    ("Wrong item received", "Mauvais article reçu", false),
];

pub struct NewMerchant<'a> {
    pub company_name: &'a str,
    pub slug: &'a Slug,
    pub owner_name: &'a str,
    pub owner_email: &'a Email,
    pub password: &'a str,
    pub colours: Option<(HexColour, HexColour, HexColour)>,
}

pub async fn register_merchant(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    req: RegisterMerchant,
) -> ApiResult<Session> {
    let slug = Slug::parse(&req.slug)
        .map_err(|e| ApiError::field(ErrorKind::Validation, "slug", e.code(), &e.to_string()))?;
    let email = Email::parse(&req.owner_email).map_err(|_| {
        ApiError::field(
            ErrorKind::Validation,
            "owner_email",
            "email",
            "enter a valid email address",
        )
    })?;
    let (merchant, owner) = create_merchant(
        db,
        NewMerchant {
            company_name: req.company_name.trim(),
            slug: &slug,
            owner_name: req.owner_name.trim(),
            owner_email: &email,
            password: &req.password,
            colours: None,
        },
    )
    .await?;
    session(keys, owner, merchant)
}

/// Creates the merchant, its owner and its default return reasons in one transaction.
pub async fn create_merchant(
    db: &DatabaseConnection,
    new: NewMerchant<'_>,
) -> ApiResult<(merchant::Model, staff_row::Model)> {
    // Hash before the transaction: it is slow on purpose and must not hold the write lock.
    let password_hash = hash_password(new.password).map_err(ApiError::internal)?;
    let txn = begin_write(db).await?;
    // A shop's old address keeps redirecting to it, so it is as taken as a current one.
    let taken_slug = merchant::Entity::find()
        .filter(merchant::Column::Slug.eq(new.slug.as_str()))
        .one(&txn)
        .await?
        .is_some()
        || slug_redirect::Entity::find_by_id(new.slug.to_string())
            .one(&txn)
            .await?
            .is_some();
    if taken_slug {
        return Err(ApiError::field(
            ErrorKind::Conflict,
            "slug",
            "taken",
            "this address is already taken",
        ));
    }
    let taken_email = staff_row::Entity::find()
        .filter(staff_row::Column::Email.eq(new.owner_email.as_str()))
        .one(&txn)
        .await?
        .is_some();
    if taken_email {
        return Err(ApiError::field(
            ErrorKind::Conflict,
            "owner_email",
            "taken",
            "an account already uses this email",
        ));
    }
    let now = Utc::now();
    let (primary, accent, background) =
        new.colours
            .unwrap_or((DEFAULT_PRIMARY, DEFAULT_ACCENT, DEFAULT_BACKGROUND));
    let merchant = merchant::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(new.slug.to_string()),
        company_name: Set(new.company_name.to_owned()),
        primary_colour: Set(primary.to_string()),
        accent_colour: Set(accent.to_string()),
        background_colour: Set(background.to_string()),
        logo_key: Set(None),
        favicon_key: Set(None),
        background_image: Set(None),
        portal_enabled: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await
    .map_err(conflict_on("slug", "this address is already taken"))?;
    let owner = staff_row::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(merchant.id),
        email: Set(new.owner_email.to_string()),
        name: Set(new.owner_name.to_owned()),
        password_hash: Set(password_hash),
        role: Set(Role::Owner.as_str().to_owned()),
        created_at: Set(now),
        signature: Set(None),
        session_version: Set(0),
        weekly_summary_since: Set(None),
        weekly_summary_locale: Set(None),
    }
    .insert(&txn)
    .await
    .map_err(conflict_on(
        "owner_email",
        "an account already uses this email",
    ))?;
    seed_default_reasons(&txn, merchant.id).await?;
    seed_settings(&txn, merchant.id).await?;
    txn.commit().await?;
    Ok((merchant, owner))
}

/// A new shop's settings: the default tabs, and seed 004's two tiers as its return policy
/// (shops from before policies have none saved and keep their Returns tab's window).
async fn seed_settings(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<()> {
    use rebound_shared::api::settings::{AftercareSettings, ReturnsSettings};
    use rebound_shared::domain::policy::default_rules;
    fn json<T: serde::Serialize>(value: &T) -> ApiResult<String> {
        serde_json::to_string(value).map_err(ApiError::internal)
    }
    merchant_settings::ActiveModel {
        merchant_id: Set(merchant_id),
        returns: Set(json(&ReturnsSettings::default())?),
        aftercare: Set(json(&AftercareSettings::default())?),
        policies: Set(Some(json(&default_rules())?)),
        risk: Set(None),
        updated_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn seed_default_reasons(db: &impl ConnectionTrait, merchant_id: Uuid) -> ApiResult<()> {
    let rows = DEFAULT_REASONS
        .iter()
        .enumerate()
        .map(|(i, (en, fr, defective))| return_reason::ActiveModel {
            id: Set(Uuid::now_v7()),
            merchant_id: Set(merchant_id),
            label_en: Set((*en).to_owned()),
            label_fr: Set((*fr).to_owned()),
            defective: Set(*defective),
            position: Set(i as i32),
            retired_at: Set(None),
            system_key: Set(None),
        });
    return_reason::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// What a right password gets: a session, or (with two-factor sign-in) a challenge to answer
/// with a code.
#[derive(Debug)]
pub enum SignIn {
    Session(Box<Session>),
    SecondStep(TwoFactorChallenge),
}

/// Signs in with email and password. Every attempt goes through the per-address slowdown
/// first, known address or not.
pub async fn login(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    backoff: Duration,
    req: Login,
) -> ApiResult<SignIn> {
    let wrong = || ApiError::unauthorized("email or password is wrong");
    let email = Email::parse(&req.email).map_err(|_| wrong())?;
    let attempt = sign_in_slowdown::begin(db, email.as_str(), backoff).await?;
    let found = staff_row::Entity::find()
        .filter(staff_row::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let hash = found
        .as_ref()
        .map_or(dummy_hash(), |s| s.password_hash.as_str())
        .to_owned();
    let password = req.password;
    // argon2 is CPU-bound: keep it off the async workers.
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .map_err(ApiError::internal)?;
    let Some(staff) = found.filter(|_| ok) else {
        attempt.failed(db).await?;
        return Err(wrong());
    };
    let merchant = merchant::Entity::find_by_id(staff.merchant_id)
        .one(db)
        .await?
        .ok_or_else(wrong)?;
    if two_factor::is_enabled(db, staff.id).await? {
        attempt.passed_first_step(db).await?;
        let challenge_token = keys
            .issue_challenge(staff.id, merchant.id, staff.session_version)
            .map_err(ApiError::internal)?;
        return Ok(SignIn::SecondStep(TwoFactorChallenge {
            challenge_token,
            second_step: "two_factor".into(),
            expires_in: CHALLENGE_TTL_SECONDS,
        }));
    }
    attempt.succeeded(db).await?;
    Ok(SignIn::Session(Box::new(session(keys, staff, merchant)?)))
}

/// The second step: the challenge from a right password and a code from the app or a
/// recovery code. Wrong codes count towards the same slowdown as wrong passwords.
pub async fn login_second_step(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    backoff: Duration,
    req: LoginSecondStep,
) -> ApiResult<Session> {
    let start_again = || {
        ApiError::field(
            ErrorKind::Unauthorized,
            "challenge_token",
            "expired",
            "this sign-in took too long or is no longer valid; sign in again",
        )
    };
    let claims = keys
        .verify_challenge(&req.challenge_token)
        .ok_or_else(start_again)?;
    let staff = staff_row::Entity::find_by_id(claims.sub)
        .one(db)
        .await?
        .filter(|s| s.merchant_id == claims.mid && s.session_version == claims.sv)
        .ok_or_else(start_again)?;
    let attempt = sign_in_slowdown::begin(db, &staff.email, backoff).await?;
    match two_factor::check_second_factor(db, staff.id, &req.code).await? {
        two_factor::Checked::AppCode | two_factor::Checked::RecoveryCode { .. } => {}
        two_factor::Checked::Wrong => {
            attempt.failed(db).await?;
            return Err(ApiError::field(
                ErrorKind::Unauthorized,
                "code",
                "wrong",
                "this code is not right, or was already used",
            ));
        }
        // Turned off since the password was given: the password alone decides now.
        two_factor::Checked::NotEnabled => {
            attempt.passed_first_step(db).await?;
            return Err(start_again());
        }
    }
    let merchant = merchant::Entity::find_by_id(staff.merchant_id)
        .one(db)
        .await?
        .ok_or_else(start_again)?;
    attempt.succeeded(db).await?;
    session(keys, staff, merchant)
}

pub async fn me(db: &DatabaseConnection, caller: &CurrentStaff) -> ApiResult<Me> {
    let staff = caller
        .tenant
        .get::<staff_row::Entity>(caller.staff_id)
        .one(db)
        .await?
        .ok_or_else(|| ApiError::unauthorized("this account no longer exists"))?;
    let merchant = caller
        .tenant
        .merchant()
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("merchant"))?;
    Ok(Me {
        staff: staff_view(staff)?,
        merchant: merchant_view(merchant),
        permissions: Permission::ALL
            .into_iter()
            .filter(|p| caller.role.allows(*p))
            .collect(),
        two_factor: two_factor::status(db, caller).await?,
    })
}

pub(crate) fn session(
    keys: &TokenKeys,
    staff: staff_row::Model,
    merchant: merchant::Model,
) -> ApiResult<Session> {
    let role = parse_role(&staff.role)?;
    Ok(Session {
        access_token: keys
            .issue(staff.id, merchant.id, role, staff.session_version)
            .map_err(ApiError::internal)?,
        token_type: "Bearer".into(),
        expires_in: TTL_SECONDS,
        staff: staff_view(staff)?,
        merchant: merchant_view(merchant),
    })
}

pub(crate) fn parse_role(raw: &str) -> ApiResult<Role> {
    Role::parse(raw).ok_or_else(|| ApiError::internal(anyhow::anyhow!("unknown role {raw}")))
}

pub(crate) fn staff_view(s: staff_row::Model) -> ApiResult<StaffView> {
    Ok(StaffView {
        role: parse_role(&s.role)?,
        id: s.id,
        name: s.name,
        email: s.email,
        created_at: s.created_at,
    })
}

pub(crate) fn merchant_view(m: merchant::Model) -> MerchantView {
    MerchantView {
        id: m.id,
        slug: m.slug,
        company_name: m.company_name,
        created_at: m.created_at,
    }
}
