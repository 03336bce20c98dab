//! Failed password sign-ins make the next ones wait: a few failures in a quarter of an hour
//! are free, then each further attempt waits twice as long after the last failure as the one
//! before (1, 2, 4, 8 minutes, at most 15). Counted per typed email, known or not, so that the
//! wait says nothing of whether an account exists, and per client address, more loosely (an
//! office shares one).
//!
//! An attempt is counted as failed before its password is checked, and forgiven when it
//! succeeds: requests sent all at once count each other, so a burst checks no more passwords
//! than the limit lets through. An attempt refused for waiting is not counted: a person who
//! waits gets their turn however many times a guesser tried meanwhile. The counts live in the
//! database, shared by every instance.

use crate::Error;
use crate::entity::sign_in_failure;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use std::net::IpAddr;

/// How many failures are free within a window, and how long the wait grows.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub free_failures: usize,
    pub window: Duration,
    pub longest_wait: Duration,
}

/// Per typed email: 5 failures in 15 minutes.
pub const PER_EMAIL: Limit = Limit {
    free_failures: 5,
    window: Duration::minutes(15),
    longest_wait: Duration::minutes(15),
};

/// Per client address: 20 failures in 15 minutes.
pub const PER_ADDRESS: Limit = Limit {
    free_failures: 20,
    window: Duration::minutes(15),
    longest_wait: Duration::minutes(15),
};

impl Limit {
    /// How long after the latest of `failures` (in the window) the next attempt waits.
    fn wait(&self, failures: usize) -> Duration {
        let Some(beyond) = failures.checked_sub(self.free_failures) else {
            return Duration::zero();
        };
        let minutes = 1i64.checked_shl(beyond.min(30) as u32).unwrap_or(i64::MAX);
        Duration::minutes(minutes.min(self.longest_wait.num_minutes()))
    }
}

/// The key failures of a typed email are counted under: its folded form, hashed.
pub fn email_key(email: &str) -> String {
    format!(
        "email:{}",
        crate::invitations::hash_token(&crate::text::email_key(email))
    )
}

fn address_key(address: IpAddr) -> String {
    // An IPv4 client seen through an IPv6 socket is the same client.
    let address = match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    };
    format!("address:{address}")
}

/// An attempt under way, counted as failed until [`Attempt::succeeded`].
#[must_use]
pub struct Attempt {
    email_key: String,
    counted: Vec<i32>,
}

/// Counts an attempt to sign in as `email` from `address`, unless one of them has to wait:
/// `None` then, and nothing is counted.
pub async fn attempt<C: ConnectionTrait>(
    db: &C,
    email: &str,
    address: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<Option<Attempt>, Error> {
    let oldest_kept = now - PER_EMAIL.window.max(PER_ADDRESS.window);
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::FailedAt.lt(oldest_kept))
        .exec(db)
        .await?;
    let email_key = email_key(email);
    let keys = std::iter::once((email_key.clone(), PER_EMAIL))
        .chain(address.map(|a| (address_key(a), PER_ADDRESS)));
    let mut attempt = Attempt {
        email_key,
        counted: Vec::new(),
    };
    let mut waits = false;
    for (key, limit) in keys {
        let counted = sign_in_failure::ActiveModel {
            key: Set(key.clone()),
            failed_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        attempt.counted.push(counted.id);
        let earlier: Vec<DateTime<Utc>> = sign_in_failure::Entity::find()
            .filter(sign_in_failure::Column::Key.eq(key))
            .filter(sign_in_failure::Column::FailedAt.gt(now - limit.window))
            .filter(sign_in_failure::Column::Id.ne(counted.id))
            .order_by_desc(sign_in_failure::Column::FailedAt)
            .all(db)
            .await?
            .into_iter()
            .map(|f| f.failed_at)
            .collect();
        if let Some(latest) = earlier.first() {
            waits |= now < *latest + limit.wait(earlier.len());
        }
    }
    if waits {
        forget(db, &attempt.counted).await?;
        return Ok(None);
    }
    Ok(Some(attempt))
}

impl Attempt {
    /// The password was right: this attempt was no failure, and the email's earlier failures
    /// are forgiven (the address's stay).
    pub async fn succeeded<C: ConnectionTrait>(self, db: &C) -> Result<(), Error> {
        forget(db, &self.counted).await?;
        sign_in_failure::Entity::delete_many()
            .filter(sign_in_failure::Column::Key.eq(self.email_key))
            .exec(db)
            .await?;
        Ok(())
    }
}

async fn forget<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<(), Error> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_the_free_failures_up_to_its_longest() {
        let waits: Vec<i64> = (0..12).map(|n| PER_EMAIL.wait(n).num_minutes()).collect();
        assert_eq!(waits, [0, 0, 0, 0, 0, 1, 2, 4, 8, 15, 15, 15]);
        assert_eq!(PER_EMAIL.wait(usize::MAX).num_minutes(), 15);
    }

    #[test]
    fn an_email_is_counted_however_it_is_typed_and_never_kept_as_typed() {
        assert_eq!(
            email_key(" Admin@Example.org "),
            email_key("admin@example.org")
        );
        assert!(!email_key("admin@example.org").contains("admin"));
    }

    #[test]
    fn an_ipv4_client_is_one_client_on_either_socket() {
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(v4), address_key(mapped));
    }
}
