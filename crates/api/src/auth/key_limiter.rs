//! The per-key rate limit: each API key may make so many requests a minute, so one runaway
//! integration cannot take the server's time from the others (or from the shop's staff).

use crate::error::ApiError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use rebound_shared::ErrorKind;
use std::num::NonZeroU32;
use uuid::Uuid;

pub struct KeyLimiter {
    by_key: DefaultKeyedRateLimiter<Uuid>,
}

impl std::fmt::Debug for KeyLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyLimiter")
    }
}

impl KeyLimiter {
    /// `per_minute` requests a minute, refilled evenly; a quiet key may spend them at once.
    pub fn new(per_minute: u32) -> KeyLimiter {
        let per_minute = NonZeroU32::new(per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        KeyLimiter {
            by_key: RateLimiter::keyed(Quota::per_minute(per_minute)),
        }
    }

    /// Counts one request of `key`; past the quota a 429 saying when to come back.
    pub fn check(&self, key: Uuid) -> Result<(), ApiError> {
        match self.by_key.check_key(&key) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until
                    .wait_time_from(DefaultClock::default().now())
                    .as_secs()
                    .max(1);
                Err(Self::refusal(wait))
            }
        }
    }

    /// The 429 for a key that must wait `wait` seconds.
    pub fn refusal(wait: u64) -> ApiError {
        let mut e = ApiError::new(
            ErrorKind::RateLimited,
            format!("this API key made too many requests; try again in {wait} seconds"),
        );
        e.retry_after = Some(wait);
        e
    }

    /// Forgets keys whose quota is whole again.
    pub fn prune(&self) {
        self.by_key.retain_recent();
        self.by_key.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_past_its_quota_waits_and_others_do_not() {
        let limiter = KeyLimiter::new(2);
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert!(limiter.check(a).is_ok());
        assert!(limiter.check(a).is_ok());
        let refused = limiter.check(a).unwrap_err();
        assert_eq!(refused.kind, ErrorKind::RateLimited);
        assert!(refused.retry_after.is_some_and(|s| (1..=30).contains(&s)));
        assert!(limiter.check(b).is_ok());
    }
}
