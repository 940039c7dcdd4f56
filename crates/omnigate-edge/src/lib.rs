//! The omnigate Worker: the entry point routes each request to a handler; handlers live in their
//! own modules and see a typed [`Config`] instead of raw bindings.

mod config;
mod error;
mod health;

use worker::{Context, Env, Method, Request, Response, event};

pub use config::Config;
pub use error::ApiError;

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let path = req.path();
    let answer = match (req.method(), path.as_str()) {
        (Method::Get, "/health") => match Config::from_env(&env) {
            Ok(config) => health::check(&config).await,
            Err(error) => Err(error),
        },
        _ => Err(ApiError::NotFound),
    };
    answer.or_else(|error| error.to_response())
}
