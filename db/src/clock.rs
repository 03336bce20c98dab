//! The time the app acts at. Production reads the system clock; tests move it forward to see
//! what time does (an invitation expiring) without waiting.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// The system clock plus an offset that only tests change. Clones share the offset.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward by `by`.
    pub fn advance(&self, by: Duration) {
        self.offset_seconds
            .fetch_add(by.num_seconds(), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_move_together() {
        let clock = Clock::default();
        let seen_by_worker = clock.clone();
        let before = seen_by_worker.now();
        clock.advance(Duration::days(31));
        let gap = seen_by_worker.now() - before;
        assert!(gap >= Duration::days(31) && gap < Duration::days(31) + Duration::minutes(1));
    }
}
