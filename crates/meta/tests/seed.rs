//! The seed article the project started from, read from `../shared` (not
//! copied into the repository). Skipped with a message when it is absent.

use sitrep_meta::{read, BlockRole, DateKind, Metadata};
use sitrep_text::segment::Segmentation;

mod common;
use common::line_blocks;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/seed/000_f16e8261ec08a98a.txt"
);

fn seed() -> Option<String> {
    match std::fs::read_to_string(SEED) {
        Ok(text) => Some(text),
        Err(e) => {
            eprintln!("skipping the seed test: cannot read {SEED} ({e}); it lives in ../shared");
            None
        }
    }
}

/// The role of the block whose text starts with `prefix`.
fn role_of(text: &str, seg: &Segmentation, meta: &Metadata, prefix: &str) -> BlockRole {
    let i = seg
        .blocks
        .iter()
        .position(|b| b.span.slice(text).starts_with(prefix))
        .unwrap_or_else(|| panic!("no block starts with {prefix:?}"));
    meta.block_roles[i]
}

fn check(text: &str, seg: &Segmentation) {
    let meta = read(text, seg);
    let published = meta.published.expect("a published date");
    assert_eq!(published.date, jiff::civil::date(2024, 3, 15));
    assert_eq!(published.kind, DateKind::Published);
    assert_eq!(published.span.slice(text), "2024-03-15");
    assert_eq!(
        meta.byline.map(|b| b.slice(text)),
        Some("Christian Sturgeon")
    );
    let credits: Vec<&str> = meta.credits.iter().map(|c| c.slice(text)).collect();
    assert!(
        credits.contains(&"Sergey Bobok/AFP"),
        "credits: {credits:?}"
    );
    let notes: Vec<&str> = meta.agency_notes.iter().map(|n| n.slice(text)).collect();
    assert_eq!(notes, ["cs with agencies"]);
    assert_eq!(meta.dateline.map(|d| d.place.slice(text)), Some("Belgorod"));
    assert_eq!(meta.language, Some("en"));
    assert_eq!(meta.title, None);
    assert_eq!(meta.outlet, None);

    assert_eq!(meta.block_roles.len(), seg.blocks.len());
    assert_eq!(
        role_of(text, seg, &meta, "date 2024-03-15"),
        BlockRole::Date
    );
    assert_eq!(role_of(text, seg, &meta, "From: "), BlockRole::Byline);
    assert_eq!(
        role_of(text, seg, &meta, "Clearly against Putin"),
        BlockRole::Caption
    );
    assert_eq!(
        role_of(text, seg, &meta, "Partisans target"),
        BlockRole::Body
    );
    assert_eq!(role_of(text, seg, &meta, "Belgorod – "), BlockRole::Body);
    assert_eq!(
        role_of(text, seg, &meta, "Pro-Ukrainian militia wants"),
        BlockRole::Heading
    );
    assert_eq!(
        role_of(text, seg, &meta, "Anti-Putin fighters advance"),
        BlockRole::Heading
    );
    assert_eq!(
        role_of(text, seg, &meta, "Russia describes the groups"),
        BlockRole::Body
    );
    let headings = meta
        .block_roles
        .iter()
        .filter(|r| **r == BlockRole::Heading)
        .count();
    assert_eq!(headings, 2);
    let body = meta
        .block_roles
        .iter()
        .filter(|r| **r == BlockRole::Body)
        .count();
    assert_eq!(body, seg.blocks.len() - 5);
}

#[test]
fn seed_article_with_the_text_segmenter() {
    let Some(text) = seed() else { return };
    check(&text, &sitrep_text::segment(&text));
}

#[test]
fn seed_article_with_one_block_per_line() {
    let Some(text) = seed() else { return };
    check(&text, &line_blocks(&text));
}
