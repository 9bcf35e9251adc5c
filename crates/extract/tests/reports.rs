//! Whole-report tests: golden snapshots of the example articles, the JSON
//! Schema, the span invariant `input[start..end] == text`, and a property
//! test that no input makes extraction panic.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use proptest::prelude::{any, prop_assert, prop_oneof, proptest, Just, ProptestConfig, Strategy};
use serde_json::Value;
use sitrep_extract::{Options, Pipeline};

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::default);

static SCHEMA: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = workspace().join("schema/sitrep-1.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).expect("the schema is valid JSON Schema")
});

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Extracts `bytes` and checks the report against the schema and the span
/// invariant; returns the report as JSON.
fn extract_checked(bytes: &[u8], name: &str) -> Option<Value> {
    let options = Options {
        path: Some(name.to_string()),
        ..Options::default()
    };
    let report = PIPELINE.extract(bytes, &options).ok()?;
    let json = serde_json::to_value(&report).unwrap();
    let errors: Vec<String> = SCHEMA
        .iter_errors(&json)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: report does not follow the schema: {errors:#?}"
    );
    let decoded = sitrep_text::decode(bytes).unwrap();
    let mut spans = 0;
    check_spans(&json, &decoded.text, name, &mut spans);
    Some(json)
}

/// Every object with `start`, `end` and `text` must cover exactly `text`.
fn check_spans(value: &Value, text: &str, name: &str, count: &mut usize) {
    match value {
        Value::Object(map) => {
            if let (Some(s), Some(e), Some(t)) = (map.get("start"), map.get("end"), map.get("text"))
            {
                if let (Some(s), Some(e), Some(t)) = (s.as_u64(), e.as_u64(), t.as_str()) {
                    let (s, e) = (s as usize, e as usize);
                    assert!(
                        s <= e && e <= text.len(),
                        "{name}: span {s}..{e} out of bounds"
                    );
                    assert_eq!(
                        text.get(s..e),
                        Some(t),
                        "{name}: span {s}..{e} does not cover its text"
                    );
                    *count += 1;
                }
            }
            map.values().for_each(|v| check_spans(v, text, name, count));
        }
        Value::Array(items) => items.iter().for_each(|v| check_spans(v, text, name, count)),
        _ => {}
    }
}

#[test]
fn example_articles_match_their_snapshots() {
    insta::glob!("../../../examples/articles", "*.txt", |path| {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let report =
            extract_checked(&bytes, &name).unwrap_or_else(|| panic!("{name} failed to extract"));
        insta::assert_json_snapshot!(report);
    });
}

#[test]
fn seed_article_follows_the_contract() {
    let seed = workspace().join("../shared/seed/000_f16e8261ec08a98a.txt");
    let Ok(bytes) = std::fs::read(&seed) else {
        eprintln!(
            "skipping: {} is absent (it lives in ../shared, outside the repo)",
            seed.display()
        );
        return;
    };
    let report = extract_checked(&bytes, "seed").unwrap();
    let article = &report["article"];
    assert_eq!(article["published"], "2024-03-15");
    assert_eq!(article["byline"], "Christian Sturgeon");
    assert_eq!(article["language"], "en");
    let credits = article["credits"].as_array().unwrap();
    assert!(
        credits
            .iter()
            .any(|c| c.as_str().unwrap().contains("Sergey Bobok/AFP")),
        "{credits:?}"
    );
}

#[test]
fn transcoded_input_spans_index_the_transcoding() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
        "Москва, 15 марта 2024\n\nМинистерство обороны заявило, что войска отразили атаку у села Тёткино.\n",
    );
    let report = extract_checked(&bytes, "cp1251").unwrap();
    assert_eq!(report["article"]["encoding"], "windows-1251");
    let options = Options {
        include_text: true,
        ..Options::default()
    };
    let with_text = PIPELINE.extract(&bytes, &options).unwrap();
    assert!(with_text.article.text.unwrap().contains("Тёткино"));
}

/// Text that looks like a news page: lines, quotes, dashes, abbreviations.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Belgorod – ".to_string()),
        Just("KYIV, Ukraine (AP) — ".to_string()),
        Just("date 2024-03-15 Home page politics\n".to_string()),
        Just("By Jane Roe and John Doe | Reuters\n".to_string()),
        Just("© Name/AFP".to_string()),
        Just("“It burns,” he said. ".to_string()),
        Just("Lt. Col. J. R. Smith ".to_string()),
        Just("3.5 ".to_string()),
        Just("… ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("- item\n".to_string()),
        Just("Тёткино ".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{200b}".to_string()),
        "[a-zA-Z .,!?\"'()\n-]{0,40}",
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_extracts_without_panic_and_spans_hold(text in newsish()) {
        extract_checked(text.as_bytes(), "prop");
    }

    #[test]
    fn any_bytes_extract_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let result = PIPELINE.extract(&bytes, &Options::default());
        if result.is_ok() {
            prop_assert!(extract_checked(&bytes, "bytes").is_some());
        }
    }
}
