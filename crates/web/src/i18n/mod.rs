//! Every visible string of the app, in English and French. A `Key` names a sentence; each
//! language answers every key in one exhaustive `match`, so a missing translation fails to build.

mod analytics;
mod developers;
mod en;
mod fr;
mod helpdesk;
mod imports;
mod mail;
mod onboarding;
mod orders;
mod policies;
mod portal;
mod return_case;
mod returns;
mod risk;
mod security;
mod settings;
mod timeline;
mod webhooks;

pub use analytics::{A, resolution_kind_key};
pub use developers::{D, scope_key};
pub use helpdesk::{H, subject_key};
pub use imports::I;
pub use mail::{M, event_key};
pub use onboarding::N;
pub use orders::O;
pub use policies::{L, policy_code_key};
pub use portal::P;
pub use return_case::{C, condition_key, disposition_key};
pub use returns::{
    R, chosen_resolution_key, method_key, not_returnable_key, resolution_key, return_status_key,
};
pub use risk::{K, flag_reason, percent};
pub use security::F;
pub use settings::S;
pub use timeline::{T, event_note, refund_reason_key, scan_title};
pub use webhooks::{W, delivery_status_key, webhook_event_key};

use rebound_shared::api::imports::ImportField;
use rebound_shared::api::settings::IssueType;
use rebound_shared::domain::{Lang, OrderStatus};
use rebound_shared::{ErrorKind, Role};

/// The languages the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// How amounts are written in this language.
    pub fn lang(self) -> Lang {
        match self {
            Locale::En => Lang::En,
            Locale::Fr => Lang::Fr,
        }
    }

    /// The short label on the language switch.
    pub fn short(self) -> &'static str {
        match self {
            Locale::En => "EN",
            Locale::Fr => "FR",
        }
    }

    /// The language's own name, so a reader finds theirs whatever is showing.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
        }
    }

    /// Reads a tag such as `fr`, `fr-CA` or `en-GB`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }
}

/// One sentence or label of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    // Everywhere
    SkipToContent,
    Loading,
    Language,
    TryAgain,
    ErrorReference,
    Required,
    PasswordHint,
    // Errors by kind
    ErrValidation,
    ErrBadRequest,
    ErrUnauthorized,
    ErrForbidden,
    ErrNotFound,
    ErrConflict,
    ErrRateLimited,
    ErrPayloadTooLarge,
    ErrUnsupportedMediaType,
    ErrUnavailable,
    ErrInternal,
    // Field rules, by the shared validation codes
    RuleEmail,
    RuleTooShort,
    RuleTooLong,
    RuleSlugLength,
    RuleSlugCharacters,
    RuleSlugReserved,
    RuleNameLength,
    RuleTaken,
    // Sign-in
    SignInTitle,
    SignInLead,
    Email,
    Password,
    SignIn,
    SigningIn,
    WrongCredentials,
    SessionEnded,
    NewToRebound,
    CreateYourShop,
    HaveAccount,
    // Sign-up
    RegisterTitle,
    RegisterLead,
    CompanyName,
    PortalAddress,
    PortalAddressHint,
    YourName,
    CreateShop,
    CreatingShop,
    // Dashboard shell
    MainNavigation,
    NavReturns,
    NavOrders,
    NavMessages,
    NavAnalytics,
    NavSettings,
    SignOut,
    SignedInAs,
    RoleOwner,
    RoleManager,
    RoleAgent,
    ViewPortal,
    // Empty sections
    ReturnsEmptyTitle,
    ReturnsEmptyBody,
    OrdersEmptyTitle,
    OrdersEmptyBody,
    MessagesEmptyTitle,
    MessagesEmptyBody,
    // Staff
    StaffTitle,
    StaffLead,
    StaffYou,
    InviteTitle,
    InviteLead,
    InviteRole,
    SendInvitation,
    SendingInvitation,
    InvitationCreated,
    InvitationLink,
    CopyLink,
    LinkCopied,
    EmailHasAccount,
    // Accepting an invitation
    AcceptTitle,
    AcceptLead,
    AcceptSubmit,
    Accepting,
    InvitationInvalid,
    // Portal
    PortalHeroTitle,
    PortalHeroLead,
    LookupTitle,
    LookupOrder,
    LookupOrderHint,
    LookupContact,
    LookupContactHint,
    LookupSubmit,
    LookupOrderRequired,
    LookupContactRequired,
    PortalClosedTitle,
    PortalClosedBody,
    PoweredBy,
    PortalSupport,
    // Not found
    NotFoundTitle,
    NotFoundBody,
    ShopNotFoundBody,
    GoHome,
    // The settings screens, in their own file
    Set(S),
    // The portal's order screens
    Portal(P),
    // Orders, in the dashboard and the portal
    Ord(O),
    // The CSV import
    Imp(I),
    // Returns: the portal's journey and the dashboard's queue
    Ret(R),
    // A return's case in the dashboard: filters, inspection and resolution forms
    Case(C),
    // The notes on a return's history, in the portal and the dashboard
    Timeline(T),
    // The helpdesk, the survey and unsubscribe pages
    Help(H),
    // Mail notifications and sent mail
    Mail(M),
    // The first-run checklist, password reset and the issue-reports queue
    Onb(N),
    // The Developers page and the queue's CSV export
    Dev(D),
    // The Developers page's webhook endpoints and shop connections
    Hook(W),
    // The settings' Policies tab
    Pol(L),
    // Risk per shopper: the Shoppers page and the flag badge
    Risk(K),
    // The Analytics page's cards
    Stats(A),
    // Two-factor sign-in: the Security page and the sign-in's second step
    Sec(F),
}

/// Where an entry's screens find their sentences: `text` for the dashboard, `shopper_text`
/// for the portal. The entry hands its own to `I18n::provide`, so the linker keeps only the
/// sentences that entry can show.
pub type Dictionary = fn(Locale, Key) -> &'static str;

/// The text of `key` in `locale`: every sentence, the dashboard's dictionary (its settings
/// preview the portal, so it needs the shopper's sentences too).
pub fn text(locale: Locale, key: Key) -> &'static str {
    match (locale, key) {
        (Locale::En, Key::Set(s)) => settings::en(s),
        (Locale::Fr, Key::Set(s)) => settings::fr(s),
        (Locale::En, Key::Imp(i)) => imports::en(i),
        (Locale::Fr, Key::Imp(i)) => imports::fr(i),
        (Locale::En, Key::Case(c)) => return_case::en(c),
        (Locale::Fr, Key::Case(c)) => return_case::fr(c),
        (Locale::En, Key::Mail(m)) => mail::en(m),
        (Locale::Fr, Key::Mail(m)) => mail::fr(m),
        (Locale::En, Key::Onb(n)) => onboarding::en(n),
        (Locale::Fr, Key::Onb(n)) => onboarding::fr(n),
        (Locale::En, Key::Dev(d)) => developers::en(d),
        (Locale::Fr, Key::Dev(d)) => developers::fr(d),
        (Locale::En, Key::Hook(w)) => webhooks::en(w),
        (Locale::Fr, Key::Hook(w)) => webhooks::fr(w),
        (Locale::En, Key::Pol(l)) => policies::en(l),
        (Locale::Fr, Key::Pol(l)) => policies::fr(l),
        (Locale::En, Key::Risk(k)) => risk::en(k),
        (Locale::Fr, Key::Risk(k)) => risk::fr(k),
        (Locale::En, Key::Stats(a)) => analytics::en(a),
        (Locale::Fr, Key::Stats(a)) => analytics::fr(a),
        (Locale::En, Key::Sec(f)) => security::en(f),
        (Locale::Fr, Key::Sec(f)) => security::fr(f),
        _ => shopper_text(locale, key),
    }
}

/// The portal's dictionary: every sentence but those of the dashboard's own areas (settings,
/// import, a return's case forms, mail, first run), which no portal screen shows; leaving
/// them out keeps about 24 KB of text in two languages out of the shopper's download. Such a
/// key reads as empty here rather than pulling those tables into the portal.
pub fn shopper_text(locale: Locale, key: Key) -> &'static str {
    match (locale, key) {
        (
            _,
            Key::Set(_)
            | Key::Imp(_)
            | Key::Case(_)
            | Key::Mail(_)
            | Key::Onb(_)
            | Key::Dev(_)
            | Key::Hook(_)
            | Key::Pol(_)
            | Key::Risk(_)
            | Key::Stats(_)
            | Key::Sec(_),
        ) => "",
        (Locale::En, Key::Portal(p)) => portal::en(p),
        (Locale::Fr, Key::Portal(p)) => portal::fr(p),
        (Locale::En, Key::Ret(r)) => returns::en(r),
        (Locale::Fr, Key::Ret(r)) => returns::fr(r),
        (Locale::En, Key::Timeline(t)) => timeline::en(t),
        (Locale::Fr, Key::Timeline(t)) => timeline::fr(t),
        (Locale::En, Key::Ord(o)) => orders::en(o),
        (Locale::Fr, Key::Ord(o)) => orders::fr(o),
        (Locale::En, Key::Help(h)) => helpdesk::en(h),
        (Locale::Fr, Key::Help(h)) => helpdesk::fr(h),
        (Locale::En, _) => en::text(key),
        (Locale::Fr, _) => fr::text(key),
    }
}

/// The sentence shown for a kind of API error.
pub fn error_kind_key(kind: ErrorKind) -> Key {
    match kind {
        ErrorKind::Validation => Key::ErrValidation,
        ErrorKind::BadRequest => Key::ErrBadRequest,
        ErrorKind::Unauthorized => Key::ErrUnauthorized,
        ErrorKind::Forbidden => Key::ErrForbidden,
        ErrorKind::TwoFactorRequired => Key::Sec(F::RequiredError),
        ErrorKind::NotFound => Key::ErrNotFound,
        // Only a client of the API built wrong can meet it: the app never sends such a request.
        ErrorKind::MethodNotAllowed => Key::ErrBadRequest,
        ErrorKind::Conflict => Key::ErrConflict,
        ErrorKind::RateLimited => Key::ErrRateLimited,
        ErrorKind::PayloadTooLarge => Key::ErrPayloadTooLarge,
        ErrorKind::UnsupportedMediaType => Key::ErrUnsupportedMediaType,
        ErrorKind::Unavailable => Key::ErrUnavailable,
        ErrorKind::Internal => Key::ErrInternal,
    }
}

/// The translated rule behind a validation `code` (from the shared constructors or from the
/// server's `Problem.errors`), when we have one; otherwise the caller shows the server's words.
pub fn rule_key(field: &str, code: &str) -> Option<Key> {
    let key = match (field, code) {
        ("events", "required") => Key::Hook(W::EventRequired),
        (_, "required") => Key::Required,
        (_, "email") => Key::RuleEmail,
        (_, "too_short") => Key::RuleTooShort,
        (_, "too_long") => Key::RuleTooLong,
        ("slug", "length") => Key::RuleSlugLength,
        ("slug", "slug") => Key::RuleSlugCharacters,
        ("slug", "reserved") => Key::RuleSlugReserved,
        ("company_name" | "owner_name" | "name", "length") => Key::RuleNameLength,
        (_, "taken") => Key::RuleTaken,
        ("label_en" | "label_fr", "duplicate") => Key::Case(C::DuplicateReason),
        ("frame_ancestors", "scheme") => Key::Set(S::FrameScheme),
        ("frame_ancestors", "host") => Key::Set(S::FrameHost),
        ("frame_ancestors", "port") => Key::Set(S::FramePort),
        ("frame_ancestors", "length") => Key::Set(S::FrameTooMany),
        ("url", "url") => Key::Hook(W::RuleUrl),
        ("url", "private_address") => Key::Hook(W::RulePrivateAddress),
        (_, "shop_domain") => Key::Hook(W::RuleShopDomain),
        (_, "site_url") => Key::Hook(W::RuleSiteUrl),
        (_, "webhook_secret") => Key::Hook(W::RuleWebhookSecret),
        ("code", "wrong") => Key::Sec(F::WrongCode),
        ("code", "code_format") => Key::Sec(F::CodeFormat),
        ("challenge_token", "expired") => Key::Sec(F::ChallengeExpired),
        ("require_two_factor", "enrol_first") => Key::Sec(F::EnrolFirst),
        _ => return None,
    };
    Some(key)
}

pub fn role_key(role: Role) -> Key {
    match role {
        Role::Owner => Key::RoleOwner,
        Role::Manager => Key::RoleManager,
        Role::Agent => Key::RoleAgent,
    }
}

/// The countries an address form offers (the postal-code rules the server knows).
pub const COUNTRIES: [&str; 5] = ["CA", "US", "FR", "GB", "DE"];

/// The name of a country we offer, by ISO code.
pub fn country_key(code: &str) -> Option<Key> {
    let o = match code {
        "CA" => O::CountryCa,
        "US" => O::CountryUs,
        "FR" => O::CountryFr,
        "GB" => O::CountryGb,
        "DE" => O::CountryDe,
        _ => return None,
    };
    Some(Key::Ord(o))
}

pub fn status_key(status: OrderStatus) -> Key {
    Key::Ord(match status {
        OrderStatus::Unfulfilled => O::StatusUnfulfilled,
        OrderStatus::InTransit => O::StatusInTransit,
        OrderStatus::OutForDelivery => O::StatusOutForDelivery,
        OrderStatus::Delivered => O::StatusDelivered,
        OrderStatus::Exception => O::StatusException,
    })
}

pub fn issue_type_key(kind: IssueType) -> Key {
    Key::Ord(match kind {
        IssueType::MissingItem => O::IssueMissingItem,
        IssueType::DamagedInTransit => O::IssueDamagedInTransit,
        IssueType::WrongItem => O::IssueWrongItem,
        IssueType::Other => O::IssueOther,
    })
}

pub fn import_field_key(field: ImportField) -> Key {
    use ImportField as F;
    Key::Imp(match field {
        F::OrderNumber => I::FOrderNumber,
        F::CustomerName => I::FCustomerName,
        F::Email => I::FEmail,
        F::Phone => I::FPhone,
        F::AddressLine1 => I::FAddressLine1,
        F::AddressLine2 => I::FAddressLine2,
        F::City => I::FCity,
        F::Region => I::FRegion,
        F::PostalCode => I::FPostalCode,
        F::Country => I::FCountry,
        F::Currency => I::FCurrency,
        F::PlacedAt => I::FPlacedAt,
        F::Sku => I::FSku,
        F::Title => I::FTitle,
        F::Variant => I::FVariant,
        F::Quantity => I::FQuantity,
        F::UnitPrice => I::FUnitPrice,
        F::ImageUrl => I::FImageUrl,
        F::Returnable => I::FReturnable,
        F::ParentSku => I::FParentSku,
        F::Carrier => I::FCarrier,
        F::TrackingNumber => I::FTrackingNumber,
        F::FulfillmentStatus => I::FFulfillmentStatus,
        F::FulfilledAt => I::FFulfilledAt,
        F::DeliveredAt => I::FDeliveredAt,
        F::OrderTags => I::FOrderTags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_dictionary_says_what_shoppers_see_and_leaves_the_dashboards_areas_out() {
        use rebound_shared::api::return_queue::RefundReason;
        // What a portal screen shows: the issue form's choices, refund reasons in the history.
        let shown = IssueType::ALL
            .into_iter()
            .map(issue_type_key)
            .chain(RefundReason::ALL.into_iter().map(refund_reason_key))
            .chain([
                Key::LookupTitle,
                Key::Portal(P::YourOrder),
                Key::Ret(R::ChooseReason),
            ]);
        for key in shown {
            for locale in Locale::ALL {
                assert!(
                    !shopper_text(locale, key).is_empty(),
                    "{key:?} in {locale:?}"
                );
                assert_eq!(shopper_text(locale, key), text(locale, key));
            }
        }
        // A dashboard area: the dashboard's dictionary says it, the portal's carries nothing.
        for key in [
            Key::Set(S::IssueTypes),
            Key::Case(C::Refund),
            Key::Imp(I::FSku),
            Key::Hook(W::SendTest),
            Key::Pol(L::TryTitle),
        ] {
            assert!(!text(Locale::Fr, key).is_empty());
            assert_eq!(shopper_text(Locale::Fr, key), "");
        }
    }

    #[test]
    fn reads_language_tags() {
        assert_eq!(Locale::from_tag("fr-CA"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("EN_gb"), Some(Locale::En));
        assert_eq!(Locale::from_tag("de"), None);
    }
}
