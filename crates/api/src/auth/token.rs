//! Staff access tokens: HS256 JWTs with the algorithm pinned, an audience and an expiry.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use rebound_shared::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const AUDIENCE: &str = "rebound-dashboard";
pub const ISSUER: &str = "rebound";
/// Eight hours: a working day in the dashboard without signing in again.
pub const TTL_SECONDS: u64 = 8 * 3600;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The staff member's id.
    pub sub: Uuid,
    /// The merchant they act for.
    pub mid: Uuid,
    pub role: Role,
    /// The staff member's session version when issued: a password reset bumps it, and every
    /// older token stops working (tokens from before versions existed count as 0).
    #[serde(default)]
    pub sv: i32,
    pub aud: String,
    pub iss: String,
    pub iat: u64,
    pub exp: u64,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    /// Built once: each is a few sets, and every request with a token checks one.
    staff: Validation,
    order: Validation,
    either: Validation,
    challenge: Validation,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> TokenKeys {
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            staff: validation(&[AUDIENCE], STAFF_LEEWAY),
            order: validation(&[PORTAL_AUDIENCE], ORDER_LEEWAY),
            either: validation(&[AUDIENCE, PORTAL_AUDIENCE], ORDER_LEEWAY),
            challenge: validation(&[CHALLENGE_AUDIENCE], CHALLENGE_LEEWAY),
        }
    }

    pub fn issue(
        &self,
        staff_id: Uuid,
        merchant_id: Uuid,
        role: Role,
        session_version: i32,
    ) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp().max(0) as u64;
        let claims = Claims {
            sub: staff_id,
            mid: merchant_id,
            role,
            sv: session_version,
            aud: AUDIENCE.into(),
            iss: ISSUER.into(),
            iat: now,
            exp: now + TTL_SECONDS,
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// Verifies signature, algorithm (only HS256: no `none`, no key confusion), audience,
    /// issuer and expiry.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.staff)
            .ok()
            .map(|data| data.claims)
    }

    /// A staff token or a shopper's order token, told apart by its audience after one
    /// signature check: the credentials middleware sees both kinds on every request.
    pub fn verify_any(&self, token: &str) -> Option<Verified> {
        let claims = decode::<AnyClaims>(token, &self.decoding, &self.either)
            .ok()?
            .claims;
        let now = jsonwebtoken::get_current_timestamp();
        match claims.aud.as_str() {
            // The check above allowed the larger leeway (the order tokens'); staff tokens
            // keep their own, as `verify` applies it.
            AUDIENCE if claims.exp + STAFF_LEEWAY >= now => Some(Verified::Staff(Claims {
                sub: claims.sub,
                mid: claims.mid,
                role: claims.role?,
                sv: claims.sv,
                aud: claims.aud,
                iss: claims.iss,
                iat: claims.iat?,
                exp: claims.exp,
            })),
            PORTAL_AUDIENCE => Some(Verified::Order(OrderClaims {
                sub: claims.sub,
                mid: claims.mid,
                aud: claims.aud,
                iss: claims.iss,
                exp: claims.exp,
            })),
            _ => None,
        }
    }
}

/// Seconds a staff token is still taken after its expiry (clocks differ a little).
const STAFF_LEEWAY: u64 = 30;
/// The same for order tokens: jsonwebtoken's default, which they have always had.
const ORDER_LEEWAY: u64 = 60;

/// HS256 only (no `none`, no key confusion), these audiences, our issuer, an expiry.
fn validation(audiences: &[&str], leeway: u64) -> Validation {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_audience(audiences);
    validation.set_issuer(&[ISSUER]);
    validation.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
    validation.leeway = leeway;
    validation
}

/// What a verified bearer token is.
#[derive(Debug, Clone)]
pub enum Verified {
    Staff(Claims),
    Order(OrderClaims),
}

/// Either kind of claims, read once; [`TokenKeys::verify_any`] says which it is.
#[derive(Debug, Deserialize)]
struct AnyClaims {
    sub: Uuid,
    mid: Uuid,
    aud: String,
    iss: String,
    exp: u64,
    role: Option<Role>,
    #[serde(default)]
    sv: i32,
    iat: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_other_keys() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let (staff, merchant) = (Uuid::new_v4(), Uuid::new_v4());
        let token = keys
            .issue(staff, merchant, Role::Agent, 0)
            .unwrap_or_default();
        let claims = keys.verify(&token);
        assert_eq!(
            claims.as_ref().map(|c| (c.sub, c.mid, c.role)),
            Some((staff, merchant, Role::Agent))
        );
        let other = TokenKeys::new(b"another-secret-another-secret-xx");
        assert!(other.verify(&token).is_none());
        assert!(keys.verify("not.a.token").is_none());
    }

    #[test]
    fn one_check_tells_staff_tokens_from_order_tokens() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let (id, merchant) = (Uuid::new_v4(), Uuid::new_v4());
        let staff = keys.issue(id, merchant, Role::Manager, 3).unwrap();
        let order = keys.issue_order_access(id, merchant).unwrap();
        match keys.verify_any(&staff) {
            Some(Verified::Staff(c)) => {
                assert_eq!(
                    (c.sub, c.mid, c.role, c.sv),
                    (id, merchant, Role::Manager, 3)
                )
            }
            other => panic!("{other:?}"),
        }
        match keys.verify_any(&order) {
            Some(Verified::Order(c)) => assert_eq!((c.sub, c.mid), (id, merchant)),
            other => panic!("{other:?}"),
        }
        // Each stays refused where the other kind is asked for.
        assert!(keys.verify(&order).is_none());
        assert!(keys.verify_order_access(&staff).is_none());
        let other = TokenKeys::new(b"another-secret-another-secret-xx");
        assert!(other.verify_any(&staff).is_none());
        assert!(other.verify_any(&order).is_none());
    }

    #[test]
    fn an_expired_staff_token_is_refused_past_its_own_leeway() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let now = jsonwebtoken::get_current_timestamp();
        let claims = |exp: u64| Claims {
            sub: Uuid::new_v4(),
            mid: Uuid::new_v4(),
            role: Role::Owner,
            sv: 0,
            aud: AUDIENCE.into(),
            iss: ISSUER.into(),
            iat: exp - TTL_SECONDS,
            exp,
        };
        let sign = |c: &Claims| encode(&Header::new(Algorithm::HS256), c, &keys.encoding).unwrap();
        // 45 s past: inside the order tokens' leeway, outside the staff tokens'.
        let late = sign(&claims(now - 45));
        assert!(keys.verify(&late).is_none());
        assert!(keys.verify_any(&late).is_none());
        let fresh = sign(&claims(now - 10));
        assert!(keys.verify(&fresh).is_some());
        assert!(matches!(keys.verify_any(&fresh), Some(Verified::Staff(_))));
    }
}

/// Shopper access to one order, after a successful lookup.
pub const PORTAL_AUDIENCE: &str = "rebound-portal";
/// Two hours: enough to track, fix an address or start a return in one sitting.
pub const ORDER_ACCESS_TTL_SECONDS: u64 = 2 * 3600;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderClaims {
    /// The order's id.
    pub sub: Uuid,
    pub mid: Uuid,
    pub aud: String,
    pub iss: String,
    pub exp: u64,
}

impl TokenKeys {
    pub fn issue_order_access(&self, order_id: Uuid, merchant_id: Uuid) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp().max(0) as u64;
        let claims = OrderClaims {
            sub: order_id,
            mid: merchant_id,
            aud: PORTAL_AUDIENCE.into(),
            iss: ISSUER.into(),
            exp: now + ORDER_ACCESS_TTL_SECONDS,
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    /// A staff token is not an order token and vice versa: the audiences differ.
    pub fn verify_order_access(&self, token: &str) -> Option<OrderClaims> {
        decode::<OrderClaims>(token, &self.decoding, &self.order)
            .ok()
            .map(|data| data.claims)
    }
}

/// A password proven on an account with two-factor sign-in, waiting for its code: good for
/// `POST /auth/login/two-factor` only (its own audience: never a staff token).
pub const CHALLENGE_AUDIENCE: &str = "rebound-two-factor";
/// Five minutes to open the app and type the code.
pub const CHALLENGE_TTL_SECONDS: u64 = 5 * 60;
const CHALLENGE_LEEWAY: u64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChallengeClaims {
    /// The staff member's id.
    pub sub: Uuid,
    pub mid: Uuid,
    /// The session version when the password was proven: a reset in between ends it.
    pub sv: i32,
    pub aud: String,
    pub iss: String,
    pub exp: u64,
}

impl TokenKeys {
    pub fn issue_challenge(
        &self,
        staff_id: Uuid,
        merchant_id: Uuid,
        session_version: i32,
    ) -> anyhow::Result<String> {
        let now = chrono::Utc::now().timestamp().max(0) as u64;
        let claims = ChallengeClaims {
            sub: staff_id,
            mid: merchant_id,
            sv: session_version,
            aud: CHALLENGE_AUDIENCE.into(),
            iss: ISSUER.into(),
            exp: now + CHALLENGE_TTL_SECONDS,
        };
        Ok(encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &self.encoding,
        )?)
    }

    pub fn verify_challenge(&self, token: &str) -> Option<ChallengeClaims> {
        decode::<ChallengeClaims>(token, &self.decoding, &self.challenge)
            .ok()
            .map(|data| data.claims)
    }
}

#[cfg(test)]
mod challenge_tests {
    use super::*;

    #[test]
    fn a_challenge_is_not_a_session_and_a_session_is_not_a_challenge() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef");
        let (id, merchant) = (Uuid::new_v4(), Uuid::new_v4());
        let challenge = keys.issue_challenge(id, merchant, 2).unwrap();
        let claims = keys.verify_challenge(&challenge).unwrap();
        assert_eq!((claims.sub, claims.mid, claims.sv), (id, merchant, 2));
        assert!(keys.verify(&challenge).is_none());
        assert!(keys.verify_any(&challenge).is_none());
        let session = keys.issue(id, merchant, Role::Owner, 2).unwrap();
        assert!(keys.verify_challenge(&session).is_none());
    }
}
