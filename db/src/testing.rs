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
/// The body runs on a multi-threaded runtime, as the server does in production: a server a
/// test starts serves its requests on the test's runtime.
#[macro_export]
macro_rules! on_both {
    ($name:ident, $run:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $run($crate::testing::Backend::Sqlite, $body).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $run($crate::testing::Backend::Postgres, $body).await;
            }
        }
    };
}

/// A small SMTP server on loopback that keeps what it receives, for the mail worker to
/// deliver to: enough of RFC 5321 for a client that sends plain messages.
mod smtp {
    use std::sync::{Arc, Mutex};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    /// The messages received so far, each the raw DATA of one email.
    #[derive(Clone, Default)]
    pub struct SmtpSink {
        pub messages: Arc<Mutex<Vec<String>>>,
        /// How long it takes to accept a message, as a mail server that stores it would.
        accept_after: std::time::Duration,
    }

    impl SmtpSink {
        /// A mail server that takes `delay` to accept each message, and keeps it only if its
        /// sender is still there to be told: a sender that went away meanwhile (killed) was
        /// never told, and will send it again.
        pub fn accepting_after(delay: std::time::Duration) -> Self {
            Self {
                accept_after: delay,
                ..Self::default()
            }
        }

        pub fn received(&self) -> Vec<String> {
            self.messages.lock().unwrap().clone()
        }

        /// Serves SMTP on `listener` until the process ends.
        pub fn serve(&self, listener: TcpListener) {
            let messages = self.messages.clone();
            let delay = self.accept_after;
            tokio::spawn(async move {
                while let Ok((stream, _)) = listener.accept().await {
                    let messages = messages.clone();
                    tokio::spawn(async move {
                        let (read, mut write) = stream.into_split();
                        let mut lines = BufReader::new(read).lines();
                        let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                        while let Ok(Some(line)) = lines.next_line().await {
                            let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
                            let reply: &[u8] = match verb.as_str() {
                                "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                                "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
                                "DATA" => {
                                    let _ = write.write_all(b"354 go ahead\r\n").await;
                                    let mut data = String::new();
                                    while let Ok(Some(line)) = lines.next_line().await {
                                        if line == "." {
                                            break;
                                        }
                                        data.push_str(&line);
                                        data.push('\n');
                                    }
                                    if !delay.is_zero() {
                                        tokio::time::sleep(delay).await;
                                        // The sender says nothing before the answer: a read
                                        // that ends at once means it went away.
                                        let gone = tokio::time::timeout(
                                            std::time::Duration::from_millis(1),
                                            lines.next_line(),
                                        )
                                        .await;
                                        if gone.is_ok() {
                                            break;
                                        }
                                    }
                                    messages.lock().unwrap().push(data);
                                    b"250 queued\r\n"
                                }
                                "QUIT" => {
                                    let _ = write.write_all(b"221 bye\r\n").await;
                                    break;
                                }
                                _ => b"502 not implemented\r\n",
                            };
                            if write.write_all(reply).await.is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        }
    }
}

pub use smtp::SmtpSink;

/// What SQLite plans for `statement` (`EXPLAIN QUERY PLAN`), its steps joined by `; `.
pub async fn sqlite_plan(
    db: &sea_orm::DatabaseConnection,
    statement: sea_orm::Statement,
) -> String {
    plan(
        db,
        sea_orm::DbBackend::Sqlite,
        "EXPLAIN QUERY PLAN",
        statement,
        "detail",
        "; ",
    )
    .await
}

/// What PostgreSQL plans for `statement` (`EXPLAIN`), its lines joined by newlines.
pub async fn postgres_plan(
    db: &impl sea_orm::ConnectionTrait,
    statement: sea_orm::Statement,
) -> String {
    plan(
        db,
        sea_orm::DbBackend::Postgres,
        "EXPLAIN",
        statement,
        "QUERY PLAN",
        "\n",
    )
    .await
}

/// `statement` after `explain`, each row's `column` joined by `separator`.
async fn plan(
    db: &impl sea_orm::ConnectionTrait,
    backend: sea_orm::DbBackend,
    explain: &str,
    statement: sea_orm::Statement,
    column: &str,
    separator: &str,
) -> String {
    let explain = sea_orm::Statement::from_sql_and_values(
        backend,
        format!("{explain} {}", statement.sql),
        statement.values.map(|v| v.0).unwrap_or_default(),
    );
    db.query_all_raw(explain)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get::<String>("", column).unwrap())
        .collect::<Vec<_>>()
        .join(separator)
}
