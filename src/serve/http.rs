//! The HTTP side of `serve`: the built files (tower-http's `ServeDir`,
//! which refuses `..` and encoded escapes), the live-reload script put
//! into every HTML page, and the stream of rebuild events it listens to.

use std::convert::Infallible;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use serde::Serialize;
use tokio::sync::watch;
use tower_http::services::{ServeDir, ServeFile};

use crate::plan::checks::MAX_NAME_BYTES;
use crate::render::xml;

/// What the last rebuild left: a count that pages watch, and the error
/// they show, if any.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub generation: u64,
    pub errors: Vec<ErrorView>,
    /// Whether a build has succeeded since serve started: until then
    /// there is no site, and every page is one that shows the errors.
    pub built: bool,
}

/// One build error for the overlay.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorView {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

const LIVE_SCRIPT_PATH: &str = "/__warta/live.js";
const EVENTS_PATH: &str = "/__warta/events";

/// The script `serve` adds to every page; never part of `build` output.
const LIVE_SCRIPT: &str = r#"(function () {
  var overlay = null;
  function show(status) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "warta-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("h2");
    title.textContent = status.built
      ? "warta: the site has errors; the last good version is shown"
      : "warta: the site has errors; it is shown once it builds";
    overlay.appendChild(title);
    status.errors.forEach(function (e) {
      var p = document.createElement("p");
      p.className = "warta-error";
      p.textContent = e.path + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "") + ": " + e.message;
      overlay.appendChild(p);
    });
  }
  var source = new EventSource("/__warta/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("error", function (event) {
    if (event.data) { show(JSON.parse(event.data)); }
  });
})();
"#;

/// The router for a site built into `output`.
pub fn router(output: PathBuf, status: watch::Receiver<Status>) -> Router {
    let not_found_page = output.join("404.html");
    let not_found = ServeFile::new(&not_found_page);
    let unbuilt = status.clone();
    let files = ServeDir::new(&output)
        .append_index_html_on_directories(true)
        .not_found_service(not_found);
    Router::new()
        .route(LIVE_SCRIPT_PATH, get(live_script))
        .route(EVENTS_PATH, get(move || events(status.clone())))
        .fallback_service(files)
        .layer(axum::middleware::from_fn(move |request, next| {
            let not_found_page = not_found_page.clone();
            async move { odd_paths(request, next, not_found_page).await }
        }))
        .layer(axum::middleware::from_fn(move |request, next| {
            let status = unbuilt.clone();
            async move { until_built(request, next, status).await }
        }))
        .layer(axum::middleware::map_response(add_live_script))
}

/// Until a build succeeds there is no site: every request but serve's
/// own answers a page that lists the errors and, with the live script,
/// shows them over it and reloads once the site builds.
async fn until_built(
    request: axum::extract::Request,
    next: axum::middleware::Next,
    status: watch::Receiver<Status>,
) -> Response {
    let current = status.borrow().clone();
    if current.built || request.uri().path().starts_with("/__warta/") {
        return next.run(request).await;
    }
    let errors: String = current
        .errors
        .iter()
        .map(|e| format!("<li>{}</li>\n", xml::escape(&e.located())))
        .collect();
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>warta: the site has errors</title></head>\n<body>\n<main>\n<h1>The site has errors</h1>\n<p>warta serves it once it builds; this page reloads then.</p>\n<ul>\n{errors}</ul>\n</main>\n</body>\n</html>\n"
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

impl ErrorView {
    /// `path:line:column: message`, as the terminal shows it.
    fn located(&self) -> String {
        let mut at = self.path.clone();
        if let Some(line) = self.line {
            at.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                at.push_str(&format!(":{column}"));
            }
        }
        format!("{at}: {}", self.message)
    }
}

/// Paths no file of the site can have, answered before the file service
/// sees them: a name too long for a file system is a missing page (not a
/// server error), and `//id` goes to `/id` (a browser reads `//id/` as a
/// host named `id`).
async fn odd_paths(
    request: axum::extract::Request,
    next: axum::middleware::Next,
    not_found_page: PathBuf,
) -> Response {
    let path = request.uri().path();
    if path.starts_with("//") {
        let mut location = format!("/{}", path.trim_start_matches('/'));
        if let Some(query) = request.uri().query() {
            location = format!("{location}?{query}");
        }
        return axum::response::Redirect::temporary(&location).into_response();
    }
    // No file can have a name, or a path, that long (Linux's PATH_MAX is
    // 4096 bytes): the file system's error would be a 500.
    let too_long = decoded_len(path) > MAX_PATH_BYTES;
    if too_long
        || path
            .split('/')
            .any(|segment| decoded_len(segment) > MAX_NAME_BYTES)
    {
        let page = tokio::fs::read(&not_found_page).await.unwrap_or_default();
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            page,
        )
            .into_response();
    }
    next.run(request).await
}

/// The longest path below the output folder a request may name.
const MAX_PATH_BYTES: usize = 3072;

/// The length in bytes of a path segment once its `%XX` escapes are
/// decoded.
fn decoded_len(segment: &str) -> usize {
    let bytes = segment.as_bytes();
    let escapes = bytes
        .windows(3)
        .filter(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
        .count();
    bytes.len() - 2 * escapes
}

async fn live_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_SCRIPT,
    )
        .into_response()
}

/// Server-sent events: the current errors when a page connects, then a
/// `reload` or an `error` event after each rebuild.
async fn events(
    mut status: watch::Receiver<Status>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let current = status.borrow_and_update().clone();
    let first = (!current.errors.is_empty()).then(|| event_for(&current));
    let updates = stream::unfold(status, |mut status| async move {
        status.changed().await.ok()?;
        let current = status.borrow_and_update().clone();
        Some((event_for(&current), status))
    });
    let stream = stream::iter(first).chain(updates).map(Ok);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn event_for(status: &Status) -> Event {
    if status.errors.is_empty() {
        Event::default()
            .event("reload")
            .data(status.generation.to_string())
    } else {
        Event::default()
            .event("error")
            .data(serde_json::to_string(status).unwrap_or_else(|_| "{\"errors\":[]}".into()))
    }
}

/// Puts the live-reload script before `</body>` of HTML responses.
async fn add_live_script(response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut html = String::from_utf8_lossy(&bytes).into_owned();
    let tag = format!("<script src=\"{LIVE_SCRIPT_PATH}\"></script>\n");
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &tag),
        None => html.push_str(&tag),
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(html))
}
