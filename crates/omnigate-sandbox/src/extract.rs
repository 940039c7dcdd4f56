//! Extractors that run the auth gate before a handler: each handler receives an authorized
//! request or never runs (the refusal is already OPP's answer).

use crate::Sandbox;
use crate::http::Pairs;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::response::Response;

/// A form body whose bearer and `entityId` were accepted.
pub(crate) struct AuthorizedForm(pub(crate) Pairs);

/// The accepted `entityId` of a query string (GET and DELETE), after the bearer check.
pub(crate) struct AuthorizedQuery(pub(crate) String);

impl FromRequest<Sandbox> for AuthorizedForm {
    type Rejection = Response;

    async fn from_request(request: Request, sandbox: &Sandbox) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        sandbox.0.authorized_form(&parts.headers, body).await.map(Self)
    }
}

impl FromRequestParts<Sandbox> for AuthorizedQuery {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        sandbox: &Sandbox,
    ) -> Result<Self, Self::Rejection> {
        sandbox.0.authorized_query(&parts.headers, parts.uri.query()).map(Self)
    }
}
