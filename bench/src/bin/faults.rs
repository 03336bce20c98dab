//! Load and faults: many signed-in administrators at once, then the server killed in the
//! middle of such a load, on each database given.
//!
//! For each database (emptied first; the server seeds the demo world into it), with the mail
//! worker delivering to an SMTP server of this program's own:
//! 1. `--sessions` sessions sign in (seven in ten as the administrator of « Services d'emploi
//!    de la Vallée », the others as the one of « Centre communautaire de la Rivière ») and each
//!    adds two contacts of its own;
//! 2. **load**: for `--seconds`, each session in a loop lists contacts with a random filter
//!    (80 %), edits the title of one of its contacts (15 %; reading it first when an invitation
//!    moved its version) or sends or retracts its invitation (5 %). Every answer must be a
//!    success: any other is an error. Then the outbox is left to drain and the database is
//!    checked ([`bench::check`]), and every email delivered is matched with the mail server's
//!    copies by Message-ID;
//! 3. **crash**: the same load, and halfway through the server is killed (SIGKILL); it is
//!    started again on the same database, the checks run again, and every write a session saw
//!    acknowledged is looked for: the contacts added, the last title saved (or the one in
//!    flight at the kill), the invitations sent. The emails queued before the kill must all
//!    be delivered, each once; an email the mail server accepted in the moment between its
//!    answer and the outbox's record of it is sent again with its Message-ID, and reported.
//!
//! Loopback only; bounded by `--seconds` (and at most three minutes of waiting for the
//! outbox after the restart: a message the killed server had taken is retried when its
//! two-minute lease ends). Writes a Markdown report (`--output`). See the README's « Load and
//! faults ».

use bench::check;
use bench::load::percentile;
use bench::process::Server;
use db::entity::{contact, security_profile};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const ADMINS: [(&str, &str); 2] = [
    ("admin@example.org", "demo-admin-2026"),
    ("multi@example.org", "demo-multi-2026"),
];
/// The list filters a session picks from, as `list_contacts` takes them.
const FILTERS: [&str; 7] = [
    r#"{}"#,
    r#"{"last_name": "Charge"}"#,
    r#"{"active": "0"}"#,
    r#"{"access": "1"}"#,
    r#"{"page": "2"}"#,
    r#"{"email": "load"}"#,
    r#"{"first_name": "a", "active": "0"}"#,
];

struct Settings {
    urls: Vec<String>,
    server: String,
    output: String,
    seconds: u64,
    sessions: usize,
}

fn settings() -> Option<Settings> {
    let mut settings = Settings {
        urls: Vec::new(),
        server: "target/release/server".into(),
        output: "docs/load.md".into(),
        seconds: 60,
        sessions: 200,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => settings.seconds = args.next()?.parse().ok()?,
            "--sessions" => settings.sessions = args.next()?.parse().ok()?,
            "--server" => settings.server = args.next()?,
            "--output" => settings.output = args.next()?,
            url if !url.starts_with("--") => settings.urls.push(url.to_owned()),
            _ => return None,
        }
    }
    (!settings.urls.is_empty() && settings.seconds > 1 && settings.sessions > 0).then_some(settings)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    List,
    Edit,
    Invitation,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::List => "list (80 %)",
            Kind::Edit => "edit (15 %)",
            Kind::Invitation => "invitation (5 %)",
        }
    }
}

/// One of a session's own contacts, as the session last saw it acknowledged.
#[derive(Clone, Debug)]
struct Own {
    id: i32,
    /// `None` once an invitation moved it: read again before the next edit.
    version: Option<i32>,
    input: Value,
    title: String,
    /// The title of a save sent and not answered when the server was killed.
    title_in_flight: Option<String>,
    invited: bool,
    invitations_sent: usize,
}

struct Session {
    n: usize,
    client: reqwest::Client,
    base: String,
    contacts: Vec<Own>,
    random: u64,
    profile: i32,
}

/// What a run of sessions saw.
#[derive(Default)]
struct Seen {
    latencies: HashMap<Kind, Vec<f64>>,
    errors: Vec<String>,
    /// Requests under way when the server was killed.
    cut: usize,
    elapsed: Duration,
}

impl Session {
    fn next(&mut self) -> u64 {
        // xorshift64*: a different, repeatable sequence for each session.
        self.random ^= self.random >> 12;
        self.random ^= self.random << 25;
        self.random ^= self.random >> 27;
        self.random.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    async fn call(&self, endpoint: &str, body: Body<'_>) -> Result<Value, Failure> {
        let req = self.client.post(format!("{}/api/{endpoint}", self.base));
        let req = match body {
            Body::Json(value) => req.json(value),
            Body::Form(form) => req.form(form),
        };
        let res = req
            .send()
            .await
            .map_err(|e| Failure::Transport(e.to_string()))?;
        let status = res.status();
        let text = res
            .text()
            .await
            .map_err(|e| Failure::Transport(e.to_string()))?;
        if !status.is_success() {
            let text: String = text.chars().take(200).collect();
            return Err(Failure::Answer(format!("{endpoint}: {status}: {text}")));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Adds a contact of the session's own, as the organisation's form requires it.
    async fn add_contact(&mut self, run: &str, k: usize) -> Result<(), Failure> {
        let form = self.call("new_contact_form", Body::Form(&[])).await?;
        let mut input = json!({
            "last_name": format!("Charge{}", self.n),
            "first_name": format!("Essai{k}"),
            "email": format!("load.{run}.{}.{k}@load.example.org", self.n),
            "title": "",
            "language": if k.is_multiple_of(2) { "fr" } else { "en" },
            "active": true,
            "is_primary": false,
        });
        if form["requires_job"] == true {
            input["office_location"] = form["office_locations"][0]["code"].clone();
            input["fte"] = json!("1");
            input["position_type"] = json!("COUNSELLOR");
        }
        let id = self
            .call("create_contact", Body::Json(&json!({ "input": input })))
            .await?;
        let id = id
            .as_i64()
            .ok_or_else(|| Failure::Answer(format!("create_contact answered {id}")))?;
        self.contacts.push(Own {
            id: id as i32,
            version: Some(1),
            input,
            title: String::new(),
            title_in_flight: None,
            invited: false,
            invitations_sent: 0,
        });
        Ok(())
    }

    async fn list(&mut self) -> Result<(), Failure> {
        let filter = FILTERS[(self.next() % FILTERS.len() as u64) as usize];
        let query: Value = serde_json::from_str(filter).unwrap_or_default();
        let page = self
            .call("list_contacts", Body::Json(&json!({ "query": query })))
            .await?;
        if page["rows"].is_array() {
            Ok(())
        } else {
            Err(Failure::Answer(format!("list_contacts answered {page}")))
        }
    }

    async fn edit(&mut self, counter: usize) -> Result<(), Failure> {
        let which = (self.next() % self.contacts.len() as u64) as usize;
        let id = self.contacts[which].id;
        let version = match self.contacts[which].version {
            Some(version) => version,
            None => {
                let details = self
                    .call("get_contact", Body::Form(&[("id", id.to_string())]))
                    .await?;
                details["version"]
                    .as_i64()
                    .ok_or_else(|| Failure::Answer(format!("get_contact answered {details}")))?
                    as i32
            }
        };
        let title = format!("Titre {}-{counter}", self.n);
        let mut input = self.contacts[which].input.clone();
        input["title"] = json!(title);
        self.contacts[which].title_in_flight = Some(title.clone());
        let saved = self
            .call(
                "update_contact",
                Body::Json(&json!({ "id": id, "version": version, "input": input })),
            )
            .await?;
        let own = &mut self.contacts[which];
        own.title_in_flight = None;
        own.title = title;
        own.input = input;
        own.version = saved["version"].as_i64().map(|v| v as i32);
        Ok(())
    }

    async fn invitation(&mut self) -> Result<(), Failure> {
        let which = (self.next() % self.contacts.len() as u64) as usize;
        let own = self.contacts[which].clone();
        if own.invited {
            self.call(
                "retract_invitation",
                Body::Form(&[("id", own.id.to_string())]),
            )
            .await?;
        } else {
            let invite = json!({ "profiles": [self.profile], "message": "Bienvenue" });
            self.call(
                "send_invitation",
                Body::Json(&json!({ "id": own.id, "invite": invite })),
            )
            .await?;
        }
        let own = &mut self.contacts[which];
        if !own.invited {
            own.invitations_sent += 1;
        }
        own.invited = !own.invited;
        own.version = None;
        Ok(())
    }
}

enum Body<'a> {
    Json(&'a Value),
    Form(&'a [(&'a str, String)]),
}

#[derive(Debug)]
enum Failure {
    /// No answer, or an answer cut short.
    Transport(String),
    /// An answer other than a success.
    Answer(String),
}

/// Runs every session for `duration`; when `killed` turns true, a request that gets no answer
/// ends its session and counts as cut, not as an error.
async fn run(
    sessions: Vec<Session>,
    duration: Duration,
    killed: Arc<AtomicBool>,
) -> (Vec<Session>, Seen) {
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = sessions
        .into_iter()
        .map(|mut session| {
            let killed = killed.clone();
            tokio::spawn(async move {
                let mut seen = Seen::default();
                let mut counter = 0;
                while Instant::now() < deadline {
                    counter += 1;
                    let roll = session.next() % 100;
                    let kind = match roll {
                        0..80 => Kind::List,
                        80..95 => Kind::Edit,
                        _ => Kind::Invitation,
                    };
                    let began = Instant::now();
                    let outcome = match kind {
                        Kind::List => session.list().await,
                        Kind::Edit => session.edit(counter).await,
                        Kind::Invitation => session.invitation().await,
                    };
                    match outcome {
                        Ok(()) => seen
                            .latencies
                            .entry(kind)
                            .or_default()
                            .push(began.elapsed().as_secs_f64() * 1000.0),
                        Err(Failure::Transport(_)) if killed.load(Ordering::SeqCst) => {
                            seen.cut += 1;
                            break;
                        }
                        Err(Failure::Transport(e)) | Err(Failure::Answer(e)) => {
                            seen.errors.push(format!("session {}: {e}", session.n))
                        }
                    }
                }
                (session, seen)
            })
        })
        .collect();
    let mut all = Seen::default();
    let mut sessions = Vec::new();
    for task in tasks {
        let Ok((session, seen)) = task.await else {
            all.errors.push("a session panicked".into());
            continue;
        };
        for (kind, latencies) in seen.latencies {
            all.latencies.entry(kind).or_default().extend(latencies);
        }
        all.errors.extend(seen.errors);
        all.cut += seen.cut;
        sessions.push(session);
    }
    all.elapsed = start.elapsed();
    (sessions, all)
}

/// Empties the database at `url`: a new SQLite file, or the PostgreSQL database dropped and
/// created again.
async fn empty_database(url: &str) -> Result<(), String> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{path}{suffix}"));
        }
        if let Some(dir) = std::path::Path::new(path).parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        return Ok(());
    }
    let (server, name) = url
        .rsplit_once('/')
        .ok_or("a PostgreSQL URL names its database")?;
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "{name}: a database name of letters, digits and _ only"
        ));
    }
    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .map_err(|e| e.to_string())?;
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        admin
            .execute_unprepared(&sql)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

async fn sign_in_all(server: &Server, count: usize, profile: i32) -> Result<Vec<Session>, String> {
    let mut sessions = Vec::with_capacity(count);
    for n in 0..count {
        let admin = ADMINS[usize::from(n % 10 >= 7)];
        let client = server.signed_in(admin).await?;
        sessions.push(Session {
            n,
            client,
            base: server.url(""),
            contacts: Vec::new(),
            random: 0x9e37_79b9_7f4a_7c15 ^ (n as u64 + 1).wrapping_mul(0xff51_afd7_ed55_8ccd),
            profile,
        });
    }
    Ok(sessions)
}

/// Waits until the outbox has nothing left to deliver, at most `limit`.
async fn drained(db: &DatabaseConnection, limit: Duration) -> Result<(usize, Duration), String> {
    let start = Instant::now();
    loop {
        let left = check::undelivered(db).await?;
        if left == 0 || start.elapsed() > limit {
            return Ok((left, start.elapsed()));
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// Every write the sessions saw acknowledged, looked for in the database.
async fn acknowledged(
    db: &DatabaseConnection,
    sessions: &[Session],
) -> Result<Vec<String>, String> {
    let mut missing = Vec::new();
    for own in sessions.iter().flat_map(|s| &s.contacts) {
        let Some(found) = contact::Entity::find_by_id(own.id)
            .one(db)
            .await
            .map_err(|e| e.to_string())?
        else {
            missing.push(format!("contact {} added, not found", own.id));
            continue;
        };
        let titles = [Some(&own.title), own.title_in_flight.as_ref()];
        if !titles.contains(&Some(&found.title)) {
            missing.push(format!(
                "contact {}: title {:?}, saved {:?}",
                own.id, found.title, own.title
            ));
        }
        let invitations = db::entity::invitation::Entity::find()
            .filter(db::entity::invitation::Column::ContactId.eq(own.id))
            .all(db)
            .await
            .map_err(|e| e.to_string())?
            .len();
        if invitations < own.invitations_sent {
            missing.push(format!(
                "contact {}: {} invitations sent, {invitations} found",
                own.id, own.invitations_sent
            ));
        }
    }
    Ok(missing)
}

fn figures(out: &mut String, seen: &Seen) {
    let total: usize = seen.latencies.values().map(Vec::len).sum();
    out.push_str(&format!(
        "{total} requests in {:.1} s ({:.0}/s); **{} errors**{}\n\n",
        seen.elapsed.as_secs_f64(),
        total as f64 / seen.elapsed.as_secs_f64(),
        seen.errors.len(),
        if seen.cut > 0 {
            format!("; {} requests cut by the kill", seen.cut)
        } else {
            String::new()
        }
    ));
    out.push_str("| kind | requests | p50 (ms) | p99 (ms) |\n| --- | ---: | ---: | ---: |\n");
    let mut kinds: Vec<_> = seen.latencies.iter().collect();
    kinds.sort_by_key(|(kind, _)| **kind);
    for (kind, latencies) in kinds {
        let mut latencies = latencies.clone();
        out.push_str(&format!(
            "| {} | {} | {:.1} | {:.1} |\n",
            kind.name(),
            latencies.len(),
            percentile(&mut latencies, 50.0),
            percentile(&mut latencies, 99.0)
        ));
    }
    for error in seen.errors.iter().take(10) {
        out.push_str(&format!("\n- error: {error}"));
    }
    out.push('\n');
}

fn checks(out: &mut String, report: &check::Report) {
    for rule in &report.held {
        out.push_str(&format!("- holds: {rule}\n"));
    }
    for rule in &report.broken {
        out.push_str(&format!("- **broken**: {rule}\n"));
    }
}

/// Both phases on one database; the report's section, and whether everything held.
async fn measure(settings: &Settings, url: &str) -> Result<(String, bool), String> {
    let backend = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    eprintln!("{backend}: emptying {url}");
    empty_database(url).await?;
    // A mail server that takes a while to accept each message, so that emails wait in the
    // outbox during the load and one is in the worker's hands when the server is killed.
    let sink = db::testing::SmtpSink::accepting_after(Duration::from_millis(50));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let smtp = format!(
        "smtp://{}",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    sink.serve(listener);
    let env = [("SMTP_URL", smtp)];
    let server = Server::start_with(&settings.server, url, &env).await?;
    let db = Database::connect(url).await.map_err(|e| e.to_string())?;
    let seeded = check::Seeded::read(&db).await?;
    let profile = security_profile::Entity::find()
        .filter(security_profile::Column::Code.eq("EFO_USER"))
        .one(&db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no EFO_USER profile")?
        .id;

    eprintln!("{backend}: signing in {} sessions", settings.sessions);
    let mut sessions = sign_in_all(&server, settings.sessions, profile).await?;
    for session in &mut sessions {
        for k in 0..2 {
            session
                .add_contact("load", k)
                .await
                .map_err(|e| format!("adding a contact: {e:?}"))?;
        }
    }
    let mut ok = true;
    let mut out = format!("## {backend}\n\n### Load\n\n");
    eprintln!("{backend}: load for {} s", settings.seconds);
    let duration = Duration::from_secs(settings.seconds);
    let (sessions, seen) = run(sessions, duration, Arc::new(AtomicBool::new(false))).await;
    ok &= seen.errors.is_empty();
    figures(&mut out, &seen);
    let (left, waited) = drained(&db, Duration::from_secs(120)).await?;
    let report = check::database(&db, &seeded).await?;
    let (delivered, never, twice) = check::deliveries(&db, &sink.received()).await?;
    ok &= report.broken.is_empty() && left == 0 && never.is_empty() && twice.is_empty();
    out.push_str(&format!(
        "\nThe outbox drained in {:.1} s ({left} left): {delivered} emails delivered, {} never \
         received, {} received twice.\n\n",
        waited.as_secs_f64(),
        never.len(),
        twice.len()
    ));
    checks(&mut out, &report);

    eprintln!(
        "{backend}: load again, killed after {} s",
        settings.seconds / 2
    );
    let killed = Arc::new(AtomicBool::new(false));
    let running = tokio::spawn(run(sessions, duration, killed.clone()));
    tokio::time::sleep(duration / 2).await;
    killed.store(true, Ordering::SeqCst);
    server.kill().await?;
    let (sessions, seen) = running.await.map_err(|e| e.to_string())?;
    ok &= seen.errors.is_empty();
    out.push_str("\n### Killed halfway (SIGKILL), then started again\n\n");
    figures(&mut out, &seen);
    let queued = check::undelivered(&db).await?;
    let restarted = Instant::now();
    let server = Server::start_with(&settings.server, url, &env).await?;
    let started = restarted.elapsed();
    let report = check::database(&db, &seeded).await?;
    let lost = acknowledged(&db, &sessions).await?;
    let (left, waited) = drained(&db, Duration::from_secs(180)).await?;
    let (delivered, never, twice) = check::deliveries(&db, &sink.received()).await?;
    // An email the mail server accepted just before the kill, which the outbox had not yet
    // recorded, is sent again after the restart with the same Message-ID: reported, and not a
    // failure, as no mail client can tell the mail server it already has it.
    ok &= report.broken.is_empty() && lost.is_empty() && left == 0 && never.is_empty();
    out.push_str(&format!(
        "\nStarted again in {:.1} s. {queued} emails were waiting in the outbox at the kill; \
         after the restart the outbox drained in {:.1} s ({left} left): {delivered} emails \
         delivered in all, {} never received, {} received twice.\n\n",
        started.as_secs_f64(),
        waited.as_secs_f64(),
        never.len(),
        twice.len()
    ));
    checks(&mut out, &report);
    let writes: usize = sessions.iter().map(|s| s.contacts.len()).sum();
    if lost.is_empty() {
        out.push_str(&format!(
            "- holds: every acknowledged write is there ({writes} contacts added, their last \
             saved titles, their invitations)\n"
        ));
    } else {
        for missing in lost.iter().take(10) {
            out.push_str(&format!("- **lost**: {missing}\n"));
        }
    }
    for problem in never.iter().take(10) {
        out.push_str(&format!("- **mail**: {problem}\n"));
    }
    for copy in twice.iter().take(10) {
        out.push_str(&format!(
            "- sent again after the restart, with its Message-ID: {copy} (the mail server had \
             accepted it just before the kill, before the outbox recorded it)\n"
        ));
    }
    drop(server);
    Ok((out, ok))
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(settings) = settings() else {
        eprintln!(
            "usage: faults [--seconds N] [--sessions N] [--server PATH] [--output FILE] \
             DATABASE_URL...\n(run from the repository root, after the release build)"
        );
        return ExitCode::FAILURE;
    };
    let mut report = format!(
        "# Load and faults\n\nWritten by `scripts/load.sh`: {} sessions, {} s of load, then the \
         same load killed halfway, on this machine (release build, loopback).\n\n",
        settings.sessions, settings.seconds
    );
    let mut all_ok = true;
    for url in &settings.urls {
        match measure(&settings, url).await {
            Ok((section, ok)) => {
                eprintln!("{section}");
                report.push_str(&section);
                report.push('\n');
                all_ok &= ok;
            }
            Err(error) => {
                eprintln!("{url}: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = std::fs::write(&settings.output, report) {
        eprintln!("{}: {e}", settings.output);
        return ExitCode::FAILURE;
    }
    eprintln!("written to {}", settings.output);
    if all_ok {
        ExitCode::SUCCESS
    } else {
        eprintln!("errors, broken rules or lost writes: see the report");
        ExitCode::FAILURE
    }
}
