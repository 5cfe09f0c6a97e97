//! The follow-up survey: a 1–5 rating and a comment, from the link in the mail sent some days
//! after delivery; the answers feed the dashboard's analytics.

use crate::limits;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyAnswer {
    #[validate(range(min = 1, max = 5, message = "choose 1 to 5 stars"))]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub rating: i32,
    #[validate(length(max = limits::SURVEY_COMMENT, message = "use at most 2000 characters"))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
}

/// What the survey page shows: which order, and the answer already given (it can be changed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyView {
    pub order_number: String,
    pub answer: Option<SurveyAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyComment {
    pub order_number: String,
    pub rating: i32,
    pub comment: String,
    pub answered_at: DateTime<Utc>,
}

/// Survey results for the analytics page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyStats {
    pub answers: i64,
    /// Mean rating, `None` before the first answer.
    pub average: Option<f64>,
    /// Answers per rating: index 0 is one star, index 4 five stars.
    pub distribution: [i64; 5],
    /// The latest comments, newest first.
    pub recent_comments: Vec<SurveyComment>,
}
