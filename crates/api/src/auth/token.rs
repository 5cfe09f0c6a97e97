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
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
        validation.leeway = 30;
        decode::<Claims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
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
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[PORTAL_AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "aud", "iss", "sub"]);
        decode::<OrderClaims>(token, &self.decoding, &validation)
            .ok()
            .map(|data| data.claims)
    }
}
