//! Properties of `read` over arbitrary text: it never panics, every span it
//! returns lies inside the text on character boundaries, and it gives one
//! role per block.

use proptest::prelude::*;
use sitrep_meta::{read, Metadata};
use sitrep_text::segment::Segmentation;
use sitrep_text::Span;

mod common;
use common::line_blocks;

/// Pieces of page text that exercise the readers: labels, dates, bylines,
/// credits, notes, furniture, brackets and dashes, several scripts.
const PIECES: &[&str] = &[
    "By ",
    "From: ",
    "Von ",
    "Par ",
    "Jane ",
    "Doe",
    " and ",
    ", ",
    " | ",
    "Reuters",
    "AFP",
    "dpa",
    "Published: ",
    "Updated ",
    "date ",
    "15 March 2024",
    "March 15, 2024",
    "2024-03-15T07:41:00Z",
    "31.02.2024",
    "15/03/2024",
    "15. März 2024",
    "15 марта 2024",
    "2024年3月15日",
    "Fri ",
    "Photo: ",
    "© ",
    "/",
    "(Archive image)",
    "(cs with agencies)",
    "(",
    ")",
    "— ",
    " - ",
    "–",
    "Share",
    "Home page politics",
    "Read more: ",
    "4 min read",
    "Source: ",
    "KYIV (AP) — ",
    "Belgorod – ",
    "The army said it shelled the town.",
    " in Kyiv",
    ", Staff Writer",
    "é",
    "\u{301}",
    "ß",
    "İ",
    "ﬁ",
    "\u{a0}",
    "\u{2019}",
    "“",
    "”",
    "…",
    "?",
    "!",
    ".",
    ":",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "0",
    "9",
    "x",
    "Ω",
    "🙂",
    "\u{200b}",
    "\u{feff}",
    "الحرب",
    "战争",
    "By",
    "Par",
    "Von",
    "İ",
    "ẞ",
    "Ǆ",
    "ﬀ",
    "марта",
    "März",
    "Mar.",
    "Updated",
    "Published",
    "Photo",
    "Image source,",
    "(Photo by ",
    "Getty Images",
    "with agencies",
    "Reuters",
    "|",
    "年",
    "月",
    "日",
    "15",
    "2024",
    "-",
    ".",
    "/",
    "Home page",
    "Share",
    "4 min read",
];

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|p| p.concat())
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} out of bounds"
    );
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on character boundaries"
    );
    Ok(())
}

fn check(text: &str, seg: &Segmentation, meta: &Metadata) -> Result<(), TestCaseError> {
    prop_assert_eq!(meta.block_roles.len(), seg.blocks.len());
    let mut spans: Vec<(Span, &str)> = Vec::new();
    spans.extend(meta.title.map(|s| (s, "title")));
    spans.extend(meta.byline.map(|s| (s, "byline")));
    spans.extend(meta.outlet.map(|s| (s, "outlet")));
    spans.extend(meta.published.map(|d| (d.span, "published")));
    spans.extend(meta.updated.map(|d| (d.span, "updated")));
    spans.extend(meta.credits.iter().map(|&s| (s, "credit")));
    spans.extend(meta.agency_notes.iter().map(|&s| (s, "agency note")));
    if let Some(d) = meta.dateline {
        spans.extend([(d.span, "dateline"), (d.place, "dateline place")]);
        spans.extend(d.region.map(|s| (s, "dateline region")));
        spans.extend(d.agency.map(|s| (s, "dateline agency")));
    }
    for (span, what) in spans {
        check_span(text, span, what)?;
    }
    if let Some(code) = meta.language {
        prop_assert_eq!(code.len(), 2);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text(text in "\\PC{0,400}") {
        let seg = sitrep_text::segment(&text);
        check(&text, &seg, &read(&text, &seg))?;
        let seg = line_blocks(&text);
        check(&text, &seg, &read(&text, &seg))?;
    }

    #[test]
    fn page_like_text(text in page()) {
        let seg = sitrep_text::segment(&text);
        check(&text, &seg, &read(&text, &seg))?;
        let seg = line_blocks(&text);
        check(&text, &seg, &read(&text, &seg))?;
    }

    #[test]
    fn foreign_segmentations_do_not_panic(text in page(), other in page()) {
        // A segmentation of another text: spans may be out of bounds.
        let seg = sitrep_text::segment(&other);
        check(&text, &seg, &read(&text, &seg))?;
    }
}
