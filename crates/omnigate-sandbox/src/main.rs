//! The `omnigate-sandbox` binary: parses the command line and serves the gateway.

use omnigate_sandbox::{Config, ConfigError, Sandbox, app};
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
    let listen = config.listen;
    let sandbox = match Sandbox::open(config) {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("omnigate-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("omnigate-sandbox: cannot listen on {listen}: {error}");
            return ExitCode::FAILURE;
        }
    };
    // With port 0 the system picks the port: print the address actually bound.
    let bound = listener.local_addr().unwrap_or(listen);
    println!("omnigate-sandbox listening on http://{bound}");
    match axum::serve(listener, app(sandbox)).with_graceful_shutdown(shutdown_signal()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("omnigate-sandbox: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Resolves on SIGINT or SIGTERM; in-flight requests finish (and commit) before the exit.
async fn shutdown_signal() {
    let interrupt = async {
        // Without a signal handler there is nothing to wait for: the signal ends the process.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
