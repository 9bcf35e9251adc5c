//! The web UI: every file of `crates/server/ui/`, embedded in the binary
//! at build time and served with its content type.

use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The files of the UI.
#[derive(rust_embed::Embed)]
#[folder = "ui/"]
#[exclude = "*.md"]
struct Ui;

/// The content type of a UI file, from its extension.
fn content_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "topojson" | "geojson") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The name of the UI's modules joined into one file by `build.rs`
/// (`app.<hash of the content>.js`).
pub const BUNDLE_NAME: &str = env!("SITREP_UI_BUNDLE");

/// The bundle's text.
const BUNDLE: &str = include_str!(concat!(env!("OUT_DIR"), "/ui-bundle.js"));

/// `ui/index.html` as served: it loads [`BUNDLE_NAME`] instead of the
/// module graph.
const INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/ui-index.html"));

/// The page itself (also for paths without an extension: the UI routes in
/// the browser).
fn index() -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        INDEX,
    )
        .into_response()
}

/// Serves a UI file: `/` and paths without an extension get the page, the
/// bundle is cached for good (its name changes with its content), other
/// files are revalidated by their ETag; unknown files are 404. The separate
/// modules stay available for the development server's way of loading them.
pub async fn serve_ui(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.is_empty() || path == "index.html" {
        return index();
    }
    if path == BUNDLE_NAME {
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            BUNDLE,
        )
            .into_response();
    }
    if let Some(file) = Ui::get(path) {
        let hash = file.metadata.sha256_hash();
        let etag = format!(
            "\"{}\"",
            hash[..12]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        let fresh = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
        let status = if fresh {
            StatusCode::NOT_MODIFIED
        } else {
            StatusCode::OK
        };
        let head = [
            (header::CONTENT_TYPE, content_type(path).to_string()),
            (header::CACHE_CONTROL, "no-cache".to_string()),
            (header::ETAG, etag),
        ];
        return if fresh {
            (status, head).into_response()
        } else {
            (status, head, file.data).into_response()
        };
    }
    if !path.contains('.') {
        return index();
    }
    ApiError::not_found(format!("no such page: /{path}")).into_response()
}

/// Names of the embedded files.
pub fn files() -> Vec<String> {
    Ui::iter().map(|f| f.into_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::content_type;

    #[test]
    fn content_types_follow_extensions() {
        assert_eq!(content_type("app.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a/b/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("basemap.json"), "application/json");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
