//! Compressed responses. The site's `pkg/` files (the WebAssembly, its JavaScript, the CSS)
//! are served from brotli and gzip copies written beside them once, at their best levels;
//! every other response (pages, server functions, a file whose copies are not written yet)
//! is compressed on the fly, at levels fit for the request path.

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The files worth compressing ahead: what `cargo leptos build` writes into `pkg/`.
const COMPRESSIBLE: [&str; 3] = ["wasm", "js", "css"];

/// Brotli's best quality and its largest usual window (4 MB): the copies are written once.
const BROTLI_QUALITY: u32 = 11;
const BROTLI_WINDOW_BITS: u32 = 22;

/// Serves `dir`, choosing the `.br` or `.gz` copy of a file when the browser accepts it and
/// the copy is at least as new as the file (see [`only_fresh_copies`]).
///
/// The files keep their names from one build to the next (the main file loads the pages'
/// files by name), so the browser asks again each time (`no-cache`), getting a short
/// `304 Not Modified` when nothing changed, and never mixes files of two builds.
pub fn serve_precompressed(dir: &Path) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new()
        .fallback_service(files)
        .layer(middleware::from_fn_with_state(
            dir.to_path_buf(),
            only_fresh_copies,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
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
/// Each copy is written to a temporary name and renamed, so a request never sees half a file.
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
            let partial = with_suffix(&path, &format!("{suffix}.partial"));
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
