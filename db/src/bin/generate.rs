//! Writes the large world of `db::generate` into the database of `DATABASE_URL` (seeding the
//! demo world first if the database is empty), for benchmarks:
//!
//! ```text
//! DATABASE_URL=sqlite://target/bench/contacts.db \
//!   cargo run --release -p db --features demo --bin generate -- [--organizations N] [--largest N] [--seed N]
//! ```

use db::generate::{Plan, generate};
use std::process::ExitCode;
use std::time::Instant;

fn usage() -> ExitCode {
    eprintln!(
        "usage: generate [--organizations N] [--largest N] [--seed N]  (DATABASE_URL names the database)"
    );
    ExitCode::FAILURE
}

#[tokio::main]
async fn main() -> ExitCode {
    let mut plan = Plan::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next().and_then(|v| v.parse::<u64>().ok()) else {
            return usage();
        };
        match flag.as_str() {
            "--organizations" => plan.organizations = value as usize,
            "--largest" => plan.largest = value as usize,
            "--seed" => plan.seed = value,
            _ => return usage(),
        }
    }
    let Ok(url) = std::env::var("DATABASE_URL") else {
        eprintln!("error: DATABASE_URL names the database to fill");
        return ExitCode::FAILURE;
    };
    let db = match db::open_with_demo(&url).await {
        Ok(db) => db,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    match generate(&db, plan, chrono::Utc::now()).await {
        Ok(written) => {
            println!(
                "wrote {} organisations, {} contacts, {} accounts, {} invitations into {} in {:.1} s",
                written.organizations,
                written.contacts,
                written.accounts,
                written.invitations,
                db::describe_url(&url),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
