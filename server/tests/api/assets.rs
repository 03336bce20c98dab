//! Compressed responses: the built files from their brotli and gzip copies, pages on the fly.

use crate::helpers::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A site directory of its own, removed at the end of the test.
struct Site(PathBuf);

impl Site {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let root =
            std::env::temp_dir().join(format!("contacts-site-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        Self(root)
    }

    fn pkg(&self) -> PathBuf {
        self.0.join("pkg")
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Something the size and repetitiveness of a small WebAssembly file.
fn module_bytes(seed: u8) -> Vec<u8> {
    (0..200_000u32)
        .map(|i| (i % 251) as u8 ^ seed ^ ((i / 4096) as u8))
        .collect()
}

async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(accept) = accept {
        req = req.header("accept-encoding", accept);
    }
    req.send().await.unwrap()
}

fn encoding(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get("content-encoding")
        .map(|v| v.to_str().unwrap().to_string())
}

fn unbrotli(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(body, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn gunzip(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(body)
        .read_to_end(&mut out)
        .unwrap();
    out
}

/// Compares bodies without printing them all when they differ.
#[track_caller]
fn assert_body(body: &[u8], expected: &[u8], what: &str) {
    assert!(
        body == expected,
        "{what}: got {} bytes starting {:?}, expected {} bytes starting {:?}",
        body.len(),
        &body[..body.len().min(8)],
        expected.len(),
        &expected[..expected.len().min(8)]
    );
}

fn exists(path: &Path, suffix: &str) -> bool {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    Path::new(&name).is_file()
}

#[tokio::test]
async fn built_files_go_out_from_their_compressed_copies() {
    let site = Site::new();
    let wasm = site.pkg().join("contacts.wasm");
    let module = module_bytes(0);
    std::fs::write(&wasm, &module).unwrap();
    std::fs::write(
        site.pkg().join("contacts.css"),
        "main { color: black; }\n".repeat(50),
    )
    .unwrap();
    std::fs::write(site.pkg().join("notes.txt"), "not a built file").unwrap();

    assert_eq!(server::assets::precompress_dir(&site.pkg()).unwrap(), 2);
    assert!(exists(&wasm, ".br") && exists(&wasm, ".gz"));
    assert!(
        !exists(&site.pkg().join("notes.txt"), ".br"),
        "only built files"
    );
    assert_eq!(
        server::assets::precompress_dir(&site.pkg()).unwrap(),
        0,
        "copies newer than their file are kept"
    );

    let app = spawn_app_serving(Backend::Sqlite, None, site.0.to_str().unwrap())
        .await
        .unwrap();
    let res = get(&app, "/pkg/contacts.wasm", Some("gzip, deflate, br, zstd")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(encoding(&res).as_deref(), Some("br"));
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(
        res.headers()["cache-control"],
        "no-cache",
        "asked again after a rebuild"
    );
    let last_modified = res.headers()["last-modified"].clone();
    let body = res.bytes().await.unwrap();
    assert!(body.len() < module.len() / 4, "{} bytes", body.len());
    assert_body(&unbrotli(&body), &module, "brotli copy");

    let res = get(&app, "/pkg/contacts.wasm", Some("gzip")).await;
    assert_eq!(encoding(&res).as_deref(), Some("gzip"));
    assert_body(&gunzip(&res.bytes().await.unwrap()), &module, "gzip copy");

    let res = get(&app, "/pkg/contacts.wasm", None).await;
    assert_eq!(encoding(&res), None);
    assert_body(&res.bytes().await.unwrap(), &module, "plain file");

    let res = app
        .client
        .get(format!("{}/pkg/contacts.wasm", app.base))
        .header("accept-encoding", "br")
        .header("if-modified-since", last_modified)
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_MODIFIED,
        "an unchanged file is not sent again"
    );

    // A rebuild rewrites the file: its copies are written again, and until then the new
    // file goes out compressed per request, never the old copy.
    let rebuilt = module_bytes(7);
    std::fs::write(&wasm, &rebuilt).unwrap();
    let res = get(&app, "/pkg/contacts.wasm", Some("br")).await;
    let body = unbrotli(&res.bytes().await.unwrap());
    assert_body(&body, &rebuilt, "rebuilt file before its copies");
    assert_eq!(server::assets::precompress_dir(&site.pkg()).unwrap(), 1);
    let res = get(&app, "/pkg/contacts.wasm", Some("br")).await;
    let body = unbrotli(&res.bytes().await.unwrap());
    assert_body(&body, &rebuilt, "rebuilt file's new copy");

    let res = get(&app, "/pkg/missing.wasm", Some("br")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn pages_and_server_functions_are_compressed_per_request() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let res = get(&app, "/login", Some("br")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(encoding(&res).as_deref(), Some("br"));
    let html = String::from_utf8(unbrotli(&res.bytes().await.unwrap())).unwrap();
    assert!(html.contains("Mon dossier N.-É."), "{html}");

    app.sign_in(ADMIN[0].1, ADMIN[1].1).await;
    let res = app
        .client
        .post(format!("{}/api/list_contacts", app.base))
        .header("accept-encoding", "gzip")
        .json(&json!({ "query": {} }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(encoding(&res).as_deref(), Some("gzip"));
    let page: Value = serde_json::from_slice(&gunzip(&res.bytes().await.unwrap())).unwrap();
    assert_eq!(page["rows"].as_array().unwrap().len(), 10);

    let res = get(&app, "/login", None).await;
    assert_eq!(
        encoding(&res),
        None,
        "a client that asks for nothing gets plain text"
    );
}

/// Named by the build after their content, the files are kept by the browser for a year; the
/// others are asked for again each time.
#[tokio::test]
async fn files_named_after_their_content_are_kept_by_the_browser() {
    let site = Site::new();
    let hashed = "contacts.Xy3_kQ9-Lm0aBcDeFgHiJk.wasm";
    std::fs::write(site.pkg().join(hashed), module_bytes(1)).unwrap();
    std::fs::write(site.pkg().join("contacts.wasm"), module_bytes(2)).unwrap();
    // The split loader's name when the build does not hash names.
    let unhashed_loader = "__wasm_split.______________________.js";
    std::fs::write(site.pkg().join(unhashed_loader), "export {};").unwrap();
    let app = spawn_app_serving(Backend::Sqlite, None, site.0.to_str().unwrap())
        .await
        .unwrap();

    for accept in [Some("br"), None] {
        let res = get(&app, &format!("/pkg/{hashed}"), accept).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable",
            "{accept:?}"
        );
    }
    for name in ["contacts.wasm", unhashed_loader] {
        let res = get(&app, &format!("/pkg/{name}"), Some("br")).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["cache-control"], "no-cache", "{name}");
    }
    // Not there (yet): nothing for the browser to keep.
    let res = get(&app, "/pkg/chunk_3.Xy3_kQ9-Lm0aBcDeFgHiJk.wasm", Some("br")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(res.headers()["cache-control"], "no-cache");
}

/// A binary started directly reads the build's hash file beside it, unless that file is left
/// from an earlier build whose files are gone.
#[test]
fn the_hash_file_counts_when_the_files_it_names_are_there() {
    let site = Site::new();
    let hash_file = site.0.join("hash.txt");
    let built = |pkg: &Path| server::assets::built_with_hashed_names(&hash_file, pkg, "contacts");
    assert!(!built(&site.pkg()), "no hash file");

    std::fs::write(
        &hash_file,
        "js: AAAAAAAAAAAAAAAAAAAAAA\nwasm: Xy3_kQ9-Lm0aBcDeFgHiJk\ncss: BBBBBBBBBBBBBBBBBBBBBB\n",
    )
    .unwrap();
    assert!(!built(&site.pkg()), "the files it names are not there");
    std::fs::write(
        site.pkg().join("contacts.Xy3_kQ9-Lm0aBcDeFgHiJk.wasm"),
        b"\0asm",
    )
    .unwrap();
    assert!(built(&site.pkg()));
}
