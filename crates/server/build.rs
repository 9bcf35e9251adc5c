//! Rebuild when a UI file or an example article is added, changed or
//! removed: rust-embed reads those folders at compile time. Also joins the
//! UI's JavaScript modules into one bundle (src/bundle.rs) and writes it,
//! with an `index.html` that loads it, into `OUT_DIR`; the bundle's name
//! carries a hash of its content (`SITREP_UI_BUNDLE`).

use std::collections::BTreeMap;
use std::path::Path;

#[path = "src/bundle.rs"]
#[allow(dead_code)]
mod bundle;

fn main() {
    println!("cargo:rerun-if-changed=ui");
    println!("cargo:rerun-if-changed=src/bundle.rs");
    println!("cargo:rerun-if-changed=../../examples/articles");
    let ui = Path::new("ui");
    let mut files = BTreeMap::new();
    let entries = std::fs::read_dir(ui).expect("crates/server/ui is readable");
    for entry in entries {
        let path = entry.expect("a directory entry of ui/").path();
        if path.extension().is_some_and(|e| e == "js") {
            let name = path
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            println!("cargo:rerun-if-changed=ui/{name}");
            let text = std::fs::read_to_string(&path).expect("a UI module is UTF-8 text");
            files.insert(name, text);
        }
    }
    let js = bundle::bundle(&files, "app.js")
        .unwrap_or_else(|e| panic!("bundling the UI's modules: {e}"));
    let name = format!("app.{:016x}.js", bundle::fnv64(js.as_bytes()));
    let html = std::fs::read_to_string(ui.join("index.html")).expect("ui/index.html");
    let html = bundle::rewrite_index(&html, "app.js", &name)
        .unwrap_or_else(|e| panic!("rewriting ui/index.html: {e}"));
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    std::fs::write(out.join("ui-bundle.js"), js).expect("writing the bundle");
    std::fs::write(out.join("ui-index.html"), html).expect("writing index.html");
    println!("cargo:rustc-env=SITREP_UI_BUNDLE={name}");
}
