//! Serves the contacts app: `cargo leptos serve`, or the release binary from the repository
//! root (see README.md).

use leptos::prelude::get_configuration;
use server::Application;
use server::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let mut leptos = match get_configuration(None) {
        Ok(conf) => conf.leptos_options,
        Err(err) => {
            eprintln!("error: cannot read the Leptos configuration: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    // cargo-leptos tells the server it starts whether the build hashed the files' names; a
    // binary started directly finds out from the build's hash file beside it.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        let hash_file = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(&*leptos.hash_file)));
        let pkg = server::pkg_dir(&leptos);
        leptos.hash_files = hash_file.is_some_and(|file| {
            server::assets::built_with_hashed_names(&file, &pkg, &leptos.output_name)
        });
    }
    let config = match Config::from_env(leptos.site_addr) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("error: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let app = match Application::build(config.clone(), leptos).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("error: {err}");
            return std::process::ExitCode::FAILURE;
        }
    };
    tracing::info!(
        address = %app.address,
        database = %db::describe_url(&config.database_url),
        production = config.production,
        "serving on http://{}",
        app.address
    );
    match app.run_until_stopped().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
