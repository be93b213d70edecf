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

/// What the last rebuild left: a count that pages watch, and the error
/// they show, if any.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Status {
    pub generation: u64,
    pub errors: Vec<ErrorView>,
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
  function show(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "warta-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "warta: the site has errors; the last good version is shown";
    overlay.appendChild(title);
    errors.forEach(function (e) {
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
        .layer(axum::middleware::map_response(add_live_script))
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
    if path
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
            .data(serde_json::to_string(&status.errors).unwrap_or_else(|_| "[]".into()))
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
