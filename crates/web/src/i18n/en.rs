//! English.

use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::SkipToContent => "Skip to content",
        Key::Loading => "Loading…",
        Key::Language => "Language",
        Key::TryAgain => "Try again",
        Key::ErrorReference => "Reference",
        Key::Required => "This field is required.",
        Key::PasswordHint => "At least 10 characters. A short sentence is easy to remember.",

        Key::ErrValidation => "Some fields need your attention.",
        Key::ErrBadRequest => "The request could not be read. Please reload the page.",
        Key::ErrUnauthorized => "Please sign in to continue.",
        Key::ErrForbidden => "Your role does not allow this.",
        Key::ErrNotFound => "We could not find what you asked for.",
        Key::ErrConflict => "This already exists.",
        Key::ErrRateLimited => "Too many attempts. Please wait a minute and try again.",
        Key::ErrPayloadTooLarge => "This file is too large.",
        Key::ErrUnsupportedMediaType => "This type of file is not accepted.",
        Key::ErrUnavailable => {
            "We can't reach Rebound right now. Check your connection and try again."
        }
        Key::ErrInternal => "Something went wrong on our side. Please try again.",

        Key::RuleEmail => "Enter a valid email address, like name@example.com.",
        Key::RuleTooShort => "Use at least 10 characters.",
        Key::RuleTooLong => "Use at most 128 characters.",
        Key::RuleSlugLength => "Use 3 to 40 characters.",
        Key::RuleSlugCharacters => {
            "Use lowercase letters, digits and single hyphens, not at either end."
        }
        Key::RuleSlugReserved => "This address is reserved. Please choose another one.",
        Key::RuleNameLength => "Use 1 to 100 characters.",
        Key::RuleTaken => "This is already taken.",

        Key::SignInTitle => "Sign in to your dashboard",
        Key::SignInLead => "Manage returns, orders and shopper messages in one place.",
        Key::Email => "Email",
        Key::Password => "Password",
        Key::SignIn => "Sign in",
        Key::SigningIn => "Signing in…",
        Key::WrongCredentials => "Email or password is wrong",
        Key::SessionEnded => "Your session has ended. Please sign in again.",
        Key::NewToRebound => "New to Rebound?",
        Key::CreateYourShop => "Create your shop",
        Key::HaveAccount => "Already have an account?",

        Key::RegisterTitle => "Create your shop",
        Key::RegisterLead => {
            "Set up your branded returns portal in a minute. You will be the account owner."
        }
        Key::CompanyName => "Company name",
        Key::PortalAddress => "Portal address",
        Key::PortalAddressHint => "Lowercase letters, digits and hyphens. Shoppers will visit:",
        Key::YourName => "Your name",
        Key::CreateShop => "Create shop",
        Key::CreatingShop => "Creating your shop…",

        Key::MainNavigation => "Main navigation",
        Key::NavReturns => "Returns",
        Key::NavOrders => "Orders",
        Key::NavMessages => "Messages",
        Key::NavAnalytics => "Analytics",
        Key::NavSettings => "Settings",
        Key::SignOut => "Sign out",
        Key::SignedInAs => "Signed in as",
        Key::RoleOwner => "Owner",
        Key::RoleManager => "Manager",
        Key::RoleAgent => "Agent",
        Key::ViewPortal => "Open your portal",

        Key::ReturnsEmptyTitle => "No returns yet",
        Key::ReturnsEmptyBody => {
            "When shoppers start a return from your portal, it lands here for review."
        }
        Key::OrdersEmptyTitle => "No orders to show yet",
        Key::OrdersEmptyBody => {
            "Orders your store sends through the API or a CSV import will be listed here."
        }
        Key::MessagesEmptyTitle => "No messages yet",
        Key::MessagesEmptyBody => {
            "Conversations with shoppers about their returns and issues will appear here."
        }

        Key::StaffTitle => "Staff",
        Key::StaffLead => "People who can sign in to this dashboard.",
        Key::StaffYou => "you",
        Key::InviteTitle => "Invite a colleague",
        Key::InviteLead => "They get a link to choose their name and password.",
        Key::InviteRole => "Role",
        Key::SendInvitation => "Create invitation",
        Key::SendingInvitation => "Creating invitation…",
        Key::InvitationCreated => {
            "Invitation created. Send this link to your colleague: it works once, for a limited time."
        }
        Key::InvitationLink => "Invitation link",
        Key::CopyLink => "Copy link",
        Key::LinkCopied => "Link copied",
        Key::EmailHasAccount => "This email already has an account.",

        Key::AcceptTitle => "Join your team on Rebound",
        Key::AcceptLead => "Choose your name and a password to create your account.",
        Key::AcceptSubmit => "Create my account",
        Key::Accepting => "Creating your account…",
        Key::InvitationInvalid => {
            "This invitation link is no longer valid. Ask the shop owner for a new one."
        }

        Key::PortalHeroTitle => "Track your order or start a return",
        Key::PortalHeroLead => {
            "See where your parcel is, change the delivery address, report a problem or send items back."
        }
        Key::LookupTitle => "Find your order",
        Key::LookupOrder => "Order number or tracking number",
        Key::LookupOrderHint => "You will find it in your order confirmation email.",
        Key::LookupContact => "Email or postal code",
        Key::LookupContactHint => "The one you used when you placed the order.",
        Key::LookupSubmit => "Find my order",
        Key::LookupOrderRequired => "Enter your order or tracking number.",
        Key::LookupContactRequired => "Enter your email or postal code.",
        Key::PortalClosedTitle => "This portal is not open yet",
        Key::PortalClosedBody => {
            "The shop is still setting it up. Please come back later or contact the shop directly."
        }
        Key::PoweredBy => "Powered by Rebound",
        Key::PortalSupport => "Questions about an order? Write to",

        Key::NotFoundTitle => "Page not found",
        Key::NotFoundBody => "The page you are looking for does not exist or has moved.",
        Key::ShopNotFoundBody => {
            "There is no shop at this address. Please check the link the shop gave you."
        }
        Key::GoHome => "Go to the home page",
        // Each area answers its own keys, dispatched in mod.rs (an entry links only its areas).
        Key::Set(_)
        | Key::Portal(_)
        | Key::Ret(_)
        | Key::Case(_)
        | Key::Timeline(_)
        | Key::Ord(_)
        | Key::Imp(_)
        | Key::Onb(_)
        | Key::Dev(_)
        | Key::Hook(_)
        | Key::Pol(_)
        | Key::Risk(_)
        | Key::Stats(_)
        | Key::Sec(_)
        | Key::Help(_)
        | Key::Mail(_) => "",
    }
}
