//! The UI's JavaScript modules joined into one file at compile time, with no
//! JavaScript toolchain: `build.rs` includes this file and writes the
//! bundle and a rewritten `index.html` into `OUT_DIR`; the unit tests below
//! run in `cargo test -p sitrep-server`.
//!
//! The UI's modules keep to a small subset of the module syntax, which is
//! all this understands (anything else is a build error naming the line):
//! one-line `import * as NAME from './FILE.js';` and
//! `import { A, B as C } from './FILE.js';` at the start of a line, and
//! `export` in front of a `function`, `async function`, `class`, `const` or
//! `let` declaration at the start of a line. Each module becomes a function
//! scope that returns its exports; the modules are emitted so that every one
//! comes after the modules it imports (the entry last), so the browser
//! fetches and evaluates one file instead of a graph of modules.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One `import` line of a module.
struct Import {
    /// The imported module's file name (`types.js`).
    from: String,
    /// `None` for `import * as NAME`, else the `{ … }` list as written.
    names: Option<String>,
    /// The namespace name of `import * as NAME`.
    namespace: Option<String>,
}

/// A module split into its imports, its exported names and its body (the
/// import lines removed, the `export` keywords dropped).
struct Module {
    imports: Vec<Import>,
    exports: Vec<String>,
    body: String,
}

/// Reads an identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Parses one `import` line.
fn parse_import(line: &str) -> Option<Import> {
    let rest = line.strip_prefix("import ")?.trim();
    let (what, from) = rest.split_once(" from ")?;
    let from = from.trim().trim_end_matches(';').trim();
    let from = from
        .strip_prefix("'./")
        .and_then(|f| f.strip_suffix('\''))
        .or_else(|| from.strip_prefix("\"./").and_then(|f| f.strip_suffix('"')))?;
    if from.contains('/') || !from.ends_with(".js") {
        return None;
    }
    let what = what.trim();
    if let Some(ns) = what.strip_prefix("* as ") {
        let ns = ns.trim();
        if ident(ns) != ns || ns.is_empty() {
            return None;
        }
        return Some(Import {
            from: from.to_string(),
            names: None,
            namespace: Some(ns.to_string()),
        });
    }
    let list = what.strip_prefix('{')?.strip_suffix('}')?;
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let ok = match item.split_once(" as ") {
            Some((a, b)) => ident(a.trim()) == a.trim() && ident(b.trim()) == b.trim(),
            None => ident(item) == item,
        };
        if !ok {
            return None;
        }
    }
    // `{ a as b }` in an import is `{ a: b }` in a destructuring.
    let names = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|item| match item.split_once(" as ") {
            Some((a, b)) => format!("{}: {}", a.trim(), b.trim()),
            None => item.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    Some(Import {
        from: from.to_string(),
        names: Some(names),
        namespace: None,
    })
}

/// Splits a module's source into imports, exports and body.
fn parse_module(file: &str, source: &str) -> Result<Module, String> {
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    let mut body = String::with_capacity(source.len());
    for (n, line) in source.lines().enumerate() {
        let at = || format!("{file}:{}", n + 1);
        if line.starts_with("import ") || line.starts_with("import{") {
            let import = parse_import(line).ok_or_else(|| {
                format!(
                    "{}: an import the bundler does not understand: {line}",
                    at()
                )
            })?;
            imports.push(import);
            body.push('\n'); // keep line numbers
            continue;
        }
        if let Some(decl) = line.strip_prefix("export ") {
            let name_at = ["async function ", "function ", "class ", "const ", "let "]
                .iter()
                .find_map(|kw| decl.strip_prefix(kw));
            let name = name_at.map(|rest| ident(rest.trim_start_matches('*').trim_start()));
            match name {
                Some(name) if !name.is_empty() => exports.push(name.to_string()),
                _ => {
                    return Err(format!(
                        "{}: an export the bundler does not understand: {line}",
                        at()
                    ))
                }
            }
            body.push_str(decl);
            body.push('\n');
            continue;
        }
        if line.contains("import(") || line.trim_start().starts_with("export ") {
            return Err(format!(
                "{}: dynamic imports and indented exports are not bundled: {line}",
                at()
            ));
        }
        body.push_str(line);
        body.push('\n');
    }
    Ok(Module {
        imports,
        exports,
        body,
    })
}

/// The variable that holds a module's exports in the bundle.
fn var_of(file: &str) -> String {
    let stem = file.trim_end_matches(".js");
    let clean: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("__sitrep_{clean}")
}

/// Joins the modules (`file name → source`) reachable from `entry` into one
/// script; every module is placed after the ones it imports.
pub fn bundle(files: &BTreeMap<String, String>, entry: &str) -> Result<String, String> {
    let mut parsed = BTreeMap::new();
    let mut order = Vec::new();
    // Depth-first, imports before importers; `visiting` catches cycles.
    fn visit(
        file: &str,
        files: &BTreeMap<String, String>,
        parsed: &mut BTreeMap<String, Module>,
        order: &mut Vec<String>,
        visiting: &mut Vec<String>,
    ) -> Result<(), String> {
        if parsed.contains_key(file) {
            return Ok(());
        }
        if visiting.iter().any(|f| f == file) {
            return Err(format!("import cycle: {} -> {file}", visiting.join(" -> ")));
        }
        let source = files
            .get(file)
            .ok_or_else(|| format!("no module {file} (imported by {visiting:?})"))?;
        let module = parse_module(file, source)?;
        visiting.push(file.to_string());
        for import in &module.imports {
            visit(&import.from, files, parsed, order, visiting)?;
        }
        visiting.pop();
        parsed.insert(file.to_string(), module);
        order.push(file.to_string());
        Ok(())
    }
    visit(entry, files, &mut parsed, &mut order, &mut Vec::new())?;
    let mut out = String::from(
        "// The sitrep UI's modules in one file, joined by crates/server/build.rs\n\
         // (src/bundle.rs) from crates/server/ui/*.js; edit those, not this.\n",
    );
    for file in &order {
        let module = &parsed[file];
        // Exports a module imports must exist.
        for import in &module.imports {
            if let Some(names) = &import.names {
                let exported = &parsed[&import.from].exports;
                for name in names.split(", ") {
                    let name = name.split(':').next().unwrap_or(name).trim();
                    if !exported.iter().any(|e| e == name) {
                        return Err(format!(
                            "{file} imports {name} from {}, which does not export it",
                            import.from
                        ));
                    }
                }
            }
        }
        let is_entry = file == entry;
        let _ = writeln!(out, "\n// ---- {file} ----");
        if is_entry {
            out.push_str("(() => {\n");
        } else {
            let _ = writeln!(out, "const {} = (() => {{", var_of(file));
        }
        for import in &module.imports {
            let var = var_of(&import.from);
            match (&import.names, &import.namespace) {
                (_, Some(ns)) => {
                    let _ = writeln!(out, "const {ns} = {var};");
                }
                (Some(names), None) => {
                    let _ = writeln!(out, "const {{ {names} }} = {var};");
                }
                (None, None) => {}
            }
        }
        out.push_str(&module.body);
        if is_entry {
            out.push_str("})();\n");
        } else {
            let _ = writeln!(
                out,
                "return Object.freeze({{ {} }});\n}})();",
                module.exports.join(", ")
            );
        }
    }
    Ok(out)
}

/// `index.html` for the bundle: the `modulepreload` links dropped and the
/// entry module's script tag pointing at `bundle_name`.
pub fn rewrite_index(html: &str, entry: &str, bundle_name: &str) -> Result<String, String> {
    let script = format!("<script type=\"module\" src=\"/{entry}\"></script>");
    if !html.contains(&script) {
        return Err(format!("index.html has no {script}"));
    }
    let mut out = String::with_capacity(html.len());
    for line in html.lines() {
        if line.trim_start().starts_with("<link rel=\"modulepreload\"") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out.replace(
        &script,
        &format!("<script type=\"module\" src=\"/{bundle_name}\"></script>"),
    ))
}

/// FNV-1a, 64 bits: names the bundle by its content, so that it can be
/// cached for good.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> BTreeMap<String, String> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn modules_come_after_their_imports_and_exports_are_returned() {
        let fs = files(&[
            (
                "app.js",
                "import * as api from './api.js';\nimport { el, x as y } from './types.js';\nel(y, api.get());\n",
            ),
            (
                "api.js",
                "import { el } from './types.js';\nexport async function get() { return el; }\nexport const z = 1;\n",
            ),
            (
                "types.js",
                "export function el() {}\nexport const x = 2;\nexport class K {}\nconst hidden = 3;\n",
            ),
        ]);
        let out = bundle(&fs, "app.js").unwrap();
        let types = out.find("---- types.js").unwrap();
        let api = out.find("---- api.js").unwrap();
        let app = out.find("---- app.js").unwrap();
        assert!(types < api && api < app, "{out}");
        assert!(out.contains("return Object.freeze({ el, x, K });"), "{out}");
        assert!(out.contains("return Object.freeze({ get, z });"), "{out}");
        assert!(out.contains("const api = __sitrep_api;"), "{out}");
        assert!(
            out.contains("const { el, x: y } = __sitrep_types;"),
            "{out}"
        );
        assert!(
            !out.contains("export ") && !out.contains("import "),
            "{out}"
        );
        assert!(out.contains("async function get()"), "{out}");
    }

    #[test]
    fn what_it_cannot_bundle_is_an_error() {
        let cases = [
            ("export default 1;\n", "export"),
            ("import x from './b.js';\n", "import"),
            ("import { a } from 'https://cdn.example/b.js';\n", "import"),
            ("const m = import('./b.js');\n", "dynamic"),
            ("import { nope } from './b.js';\n", "does not export"),
            ("import { a } from './missing.js';\n", "no module"),
        ];
        for (src, expect) in cases {
            let fs = files(&[("a.js", src), ("b.js", "export const a = 1;\n")]);
            let err = bundle(&fs, "a.js").unwrap_err();
            assert!(err.contains(expect), "{src:?}: {err}");
        }
        let cyclic = files(&[
            ("a.js", "import { b } from './b.js';\nexport const a = 1;\n"),
            ("b.js", "import { a } from './a.js';\nexport const b = 1;\n"),
        ]);
        assert!(bundle(&cyclic, "a.js").unwrap_err().contains("cycle"));
    }

    #[test]
    fn index_loads_the_bundle_without_module_preloads() {
        let html = "<head>\n<link rel=\"modulepreload\" href=\"/api.js\">\n<link rel=\"preload\" href=\"/x.json\" as=\"fetch\">\n<script type=\"module\" src=\"/app.js\"></script>\n</head>\n";
        let out = rewrite_index(html, "app.js", "app.0123.js").unwrap();
        assert!(!out.contains("modulepreload"));
        assert!(out.contains("rel=\"preload\" href=\"/x.json\""));
        assert!(out.contains("<script type=\"module\" src=\"/app.0123.js\"></script>"));
        assert!(rewrite_index("<p>no script</p>", "app.js", "b.js").is_err());
    }

    #[test]
    fn bundle_names_follow_content() {
        assert_eq!(fnv64(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv64(b"a"), fnv64(b"b"));
    }

    #[test]
    fn the_real_ui_bundles() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
        let mut fs = BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "js") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                fs.insert(name, std::fs::read_to_string(&path).unwrap());
            }
        }
        let out = bundle(&fs, "app.js").unwrap();
        for name in [
            "api.js",
            "types.js",
            "map.js",
            "timeline.js",
            "topo.js",
            "app.js",
        ] {
            assert!(out.contains(&format!("---- {name} ----")), "{name}");
        }
    }
}
