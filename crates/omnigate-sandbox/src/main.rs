//! The `omnigate-sandbox` binary: parses the command line and serves the gateway.

use omnigate_sandbox::{Config, ConfigError, app};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args_os().skip(1)) {
        Ok(config) => config,
        Err(help @ ConfigError::Help) => {
            println!("{help}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("omnigate-sandbox: {error}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("omnigate-sandbox: cannot listen on {}: {error}", config.listen);
            return ExitCode::FAILURE;
        }
    };
    println!("omnigate-sandbox listening on http://{}", config.listen);
    let shutdown = async {
        // Without a signal handler there is nothing to wait for: the process ends with the signal.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    match axum::serve(listener, app(config)).with_graceful_shutdown(shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("omnigate-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}
