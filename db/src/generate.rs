//! A large world for measuring the app at scale, on top of the demo world: the demo
//! administrators' organisation grown to `largest` contacts, and other organisations of 20 to
//! 178 contacts (99 on average) up to `organizations` in all. French and English names with
//! accents, about 15 % inactive, 30 % with access (each with 1 to 4 profiles), 10 % with a
//! pending or an expired invitation. The same seed writes the same world.
//!
//! Rows are written in multi-row inserts with ids chosen here (the generator is the only
//! writer while it runs), in one transaction per batch of organisations.

use crate::Error;
use crate::entity::contact::Language;
use crate::entity::invitation::Status;
use crate::entity::{
    account, contact, contact_profile, invitation, invitation_profile, organization,
    security_profile,
};
use crate::text::{email_key, fold, name_key};
use chrono::{DateTime, Days, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect,
};

/// The size of the world to write.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    /// Organisations in all, the demo world's included.
    pub organizations: usize,
    /// Contacts of the demo administrators' organisation (« Services d'emploi de la Vallée »).
    pub largest: usize,
    pub seed: u64,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            organizations: 10_000,
            largest: 10_000,
            seed: 2026,
        }
    }
}

/// What the generator wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub organizations: usize,
    pub contacts: usize,
    pub accounts: usize,
    pub invitations: usize,
}

const LAST_FR: &[&str] = &[
    "Arsenault",
    "Aucoin",
    "Babin",
    "Bélanger",
    "Bélliveau",
    "Boudreau",
    "Bourque",
    "Chiasson",
    "Comeau",
    "Cormier",
    "d'Entremont",
    "Doucet",
    "Gaudet",
    "Gauthier",
    "Hébert",
    "Landry",
    "LeBlanc",
    "Léger",
    "Maillet",
    "Mélanson",
    "Ouellet",
    "Poirier",
    "Richard",
    "Robichaud",
    "Saulnier",
    "Surette",
    "Thériault",
    "Thibodeau",
    "Vautour",
    "Éthier",
];
const LAST_EN: &[&str] = &[
    "Campbell",
    "Chisholm",
    "Cameron",
    "Fraser",
    "Gillis",
    "Grant",
    "MacDonald",
    "MacDougall",
    "MacInnis",
    "MacIsaac",
    "MacKay",
    "MacKenzie",
    "MacLean",
    "MacLeod",
    "MacNeil",
    "Matheson",
    "McNeil",
    "Morrison",
    "Murphy",
    "O'Brien",
    "Ross",
    "Smith",
    "Stewart",
    "Sutherland",
    "Walsh",
    "White",
    "Wilson",
    "Young",
    "Zwicker",
    "Øvergaard",
];
const FIRST_FR: &[&str] = &[
    "Adèle",
    "André",
    "Benoît",
    "Chloé",
    "Denis",
    "Élise",
    "Émile",
    "Éloïse",
    "François",
    "Gaëlle",
    "Gérald",
    "Hélène",
    "Isabelle",
    "Jérôme",
    "Josée",
    "Léa",
    "Lucie",
    "Marc",
    "Maëlle",
    "Noël",
    "Océane",
    "Pierre",
    "Renée",
    "Stéphane",
    "Sylvie",
    "Thérèse",
    "Valérie",
    "Yves",
    "Zoé",
    "Anne-Marie",
];
const FIRST_EN: &[&str] = &[
    "Alice",
    "Andrew",
    "Brian",
    "Catherine",
    "Colin",
    "Donald",
    "Emily",
    "Fiona",
    "Graham",
    "Heather",
    "Ian",
    "Jennifer",
    "Karen",
    "Kevin",
    "Laura",
    "Mark",
    "Mary",
    "Neil",
    "Olivia",
    "Paul",
    "Rachel",
    "Sarah",
    "Scott",
    "Shannon",
    "Stephen",
    "Susan",
    "Thomas",
    "Wendy",
    "Zoë",
    "Mary-Kate",
];
const TITLES: &[&str] = &[
    "Conseillère en emploi",
    "Coordonnateur",
    "Employment Counsellor",
    "Program Coordinator",
    "Gestionnaire de cas",
    "Case Manager",
    "Adjointe administrative",
    "",
];
const POSITIONS: &[&str] = &[
    "MANAGER",
    "COORDINATOR",
    "COUNSELLOR",
    "CASE_MANAGER",
    "ADMIN",
    "OTHER",
];

/// Organisations written per transaction.
const ORGANIZATIONS_PER_BATCH: usize = 200;
/// Rows per insert statement: within both databases' limits on bound parameters.
const ROWS_PER_INSERT: usize = 500;

/// Next free id of each table, chosen here rather than by the database.
struct Ids {
    organization: i32,
    account: i32,
    contact: i32,
    invitation: i32,
}

/// What one batch writes, in the order the foreign keys need.
#[derive(Default)]
struct Batch {
    organizations: Vec<organization::ActiveModel>,
    accounts: Vec<account::ActiveModel>,
    contacts: Vec<contact::ActiveModel>,
    profiles: Vec<contact_profile::ActiveModel>,
    invitations: Vec<invitation::ActiveModel>,
    invitation_profiles: Vec<invitation_profile::ActiveModel>,
}

struct World {
    rng: StdRng,
    ids: Ids,
    profiles: Vec<i32>,
    now: DateTime<Utc>,
    written: Written,
}

/// Writes the world of `plan` into a database that holds the demo world (and nothing more).
pub async fn generate(
    db: &DatabaseConnection,
    plan: Plan,
    now: DateTime<Utc>,
) -> Result<Written, Error> {
    let vallee = organization::Entity::find()
        .filter(organization::Column::Name.eq("Services d'emploi de la Vallée"))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let existing_orgs = organization::Entity::find().count(db).await? as usize;
    let vallee_contacts = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(vallee.id))
        .count(db)
        .await? as usize;
    let mut world = World {
        rng: StdRng::seed_from_u64(plan.seed),
        ids: Ids {
            organization: max_id::<organization::Entity>(db, organization::Column::Id).await? + 1,
            account: max_id::<account::Entity>(db, account::Column::Id).await? + 1,
            contact: max_id::<contact::Entity>(db, contact::Column::Id).await? + 1,
            invitation: max_id::<invitation::Entity>(db, invitation::Column::Id).await? + 1,
        },
        profiles: security_profile::Entity::find()
            .select_only()
            .column(security_profile::Column::Id)
            .into_tuple::<i32>()
            .all(db)
            .await?,
        now,
        written: Written::default(),
    };

    // The demo administrators' organisation first, in batches of the same size.
    let mut batch = Batch::default();
    for n in vallee_contacts..plan.largest {
        world.contact(&mut batch, vallee.id, n, false, "vallee");
        if batch.contacts.len() >= 20_000 {
            write(db, std::mem::take(&mut batch)).await?;
        }
    }
    write(db, batch).await?;

    let mut batch = Batch::default();
    for n in existing_orgs..plan.organizations {
        world.organization(&mut batch, n);
        if batch.organizations.len() >= ORGANIZATIONS_PER_BATCH {
            write(db, std::mem::take(&mut batch)).await?;
        }
    }
    write(db, batch).await?;
    realign_sequences(db).await?;
    settle(db).await?;
    Ok(world.written)
}

/// On PostgreSQL, what autovacuum does some time after a bulk load, done now so that every
/// measurement starts from the same state: the tables' statistics (the planner's row counts)
/// and their visibility maps (which let a count read an index without visiting the rows).
async fn settle(db: &DatabaseConnection) -> Result<(), Error> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    db.execute_unprepared("VACUUM ANALYZE").await?;
    Ok(())
}

impl World {
    fn organization(&mut self, batch: &mut Batch, n: usize) {
        let id = self.ids.organization;
        self.ids.organization += 1;
        let french = self.rng.random_bool(0.5);
        let name = if french {
            format!("Services d'emploi no {n}")
        } else {
            format!("Employment Services No. {n}")
        };
        batch.organizations.push(organization::ActiveModel {
            id: Set(id),
            name: Set(name),
            org_type: Set("Privé — À but non lucratif".into()),
            address: Set(format!("{n} rue Principale, Truro (N.-É.)")),
            phone: Set(format!("(902) 555-{:04}", n % 10_000)),
            inactive: Set(false),
            provides_case_management: Set(self.rng.random_bool(0.5)),
        });
        self.written.organizations += 1;
        let size = self.rng.random_range(20..=178);
        let domain = format!("org{n}");
        for i in 0..size {
            self.contact(batch, id, i, i == 0, &domain);
        }
    }

    /// The `n`th contact of organisation `organization_id`; a primary contact is active and
    /// has access.
    fn contact(
        &mut self,
        batch: &mut Batch,
        organization_id: i32,
        n: usize,
        primary: bool,
        domain: &str,
    ) {
        let rng = &mut self.rng;
        let french = rng.random_bool(0.6);
        let (lasts, firsts) = if french {
            (LAST_FR, FIRST_FR)
        } else {
            (LAST_EN, FIRST_EN)
        };
        let last = lasts[rng.random_range(0..lasts.len())];
        let first = firsts[rng.random_range(0..firsts.len())];
        let email = format!(
            "{}.{}.{n}@{domain}.example.org",
            name_key(first),
            name_key(last)
        );
        let active = primary || !rng.random_bool(0.15);
        let access = primary || (active && rng.random_bool(0.35));
        let invited = !access && active && rng.random_bool(0.18);
        let id = self.ids.contact;
        self.ids.contact += 1;

        let account_id = access.then(|| {
            let account = self.ids.account;
            self.ids.account += 1;
            // One in ten identity accounts has an email other than the one entered.
            let identity_email = if rng.random_bool(0.1) {
                format!("{}{n}@example.net", name_key(last))
            } else {
                email.clone()
            };
            let initial: String = fold(first).chars().take(1).collect();
            let username = format!("{initial}{}{account}", name_key(last));
            batch.accounts.push(account::ActiveModel {
                id: Set(account),
                login_key: Set(format!("https://login.example#gen-{account}")),
                password_hash: Set(None),
                identity_email: Set(Some(identity_email)),
                email_verified: Set(true),
                username_key: Set(email_key(&username)),
                username: Set(username),
                created_at: Set(self.now),
            });
            self.written.accounts += 1;
            account
        });
        let job = rng.random_bool(0.7);
        let start = NaiveDate::from_ymd_opt(2015, 1, 1)
            .and_then(|d| d.checked_add_days(Days::new(rng.random_range(0..4000))));
        batch.contacts.push(contact::ActiveModel {
            id: Set(id),
            organization_id: Set(organization_id),
            last_name: Set(last.into()),
            first_name: Set(first.into()),
            last_name_key: Set(name_key(last)),
            first_name_key: Set(name_key(first)),
            email_key: Set(email_key(&email)),
            email: Set(email),
            title: Set(TITLES[rng.random_range(0..TITLES.len())].into()),
            phone: Set(format!("(902) 555-{:04}", rng.random_range(0..10_000))),
            phone_ext: Set(if rng.random_bool(0.2) {
                rng.random_range(1..999).to_string()
            } else {
                String::new()
            }),
            cell_phone: Set(String::new()),
            language: Set(if french { Language::Fr } else { Language::En }),
            active: Set(active),
            is_primary: Set(primary),
            office_location: Set(String::new()),
            fte_hundredths: Set(job.then(|| rng.random_range(1..=20) * 5)),
            start_date: Set(start),
            end_date: Set(None),
            position_type: Set(if job {
                POSITIONS[rng.random_range(0..POSITIONS.len())].into()
            } else {
                String::new()
            }),
            account_id: Set(account_id),
            version: Set(1),
            created_at: Set(self.now),
            updated_at: Set(self.now),
        });
        self.written.contacts += 1;

        if access {
            for profile in self.some_profiles() {
                batch.profiles.push(contact_profile::ActiveModel {
                    contact_id: Set(id),
                    profile_id: Set(profile),
                });
            }
        }
        if invited {
            let invitation = self.ids.invitation;
            self.ids.invitation += 1;
            let pending = self.rng.random_bool(0.6);
            let sent_at = self.now
                - Duration::days(if pending {
                    self.rng.random_range(0..29)
                } else {
                    self.rng.random_range(31..120)
                });
            batch.invitations.push(invitation::ActiveModel {
                id: Set(invitation),
                contact_id: Set(id),
                status: Set(if pending {
                    Status::Pending
                } else {
                    Status::Expired
                }),
                sent_at: Set(sent_at),
                expires_at: Set(sent_at + Duration::days(30)),
                // No link was ever sent: the hash matches no token.
                token_hash: Set(format!("generated-{invitation}")),
                message: Set(String::new()),
                sent_by: Set(None),
                closed_by: Set(None),
                closed_at: Set(None),
            });
            for profile in self.some_profiles() {
                batch
                    .invitation_profiles
                    .push(invitation_profile::ActiveModel {
                        invitation_id: Set(invitation),
                        profile_id: Set(profile),
                    });
            }
            self.written.invitations += 1;
        }
    }

    /// One to four distinct profiles of the catalogue.
    fn some_profiles(&mut self) -> Vec<i32> {
        let wanted = self.rng.random_range(1..=4).min(self.profiles.len());
        let mut chosen: Vec<i32> = Vec::with_capacity(wanted);
        while chosen.len() < wanted {
            let profile = self.profiles[self.rng.random_range(0..self.profiles.len())];
            if !chosen.contains(&profile) {
                chosen.push(profile);
            }
        }
        chosen
    }
}

/// Writes a batch in one transaction.
async fn write(db: &DatabaseConnection, batch: Batch) -> Result<(), Error> {
    let txn = crate::begin_write(db).await?;
    insert_all(&txn, batch.organizations).await?;
    insert_all(&txn, batch.accounts).await?;
    insert_all(&txn, batch.contacts).await?;
    insert_all(&txn, batch.profiles).await?;
    insert_all(&txn, batch.invitations).await?;
    insert_all(&txn, batch.invitation_profiles).await?;
    txn.commit().await?;
    Ok(())
}

async fn insert_all<C, A>(db: &C, rows: Vec<A>) -> Result<(), Error>
where
    C: ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

async fn max_id<E: EntityTrait>(db: &DatabaseConnection, column: E::Column) -> Result<i32, Error> {
    let max: Option<Option<i32>> = E::find()
        .select_only()
        .column_as(Expr::from(Func::max(Expr::col(column))), "max")
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0))
}

/// On PostgreSQL, moves each id sequence past the ids written here, so that the app's next
/// inserts do not collide with them.
async fn realign_sequences(db: &DatabaseConnection) -> Result<(), Error> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in ["organization", "account", "contact", "invitation"] {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .await?;
    }
    Ok(())
}
