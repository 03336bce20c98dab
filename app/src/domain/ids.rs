//! Ids that cross between browser and server, each its own type so that one kind of id is
//! never passed for another. On the wire they are plain numbers.
//!
//! No invitation id crosses: an invitation is reached through its contact by an
//! administrator, and through its link's token by the invitee.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Declares each id type: a number on the wire, in URLs and in the database.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)+) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i32);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.trim().parse().map(Self)
            }
        }
    )+};
}

ids! {
    /// A contact of the organisation acted for.
    ContactId;
    /// An organisation the signed-in account acts for.
    OrganizationId;
    /// A security profile of the catalogue.
    ProfileId;
}
