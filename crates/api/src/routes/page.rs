//! The `limit` query parameter of every paginated list: its range, its default, the 422 that
//! names it and its schema in the document, in one place.

use crate::error::{ApiError, ApiResult};
use crate::services::keyset::PageSize;
use rebound_shared::ErrorKind;
use serde::Deserialize;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// How many rows one page holds: 1 to `MAX`, `DEFAULT` when the query leaves it out. Any
/// number deserializes, so that one outside the range is refused with a 422 naming `limit`
/// rather than clamped in silence.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(transparent)]
pub struct Limit<const DEFAULT: u64 = 25, const MAX: u64 = 100>(Option<u64>);

impl<const DEFAULT: u64, const MAX: u64> Limit<DEFAULT, MAX> {
    pub fn get(self) -> ApiResult<PageSize> {
        match self.0 {
            None => Ok(PageSize::checked(DEFAULT)),
            Some(limit) if (1..=MAX).contains(&limit) => Ok(PageSize::checked(limit)),
            Some(_) => Err(ApiError::field(
                ErrorKind::Validation,
                "limit",
                "range",
                &format!("limit must be between 1 and {MAX}"),
            )),
        }
    }
}

impl<const DEFAULT: u64, const MAX: u64> PartialSchema for Limit<DEFAULT, MAX> {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(Some(1))
            .maximum(Some(MAX))
            .default(Some(DEFAULT.into()))
            .description(Some(format!(
                "Rows per page, 1 to {MAX}; {DEFAULT} when absent"
            )))
            .into()
    }
}

impl<const DEFAULT: u64, const MAX: u64> ToSchema for Limit<DEFAULT, MAX> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_is_the_default_and_the_range_is_inclusive() {
        let rows = |limit: Limit<25, 100>| limit.get().ok().map(PageSize::rows);
        assert_eq!(rows(Limit(None)), Some(25));
        assert_eq!(rows(Limit(Some(1))), Some(1));
        assert_eq!(rows(Limit(Some(100))), Some(100));
        for outside in [0, 101, u64::MAX] {
            let refused = Limit::<25, 100>(Some(outside)).get().err();
            let field = refused.and_then(|e| e.errors.first().map(|f| f.field.clone()));
            assert_eq!(field.as_deref(), Some("limit"), "{outside}");
        }
    }
}
