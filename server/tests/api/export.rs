//! « Exporter (CSV) » over HTTP: the rows the list's filters select, every page of them, in
//! the list's order and the interface language, for the caller's organisation only.

use crate::helpers::*;

const CSV: &str = "/organization/contacts.csv";

/// The file, read as a spreadsheet would: its name, and its records (the header first).
struct Download {
    file_name: String,
    records: Vec<Vec<String>>,
}

impl TestApp {
    async fn export(&self, query: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{CSV}?{query}", self.base))
            .send()
            .await
            .unwrap()
    }

    async fn download(&self, query: &str) -> Download {
        let res = self.export(query).await;
        assert_eq!(res.status(), StatusCode::OK, "{query}");
        assert_eq!(
            res.headers()["content-type"],
            "text/csv; charset=utf-8",
            "{query}"
        );
        let disposition = res.headers()["content-disposition"].to_str().unwrap();
        let file_name = disposition
            .strip_prefix("attachment; filename=\"")
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{disposition}"))
            .to_string();
        let body = res.bytes().await.unwrap();
        let text = std::str::from_utf8(&body).expect("UTF-8");
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark first, for Excel");
        let records = csv::Reader::from_reader(text.as_bytes());
        let mut records = records;
        let header: Vec<String> = records
            .headers()
            .unwrap()
            .iter()
            .map(String::from)
            .collect();
        let mut all = vec![header];
        all.extend(
            records
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()),
        );
        Download {
            file_name,
            records: all,
        }
    }

    /// « Nom, Prénom » of every row the list shows for `query`, page after page.
    async fn listed(&self, query: Value) -> Vec<String> {
        let mut names = Vec::new();
        for page in 1.. {
            let mut q = query.clone();
            q["page"] = json!(page.to_string());
            let (status, list) = self.list(q).await;
            assert_eq!(status, StatusCode::OK, "{list}");
            for row in list["rows"].as_array().unwrap() {
                names.push(format!(
                    "{}, {}",
                    row["last_name"].as_str().unwrap(),
                    row["first_name"].as_str().unwrap()
                ));
            }
            if page >= list["page_count"].as_u64().unwrap() {
                break;
            }
        }
        names
    }
}

fn names(download: &Download) -> Vec<String> {
    download.records[1..]
        .iter()
        .map(|r| format!("{}, {}", r[0], r[1]))
        .collect()
}

/// The row of `last_name`, by its header.
fn row<'a>(download: &'a Download, last_name: &str) -> std::collections::HashMap<&'a str, &'a str> {
    let header = &download.records[0];
    let found = download.records[1..]
        .iter()
        .find(|r| r[0] == last_name)
        .unwrap_or_else(|| panic!("no row of {last_name}"));
    header
        .iter()
        .map(String::as_str)
        .zip(found.iter().map(String::as_str))
        .collect()
}

on_both!(
    the_export_holds_every_row_the_filters_select_in_the_lists_order,
    |app: TestApp| async move {
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        // All contacts, the inactive ones included: every page of the list, in its order.
        let all = app.download("active=0&lang=fr").await;
        assert_eq!(names(&all), app.listed(json!({ "active": "0" })).await);
        assert!(all.records.len() > 34, "{}", all.records.len());
        // What it holds, the organisation and the day (Nova Scotia's).
        let day = all
            .file_name
            .strip_prefix("personnes-ressources-services-d-emploi-de-la-vallee-")
            .and_then(|rest| rest.strip_suffix(".csv"))
            .unwrap_or_else(|| panic!("{}", all.file_name));
        assert!(day.parse::<chrono::NaiveDate>().is_ok(), "{day}");
        assert_eq!(
            all.records[0][..5],
            [
                "Nom",
                "Prénom",
                "Courriel",
                "Courriel du compte Mon dossier N.-É.",
                "Identifiant de l'utilisateur"
            ]
        );
        let abel = row(&all, "Abel");
        assert_eq!(abel["Statut"], "Inactif");
        let arsenault = row(&all, "Arsenault");
        assert_eq!(arsenault["Principale personne-ressource"], "Oui");
        assert_eq!(arsenault["Accès au LaMPSS"], "Oui");
        let leblanc = row(&all, "LeBlanc");
        assert_eq!(
            leblanc["Courriel du compte Mon dossier N.-É."],
            "luc.leblanc@example.net"
        );
        let doiron = row(&all, "Doiron");
        assert_eq!(doiron["Invitation au LaMPSS"], "En attente");
        assert_eq!(doiron["Accès au LaMPSS"], "Non");
        assert_eq!(row(&all, "Zwicker")["Invitation au LaMPSS"], "Expirée");

        // The default view (active only, the primary contact first), and a filter.
        let active = app.download("lang=fr").await;
        assert_eq!(names(&active), app.listed(json!({})).await);
        assert_eq!(names(&active)[0], "Arsenault, Marie");
        let filtered = app.download("last_name=doi&lang=fr").await;
        assert_eq!(names(&filtered), ["Doiron, Nadine"]);

        // In English: the headers, the values and the file's name.
        let english = app.download("active=0&lang=en").await;
        assert_eq!(english.records[0][..2], ["Last name", "First name"]);
        assert_eq!(row(&english, "Abel")["Status"], "Inactive");
        assert_eq!(row(&english, "Doiron")["LaMPSS invitation"], "Pending");
        assert!(
            english
                .file_name
                .starts_with("contacts-services-d-emploi-de-la-vallee-")
        );
    }
);

on_both!(
    an_export_is_the_callers_organisations_and_a_members_right,
    |app: TestApp| async move {
        // Anonymous: to the sign-in page, then back here.
        let res = app.export("lang=fr").await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&res),
            format!(
                "/login?next={}",
                app::url::encode(&format!("{CSV}?lang=fr"))
            )
        );
        // A read-only member exports what they read.
        app.sign_in("viewer@example.org", "demo-viewer-2026").await;
        let a = app.download("active=0").await;
        assert!(names(&a).contains(&"Doiron, Nadine".to_string()));
        // Another organisation's administrator (multi@, acting for B) sees B's contacts only.
        let other = app.another_browser();
        other.sign_in("multi@example.org", "demo-multi-2026").await;
        let b = other.download("active=0").await;
        assert_eq!(names(&b), other.listed(json!({ "active": "0" })).await);
        for only_a in ["Abel", "Arsenault", "Doiron", "LeBlanc", "Zwicker"] {
            assert!(names(&a).iter().any(|n| n.starts_with(only_a)), "{only_a}");
            assert!(!names(&b).iter().any(|n| n.starts_with(only_a)), "{only_a}");
        }
        assert!(
            b.file_name
                .starts_with("personnes-ressources-centre-communautaire-de-la-riviere-")
        );
        // A query the list refuses goes to the list, which says why.
        let res = app.export("page=abc").await;
        assert_eq!(location(&res), "/organization/contacts?page=abc");
    }
);

on_both!(no_cell_starts_a_formula, |app: TestApp| async move {
    app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
    let gallant = app.contact_named("Gallant").await;
    let (status, details) = app
        .call_form("get_contact", &[("id", &gallant.id.to_string())])
        .await;
    assert_eq!(status, StatusCode::OK, "{details}");
    let mut input = details["input"].clone();
    input["title"] = json!("=HYPERLINK(\"http://evil.example\",\"Cliquez\")");
    let (status, saved) = app
        .call(
            "update_contact",
            json!({ "id": gallant.id, "version": details["version"], "input": input }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    let file = app.download("last_name=gallant&lang=fr").await;
    assert_eq!(
        row(&file, "Gallant")["Titre"],
        "'=HYPERLINK(\"http://evil.example\",\"Cliquez\")"
    );
});

on_both!(
    ten_thousand_rows_are_written_as_they_are_read,
    |app: TestApp| async move {
        let plan = db::generate::Plan {
            organizations: 2,
            largest: 10_000,
            seed: 7,
        };
        db::generate::generate(&app.db, plan, chrono::Utc::now())
            .await
            .unwrap();
        app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
        let (_, list) = app.list(json!({ "active": "0" })).await;
        let total = list["total"].as_u64().unwrap();
        assert!(total >= 10_000, "{total}");
        let mut res = app.export("active=0&lang=fr").await;
        assert_eq!(res.status(), StatusCode::OK);
        // The file arrives in parts, a batch of rows at a time, never the whole of it at once.
        let (mut parts, mut largest, mut lines) = (0, 0, 0);
        while let Some(chunk) = res.chunk().await.unwrap() {
            parts += 1;
            largest = largest.max(chunk.len());
            lines += chunk.iter().filter(|b| **b == b'\n').count();
        }
        assert_eq!(lines as u64, total + 1, "a header and a line per contact");
        assert!(parts >= 20, "{parts} parts");
        assert!(largest < 512 * 1024, "a part of {largest} bytes");
    }
);
