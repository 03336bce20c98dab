//! Server-only persistence: the schema (entities and migrations), the demo seed, the queries
//! the app's server functions call, and the session store. Nothing here reaches the browser.

pub mod activity;
pub mod auth;
pub mod catalogue;
pub mod clock;
pub mod contacts;
pub mod entity;
mod error;
#[cfg(feature = "demo")]
pub mod generate;
pub mod invitations;
pub mod migration;
pub mod outbox;
#[cfg(feature = "demo")]
pub mod seed;
pub mod session_store;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;
pub mod throttle;

pub use clock::Clock;
pub use error::Error;
pub use sea_orm::{ActiveEnum, DatabaseConnection, Iterable};

use migration::Migrator;
use sea_orm::{ConnectOptions, Database};
use sea_orm_migration::MigratorTrait;
use std::{path::Path, time::Duration};

/// Why the database could not be opened at start-up, naming what was tried.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the directory {dir} for the SQLite database: {source}")]
    CreateDir { dir: String, source: std::io::Error },
    #[error("cannot open the database at {target}: {source}")]
    Connect {
        target: String,
        source: sea_orm::DbErr,
    },
    #[error(
        "the database at {target} is not usable (corrupt, or not a database of this app): {source}"
    )]
    Migrate {
        target: String,
        source: sea_orm::DbErr,
    },
    #[error("cannot write the security-profile catalogue into {target}: {source}")]
    Catalogue { target: String, source: Error },
    #[cfg(feature = "demo")]
    #[error("cannot seed the demo data into {target}: {source}")]
    Seed { target: String, source: Error },
}

/// Begins a transaction that writes. On SQLite it takes the write lock at once (`BEGIN
/// IMMEDIATE`), waiting its turn behind another writer: a transaction that reads first and
/// writes later would otherwise be refused outright (`SQLITE_BUSY`) whenever another
/// connection — the mail worker, say — wrote in between, since its reads would be stale.
/// Every transaction that writes begins here.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Where a database URL points, for messages: the file of a SQLite URL, the host and database
/// of a PostgreSQL one (never its password).
pub fn describe_url(url: &str) -> String {
    if let Some(path) = sqlite_path(url) {
        return path.to_string();
    }
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
            format!("{scheme}://{host}")
        }
        None => url.to_string(),
    }
}

fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    Some(rest.split('?').next().unwrap_or(rest))
}

/// Opens the database, creating the SQLite file (and its directory) when missing, and brings
/// the schema up to date.
pub async fn open(url: &str) -> Result<DatabaseConnection, OpenError> {
    let (db, start) = open_held(url).await?;
    start.release(url).await?;
    Ok(db)
}

/// Opens the database and, when it holds no organisation yet, seeds the demo world.
#[cfg(feature = "demo")]
pub async fn open_with_demo(url: &str) -> Result<DatabaseConnection, OpenError> {
    let (db, start) = open_held(url).await?;
    seed::seed_if_empty(&db, chrono::Utc::now())
        .await
        .map_err(|source| OpenError::Seed {
            target: describe_url(url),
            source,
        })?;
    start.release(url).await?;
    Ok(db)
}

/// The key of the advisory lock that instances starting together on one PostgreSQL database
/// take in turn (an arbitrary number of this app's own).
const START_LOCK_KEY: i64 = 0x4c61_4d50_5353;

/// While held, no other instance on the same PostgreSQL database migrates, writes the
/// catalogue or seeds: several instances started at once bring the schema up and seed the
/// demo world once. A transaction-scoped advisory lock, so that it ends with the transaction
/// whatever happens to this process. SQLite is one instance's database: nothing to hold.
struct StartLock(Option<sea_orm::DatabaseTransaction>);

impl StartLock {
    async fn take(db: &DatabaseConnection) -> Result<Self, sea_orm::DbErr> {
        use sea_orm::{ConnectionTrait, TransactionTrait};
        if db.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(Self(None));
        }
        let txn = db.begin().await?;
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({START_LOCK_KEY})"))
            .await?;
        Ok(Self(Some(txn)))
    }

    async fn release(self, url: &str) -> Result<(), OpenError> {
        match self.0 {
            Some(txn) => txn.commit().await.map_err(|source| OpenError::Connect {
                target: describe_url(url),
                source,
            }),
            None => Ok(()),
        }
    }
}

/// [`open`], still holding the [`StartLock`] taken before the migrations.
async fn open_held(url: &str) -> Result<(DatabaseConnection, StartLock), OpenError> {
    let target = describe_url(url);
    let mut url = url.to_string();
    if let Some(path) = sqlite_path(&url).map(str::to_owned) {
        if let Some(dir) = Path::new(&path)
            .parent()
            .filter(|d| path != ":memory:" && !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|source| OpenError::CreateDir {
                dir: dir.display().to_string(),
                source,
            })?;
        }
        if !url.contains("mode=") {
            url.push_str(if url.contains('?') {
                "&mode=rwc"
            } else {
                "?mode=rwc"
            });
        }
    }
    let mut options = ConnectOptions::new(url.clone());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // A connection is checked before it is handed out only after it has been idle long
        // enough for a server, a proxy or a firewall to have dropped it: pinging it on every
        // checkout (the default) cost a round trip per statement, eight a list call.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false);
    if sqlite_path(&url).is_some() {
        // SQLite serialises writers; a small pool avoids "database is locked" under load.
        options.max_connections(4).min_connections(1);
    } else {
        options.max_connections(16);
    }
    let db = Database::connect(options)
        .await
        .map_err(|source| OpenError::Connect {
            target: target.clone(),
            source,
        })?;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        use sea_orm::ConnectionTrait;
        for pragma in ["PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL"] {
            db.execute_unprepared(pragma)
                .await
                .map_err(|source| OpenError::Migrate {
                    target: target.clone(),
                    source,
                })?;
        }
    }
    let start = StartLock::take(&db)
        .await
        .map_err(|source| OpenError::Connect {
            target: target.clone(),
            source,
        })?;
    Migrator::up(&db, None)
        .await
        .map_err(|source| OpenError::Migrate {
            target: target.clone(),
            source,
        })?;
    catalogue::ensure(&db)
        .await
        .map_err(|source| OpenError::Catalogue { target, source })?;
    Ok((db, start))
}
