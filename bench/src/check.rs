//! What must hold in the database whatever happened to the server, read straight from it:
//! after a load, and after a crash in the middle of one.

use db::entity::{contact, contact_count, contact_event, invitation, organization, outbox_message};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::{HashMap, HashSet};

/// What the database held before the load: the demo world, written before the outbox and
/// the history began, which the rules of those leave out.
#[derive(Debug, Default)]
pub struct Seeded {
    pub contacts: HashSet<i32>,
    pub invitations: HashSet<i32>,
}

impl Seeded {
    pub async fn read(db: &DatabaseConnection) -> Result<Self, String> {
        let contacts = contact::Entity::find().all(db).await.map_err(err)?;
        let invitations = invitation::Entity::find().all(db).await.map_err(err)?;
        Ok(Self {
            contacts: contacts.into_iter().map(|c| c.id).collect(),
            invitations: invitations.into_iter().map(|i| i.id).collect(),
        })
    }
}

/// The rules that hold, and the ones broken, each with what breaks it.
#[derive(Debug, Default)]
pub struct Report {
    pub held: Vec<&'static str>,
    pub broken: Vec<String>,
}

impl Report {
    fn rule(&mut self, name: &'static str, breaches: Vec<String>) {
        if breaches.is_empty() {
            self.held.push(name);
        } else {
            let shown: Vec<_> = breaches.iter().take(5).cloned().collect();
            self.broken
                .push(format!("{name}: {} ({})", shown.join("; "), breaches.len()));
        }
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Reads the database at `db` and checks every rule:
/// - each organisation has exactly one primary contact, and it is active;
/// - each organisation's counts (`contact_count`) are those of its contacts;
/// - no contact has more than one pending invitation;
/// - every invitation has its email in the outbox, with its link, and its `invitation_sent`
///   or `invitation_resent` entry in the contact's history;
/// - every contact has its `created` entry, and a contact whose title an entry changed has
///   the title the last such entry gave;
///
/// the demo world's contacts and invitations (`seeded`) excepted where the rule is about the
/// outbox or the history;
/// - on SQLite, the file's own integrity check.
pub async fn database(db: &DatabaseConnection, seeded: &Seeded) -> Result<Report, String> {
    let mut report = Report::default();
    let contacts = contact::Entity::find().all(db).await.map_err(err)?;
    let organizations = organization::Entity::find().all(db).await.map_err(err)?;

    let mut primaries: HashMap<i32, Vec<&contact::Model>> = HashMap::new();
    for c in contacts.iter().filter(|c| c.is_primary) {
        primaries.entry(c.organization_id).or_default().push(c);
    }
    report.rule(
        "one active primary contact per organisation",
        organizations
            .iter()
            .filter_map(|o| match primaries.get(&o.id).map(Vec::as_slice) {
                Some([one]) if one.active => None,
                Some([one]) => Some(format!("{}: primary {} inactive", o.name, one.id)),
                Some(many) => Some(format!("{}: {} primary contacts", o.name, many.len())),
                None => Some(format!("{}: no primary contact", o.name)),
            })
            .collect(),
    );

    let mut rows: HashMap<i32, (i32, i32)> = HashMap::new();
    for c in &contacts {
        let (all, active) = rows.entry(c.organization_id).or_default();
        *all += 1;
        *active += i32::from(c.active);
    }
    let counts: HashMap<i32, (i32, i32)> = contact_count::Entity::find()
        .all(db)
        .await
        .map_err(err)?
        .into_iter()
        .map(|k| (k.organization_id, (k.contacts, k.active_contacts)))
        .collect();
    report.rule(
        "each organisation's counts are its contacts' (all, active)",
        organizations
            .iter()
            .filter_map(|o| {
                let (held, counted) = (
                    rows.get(&o.id).copied().unwrap_or_default(),
                    counts.get(&o.id),
                );
                (counted != Some(&held))
                    .then(|| format!("{}: counts {counted:?}, contacts {held:?}", o.name))
            })
            .collect(),
    );

    let invitations = invitation::Entity::find().all(db).await.map_err(err)?;
    let mut pending: HashMap<i32, usize> = HashMap::new();
    for i in invitations
        .iter()
        .filter(|i| i.status == invitation::Status::Pending)
    {
        *pending.entry(i.contact_id).or_default() += 1;
    }
    report.rule(
        "at most one pending invitation per contact",
        pending
            .iter()
            .filter(|(_, n)| **n > 1)
            .map(|(contact, n)| format!("contact {contact}: {n} pending"))
            .collect(),
    );

    let outbox = outbox_message::Entity::find().all(db).await.map_err(err)?;
    let mailed: HashSet<String> = outbox
        .iter()
        .filter(|m| m.kind == db::outbox::kind::INVITATION)
        .filter_map(|m| m.link.as_deref()?.rsplit('/').next())
        .map(db::invitations::hash_token)
        .collect();
    report.rule(
        "every invitation's email is in the outbox, with its link",
        invitations
            .iter()
            .filter(|i| !seeded.invitations.contains(&i.id))
            .filter(|i| !mailed.contains(&i.token_hash))
            .map(|i| format!("invitation {} of contact {}", i.id, i.contact_id))
            .collect(),
    );

    let events = contact_event::Entity::find()
        .order_by_asc(contact_event::Column::Id)
        .all(db)
        .await
        .map_err(err)?;
    let mut kinds: HashMap<i32, Vec<contact_event::Kind>> = HashMap::new();
    let mut last_title: HashMap<i32, String> = HashMap::new();
    for e in &events {
        kinds.entry(e.contact_id).or_default().push(e.kind);
        let changes: Vec<serde_json::Value> = serde_json::from_str(&e.changes).map_err(err)?;
        for change in changes.iter().filter(|c| c["field"] == "title") {
            last_title.insert(
                e.contact_id,
                change["to"].as_str().unwrap_or_default().to_owned(),
            );
        }
    }
    let sends_recorded = |contact: i32| {
        kinds.get(&contact).map_or(0, |k| {
            k.iter()
                .filter(|k| {
                    matches!(
                        k,
                        contact_event::Kind::InvitationSent | contact_event::Kind::InvitationResent
                    )
                })
                .count()
        })
    };
    let mut sent: HashMap<i32, usize> = HashMap::new();
    for i in invitations
        .iter()
        .filter(|i| !seeded.invitations.contains(&i.id))
    {
        *sent.entry(i.contact_id).or_default() += 1;
    }
    report.rule(
        "every invitation has its entry in the contact's history",
        sent.iter()
            .filter(|(contact, n)| sends_recorded(**contact) < **n)
            .map(|(contact, n)| {
                format!(
                    "contact {contact}: {n} invitations, {} recorded",
                    sends_recorded(*contact)
                )
            })
            .collect(),
    );
    report.rule(
        "every contact has its creation in its history",
        contacts
            .iter()
            .filter(|c| !seeded.contacts.contains(&c.id))
            .filter(|c| {
                !kinds
                    .get(&c.id)
                    .is_some_and(|k| k.contains(&contact_event::Kind::Created))
            })
            .map(|c| format!("contact {}", c.id))
            .collect(),
    );
    report.rule(
        "every contact has the title its history last gave it",
        contacts
            .iter()
            .filter_map(|c| {
                let recorded = last_title.get(&c.id)?;
                let now = c.title.as_str();
                (recorded != now)
                    .then(|| format!("contact {}: {now:?}, recorded {recorded:?}", c.id))
            })
            .collect(),
    );

    if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
        let row = db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DatabaseBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await
            .map_err(err)?;
        let answer: String = match row {
            Some(row) => row.try_get_by_index(0).map_err(err)?,
            None => String::new(),
        };
        report.rule(
            "SQLite's integrity check",
            if answer == "ok" {
                Vec::new()
            } else {
                vec![answer]
            },
        );
    }
    Ok(report)
}

/// The outbox's messages not yet delivered or given up on.
pub async fn undelivered(db: &DatabaseConnection) -> Result<usize, String> {
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(outbox_message::Status::Pending))
        .all(db)
        .await
        .map_err(err)?
        .len())
}

/// Each delivered outbox message against the mail server's copies of it, by Message-ID: the
/// messages never received, and those received more than once.
pub async fn deliveries(
    db: &DatabaseConnection,
    received: &[String],
) -> Result<(usize, Vec<String>, Vec<String>), String> {
    let mut copies: HashMap<i32, usize> = HashMap::new();
    for message in received {
        let id = message
            .lines()
            .find_map(|l| l.strip_prefix("Message-ID: <outbox."))
            .and_then(|rest| rest.split('.').next()?.parse().ok());
        if let Some(id) = id {
            *copies.entry(id).or_default() += 1;
        }
    }
    let sent = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(outbox_message::Status::Sent))
        .all(db)
        .await
        .map_err(err)?;
    let missing = sent
        .iter()
        .filter(|m| !copies.contains_key(&m.id))
        .map(|m| format!("message {} to {}", m.id, m.recipient))
        .collect();
    let twice = copies
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, n)| format!("message {id}: {n} copies"))
        .collect();
    Ok((sent.len(), missing, twice))
}
