//! The demo world of DEMO.md, written on first start when the database holds no organisation
//! (and by tests that want the same world). Compiled with the `demo` feature only.

use crate::Error;
use crate::contacts::edit::{change, record};
use crate::entity::contact::Language;
use crate::entity::contact_event::Kind;
use crate::entity::invitation::Status;
use crate::entity::{
    contact, contact_profile, invitation, invitation_profile, office_location, organization,
    security_profile,
};
use crate::text::{email_key, name_key};
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::{ActiveEnum, ActiveModelTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set};
use std::collections::HashMap;

/// A demo account that can sign in: (email, password).
pub const DEMO_ACCOUNTS: &[(&str, &str)] = &[
    ("admin@example.org", "demo-admin-2026"),
    ("efo.admin@example.org", "demo-efo-2026"),
    ("viewer@example.org", "demo-viewer-2026"),
    ("multi@example.org", "demo-multi-2026"),
];

#[derive(Default)]
struct Person {
    last: &'static str,
    first: &'static str,
    email: &'static str,
    title: &'static str,
    phone: &'static str,
    ext: &'static str,
    cell: &'static str,
    lang: Language,
    active: bool,
    primary: bool,
    /// Email of the linked identity account.
    account: Option<&'static str>,
    profiles: &'static [&'static str],
    invitation: Option<Invite>,
    office: &'static str,
    position: &'static str,
    fte: Option<i32>,
}

#[derive(Clone, Copy)]
enum Invite {
    Pending,
    Expired,
    Retracted,
}

fn p(last: &'static str, first: &'static str, email: &'static str) -> Person {
    Person {
        last,
        first,
        email,
        lang: Language::Fr,
        active: true,
        ..Default::default()
    }
}

impl Person {
    fn en(mut self) -> Self {
        self.lang = Language::En;
        self
    }
    fn title(mut self, title: &'static str) -> Self {
        self.title = title;
        self
    }
    fn phone(mut self, phone: &'static str, ext: &'static str) -> Self {
        self.phone = phone;
        self.ext = ext;
        self
    }
    fn cell(mut self, cell: &'static str) -> Self {
        self.cell = cell;
        self
    }
    fn inactive(mut self) -> Self {
        self.active = false;
        self
    }
    fn primary(mut self) -> Self {
        self.primary = true;
        self
    }
    fn linked(mut self, account: &'static str, profiles: &'static [&'static str]) -> Self {
        self.account = Some(account);
        self.profiles = profiles;
        self
    }
    fn invited(mut self, invite: Invite) -> Self {
        self.invitation = Some(invite);
        self
    }
    fn job(mut self, office: &'static str, position: &'static str, fte: i32) -> Self {
        self.office = office;
        self.position = position;
        self.fte = Some(fte);
        self
    }
}

fn organisation_a() -> Vec<Person> {
    vec![
        p("Arsenault", "Marie", "admin@example.org")
            .title("Directrice générale")
            .phone("(902) 555-1213", "101")
            .primary()
            .linked(
                "admin@example.org",
                &["GEC_ADMIN", "EFO_ADMIN", "GEC_MANAGEMENT"],
            )
            .job("KENTVILLE", "MANAGER", 100),
        p("Cormier", "Sophie", "efo.admin@example.org")
            .en()
            .title("Finance Officer")
            .phone("(902) 555-1214", "")
            .linked("efo.admin@example.org", &["EFO_ADMIN"])
            .job("KENTVILLE", "ADMIN", 100),
        p("Gaudet", "Éric", "viewer@example.org")
            .title("Conseiller en emploi")
            .phone("(902) 555-1215", "")
            .linked("viewer@example.org", &["GEC_VIEW"])
            .job("WOLFVILLE", "COUNSELLOR", 80),
        p("Muise", "André", "multi@example.org")
            .title("Agent de liaison")
            .cell("(902) 555-8811")
            .linked("multi@example.org", &["EFO_USER"])
            .job("KENTVILLE", "COORDINATOR", 50),
        p("LeBlanc", "Luc", "luc.leblanc@vallee.example.org")
            .title("Gestionnaire de cas")
            .phone("(902) 555-1216", "204")
            .cell("(902) 555-7720")
            .linked("luc.leblanc@example.net", &["GEC_CASE", "GEC_INTAKE"])
            .job("WOLFVILLE", "CASE_MANAGER", 100),
        p("Doiron", "Nadine", "nadine.doiron@vallee.example.org")
            .title("Conseillère en emploi")
            .phone("(902) 555-1217", "")
            .invited(Invite::Pending)
            .job("KENTVILLE", "COUNSELLOR", 100),
        p("Zwicker", "Paul", "paul.zwicker@vallee.example.org")
            .en()
            .title("Employment Counsellor")
            .phone("(902) 555-1218", "")
            .invited(Invite::Expired)
            .job("BERWICK", "COUNSELLOR", 60),
        p("Thériault", "Julie", "julie.theriault@vallee.example.org")
            .title("Évaluatrice")
            .phone("(902) 555-1219", "")
            .linked("julie.theriault@vallee.example.org", &["GEC_ASSESSOR"])
            .job("KENTVILLE", "COUNSELLOR", 100),
        p("MacDonald", "Sarah", "sarah.macdonald@vallee.example.org")
            .en()
            .title("Business Liaison")
            .phone("(902) 555-1220", "12")
            .linked("sarah.macdonald@vallee.example.org", &["GEC_PARTNER"])
            .job("BERWICK", "COORDINATOR", 100),
        p("Boudreau", "Pierre", "pierre.boudreau@vallee.example.org")
            .title("Coordonnateur de l'apprentissage")
            .phone("(902) 555-1221", "")
            .linked(
                "pierre.boudreau@vallee.example.org",
                &["GA_ADMIN", "GA_VIEW"],
            )
            .job("WOLFVILLE", "COORDINATOR", 100),
        p("Bourque", "Alain", "alain.bourque@vallee.example.org")
            .title("Commis")
            .phone("(902) 555-1222", "")
            .job("KENTVILLE", "ADMIN", 50),
        p("Chiasson", "Monique", "monique.chiasson@vallee.example.org")
            .title("Adjointe administrative")
            .phone("(902) 555-1223", "")
            .job("KENTVILLE", "ADMIN", 100),
        p(
            "d'Entremont",
            "Claude",
            "claude.dentremont@vallee.example.org",
        )
        .title("Conseiller en emploi")
        .cell("(902) 555-8812")
        .job("BERWICK", "COUNSELLOR", 100),
        p("Fraser", "Ian", "ian.fraser@vallee.example.org")
            .en()
            .title("Outreach Worker")
            .phone("(902) 555-1224", "")
            .job("WOLFVILLE", "COUNSELLOR", 40),
        p("Gallant", "Denise", "denise.gallant@vallee.example.org")
            .title("Agente de projet")
            .phone("(902) 555-1225", "")
            .job("KENTVILLE", "COORDINATOR", 100),
        p("Hébert", "Rémi", "remi.hebert@vallee.example.org")
            .title("Conseiller en emploi")
            .phone("(902) 555-1226", "")
            .job("WOLFVILLE", "COUNSELLOR", 100),
        p("Landry", "Annie", "annie.landry@vallee.example.org")
            .title("Réceptionniste")
            .phone("(902) 555-1227", "")
            .job("KENTVILLE", "ADMIN", 100),
        p("MacLeod", "Heather", "heather.macleod@vallee.example.org")
            .en()
            .title("Career Practitioner")
            .phone("(902) 555-1228", "")
            .job("BERWICK", "COUNSELLOR", 100),
        p("Melanson", "Guy", "guy.melanson@vallee.example.org")
            .title("Technicien informatique")
            .phone("(902) 555-1229", "")
            .job("KENTVILLE", "ADMIN", 20),
        p("Pothier", "Lise", "lise.pothier@vallee.example.org")
            .title("Comptable")
            .phone("(902) 555-1230", "")
            .job("KENTVILLE", "ADMIN", 100),
        p("Richard", "Yvon", "yvon.richard@vallee.example.org")
            .title("Conseiller en emploi")
            .phone("(902) 555-1231", "")
            .job("WOLFVILLE", "COUNSELLOR", 100),
        p("Saulnier", "Karen", "karen.saulnier@vallee.example.org")
            .en()
            .title("Job Developer")
            .phone("(902) 555-1232", "")
            .job("BERWICK", "COORDINATOR", 100),
        p("Smith", "John", "john.smith@vallee.example.org")
            .en()
            .title("Youth Counsellor")
            .phone("(902) 555-1233", "")
            .job("WOLFVILLE", "COUNSELLOR", 100),
        p("Surette", "Marc", "marc.surette@vallee.example.org")
            .title("Conseiller jeunesse")
            .phone("(902) 555-1234", "")
            .job("KENTVILLE", "COUNSELLOR", 100),
        p("White", "Emily", "emily.white@vallee.example.org")
            .en()
            .title("Employment Counsellor")
            .phone("(902) 555-1235", "")
            .invited(Invite::Pending)
            .job("BERWICK", "COUNSELLOR", 100),
        p("Babineau", "Lucie", "lucie.babineau@vallee.example.org")
            .title("Agente d'accueil")
            .phone("(902) 555-1236", "")
            .invited(Invite::Retracted)
            .job("KENTVILLE", "ADMIN", 100),
        p("Robichaud", "Ève", "eve.robichaud@vallee.example.org")
            .title("Conseillère en emploi")
            .phone("(902) 555-1237", "")
            .job("WOLFVILLE", "COUNSELLOR", 100),
        p("Ouellette", "Denis", "denis.ouellette@vallee.example.org")
            .title("Concierge")
            .phone("(902) 555-1238", "")
            .job("KENTVILLE", "ADMIN", 50),
        p("Comeau", "Roger", "roger.comeau@vallee.example.org")
            .title("Chauffeur")
            .cell("(902) 555-8813")
            .job("KENTVILLE", "ADMIN", 30),
        p("Abel", "Josée", "josee.abel@vallee.example.org")
            .title("Ancienne conseillère")
            .phone("(902) 555-1240", "")
            .inactive()
            .job("KENTVILLE", "COUNSELLOR", 100),
        p("Amirault", "Jean", "jean.amirault@vallee.example.org")
            .en()
            .title("Former Case Manager")
            .phone("(902) 555-1241", "")
            .inactive()
            .job("WOLFVILLE", "CASE_MANAGER", 100),
        p("Cyr", "Nicole", "nicole.cyr@vallee.example.org")
            .title("Ancienne commis")
            .inactive()
            .job("BERWICK", "ADMIN", 50),
        p("Doucet", "Raymond", "raymond.doucet@vallee.example.org")
            .title("Ancien coordonnateur")
            .phone("(902) 555-1243", "")
            .inactive()
            .job("KENTVILLE", "COORDINATOR", 100),
        p("Vautour", "Hélène", "helene.vautour@vallee.example.org")
            .en()
            .title("Former Receptionist")
            .inactive()
            .job("WOLFVILLE", "ADMIN", 100),
    ]
}

fn organisation_b() -> Vec<Person> {
    vec![
        p("Pettipas", "Gilles", "gilles.pettipas@riviere.example.org")
            .title("Directeur")
            .phone("(902) 555-3435", "")
            .primary(),
        p("Muise", "André", "multi@example.org")
            .title("Administrateur")
            .phone("(902) 555-3436", "")
            .linked("multi@example.org", &["CPEP_ADMIN", "EFO_ADMIN"]),
        p("Deveau", "Colette", "colette.deveau@riviere.example.org")
            .title("Animatrice")
            .phone("(902) 555-3437", ""),
        p("Maillet", "Roland", "roland.maillet@riviere.example.org")
            .title("Trésorier")
            .cell("(902) 555-9901"),
        p("Jessome", "Carla", "carla.jessome@riviere.example.org")
            .en()
            .title("Volunteer Coordinator")
            .phone("(902) 555-3438", ""),
        p("Kenny", "Brian", "brian.kenny@riviere.example.org")
            .en()
            .title("Program Assistant")
            .phone("(902) 555-3439", "")
            .inactive(),
    ]
}

/// Seeds the demo world when the database holds no organisation, on a database [`crate::open`]
/// opened (which wrote the security-profile catalogue). Returns whether it seeded. Invitation
/// dates are relative to `now`.
pub async fn seed_if_empty(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<bool, Error> {
    if organization::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    // Hash before the transaction: argon2 takes a while and SQLite holds the write lock.
    let mut hashes = HashMap::new();
    for (email, password) in DEMO_ACCOUNTS {
        let (email, password) = (email.to_string(), password.to_string());
        let hash = crate::auth::argon2(move || crate::auth::hash_password(&password)).await;
        hashes.insert(email, hash??);
    }
    let txn = crate::begin_write(db).await?;
    let profiles: HashMap<String, i32> = security_profile::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| (p.code, p.id))
        .collect();

    let a = organization::ActiveModel {
        name: Set("Services d'emploi de la Vallée".into()),
        org_type: Set("PRIVATE_NON_PROFIT".into()),
        address: Set("123, rue Main, Kentville (N.-É.) B4N 1J5".into()),
        phone: Set("(902) 555-1212".into()),
        inactive: Set(false),
        provides_case_management: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let b = organization::ActiveModel {
        name: Set("Centre communautaire de la Rivière".into()),
        org_type: Set("PRIVATE_NON_PROFIT".into()),
        address: Set("45, chemin de la Rivière, Chéticamp (N.-É.) B0E 1H0".into()),
        phone: Set("(902) 555-3434".into()),
        inactive: Set(false),
        provides_case_management: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    for (org, code, name) in [
        (a.id, "BERWICK", "Berwick"),
        (a.id, "KENTVILLE", "Kentville"),
        (a.id, "WOLFVILLE", "Wolfville"),
        (b.id, "CHETICAMP", "Chéticamp"),
        (b.id, "MARGAREE", "Margaree"),
    ] {
        office_location::ActiveModel {
            organization_id: Set(org),
            code: Set(code.into()),
            name: Set(name.into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }

    let mut accounts: HashMap<&'static str, i32> = HashMap::new();
    let admin_email = DEMO_ACCOUNTS[0].0;
    for (org, people) in [(a.id, organisation_a()), (b.id, organisation_b())] {
        for person in people {
            let account_id = match person.account {
                Some(email) => Some(match accounts.get(email) {
                    Some(id) => *id,
                    None => {
                        let id = crate::auth::demo_account(email, hashes.get(email).cloned(), now)
                            .insert(&txn)
                            .await?
                            .id;
                        accounts.insert(email, id);
                        id
                    }
                }),
                None => None,
            };
            let start = NaiveDate::from_ymd_opt(2023, 9, 1);
            let c = contact::ActiveModel {
                organization_id: Set(org),
                last_name: Set(person.last.into()),
                first_name: Set(person.first.into()),
                last_name_key: Set(name_key(person.last)),
                first_name_key: Set(name_key(person.first)),
                email: Set(person.email.into()),
                email_key: Set(email_key(person.email)),
                title: Set(person.title.into()),
                phone: Set(person.phone.into()),
                phone_ext: Set(person.ext.into()),
                cell_phone: Set(person.cell.into()),
                language: Set(person.lang),
                active: Set(person.active),
                is_primary: Set(person.primary),
                office_location: Set(person.office.into()),
                fte_hundredths: Set(person.fte),
                start_date: Set(start),
                end_date: Set(None),
                position_type: Set(person.position.into()),
                account_id: Set(account_id),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for code in person.profiles {
                contact_profile::ActiveModel {
                    contact_id: Set(c.id),
                    profile_id: Set(profiles[*code]),
                }
                .insert(&txn)
                .await?;
            }
            if let Some(invite) = person.invitation {
                let sender = accounts.get(admin_email).copied();
                let (status, sent_at) = match invite {
                    Invite::Pending => (Status::Pending, now),
                    Invite::Expired => (Status::Expired, now - Days::new(45)),
                    Invite::Retracted => (Status::Retracted, now - Days::new(10)),
                };
                let inv = invitation::ActiveModel {
                    contact_id: Set(c.id),
                    status: Set(status),
                    sent_at: Set(sent_at),
                    expires_at: Set(sent_at + Days::new(30)),
                    // The demo invitations' links were never sent: their hashes match no token.
                    token_hash: Set(format!("demo-{}-{}", c.id, status.to_value())),
                    message: Set(String::new()),
                    sent_by: Set(sender),
                    closed_by: Set(matches!(invite, Invite::Retracted)
                        .then_some(sender)
                        .flatten()),
                    closed_at: Set(matches!(invite, Invite::Retracted).then_some(now)),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                invitation_profile::ActiveModel {
                    invitation_id: Set(inv.id),
                    profile_id: Set(profiles["EFO_USER"]),
                }
                .insert(&txn)
                .await?;
                // Its history, as the app would have written it.
                let sent = [
                    change("email", "", person.email),
                    change("profiles", "", "EFO_USER"),
                ];
                record(&txn, &c, sender, sent_at, Kind::InvitationSent, &sent).await?;
                let closed = |to: Status| {
                    [change(
                        "invitation",
                        Status::Pending.to_value(),
                        to.to_value(),
                    )]
                };
                match invite {
                    Invite::Pending => {}
                    Invite::Expired => {
                        let at = sent_at + Days::new(30);
                        let changes = closed(Status::Expired);
                        record(&txn, &c, None, at, Kind::InvitationExpired, &changes).await?;
                    }
                    Invite::Retracted => {
                        let changes = closed(Status::Retracted);
                        record(&txn, &c, sender, now, Kind::InvitationRetracted, &changes).await?;
                    }
                }
            }
        }
    }
    txn.commit().await?;
    Ok(true)
}
