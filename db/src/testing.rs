//! Fresh databases for tests: a new SQLite file, or a new PostgreSQL database on the server
//! `TEST_DATABASE_URL` points at, so tests never share state and can run in parallel.

use sea_orm::{ConnectionTrait, Database};

/// Which database a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

fn unique_name(prefix: &str) -> String {
    use rand::Rng;
    let n: u64 = rand::rng().random();
    format!("{prefix}_{}_{n:016x}", std::process::id())
}

/// The URL of a new, empty database, or `None` for PostgreSQL when `TEST_DATABASE_URL` is not
/// set (those tests are then skipped, saying so).
pub async fn fresh_database_url(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("contacts-tests");
            std::fs::create_dir_all(&dir).expect("temporary directory");
            let path = dir.join(format!("{}.db", unique_name("t")));
            Some(format!("sqlite://{}", path.display()))
        }
        Backend::Postgres => {
            let Some(server) = std::env::var("TEST_DATABASE_URL")
                .ok()
                .filter(|url| !url.trim().is_empty())
            else {
                eprintln!("TEST_DATABASE_URL is not set: skipping the PostgreSQL variant");
                return None;
            };
            let admin = Database::connect(server.as_str())
                .await
                .expect("connect to TEST_DATABASE_URL");
            let name = unique_name("contacts_test");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create a test database");
            admin.close().await.ok();
            // Replace the database name (the last path segment) of the server URL.
            let (base, query) = match server.split_once('?') {
                Some((b, q)) => (b, Some(q)),
                None => (server.as_str(), None),
            };
            let scheme_end = base.find("://").map_or(0, |i| i + 3);
            let base = match base[scheme_end..].find('/') {
                Some(i) => &base[..scheme_end + i],
                None => base,
            };
            Some(match query {
                Some(q) => format!("{base}/{name}?{q}"),
                None => format!("{base}/{name}"),
            })
        }
    }
}

/// Declares a test module `$name` whose body runs on SQLite, and again on PostgreSQL when
/// `TEST_DATABASE_URL` is set: `$run(backend, body)` prepares what the body takes and runs it.
#[macro_export]
macro_rules! on_both {
    ($name:ident, $run:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                $run($crate::testing::Backend::Sqlite, $body).await;
            }
            #[tokio::test]
            async fn postgres() {
                $run($crate::testing::Backend::Postgres, $body).await;
            }
        }
    };
}
