//! Property tests: whatever the input, `segment` and `normalize` do not
//! panic and keep their structural guarantees.

use proptest::prelude::*;
use sitrep_text::segment::{is_whitespace, Layout, Segmentation};
use sitrep_text::{normalize, segment, Span};

/// Checks every structural invariant of a segmentation, slicing every span.
fn check_segmentation(text: &str, seg: &Segmentation) -> Result<(), TestCaseError> {
    let mut next_sentence = 0;
    let mut prev_end = 0;
    for (b, block) in seg.blocks.iter().enumerate() {
        let body = block.span.slice(text);
        prop_assert!(!body.is_empty(), "empty block {b}");
        prop_assert!(
            block.span.start >= prev_end,
            "block {b} overlaps the one before"
        );
        prev_end = block.span.end;
        prop_assert!(!body.starts_with(is_whitespace) && !body.ends_with(is_whitespace));
        prop_assert_eq!(block.sentences.start, next_sentence);
        prop_assert!(
            block.sentences.end > block.sentences.start,
            "block {} has no sentence",
            b
        );
        next_sentence = block.sentences.end;
        if block.layout == Layout::Line {
            prop_assert_eq!(block.sentences.len(), 1);
        }
        let sentences = &seg.sentences[block.sentences.clone()];
        prop_assert_eq!(sentences[0].span.start, block.span.start);
        prop_assert_eq!(sentences[sentences.len() - 1].span.end, block.span.end);
        for s in sentences {
            prop_assert_eq!(s.block, b);
            prop_assert!(block.span.contains(s.span));
        }
    }
    prop_assert_eq!(next_sentence, seg.sentences.len());

    let mut next_token = 0;
    let mut prev_end = 0;
    for (i, s) in seg.sentences.iter().enumerate() {
        let body = s.span.slice(text);
        prop_assert!(!body.is_empty(), "empty sentence {i}");
        prop_assert!(
            s.span.start >= prev_end,
            "sentence {i} overlaps the one before"
        );
        prev_end = s.span.end;
        prop_assert!(!body.starts_with(is_whitespace) && !body.ends_with(is_whitespace));
        prop_assert_eq!(s.tokens.start, next_token);
        prop_assert!(s.tokens.end > s.tokens.start, "sentence {} has no token", i);
        next_token = s.tokens.end;
        let tokens = &seg.tokens[s.tokens.clone()];
        prop_assert_eq!(tokens[0].span.start, s.span.start);
        prop_assert_eq!(tokens[tokens.len() - 1].span.end, s.span.end);
    }
    prop_assert_eq!(next_token, seg.tokens.len());

    let mut covered = vec![false; text.len()];
    let mut prev_end = 0;
    for (i, t) in seg.tokens.iter().enumerate() {
        let body = t.span.slice(text);
        prop_assert!(!body.is_empty(), "empty token {i}");
        prop_assert!(
            t.span.start >= prev_end,
            "token {i} overlaps the one before"
        );
        prev_end = t.span.end;
        covered[t.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in text.char_indices() {
        prop_assert_eq!(covered[i], !is_whitespace(c), "char {:?} at {}", c, i);
    }
    Ok(())
}

/// Checks the alignment of the folded text against the tokens of `seg`.
fn check_normalized(text: &str, seg: &Segmentation) -> Result<(), TestCaseError> {
    let n = normalize(text);
    let folded = n.as_str();
    prop_assert_eq!(n.original_len(), text.len());
    prop_assert_eq!(
        n.to_original(Span::new(0, folded.len())),
        Span::new(0, text.len())
    );
    let mut last = 0;
    for o in text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
    {
        let m = n.original_to_normalized(o);
        prop_assert!(m >= last && m <= folded.len() && folded.is_char_boundary(m));
        last = m;
    }
    prop_assert_eq!(n.original_to_normalized(text.len()), folded.len());
    let mapped: Vec<Span> = seg.tokens.iter().map(|t| n.from_original(t.span)).collect();
    for (t, m) in seg.tokens.iter().zip(&mapped) {
        prop_assert!(m.start <= m.end && m.end <= folded.len());
        let _ = m.slice(folded);
        let back = n.to_original(*m);
        prop_assert!(back.start <= back.end && back.end <= text.len());
        let _ = back.slice(text);
        // A token's folding maps back near the token: never before the
        // character before it, never after the character after it (unless
        // it is the whole folded text, which maps to the whole original).
        let from = text[..t.span.start]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
        let to = text[t.span.end..]
            .chars()
            .next()
            .map_or(text.len(), |c| t.span.end + c.len_utf8());
        if !m.is_empty() && *m != Span::new(0, folded.len()) {
            prop_assert!(
                back.start >= from && back.end <= to,
                "{:?} -> {:?} -> {:?}",
                t.span,
                m,
                back
            );
        }
    }
    // Spans across several tokens.
    for w in mapped.windows(3) {
        let span = Span::new(w[0].start, w[2].end.max(w[0].start));
        let back = n.to_original(span);
        prop_assert!(back.start <= back.end && back.end <= text.len());
        let _ = back.slice(text);
    }
    Ok(())
}

/// Fragments of news-like text, glued together at random.
const FRAGMENTS: &[&str] = &[
    "The",
    "army",
    "said",
    "Kyiv",
    "KURSK",
    "U.S.",
    "U.N.",
    "p.m.",
    "a.m.",
    "Gen.",
    "Lt.",
    "Col.",
    "J.",
    "R.",
    "etc.",
    "No.",
    "Jan.",
    "e.g.",
    "Inc.",
    ". ",
    ".",
    "!",
    "?",
    "?!",
    "...",
    "…",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "    ",
    " ",
    " ",
    " ",
    "\t",
    "\"",
    "'",
    "’",
    "“",
    "”",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    ":",
    ";",
    ",",
    "–",
    "—",
    " - ",
    " -- ",
    "-",
    "3.5",
    "07:41",
    "1,000",
    "2024-03-15",
    "KHARKIV, Ukraine (AP) — ",
    "Belgorod – ",
    "SEOUL, Aug. 20 (Yonhap) -- ",
    "- ",
    "• ",
    "* ",
    "1. ",
    "2) ",
    "https://x.org/a_(b)",
    "www.mil.gov.ua",
    "a@b.co",
    "Ukrinform.ua",
    "\u{feff}",
    "\u{200b}",
    "\u{200d}",
    "\u{ad}",
    "\u{a0}",
    "e\u{301}",
    "\u{301}",
    "й",
    "Ё",
    "İ",
    "ß",
    "ﬁ",
    "ＡＢＣ",
    "Tëtkino",
    "Грайворон",
    "غزة",
    "北京",
    "。",
    "👨‍👩‍👧",
    "🇺🇦",
    "👍🏽",
    "\u{fe0f}",
    "Share",
    "Photo: AFP",
    "REUTER",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80).prop_map(|parts| parts.concat())
}

/// Hard-wrapped paragraphs: words filled into lines of a random width,
/// some lines indented.
fn wrapped() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..200),
        20usize..90,
        prop::collection::vec(any::<bool>(), 0..40),
    )
        .prop_map(|(words, width, indents)| {
            let mut out = String::new();
            let mut line = 0;
            let mut n = 0;
            for w in words {
                let w = w.trim();
                if w.is_empty() {
                    continue;
                }
                if line + w.len() > width {
                    out.push('\n');
                    if indents.get(n).copied().unwrap_or(false) {
                        out.push_str("    ");
                    }
                    n += 1;
                    line = 0;
                } else if line > 0 {
                    out.push(' ');
                }
                out.push_str(w);
                line += w.len() + 1;
            }
            out
        })
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let seg = segment(text);
    check_segmentation(text, &seg)?;
    check_normalized(text, &seg)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn printable_unicode_with_breaks(text in "(\\PC|\\s|[.!?…\"'“”()])*") {
        check(&text)?;
    }

    #[test]
    fn news_like_text(text in news_like()) {
        check(&text)?;
    }

    #[test]
    fn hard_wrapped_text(text in wrapped()) {
        check(&text)?;
    }

    #[test]
    fn folding_is_idempotent(text in prop_oneof![news_like(), any::<String>()]) {
        let once = normalize(&text);
        let twice = normalize(once.as_str());
        prop_assert_eq!(once.as_str(), twice.as_str());
    }
}
