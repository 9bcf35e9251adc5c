//! Where articles come from: files, directories walked lazily, or stdin.

use std::io::Read;
use std::path::{Path, PathBuf};

use sitrep_text::decode::MAX_INPUT_BYTES;

/// One article source named on the command line or found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The path as shown in reports and errors (`None` for stdin).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Source::Stdin => None,
            Source::File(p) => Some(p),
        }
    }

    /// How errors name this source.
    pub fn display(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Reads the whole source, refusing anything over the size limit
    /// before reading it all.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        let too_large = |n: u64| {
            format!(
                "file is {n} bytes, over the {} MB limit",
                MAX_INPUT_BYTES >> 20
            )
        };
        let mut bytes = Vec::new();
        match self {
            Source::Stdin => {
                std::io::stdin()
                    .lock()
                    .take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())?;
            }
            Source::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
                let meta = file.metadata().map_err(|e| io_reason(&e))?;
                if meta.is_dir() {
                    return Err("is a directory".to_string());
                }
                if meta.len() > MAX_INPUT_BYTES {
                    return Err(too_large(meta.len()));
                }
                file.take(MAX_INPUT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| io_reason(&e))?;
            }
        }
        if bytes.len() as u64 > MAX_INPUT_BYTES {
            return Err(format!(
                "input is over the {} MB limit",
                MAX_INPUT_BYTES >> 20
            ));
        }
        Ok(bytes)
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// A source, or the reason a path given could not be listed.
pub type Listed = Result<Source, (String, String)>;

/// Lists the sources named by `paths`, walking directories lazily in file
/// name order. No paths, or `-`, means standard input.
pub fn sources(paths: &[PathBuf]) -> impl Iterator<Item = Listed> + '_ {
    let stdin = paths.is_empty().then_some(Ok(Source::Stdin));
    stdin.into_iter().chain(
        paths
            .iter()
            .flat_map(|p| -> Box<dyn Iterator<Item = Listed>> {
                if p.as_os_str() == "-" {
                    Box::new(std::iter::once(Ok(Source::Stdin)))
                } else if p.is_dir() {
                    Box::new(walk(p))
                } else {
                    // Named files are read whatever their extension; a missing one
                    // fails when it is read, with the reason.
                    Box::new(std::iter::once(Ok(Source::File(p.clone()))))
                }
            }),
    )
}

fn walk(dir: &Path) -> impl Iterator<Item = Listed> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()))
        .filter_map(|entry| match entry {
            Ok(e) if e.file_type().is_dir() => None,
            Ok(e) if is_article_name(e.path()) => Some(Ok(Source::File(e.into_path()))),
            Ok(_) => None,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| "?".to_string(), |p| p.display().to_string());
                let reason = err.io_error().map_or_else(|| err.to_string(), io_reason);
                Some(Err((path, reason)))
            }
        })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// Files a directory walk picks up: `*.txt`, `*.text` and names without an
/// extension.
pub fn is_article_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("text"),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_article_name, sources, Source};
    use std::path::{Path, PathBuf};

    #[test]
    fn article_names() {
        assert!(is_article_name(Path::new("a/b.txt")));
        assert!(is_article_name(Path::new("a/b.TEXT")));
        assert!(is_article_name(Path::new("a/README")));
        assert!(!is_article_name(Path::new("a/b.gold.json")));
        assert!(!is_article_name(Path::new("a/b.html")));
    }

    #[test]
    fn walks_recursively_in_order_skipping_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "b.txt",
            "a.text",
            "NOTES",
            "x.json",
            ".hidden.txt",
            "sub/c.txt",
            "sub/deeper/d",
            ".git/e.txt",
        ] {
            std::fs::write(root.join(f), "text").unwrap();
        }
        let got: Vec<PathBuf> = sources(&[root.to_path_buf()])
            .map(|s| match s.unwrap() {
                Source::File(p) => p.strip_prefix(root).unwrap().to_path_buf(),
                Source::Stdin => unreachable!(),
            })
            .collect();
        let want: Vec<PathBuf> = ["NOTES", "a.text", "b.txt", "sub/c.txt", "sub/deeper/d"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn no_path_or_dash_is_stdin() {
        assert_eq!(sources(&[]).next(), Some(Ok(Source::Stdin)));
        assert_eq!(
            sources(&[PathBuf::from("-")]).next(),
            Some(Ok(Source::Stdin))
        );
    }
}
