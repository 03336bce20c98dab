//! HTTPS from the server itself (`TLS_CERT`, `TLS_KEY`): HTTP/2 through ALPN, HTTP/1.1 for
//! clients without it, with a certificate made for the test; HSTS in production only.

use crate::helpers::*;
use server::config::TlsFiles;

/// A self-signed certificate for 127.0.0.1 and localhost, written as PEM files; its PEM.
fn certificate(name: &str) -> (TlsFiles, String) {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let dir = std::env::temp_dir().join(format!("lampss-tls-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = TlsFiles {
        cert: dir.join("cert.pem"),
        key: dir.join("key.pem"),
    };
    std::fs::write(&files.cert, made.cert.pem()).unwrap();
    std::fs::write(&files.key, made.key_pair.serialize_pem()).unwrap();
    (files, made.cert.pem())
}

async fn https_app(name: &str, production: bool) -> Option<(String, reqwest::Certificate)> {
    let url = fresh_database_url(Backend::Sqlite).await?;
    let (files, pem) = certificate(name);
    let app = spawn_instance(url, "target/site", |config| {
        config.tls = Some(files);
        config.production = production;
    })
    .await;
    let base = app.base.replacen("http://", "https://", 1);
    Some((
        base,
        reqwest::Certificate::from_pem(pem.as_bytes()).unwrap(),
    ))
}

#[tokio::test]
async fn the_server_speaks_http2_over_https_and_http1_to_clients_without_it() {
    let Some((base, root)) = https_app("h2", false).await else {
        return;
    };
    let h2 = Client::builder()
        .add_root_certificate(root.clone())
        .build()
        .unwrap();
    let res = h2.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.version(), reqwest::Version::HTTP_2);
    // Development over HTTPS: no HSTS, which would stick to the developer's browser.
    assert!(res.headers().get("strict-transport-security").is_none());
    let page = res.text().await.unwrap();
    assert!(page.contains("LaMPSS"));

    // Cookies sent as several fields, as browsers do over HTTP/2, are all read: here the
    // language chosen, behind another cookie.
    let res = h2
        .get(format!("{base}/login"))
        .header("cookie", "other=1")
        .header("cookie", "i18n_pref_locale=en")
        .send()
        .await
        .unwrap();
    assert_eq!(res.version(), reqwest::Version::HTTP_2);
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"<html lang="en""#), "{page}");

    let h1 = Client::builder()
        .add_root_certificate(root)
        .http1_only()
        .build()
        .unwrap();
    let res = h1.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.version(), reqwest::Version::HTTP_11);

    // Plain HTTP is not answered on the HTTPS port.
    let plain = base.replacen("https://", "http://", 1);
    assert!(
        Client::new()
            .get(format!("{plain}/login"))
            .send()
            .await
            .is_err()
    );
}

#[tokio::test]
async fn production_over_https_tells_browsers_to_stay_on_https() {
    let Some((base, root)) = https_app("hsts", true).await else {
        return;
    };
    let client = Client::builder()
        .add_root_certificate(root)
        .build()
        .unwrap();
    let res = client.get(format!("{base}/login")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000"
    );
}
