//! Measures the contacts list of the demo administrators' organisation on a large world (see
//! `db::generate`), for each filter shape, on each database given:
//! - the SQL floor: the statements the list runs, replayed on one connection without the app;
//! - `list_contacts` over HTTP, one call at a time: latency and server CPU per call;
//! - the whole page (server-side rendering) under 16 concurrent connections: requests/s,
//!   p50, p99, server CPU per request, HTML bytes and the server's memory;
//! - the query plans.
//!
//! It starts the release server itself on a free loopback port for each database, and writes
//! a Markdown report. See the README's section on benchmarks for the whole command.

mod plans;
mod record;
mod report;

use bench::{load, process};

use db::contacts::ListQuery;
use db::entity::{account, contact, organization, security_profile};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::process::ExitCode;
use std::time::Duration;

/// The organisation measured: the demo administrators'.
const ORGANIZATION: &str = "Services d'emploi de la Vallée";
const ADMIN: (&str, &str) = ("admin@example.org", "demo-admin-2026");

/// One filter shape: its URL parameters (the page's and `list_contacts`'), and the same query
/// as the data layer takes it.
pub struct Shape {
    pub name: &'static str,
    pub params: Vec<(&'static str, String)>,
    pub query: ListQuery,
}

pub struct Settings {
    pub urls: Vec<String>,
    pub server: String,
    pub output: String,
    pub seconds: u64,
    pub calls: usize,
    /// Only the default view, each database a row of one table: how the cost grows with the
    /// world and with the organisation (`--growth`).
    pub growth: bool,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: bench [--growth] [--seconds N] [--calls N] [--server PATH] [--output FILE] DATABASE_URL...\n\
         (run from the repository root, after the release build and `generate`)"
    );
    ExitCode::FAILURE
}

fn settings() -> Option<Settings> {
    let mut settings = Settings {
        urls: Vec::new(),
        server: "target/release/server".into(),
        output: String::new(),
        seconds: 5,
        calls: 200,
        growth: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => settings.seconds = args.next()?.parse().ok()?,
            "--calls" => settings.calls = args.next()?.parse().ok()?,
            "--server" => settings.server = args.next()?,
            "--output" => settings.output = args.next()?,
            "--growth" => settings.growth = true,
            url if !url.starts_with("--") => settings.urls.push(url.to_owned()),
            _ => return None,
        }
    }
    if settings.output.is_empty() {
        settings.output = if settings.growth {
            "docs/growth.md"
        } else {
            "docs/benchmarks.md"
        }
        .into();
    }
    (!settings.urls.is_empty() && settings.seconds > 0 && settings.calls > 0).then_some(settings)
}

/// The filter shapes, with search values taken from the organisation's own rows (the same on
/// every run of the same generated world).
async fn shapes(db: &DatabaseConnection, organization_id: i32) -> Result<Vec<Shape>, String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let size = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .count(db)
        .await
        .map_err(err)?;
    let middle = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .filter(contact::Column::Email.ne(""))
        .order_by_asc(contact::Column::Id)
        .offset(size / 2)
        .one(db)
        .await
        .map_err(err)?
        .ok_or("the organisation has no contact with an email")?;
    let with_account = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(organization_id))
        .filter(contact::Column::AccountId.is_not_null())
        .order_by_asc(contact::Column::Id)
        .offset(size / 4)
        .one(db)
        .await
        .map_err(err)?
        .ok_or("the organisation has no contact with access")?;
    let user_id = account::Entity::find_by_id(with_account.account_id.unwrap_or_default())
        .one(db)
        .await
        .map_err(err)?
        .ok_or("a contact's account is missing")?
        .username;
    let profile = security_profile::Entity::find()
        .filter(security_profile::Column::Code.eq("EFO_USER"))
        .one(db)
        .await
        .map_err(err)?
        .ok_or("no EFO_USER profile")?
        .id;
    let prefix = |key: &str| key.chars().take(3).collect::<String>();
    let last_name = prefix(&middle.last_name_key);
    let first_name = prefix(&middle.first_name_key);
    // A part of an email as an administrator would type it: the middle of its local part.
    let email: String = middle.email_key.chars().skip(2).take(5).collect();
    let base = ListQuery {
        organization_id,
        active_only: true,
        page_size: 10,
        ..Default::default()
    };
    let shape = |name, params: Vec<(&'static str, String)>, query: ListQuery| Shape {
        name,
        params,
        query,
    };
    Ok(vec![
        shape("default view (active, primary first)", vec![], base.clone()),
        shape(
            "all contacts",
            vec![("active", "0".into())],
            ListQuery {
                active_only: false,
                ..base.clone()
            },
        ),
        shape(
            "last-name prefix",
            vec![("last_name", last_name.clone())],
            ListQuery {
                last_name,
                ..base.clone()
            },
        ),
        shape(
            "first-name prefix",
            vec![("first_name", first_name.clone())],
            ListQuery {
                first_name,
                ..base.clone()
            },
        ),
        shape(
            "email substring",
            vec![("email", email.clone())],
            ListQuery {
                email,
                ..base.clone()
            },
        ),
        shape(
            "user ID",
            vec![("user_id", user_id.clone())],
            ListQuery {
                user_id,
                ..base.clone()
            },
        ),
        shape(
            "profile",
            vec![("profile", profile.to_string())],
            ListQuery {
                profile_id: Some(profile),
                ..base.clone()
            },
        ),
        shape(
            "LaMPSS access only",
            vec![("access", "1".into())],
            ListQuery {
                with_access: true,
                ..base.clone()
            },
        ),
        shape(
            "page 100 of the default view",
            vec![("page", "100".into())],
            ListQuery { page: 99, ..base },
        ),
    ])
}

/// Everything measured on one database.
pub struct Measured {
    pub database: String,
    pub organizations: u64,
    pub contacts: u64,
    pub organization_size: u64,
    pub shapes: Vec<ShapeFigures>,
    pub rss_max_kb: u64,
}

pub struct ShapeFigures {
    pub name: &'static str,
    pub params: String,
    pub total: u64,
    pub floor_ms: f64,
    pub call: load::Figures,
    pub call_cpu_ms: f64,
    pub page: load::Figures,
    pub page_cpu_ms: f64,
    pub page_bytes: usize,
    pub plans: Vec<plans::Plan>,
}

async fn measure(settings: &Settings, url: &str) -> Result<Measured, String> {
    let db = db::open(url).await.map_err(|e| e.to_string())?;
    let err = |e: sea_orm::DbErr| e.to_string();
    let organization = organization::Entity::find()
        .filter(organization::Column::Name.eq(ORGANIZATION))
        .one(&db)
        .await
        .map_err(err)?
        .ok_or("no demo organisation: seed the database with `generate` first")?;
    let organizations = organization::Entity::find().count(&db).await.map_err(err)?;
    let contacts = contact::Entity::find().count(&db).await.map_err(err)?;
    let organization_size = contact::Entity::find()
        .filter(contact::Column::OrganizationId.eq(organization.id))
        .count(&db)
        .await
        .map_err(err)?;
    let mut shapes = shapes(&db, organization.id).await?;
    if settings.growth {
        shapes.truncate(1);
    }
    eprintln!(
        "{}: {organizations} organisations, {contacts} contacts, {organization_size} in the one measured",
        db::describe_url(url)
    );

    let server = process::Server::start(&settings.server, url).await?;
    let client = server.signed_in(ADMIN).await?;
    // A server just started opens its database connections (a thread each, on SQLite) and
    // fills its caches on its first requests: they are not measured.
    load::calls(
        &client,
        &server.url("/api/list_contacts"),
        &serde_json::json!({ "query": {} }),
        settings.calls,
    )
    .await?;
    load::pages(
        &client,
        &server.url("/organization/contacts"),
        16,
        Duration::from_secs(2),
        || 0,
    )
    .await?;
    let mut figures = Vec::new();
    let mut rss_max_kb = 0;
    for shape in &shapes {
        eprintln!("  {}", shape.name);
        let (statements, total) = record::statements(&db, &shape.query).await?;
        let floor_ms = record::floor(&db, &statements, settings.calls).await?;
        let plans = plans::of(&db, &statements).await;

        let query: serde_json::Map<String, serde_json::Value> = shape
            .params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone().into()))
            .collect();
        let body = serde_json::json!({ "query": query });
        let cpu = server.cpu();
        let call = load::calls(
            &client,
            &server.url("/api/list_contacts"),
            &body,
            settings.calls,
        )
        .await?;
        let call_cpu_ms = (server.cpu() - cpu).as_secs_f64() * 1000.0 / call.count as f64;

        let page_url =
            reqwest::Url::parse_with_params(&server.url("/organization/contacts"), &shape.params)
                .map_err(|e| e.to_string())?;
        let cpu = server.cpu();
        let (page, page_bytes, rss) = load::pages(
            &client,
            page_url.as_str(),
            16,
            Duration::from_secs(settings.seconds),
            || server.rss_kb(),
        )
        .await?;
        let page_cpu_ms = (server.cpu() - cpu).as_secs_f64() * 1000.0 / page.count as f64;
        rss_max_kb = rss_max_kb.max(rss);
        figures.push(ShapeFigures {
            name: shape.name,
            params: query_string(shape),
            total,
            floor_ms,
            call,
            call_cpu_ms,
            page,
            page_cpu_ms,
            page_bytes,
            plans,
        });
    }
    rss_max_kb = rss_max_kb.max(server.peak_rss_kb());
    Ok(Measured {
        database: db::describe_url(url),
        organizations,
        contacts,
        organization_size,
        shapes: figures,
        rss_max_kb,
    })
}

/// The shape's parameters as its page's URL shows them (for the report).
fn query_string(shape: &Shape) -> String {
    let pairs: Vec<String> = shape
        .params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let Some(settings) = settings() else {
        return usage();
    };
    let mut all = Vec::new();
    for url in &settings.urls {
        match measure(&settings, url).await {
            Ok(measured) => all.push(measured),
            Err(err) => {
                eprintln!("error: {}: {err}", db::describe_url(url));
                return ExitCode::FAILURE;
            }
        }
    }
    let text = if settings.growth {
        report::growth(&settings, &all)
    } else {
        report::markdown(&settings, &all)
    };
    if let Err(err) = std::fs::write(&settings.output, text) {
        eprintln!("error: cannot write {}: {err}", settings.output);
        return ExitCode::FAILURE;
    }
    eprintln!("written to {}", settings.output);
    ExitCode::SUCCESS
}
