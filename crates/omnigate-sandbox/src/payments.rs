//! `/v1/payments` resources.

use crate::{Config, auth};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use omnigate_opp::result::{ResultBody, ResultCode, ResultInfo};
use serde::Deserialize;
use std::sync::Arc;

/// Query string of GET and DELETE requests.
#[derive(Deserialize)]
pub(crate) struct EntityQuery {
    #[serde(rename = "entityId")]
    entity_id: Option<String>,
}

/// `GET /v1/payments/{id}`: the status of a payment.
pub(crate) async fn status(
    State(config): State<Arc<Config>>,
    headers: HeaderMap,
    Path(_id): Path<String>,
    Query(query): Query<EntityQuery>,
) -> Response {
    if !auth::check(&config, &headers, query.entity_id.as_deref()) {
        return auth::refused();
    }
    reply(StatusCode::NOT_FOUND, "700.400.580", "cannot find transaction")
}

/// An OPP answer that carries only a result.
pub(crate) fn reply(status: StatusCode, code: &str, description: &str) -> Response {
    let body = ResultBody {
        result: ResultInfo { code: ResultCode::new(code), description: description.to_owned() },
    };
    (status, Json(body)).into_response()
}
