//! Two-factor sign-in, in English and French: the Security page, the second step of signing
//! in and the owner's requirement: `Key::Sec(F::…)`. Each language answers every `F` in one
//! exhaustive `match`.

/// One sentence or label of the security screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum F {
    Nav,
    Title,
    TwoFactorTitle,
    TwoFactorLead,
    StatusOn,
    StatusOff,
    CodesLeft,
    RequiredNotice,
    TurnOn,
    Starting,
    ScanTitle,
    QrLabel,
    ManualSecret,
    ConfirmTitle,
    AppCode,
    Confirm,
    Confirming,
    Cancel,
    RecoveryTitle,
    RecoveryLead,
    CopyCodes,
    CopiedCodes,
    DownloadCodes,
    CodesFileIntro,
    SavedCodes,
    TurnOffTitle,
    TurnOffLead,
    CodeOrRecovery,
    TurnOff,
    TurningOff,
    TurnedOff,
    NewCodesTitle,
    NewCodesLead,
    NewCodes,
    MakingCodes,
    RequireTitle,
    RequireLead,
    RequireLabel,
    RequireNeedsYours,
    Saved,
    SecondStepTitle,
    SecondStepLead,
    SecondStepRecoveryLead,
    UseRecovery,
    UseApp,
    RecoveryCode,
    Verify,
    Verifying,
    StartAgain,
    WrongCode,
    CodeFormat,
    SixDigits,
    ChallengeExpired,
    TryAgainIn,
    TryAgainInOne,
    RequiredError,
    EnrolFirst,
}

pub fn en(f: F) -> &'static str {
    match f {
        F::Nav => "Security",
        F::Title => "Security",
        F::TwoFactorTitle => "Two-factor sign-in",
        F::TwoFactorLead => {
            "After your password, Rebound asks for the 6-digit code an authenticator app on your phone shows (Google Authenticator, Microsoft Authenticator, 1Password, Aegis or any other)."
        }
        F::StatusOn => "On: signing in asks for a code from your app.",
        F::StatusOff => "Off: your password alone signs you in.",
        F::CodesLeft => "Recovery codes left: {count}",
        F::RequiredNotice => {
            "Your shop requires two-factor sign-in. Turn it on here to go on using the dashboard."
        }
        F::TurnOn => "Turn on two-factor sign-in",
        F::Starting => "Preparing…",
        F::ScanTitle => "1. Scan this QR code with your authenticator app",
        F::QrLabel => "QR code that adds Rebound to an authenticator app",
        F::ManualSecret => "Or type this key into the app",
        F::ConfirmTitle => "2. Enter the 6-digit code the app shows",
        F::AppCode => "Code from the app",
        F::Confirm => "Turn on",
        F::Confirming => "Checking…",
        F::Cancel => "Cancel",
        F::RecoveryTitle => "Your recovery codes",
        F::RecoveryLead => {
            "Each code signs you in once if you lose your phone. Keep them somewhere safe, such as a password manager: they are shown only now."
        }
        F::CopyCodes => "Copy the codes",
        F::CopiedCodes => "Copied",
        F::DownloadCodes => "Download as .txt",
        F::CodesFileIntro => "Rebound recovery codes. Each one signs you in once.",
        F::SavedCodes => "I have saved them",
        F::TurnOffTitle => "Turn off two-factor sign-in",
        F::TurnOffLead => "Enter a code from your app, or a recovery code if you lost your phone.",
        F::CodeOrRecovery => "Code from the app or recovery code",
        F::TurnOff => "Turn off",
        F::TurningOff => "Turning off…",
        F::TurnedOff => "Two-factor sign-in is off.",
        F::NewCodesTitle => "New recovery codes",
        F::NewCodesLead => "Replaces all your recovery codes. Enter a code from your app.",
        F::NewCodes => "Make new codes",
        F::MakingCodes => "Making…",
        F::RequireTitle => "Two-factor sign-in for everyone",
        F::RequireLead => {
            "Staff who have not turned it on can do nothing else in the dashboard until they do. API keys are not affected."
        }
        F::RequireLabel => "Require two-factor sign-in for every staff member",
        F::RequireNeedsYours => "Turn on your own two-factor sign-in first.",
        F::Saved => "Saved.",
        F::SecondStepTitle => "Enter your code",
        F::SecondStepLead => "Open your authenticator app and enter the 6-digit code for Rebound.",
        F::SecondStepRecoveryLead => {
            "Enter one of the recovery codes you saved. Each one works once."
        }
        F::UseRecovery => "Use a recovery code instead",
        F::UseApp => "Use the code from the app instead",
        F::RecoveryCode => "Recovery code",
        F::Verify => "Sign in",
        F::Verifying => "Checking…",
        F::StartAgain => "Sign in as someone else",
        F::WrongCode => {
            "That code is not right, or was already used. Wait for the next code and try again."
        }
        F::CodeFormat => "Enter the 6 digits from the app, or a recovery code such as k7dq2-mx9rt.",
        F::SixDigits => "Enter the 6 digits the app shows.",
        F::ChallengeExpired => "This sign-in took too long. Enter your password again.",
        F::TryAgainIn => "Too many attempts. Try again in {seconds} seconds.",
        F::TryAgainInOne => "Too many attempts. Try again in 1 second.",
        F::RequiredError => "Your shop requires two-factor sign-in",
        F::EnrolFirst => "Turn on your own two-factor sign-in first.",
    }
}

pub fn fr(f: F) -> &'static str {
    match f {
        F::Nav => "Sécurité",
        F::Title => "Sécurité",
        F::TwoFactorTitle => "Connexion en deux étapes",
        F::TwoFactorLead => {
            "Après votre mot de passe, Rebound demande le code à 6 chiffres affiché par une application d’authentification sur votre téléphone (Google Authenticator, Microsoft Authenticator, 1Password, Aegis ou une autre)."
        }
        F::StatusOn => "Activée : la connexion demande un code de votre application.",
        F::StatusOff => "Désactivée : votre mot de passe suffit pour vous connecter.",
        F::CodesLeft => "Codes de secours restants : {count}",
        F::RequiredNotice => {
            "Votre boutique exige la connexion en deux étapes. Activez-la ici pour continuer à utiliser le tableau de bord."
        }
        F::TurnOn => "Activer la connexion en deux étapes",
        F::Starting => "Préparation…",
        F::ScanTitle => "1. Scannez ce QR code avec votre application d’authentification",
        F::QrLabel => "QR code qui ajoute Rebound à une application d’authentification",
        F::ManualSecret => "Ou saisissez cette clé dans l’application",
        F::ConfirmTitle => "2. Saisissez le code à 6 chiffres affiché par l’application",
        F::AppCode => "Code de l’application",
        F::Confirm => "Activer",
        F::Confirming => "Vérification…",
        F::Cancel => "Annuler",
        F::RecoveryTitle => "Vos codes de secours",
        F::RecoveryLead => {
            "Chaque code vous connecte une fois si vous perdez votre téléphone. Gardez-les en lieu sûr, par exemple dans un gestionnaire de mots de passe : ils ne sont affichés que maintenant."
        }
        F::CopyCodes => "Copier les codes",
        F::CopiedCodes => "Copiés",
        F::DownloadCodes => "Télécharger en .txt",
        F::CodesFileIntro => "Codes de secours Rebound. Chacun vous connecte une fois.",
        F::SavedCodes => "Je les ai enregistrés",
        F::TurnOffTitle => "Désactiver la connexion en deux étapes",
        F::TurnOffLead => {
            "Saisissez un code de votre application, ou un code de secours si vous avez perdu votre téléphone."
        }
        F::CodeOrRecovery => "Code de l’application ou code de secours",
        F::TurnOff => "Désactiver",
        F::TurningOff => "Désactivation…",
        F::TurnedOff => "La connexion en deux étapes est désactivée.",
        F::NewCodesTitle => "Nouveaux codes de secours",
        F::NewCodesLead => {
            "Remplace tous vos codes de secours. Saisissez un code de votre application."
        }
        F::NewCodes => "Créer de nouveaux codes",
        F::MakingCodes => "Création…",
        F::RequireTitle => "Connexion en deux étapes pour tous",
        F::RequireLead => {
            "Les membres de l’équipe qui ne l’ont pas activée ne peuvent rien faire d’autre dans le tableau de bord avant de l’activer. Les clés d’API ne sont pas concernées."
        }
        F::RequireLabel => "Exiger la connexion en deux étapes de tous les membres de l’équipe",
        F::RequireNeedsYours => "Activez d’abord votre propre connexion en deux étapes.",
        F::Saved => "Enregistré.",
        F::SecondStepTitle => "Saisissez votre code",
        F::SecondStepLead => {
            "Ouvrez votre application d’authentification et saisissez le code à 6 chiffres de Rebound."
        }
        F::SecondStepRecoveryLead => {
            "Saisissez l’un des codes de secours que vous avez enregistrés. Chacun ne sert qu’une fois."
        }
        F::UseRecovery => "Utiliser plutôt un code de secours",
        F::UseApp => "Utiliser plutôt le code de l’application",
        F::RecoveryCode => "Code de secours",
        F::Verify => "Se connecter",
        F::Verifying => "Vérification…",
        F::StartAgain => "Se connecter avec un autre compte",
        F::WrongCode => {
            "Ce code n’est pas le bon, ou a déjà servi. Attendez le code suivant et réessayez."
        }
        F::CodeFormat => {
            "Saisissez les 6 chiffres de l’application, ou un code de secours comme k7dq2-mx9rt."
        }
        F::SixDigits => "Saisissez les 6 chiffres affichés par l’application.",
        F::ChallengeExpired => {
            "Cette connexion a pris trop de temps. Saisissez de nouveau votre mot de passe."
        }
        F::TryAgainIn => "Trop de tentatives. Réessayez dans {seconds} secondes.",
        F::TryAgainInOne => "Trop de tentatives. Réessayez dans 1 seconde.",
        F::RequiredError => "Votre boutique exige la connexion en deux étapes",
        F::EnrolFirst => "Activez d’abord votre propre connexion en deux étapes.",
    }
}
