//! Pages under concurrent kept-alive load: every request gets its whole page, and the same
//! page's head names the same files to preload, whichever requests run beside it.
//!
//! A test binary of its own: leptos reads the site's WebAssembly split manifest once per
//! process, at the first page it renders, and this test needs its site (with a manifest) to be
//! the one read.

#[path = "api/helpers.rs"]
#[allow(dead_code, unused_macros)]
mod helpers;

use helpers::*;
use std::path::PathBuf;

const CLIENTS: usize = 16;
const REQUESTS_PER_CLIENT: usize = 50;
/// The split loader's file, as leptos names it when file names carry no hash.
const SPLIT_LOADER: &str = "/pkg/__wasm_split.______________________.js";

/// A site directory of its own with a split manifest, removed at the end of the test.
struct Site(PathBuf);

impl Site {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("contacts-load-site-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("pkg/__wasm_split_manifest.json"), "{}").unwrap();
        Site(dir)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What went wrong with one request, if anything.
async fn check(client: &Client, url: &str) -> Option<String> {
    let res = match client.get(url).send().await {
        Ok(res) => res,
        Err(err) => return Some(format!("{url}: no answer: {err:?}")),
    };
    let status = res.status();
    let body = match res.text().await {
        Ok(body) => body,
        Err(err) => return Some(format!("{url}: answer cut: {err:?}")),
    };
    if status != StatusCode::OK {
        return Some(format!("{url}: {status}"));
    }
    // The page's resolved data follows the document in scripts; a body cut short is an error
    // above.
    if !body.contains("</html>") {
        return Some(format!("{url}: no whole document in {} bytes", body.len()));
    }
    let head = body.split("</head>").next().unwrap_or_default();
    let loaders = head.matches(SPLIT_LOADER).count();
    (loaders != 1).then(|| format!("{url}: the head preloads the split loader {loaders} times"))
}

// SQLite only: what is under test is the rendering of pages, which does not depend on the
// database behind them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_kept_alive_page_requests_all_get_their_whole_page() {
    let site = Site::new();
    let app = spawn_app_serving(Backend::Sqlite, None, site.0.to_str().unwrap())
        .await
        .expect("SQLite is always there");
    let contact = app.contact_named("Arsenault").await.id;
    let signed_in_pages = [
        "/".to_string(),
        "/organization/contacts".to_string(),
        "/organization/contacts?active=0&last_name=a".to_string(),
        format!("/organization/contacts/{contact}"),
        "/organization/contacts/new".to_string(),
    ];

    let mut clients = tokio::task::JoinSet::new();
    for n in 0..CLIENTS {
        // Half the clients are signed in and go through the organisation's pages, the other
        // half load the sign-in page.
        let browser = app.another_browser();
        let pages = if n % 2 == 0 {
            let res = browser.sign_in(ADMIN[0].1, ADMIN[1].1).await;
            assert!(!location(&res).starts_with("/login"), "signed in");
            signed_in_pages.to_vec()
        } else {
            vec!["/login".to_string()]
        };
        clients.spawn(async move {
            let mut failures = Vec::new();
            for i in 0..REQUESTS_PER_CLIENT {
                let url = format!("{}{}", browser.base, pages[i % pages.len()]);
                failures.extend(check(&browser.client, &url).await);
            }
            failures
        });
    }
    let failures: Vec<String> = clients.join_all().await.into_iter().flatten().collect();
    let dropped = failures.iter().filter(|f| f.contains("answer")).count();
    let preloads = failures.iter().filter(|f| f.contains("preloads")).count();
    assert!(
        failures.is_empty(),
        "{} of {} requests failed ({dropped} without a whole answer, {preloads} with another \
         head), the first ones:\n{}",
        failures.len(),
        CLIENTS * REQUESTS_PER_CLIENT,
        failures[..failures.len().min(10)].join("\n")
    );
}
