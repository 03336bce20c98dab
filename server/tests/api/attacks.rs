//! The attack table: every server function the server registers, against every kind of
//! attack that applies to it, over HTTP. Each refused write is shown to have written nothing:
//! the rows of every table, and every contact's version, access and state, are the same
//! before and after. A server function missing from the table fails the test.

use crate::helpers::*;
use db::entity::{
    account, contact, contact_event, contact_profile, invitation, invitation_profile,
    office_location, organization, outbox_message, security_profile,
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// Who may call a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// Anyone (signing in, an invitation's page).
    Public,
    /// A signed-in member of the organisation, read-only members included.
    Member,
    /// An administrator of the organisation.
    Admin,
}

/// What a call of the function sends.
enum Input {
    /// No arguments.
    Nothing,
    Json(Value),
    Form(Vec<(&'static str, String)>),
    /// Arguments in the query string (`GET`).
    Query,
}

struct Target {
    path: &'static str,
    access: Access,
    input: Input,
    /// Whether the arguments name a contact of the organisation attacked (another
    /// organisation's administrator then gets 404).
    names_a_contact: bool,
}

/// The demo world's ids the calls name.
struct Ids {
    /// Nadine Doiron: a pending invitation.
    pending: i32,
    /// Luc LeBlanc: portal access, no administrator profile.
    linked: contact::Model,
    /// Denise Gallant: neither access nor invitation.
    uninvited: i32,
    /// Paul Zwicker: an expired invitation.
    expired: i32,
    /// GEC_CASE, which only an administrator of GEC grants.
    gec_case: i32,
}

fn contact_input() -> Value {
    json!({
        "last_name": "Boutilier",
        "first_name": "Élise",
        "email": "elise.boutilier@example.org",
        "language": "fr",
        "active": true,
        "is_primary": false,
        "office_location": "KENTVILLE",
        "fte": "0,5",
        "position_type": "COUNSELLOR",
    })
}

fn invite(profile: i32) -> Value {
    json!({ "profiles": [profile], "message": "" })
}

fn table(ids: &Ids) -> Vec<Target> {
    use Access::*;
    let id = |id: i32| vec![("id", id.to_string())];
    let target = |path: &'static str, access, input, names_a_contact| Target {
        path,
        access,
        input,
        names_a_contact,
    };
    let linked = &ids.linked;
    vec![
        target(
            "/api/sign_in",
            Public,
            Input::Form(vec![
                ("email", "nobody@example.org".into()),
                ("password", "wrong".into()),
            ]),
            false,
        ),
        target("/api/available_sign_in", Public, Input::Nothing, false),
        target("/api/oidc_sign_in", Public, Input::Form(vec![]), false),
        target("/auth/callback", Public, Input::Query, false),
        target("/api/sign_out", Public, Input::Nothing, false),
        target(
            "/api/switch_organization",
            Member,
            Input::Form(vec![(
                "organization_id",
                linked.organization_id.to_string(),
            )]),
            false,
        ),
        target("/api/current_session", Public, Input::Nothing, false),
        target(
            "/api/list_contacts",
            Member,
            Input::Json(json!({ "query": {} })),
            false,
        ),
        target(
            "/api/activity_log",
            Admin,
            Input::Json(json!({ "query": {} })),
            false,
        ),
        target("/api/new_contact_form", Admin, Input::Nothing, false),
        target("/api/get_contact", Member, Input::Form(id(linked.id)), true),
        target(
            "/api/create_contact",
            Admin,
            Input::Json(json!({ "input": contact_input() })),
            false,
        ),
        target(
            "/api/update_contact",
            Admin,
            Input::Json(json!({
                "id": linked.id,
                "version": linked.version,
                "input": contact_input(),
            })),
            true,
        ),
        target(
            "/api/post_contact_form",
            Admin,
            Input::Form(vec![
                ("contact", linked.id.to_string()),
                ("version", linked.version.to_string()),
                ("last_name", "LeBlanc".into()),
                ("first_name", "Luc".into()),
                ("email", "x@example.org".into()),
                ("language", "fr".into()),
                ("active", "on".into()),
                ("confirmed", "1".into()),
            ]),
            true,
        ),
        target(
            "/api/retract_invitation",
            Admin,
            Input::Form(id(ids.pending)),
            true,
        ),
        target(
            "/api/remove_access",
            Admin,
            Input::Form(id(linked.id)),
            true,
        ),
        target(
            "/api/invitation_form",
            Admin,
            Input::Json(json!({ "id": ids.uninvited })),
            true,
        ),
        target(
            "/api/send_invitation",
            Admin,
            Input::Json(json!({ "id": ids.uninvited, "invite": invite(ids.gec_case) })),
            true,
        ),
        target(
            "/api/create_contact_with_access",
            Admin,
            Input::Json(json!({ "input": contact_input(), "invite": invite(ids.gec_case) })),
            false,
        ),
        target(
            "/api/post_invitation",
            Admin,
            Input::Form(vec![
                ("id", ids.uninvited.to_string()),
                ("profiles[]", ids.gec_case.to_string()),
                ("confirmed", "1".into()),
            ]),
            true,
        ),
        target(
            "/api/resend_invitation",
            Admin,
            Input::Form(id(ids.expired)),
            true,
        ),
        target(
            "/api/open_invitation",
            Public,
            Input::Form(vec![("token", "not-a-token".into())]),
            false,
        ),
        target(
            "/api/accept_invitation",
            Public,
            Input::Form(vec![("token", "not-a-token".into())]),
            false,
        ),
        target(
            "/api/oidc_accept_invitation",
            Public,
            Input::Form(vec![("token", "not-a-token".into())]),
            false,
        ),
        target("/api/sent_mail", Member, Input::Nothing, false),
        target("/api/get_organization", Member, Input::Nothing, false),
    ]
}

/// Everything a write could change: the rows of every table, and each contact's version,
/// access and state (a refused write that changed a row in place shows there).
async fn everything(db: &db::DatabaseConnection) -> Vec<String> {
    let mut seen = vec![
        account::Entity::find().count(db).await.unwrap(),
        contact::Entity::find().count(db).await.unwrap(),
        contact_event::Entity::find().count(db).await.unwrap(),
        contact_profile::Entity::find().count(db).await.unwrap(),
        invitation::Entity::find().count(db).await.unwrap(),
        invitation_profile::Entity::find().count(db).await.unwrap(),
        office_location::Entity::find().count(db).await.unwrap(),
        organization::Entity::find().count(db).await.unwrap(),
        outbox_message::Entity::find().count(db).await.unwrap(),
        security_profile::Entity::find().count(db).await.unwrap(),
    ]
    .into_iter()
    .map(|n| n.to_string())
    .collect::<Vec<_>>();
    for c in contact::Entity::find()
        .order_by_asc(contact::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        seen.push(format!(
            "{} v{} {:?} {} {}",
            c.id, c.version, c.account_id, c.active, c.is_primary
        ));
    }
    for i in invitation::Entity::find()
        .order_by_asc(invitation::Column::Id)
        .all(db)
        .await
        .unwrap()
    {
        seen.push(format!("invitation {} {:?}", i.id, i.status));
    }
    seen
}

impl TestApp {
    /// Calls `target` with its arguments, or with `body` of its content type instead.
    async fn attack(&self, target: &Target, body: Option<Vec<u8>>) -> StatusCode {
        let url = format!("{}{}", self.base, target.path);
        let req = match (&target.input, body) {
            (Input::Query, _) => self.client.get(url),
            (Input::Json(_), Some(body)) => self
                .client
                .post(url)
                .header("content-type", "application/json")
                .body(body),
            (_, Some(body)) => self
                .client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body),
            (Input::Json(value), None) => self.client.post(url).json(value),
            (Input::Form(form), None) => self.client.post(url).form(form),
            (Input::Nothing, None) => self.client.post(url),
        };
        req.send().await.unwrap().status()
    }

    /// Sends the head of a call to `target` announcing a body of `length` bytes, then reads
    /// the status the server answers without waiting for the body. (A client that sends the
    /// body whole may meet a closed connection instead: the server answers and closes before
    /// reading any of it.)
    async fn announce_body(&self, target: &Target, length: usize) -> StatusCode {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = self.base.trim_start_matches("http://");
        let content_type = match target.input {
            Input::Json(_) => "application/json",
            _ => "application/x-www-form-urlencoded",
        };
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        let head = format!(
            "POST {} HTTP/1.1\r\nhost: {address}\r\ncontent-type: {content_type}\r\ncontent-length: {length}\r\n\r\n",
            target.path
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        let mut buf = [0u8; 1024];
        let read = async {
            while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buf).await.unwrap();
                assert!(n > 0, "{}: closed without an answer", target.path);
                answer.extend_from_slice(&buf[..n]);
            }
        };
        // A server that waited for the body would never answer.
        tokio::time::timeout(std::time::Duration::from_secs(10), read)
            .await
            .unwrap_or_else(|_| panic!("{}: no answer without the body", target.path));
        let answer = String::from_utf8_lossy(&answer);
        let code = answer
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok());
        StatusCode::from_u16(code.unwrap_or(0)).unwrap_or_else(|_| panic!("{answer}"))
    }
}

/// The functions a page's plain form posts to (before the WebAssembly has loaded): they
/// answer with a redirect to the form's page, which shows what went wrong.
const PLAIN_FORMS: [&str; 2] = ["/api/post_contact_form", "/api/post_invitation"];

fn form_of(target: &Target) -> Vec<(&str, &str)> {
    match &target.input {
        Input::Form(form) => form.iter().map(|(k, v)| (*k, v.as_str())).collect(),
        _ => Vec::new(),
    }
}

/// One case of the table: `target` answered `status` to `what`.
fn check(cases: &mut usize, what: &str, target: &Target, status: StatusCode, expected: StatusCode) {
    *cases += 1;
    assert_eq!(status, expected, "{what}: {}", target.path);
}

async fn signed_in(app: &TestApp, email: &str, password: &str) -> TestApp {
    let browser = app.another_browser();
    let res = browser.sign_in(email, password).await;
    assert!(res.status().is_redirection(), "{email} signs in");
    browser
}

on_both!(
    every_server_function_meets_every_attack,
    |app: TestApp| async move {
        let ids = Ids {
            pending: app.contact_named("Doiron").await.id,
            linked: app.contact_named("LeBlanc").await,
            uninvited: app.contact_named("Gallant").await.id,
            expired: app.contact_named("Zwicker").await.id,
            gec_case: security_profile::Entity::find()
                .filter(security_profile::Column::Code.eq("GEC_CASE"))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap()
                .id,
        };
        let table = table(&ids);

        // The table names every function the server registered, and nothing else.
        let mut listed: Vec<&str> = table.iter().map(|t| t.path).collect();
        let mut registered: Vec<&str> = app::server::SERVER_FUNCTIONS
            .iter()
            .map(|(path, _)| *path)
            .collect();
        listed.sort_unstable();
        registered.sort_unstable();
        assert_eq!(listed, registered, "the attack table against the server");

        let viewer = signed_in(&app, "viewer@example.org", "demo-viewer-2026").await;
        // Administrator of the other organisation (B), where the account acts first.
        let stranger = signed_in(&app, "multi@example.org", "demo-multi-2026").await;
        let efo = signed_in(&app, "efo.admin@example.org", "demo-efo-2026").await;
        let admin = signed_in(&app, "admin@example.org", "demo-admin-2026").await;
        app.mail_delivered().await;
        let before = everything(&app.db).await;
        let mut cases = 0;

        for target in &table {
            if target.access != Access::Public {
                let status = app.attack(target, None).await;
                check(
                    &mut cases,
                    "anonymous",
                    target,
                    status,
                    StatusCode::UNAUTHORIZED,
                );
            }
            if target.access == Access::Admin {
                let status = viewer.attack(target, None).await;
                check(
                    &mut cases,
                    "a read-only member",
                    target,
                    status,
                    StatusCode::FORBIDDEN,
                );
            }
            if target.names_a_contact && PLAIN_FORMS.contains(&target.path) {
                // A plain form comes back to its page, which says what went wrong.
                let res = stranger
                    .post_form(&target.path[5..], &form_of(target), &[])
                    .await;
                cases += 1;
                assert!(res.status().is_redirection(), "{}", target.path);
                let page = location(&res);
                assert!(
                    page.starts_with("/organization/contacts/"),
                    "{}: {page}",
                    target.path
                );
                let page = stranger
                    .client
                    .get(format!("{}{page}", stranger.base))
                    .send()
                    .await
                    .unwrap();
                check(
                    &mut cases,
                    "another organisation's administrator, the form's page",
                    target,
                    page.status(),
                    StatusCode::NOT_FOUND,
                );
            } else if target.names_a_contact {
                let status = stranger.attack(target, None).await;
                check(
                    &mut cases,
                    "another organisation's administrator",
                    target,
                    status,
                    StatusCode::NOT_FOUND,
                );
            }
            // Bodies are sent as a caller who may call the function.
            let caller = if target.access == Access::Public {
                &app
            } else {
                &admin
            };
            if matches!(target.input, Input::Json(_) | Input::Form(_)) {
                // Malformed: JSON cut short, a form whose escapes and values are nonsense.
                let garbage = match target.input {
                    Input::Json(_) => b"{\"id\": [".to_vec(),
                    _ => b"id=%ZZ&version=-&&=&profiles[]=x&token&contact=1e99".to_vec(),
                };
                let status = caller.attack(target, Some(garbage)).await;
                cases += 1;
                // Never a failure of the server; refused where the function needs arguments
                // (a public one whose arguments all have defaults reads none of them).
                assert!(
                    !status.is_server_error()
                        && (target.access == Access::Public
                            || status.is_client_error()
                            || status.is_redirection()),
                    "malformed body: {} answered {status}",
                    target.path
                );
            }
            if !matches!(target.input, Input::Query) {
                // Bodies over the limit are refused before anything reads them.
                let status = caller.announce_body(target, 1 << 20).await;
                check(
                    &mut cases,
                    "a body of 1 MB",
                    target,
                    status,
                    StatusCode::PAYLOAD_TOO_LARGE,
                );
            }
            assert_eq!(
                everything(&app.db).await,
                before,
                "{} wrote something while refusing",
                target.path
            );
        }

        // An administrator of EFO only, granting GEC's profiles however the call is made.
        for path in [
            "/api/send_invitation",
            "/api/create_contact_with_access",
            "/api/post_invitation",
        ] {
            let target = table.iter().find(|t| t.path == path).unwrap();
            cases += 1;
            if PLAIN_FORMS.contains(&path) {
                // The plain form comes back to its page with the profile's error.
                let res = efo.post_form(&path[5..], &form_of(target), &[]).await;
                assert!(res.status().is_redirection(), "{path}");
                assert!(location(&res).ends_with("/invite"), "{}", location(&res));
            } else {
                let status = efo.attack(target, None).await;
                assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
            }
            assert_eq!(everything(&app.db).await, before, "{path} granted GEC");
        }
        // Sending again an invitation that grants GEC's profile, and ending the access of
        // the administrator of GEC.
        let (status, body) = admin
            .call(
                "send_invitation",
                json!({ "id": ids.uninvited, "invite": invite(ids.gec_case) }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // Its delivery is recorded in the contact's history by the mail worker.
        app.mail_delivered().await;
        let before = everything(&app.db).await;
        let arsenault = app.contact_named("Arsenault").await.id;
        for (path, id) in [
            ("resend_invitation", ids.uninvited),
            ("remove_access", arsenault),
        ] {
            let (status, _) = efo.call_form(path, &[("id", &id.to_string())]).await;
            cases += 1;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        }
        let (status, _) = efo
            .call(
                "update_contact",
                json!({
                    "id": arsenault,
                    "version": app.contact_named("Arsenault").await.version,
                    "input": contact_input(),
                }),
            )
            .await;
        cases += 1;
        assert!(status.is_client_error(), "{status}");
        assert_eq!(everything(&app.db).await, before);

        eprintln!("attack table: {cases} cases (function × attack)");
    }
);
