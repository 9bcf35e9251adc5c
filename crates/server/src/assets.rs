//! The web UI: every file of `crates/server/ui/`, embedded in the binary
//! at build time and served with its content type.

use axum::http::{header, StatusCode, Uri};
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

/// Serves a UI file; paths without an extension get `index.html` (the UI
/// routes in the browser); unknown files are 404.
pub async fn serve_ui(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    if let Some(file) = Ui::get(path) {
        return (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type(path)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            file.data,
        )
            .into_response();
    }
    if !path.contains('.') {
        if let Some(index) = Ui::get("index.html") {
            return (
                StatusCode::OK,
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                index.data,
            )
                .into_response();
        }
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
