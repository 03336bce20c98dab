//! A tower-sessions store on the app's own database pool, so that SQLite and PostgreSQL
//! deployments keep their sessions with the rest of the data (and a restart signs nobody out).
//!
//! A session ends after [`SessionLimits::idle`] without a request, and after
//! [`SessionLimits::lifetime`] however active it is. Its row is keyed by the SHA-256 of the
//! cookie's id: whoever reads the table cannot present it as a cookie.

use crate::Clock;
use crate::entity::session;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

/// How long a session lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionLimits {
    /// Without a request for this long, the session ends; each request starts it again.
    pub idle: Duration,
    /// From the sign-in on, the session ends after this long, active or not.
    pub lifetime: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self {
            idle: Duration::minutes(60),
            lifetime: Duration::hours(12),
        }
    }
}

/// A request extends its session's idle limit only when that limit has moved by this much:
/// one write a minute at most, not one per request.
const EXTEND_AFTER: Duration = Duration::seconds(60);

#[derive(Clone, Debug)]
pub struct SeaOrmStore {
    db: DatabaseConnection,
    clock: Clock,
    limits: SessionLimits,
}

impl SeaOrmStore {
    pub fn new(db: DatabaseConnection, clock: Clock, limits: SessionLimits) -> Self {
        Self { db, clock, limits }
    }
}

/// The key of the session whose cookie holds `id`.
pub fn session_key(id: &Id) -> String {
    crate::invitations::hash_token(&id.to_string())
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn encode(record: &Record) -> session_store::Result<String> {
    serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

impl SeaOrmStore {
    /// Inserts `record` as a session starting now; false when its key is taken already.
    async fn insert(&self, record: &Record) -> session_store::Result<bool> {
        let now = self.clock.now();
        let row = session::ActiveModel {
            id: Set(session_key(&record.id)),
            data: Set(encode(record)?),
            started_at: Set(now),
            expires_at: Set(now + self.limits.idle.min(self.limits.lifetime)),
        };
        let inserted = session::Entity::insert(row)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(backend)?;
        Ok(inserted == 1)
    }

    /// When a session that started at `started` ends if nothing happens from `now` on.
    fn expiry(&self, started: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
        (now + self.limits.idle).min(started + self.limits.lifetime)
    }
}

#[async_trait::async_trait]
impl SessionStore for SeaOrmStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits; still, never overwrite another session on a collision.
        while !self.insert(record).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let updated = session::Entity::update_many()
            .col_expr(session::Column::Data, encode(record)?.into())
            .filter(session::Column::Id.eq(session_key(&record.id)))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        if updated.rows_affected == 0 {
            self.insert(record).await?;
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = self.clock.now();
        let key = session_key(id);
        let Some(row) = session::Entity::find_by_id(key.clone())
            .filter(session::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let expires_at = self.expiry(row.started_at, now);
        if expires_at - row.expires_at >= EXTEND_AFTER {
            session::Entity::update_many()
                .col_expr(session::Column::ExpiresAt, expires_at.into())
                .filter(session::Column::Id.eq(key))
                .exec(&self.db)
                .await
                .map_err(backend)?;
        }
        let data = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        session::Entity::delete_by_id(session_key(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for SeaOrmStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(self.clock.now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
