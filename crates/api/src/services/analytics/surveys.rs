//! The follow-up survey: shoppers answer from the signed link in their mail (no lookup
//! needed), once per order (answering again changes the answer); staff read the results.

use crate::auth::CurrentStaff;
use crate::db::entities::{order, survey_answer};
use crate::db::{Tenant, begin_write};
use crate::error::{ApiError, ApiResult};
use crate::notify::Links;
use crate::services::settings::portal;
use crate::services::trimmed;
use chrono::Utc;
use rebound_shared::Permission;
use rebound_shared::api::surveys::{SurveyAnswer, SurveyComment, SurveyStats, SurveyView};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;
use uuid::Uuid;

const RECENT_COMMENTS: u64 = 10;

/// The order behind a survey link of the shop at `slug`; any bad link is the same 404.
async fn survey_order(
    db: &DatabaseConnection,
    links: &Links,
    slug: &str,
    token: &str,
) -> ApiResult<order::Model> {
    let missing = || ApiError::not_found("survey");
    let order_id = links.survey_order(token).ok_or_else(missing)?;
    let m = portal::merchant_by_slug(db, slug).await?;
    Tenant::new(m.id)
        .get::<order::Entity>(order_id)
        .one(db)
        .await?
        .ok_or_else(missing)
}

pub async fn view(
    db: &DatabaseConnection,
    links: &Links,
    slug: &str,
    token: &str,
) -> ApiResult<SurveyView> {
    let o = survey_order(db, links, slug, token).await?;
    let answer = survey_answer::Entity::find()
        .filter(survey_answer::Column::OrderId.eq(o.id))
        .one(db)
        .await?
        .map(|a| SurveyAnswer {
            rating: a.rating,
            comment: a.comment,
        });
    Ok(SurveyView {
        order_number: o.number,
        answer,
    })
}

pub async fn answer(
    db: &DatabaseConnection,
    links: &Links,
    slug: &str,
    token: &str,
    input: SurveyAnswer,
) -> ApiResult<SurveyView> {
    let o = survey_order(db, links, slug, token).await?;
    let now = Utc::now();
    let comment = trimmed(&input.comment);
    let txn = begin_write(db).await?;
    survey_answer::Entity::insert(survey_answer::ActiveModel {
        id: Set(Uuid::now_v7()),
        merchant_id: Set(o.merchant_id),
        order_id: Set(o.id),
        rating: Set(input.rating),
        comment: Set(comment.clone()),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(survey_answer::Column::OrderId)
            .update_columns([
                survey_answer::Column::Rating,
                survey_answer::Column::Comment,
                survey_answer::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(SurveyView {
        order_number: o.number,
        answer: Some(SurveyAnswer {
            rating: input.rating,
            comment,
        }),
    })
}

/// Counts per rating (one grouped query) and the latest comments (two queries).
pub async fn stats(db: &DatabaseConnection, caller: &CurrentStaff) -> ApiResult<SurveyStats> {
    caller.require(Permission::HandleReturns)?;
    let counts: Vec<(i32, i64)> = caller
        .tenant
        .find::<survey_answer::Entity>()
        .select_only()
        .column(survey_answer::Column::Rating)
        .column_as(survey_answer::Column::Id.count(), "n")
        .group_by(survey_answer::Column::Rating)
        .into_tuple()
        .all(db)
        .await?;
    let mut distribution = [0i64; 5];
    for (rating, n) in counts {
        if let Some(slot) = usize::try_from(rating - 1)
            .ok()
            .and_then(|i| distribution.get_mut(i))
        {
            *slot = n;
        }
    }
    let answers: i64 = distribution.iter().sum();
    let weighted: i64 = distribution
        .iter()
        .enumerate()
        .map(|(i, n)| (i as i64 + 1) * n)
        .sum();
    let recent = caller
        .tenant
        .find::<survey_answer::Entity>()
        .filter(survey_answer::Column::Comment.is_not_null())
        .order_by_desc(survey_answer::Column::UpdatedAt)
        .limit(RECENT_COMMENTS)
        .all(db)
        .await?;
    let numbers: HashMap<Uuid, String> = if recent.is_empty() {
        HashMap::new()
    } else {
        caller
            .tenant
            .find::<order::Entity>()
            .filter(order::Column::Id.is_in(recent.iter().map(|a| a.order_id).collect::<Vec<_>>()))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o.number))
            .collect()
    };
    Ok(SurveyStats {
        answers,
        average: (answers > 0).then(|| weighted as f64 / answers as f64),
        distribution,
        recent_comments: recent
            .into_iter()
            .filter_map(|a| {
                Some(SurveyComment {
                    order_number: numbers.get(&a.order_id)?.clone(),
                    rating: a.rating,
                    comment: a.comment?,
                    answered_at: a.updated_at,
                })
            })
            .collect(),
    })
}
