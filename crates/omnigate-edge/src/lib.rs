//! The omnigate Worker: the `#[event(fetch)]` entry converts `worker` types into the Worker's own
//! [`http::ApiRequest`], reads [`Config`] and the clock once, and hands the request to
//! [`router::handle`] with the D1 store and the `fetch` gateway. Everything else is plain
//! functions, tested natively with a fake store and a fake gateway.

mod auth;
mod card;
mod catalog;
mod checkouts;
mod concurrent;
mod config;
mod cors;
mod ctx;
mod d1;
mod dev;
mod error;
mod fetch;
mod gateway;
mod health;
pub mod http;
mod idempotency;
mod ids;
mod jwt;
mod limits;
mod merchant;
mod openapi;
mod payments;
mod router;
mod shell;
mod store;
mod time;
mod wallet;

#[cfg(test)]
mod tests;

pub use config::{Config, Secret};
pub use error::ApiError;

use worker::{Context, Env, Request, Response, event};

#[event(fetch)]
async fn fetch(mut request: Request, env: Env, _ctx: Context) -> worker::Result<Response> {
    let request_id = ids::new_id().unwrap_or_else(|_| "0".repeat(32));
    let answer = match shell::read(&mut request).await {
        Ok(request) => shell::serve(&env, &request, request_id).await,
        Err(error) => {
            let answer = http::ApiResponse::error(&error, &request_id);
            cors::decorate(answer, None, &request_id)
        }
    };
    shell::write(answer)
}
