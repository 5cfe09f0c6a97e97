//! Signing in (with its second step when the account has two-factor sign-in) and the Security
//! page's calls. Part of the one typed client (`crate::api`).

use gloo_net::http::{Request, Response};
use rebound_shared::api::auth::{Login, Session};
use rebound_shared::api::two_factor::{
    LoginSecondStep, RecoveryCodes, SecuritySettings, TwoFactorChallenge, TwoFactorCode,
    TwoFactorEnrolment, TwoFactorStatus,
};
use rebound_shared::{ErrorKind, Problem};
use serde::de::DeserializeOwned;

use super::{ApiResult, AuthorizedApi, bad_request, fetch, problem_of, send, send_json, url};

/// What a right password leads to.
#[derive(Debug, Clone, PartialEq)]
pub enum SignIn {
    Session(Session),
    /// The account asks for a code next.
    SecondStep(TwoFactorChallenge),
}

/// Why signing in failed, with the wait the server asked for after too many failures.
#[derive(Debug, Clone, PartialEq)]
pub struct SignInRefusal {
    pub problem: Problem,
    /// Seconds, from the `Retry-After` header of a 429.
    pub retry_after: Option<u64>,
}

impl From<Problem> for SignInRefusal {
    fn from(problem: Problem) -> SignInRefusal {
        SignInRefusal {
            problem,
            retry_after: None,
        }
    }
}

/// Sign in with email and password: a session, or a challenge to answer with a code.
pub async fn login(body: &Login) -> Result<SignIn, SignInRefusal> {
    let response = post(&url("/auth/login"), body).await?;
    if response.status() == 202 {
        return Ok(SignIn::SecondStep(json(response).await?));
    }
    Ok(SignIn::Session(json(response).await?))
}

/// The second step: the challenge and a code from the app or a recovery code.
pub async fn login_second_step(body: &LoginSecondStep) -> Result<Session, SignInRefusal> {
    let response = post(&url("/auth/login/two-factor"), body).await?;
    Ok(json(response).await?)
}

async fn post<B: serde::Serialize>(path: &str, body: &B) -> Result<Response, SignInRefusal> {
    let request = Request::post(path)
        .header("Accept", "application/json")
        .json(body)
        .map_err(bad_request)?;
    let response = request
        .send()
        .await
        .map_err(|e| Problem::new(ErrorKind::Unavailable, e.to_string()))?;
    if response.ok() {
        return Ok(response);
    }
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|v| v.trim().parse::<u64>().ok());
    Err(SignInRefusal {
        problem: problem_of(response).await,
        retry_after,
    })
}

async fn json<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response
        .json::<T>()
        .await
        .map_err(|e| Problem::new(ErrorKind::Internal, format!("unreadable answer: {e}")))
}

impl AuthorizedApi {
    pub async fn two_factor(&self) -> ApiResult<TwoFactorStatus> {
        send(self.authorize(Request::get(&url("/me/two-factor")))).await
    }

    pub async fn start_two_factor(&self) -> ApiResult<TwoFactorEnrolment> {
        send(self.authorize(Request::post(&url("/me/two-factor")))).await
    }

    pub async fn confirm_two_factor(&self, body: &TwoFactorCode) -> ApiResult<RecoveryCodes> {
        send_json(
            self.authorize(Request::post(&url("/me/two-factor/confirm"))),
            body,
        )
        .await
    }

    pub async fn disable_two_factor(&self, body: &TwoFactorCode) -> ApiResult<()> {
        let request = self
            .authorize(Request::post(&url("/me/two-factor/disable")))
            .header("Accept", "application/json")
            .json(body)
            .map_err(bad_request)?;
        fetch(request).await.map(|_| ())
    }

    pub async fn regenerate_recovery_codes(
        &self,
        body: &TwoFactorCode,
    ) -> ApiResult<RecoveryCodes> {
        send_json(
            self.authorize(Request::post(&url("/me/two-factor/recovery-codes"))),
            body,
        )
        .await
    }

    pub async fn security_settings(&self) -> ApiResult<SecuritySettings> {
        send(self.authorize(Request::get(&url("/settings/security")))).await
    }

    pub async fn save_security_settings(
        &self,
        body: &SecuritySettings,
    ) -> ApiResult<SecuritySettings> {
        send_json(
            self.authorize(Request::put(&url("/settings/security"))),
            body,
        )
        .await
    }
}
