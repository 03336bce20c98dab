//! Compressed and cached responses. The site's `pkg/` files (the WebAssembly, its JavaScript,
//! the CSS) are served from brotli and gzip copies written beside them once, at their best
//! levels, and browsers keep those whose names carry a hash of their content; every other
//! response (pages, server functions, a file whose copies are not written yet) is compressed
//! on the fly, at levels fit for the request path.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// The files worth compressing ahead: what `cargo leptos build` writes into `pkg/`.
const COMPRESSIBLE: [&str; 3] = ["wasm", "js", "css"];

/// Brotli's best quality and its largest usual window (4 MB): the copies are written once.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 22;

/// Serves `dir`, choosing the `.br` or `.gz` copy of a file when the browser accepts it and
/// the copy is at least as new as the file (see [`only_fresh_copies`]), and telling the
/// browser how long it may keep the file (see [`cache_control`]).
pub fn serve_precompressed(dir: &Path) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(
            dir.to_path_buf(),
            only_fresh_copies,
        ))
        .layer(middleware::from_fn(cache_control))
}

/// A file whose name carries a hash of its content never changes: a build that changes it
/// gives it another name, and the page names the new one. Browsers keep it for a year (the
/// usual ceiling) without asking again.
const KEEP: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// Any other file (a build without hashed names, such as `cargo leptos watch`) keeps its name
/// from one build to the next, so the browser asks again each time, getting a short
/// `304 Not Modified` when nothing changed, and never mixes files of two builds.
const ASK_AGAIN: HeaderValue = HeaderValue::from_static("no-cache");

/// Sets `Cache-Control`: [`KEEP`] for a file with a content hash in its name that was found,
/// [`ASK_AGAIN`] for everything else (including a hashed name that is not there: the file
/// may come with a later deployment).
async fn cache_control(req: Request, next: Next) -> Response {
    let hashed = has_content_hash(req.uri().path());
    let mut res = next.run(req).await;
    let found = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let value = if hashed && found { KEEP } else { ASK_AGAIN };
    res.headers_mut().insert(header::CACHE_CONTROL, value);
    res
}

/// Whether the last segment of `path` is named as cargo-leptos' `hash-files` names the files
/// it builds: `name.<hash>.ext`, the hash being an MD5 digest in unpadded base64url
/// (22 characters). The split loader's unhashed name holds 22 underscores in its place.
pub fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.rsplit('.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !ext.is_empty()
        && !stem.is_empty()
        && hash.len() == 22
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !hash.bytes().all(|b| b == b'_')
}

/// Whether the site in `pkg` was built with hashed file names: cargo-leptos then writes a hash
/// file beside the server binary, whose `wasm:` line gives the main WebAssembly's hash. A hash
/// file left by an earlier build does not count unless the file it names is in `pkg`.
pub fn built_with_hashed_names(hash_file: &Path, pkg: &Path, output_name: &str) -> bool {
    let Ok(hashes) = std::fs::read_to_string(hash_file) else {
        return false;
    };
    hashes
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(file, _)| file.trim() == "wasm")
        .is_some_and(|(_, hash)| {
            pkg.join(format!("{output_name}.{}.wasm", hash.trim()))
                .is_file()
        })
}

/// A file rebuilt while the server runs has copies older than itself until the next start:
/// its request then goes to the plain file (compressed on the fly by the outer layer, which
/// has already read what the browser accepts), never to the copy of the previous build.
async fn only_fresh_copies(State(dir): State<PathBuf>, mut req: Request, next: Next) -> Response {
    let file = dir.join(req.uri().path().trim_start_matches('/'));
    let stale = tokio::task::spawn_blocking(move || has_stale_copy(&file))
        .await
        .unwrap_or(false);
    if stale {
        req.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.run(req).await
}

/// Compresses responses that are not compressed yet (brotli, else gzip, at their default
/// levels: brotli 4, gzip 6).
pub fn compress_on_the_fly() -> CompressionLayer {
    CompressionLayer::new().br(true).gzip(true)
}

/// Writes `name.br` and `name.gz` beside each compressible file of `dir` that lacks them or
/// whose copies are older than it. Returns how many files it compressed.
///
/// Each copy is written to a temporary name of this process's and renamed, so a request never
/// sees half a file, and instances started together on one site directory do not take each
/// other's temporary files.
pub fn precompress_dir(dir: &Path) -> io::Result<usize> {
    let mut compressed = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let wanted = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        if !wanted || !path.is_file() {
            continue;
        }
        let modified = path.metadata()?.modified()?;
        let mut wrote = false;
        for (suffix, compress) in COPIES {
            let copy = with_suffix(&path, suffix);
            if modified_at(&copy).is_some_and(|copied| copied >= modified) {
                continue;
            }
            let partial = with_suffix(&path, &format!("{suffix}.{}.partial", std::process::id()));
            compress(&path, &partial)?;
            std::fs::rename(&partial, &copy)?;
            wrote = true;
        }
        compressed += usize::from(wrote);
    }
    Ok(compressed)
}

/// Runs [`precompress_dir`] on a blocking thread; until it is done (a few seconds for a
/// release build), the files go out compressed on the fly. A directory the server may not
/// write to (a read-only image) is reported once and served the same way.
pub fn spawn_precompress(dir: PathBuf) {
    tokio::task::spawn_blocking(move || match precompress_dir(&dir) {
        Ok(count) => tracing::info!(dir = %dir.display(), count, "static files precompressed"),
        Err(err) => tracing::warn!(
            dir = %dir.display(),
            %err,
            "cannot write compressed copies of the static files; compressing them per request"
        ),
    });
}

type Compressor = fn(&Path, &Path) -> io::Result<()>;

/// The copies written beside each file: their suffix, and how.
const COPIES: [(&str, Compressor); 2] = [("br", brotli), ("gz", gzip)];

fn brotli(source: &Path, target: &Path) -> io::Result<()> {
    let mut input = BufReader::new(File::open(source)?);
    let mut output = brotli::CompressorWriter::new(
        BufWriter::new(File::create(target)?),
        64 * 1024,
        BROTLI_QUALITY,
        BROTLI_WINDOW_BITS,
    );
    io::copy(&mut input, &mut output)?;
    output.flush()?;
    output
        .into_inner()
        .into_inner()
        .map_err(|err| err.into_error())?;
    Ok(())
}

fn gzip(source: &Path, target: &Path) -> io::Result<()> {
    let mut input = BufReader::new(File::open(source)?);
    let mut output = flate2::write::GzEncoder::new(
        BufWriter::new(File::create(target)?),
        flate2::Compression::best(),
    );
    io::copy(&mut input, &mut output)?;
    output.finish()?.flush()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn modified_at(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|meta| meta.modified()).ok()
}

/// Whether `file` has a copy older than itself: one of a previous build.
fn has_stale_copy(file: &Path) -> bool {
    let Some(modified) = modified_at(file) else {
        return false;
    };
    COPIES.iter().any(|(suffix, _)| {
        modified_at(&with_suffix(file, suffix)).is_some_and(|copied| copied < modified)
    })
}

#[cfg(test)]
mod tests {
    use super::has_content_hash;

    #[test]
    fn content_hashes_in_names() {
        for path in [
            "/pkg/contacts.Xy3_kQ9-Lm0aBcDeFgHiJk.wasm",
            "/pkg/chunk_12.Xy3_kQ9-Lm0aBcDeFgHiJk.wasm",
            "/pkg/__wasm_split.Xy3_kQ9-Lm0aBcDeFgHiJk.js",
            "/pkg/contacts.Xy3_kQ9-Lm0aBcDeFgHiJk.css",
        ] {
            assert!(has_content_hash(path), "{path}");
        }
        for path in [
            "/pkg/contacts.wasm",
            "/pkg/__wasm_split.______________________.js",
            "/pkg/contacts.Xy3_kQ9-Lm0aBcDeFgHiJ.wasm",
            "/pkg/contacts.Xy3_kQ9+Lm0aBcDeFgHiJk.wasm",
            "/pkg/.Xy3_kQ9-Lm0aBcDeFgHiJk.wasm",
            "/pkg/contacts.Xy3_kQ9-Lm0aBcDeFgHiJk.",
            "/pkg/Xy3_kQ9-Lm0aBcDeFgHiJk.wasm",
            "/pkg/",
            "",
        ] {
            assert!(!has_content_hash(path), "{path}");
        }
    }
}
