//! The `OrderAccess` extractor: the shopper's bearer token for one order of one merchant.

use crate::auth::token::OrderClaims;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload, http::header, web};
use std::future::{Ready, ready};
use uuid::Uuid;

#[derive(Debug, Clone, Copy)]
pub struct OrderAccess {
    pub order_id: Uuid,
    pub merchant_id: Uuid,
}

impl FromRequest for OrderAccess {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // Verified already by the credentials middleware (every API route has it).
        if let Some(c) = req.extensions().get::<OrderClaims>() {
            return ready(Ok(OrderAccess {
                order_id: c.sub,
                merchant_id: c.mid,
            }));
        }
        let token = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let state = req.app_data::<web::Data<AppState>>();
        let claims = match (token, state) {
            (Some(token), Some(state)) => state.tokens.verify_order_access(token.trim()),
            _ => None,
        };
        ready(
            claims
                .map(|c| OrderAccess {
                    order_id: c.sub,
                    merchant_id: c.mid,
                })
                .ok_or_else(|| ApiError::unauthorized("look your order up again to continue")),
        )
    }
}
