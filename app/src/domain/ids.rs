//! Ids that cross between browser and server, each its own type so that one kind of id is
//! never passed for another. On the wire they are plain numbers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A contact of the organisation acted for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContactId(pub i32);

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
