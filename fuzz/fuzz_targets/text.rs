//! Arbitrary bytes through the text layer: decoding, then segmentation and
//! normalization of whatever decodes, checking their invariants by slicing
//! every span.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_text::segment::{is_whitespace, Layout, Segmentation};
use sitrep_text::{decode, normalize, segment, Span};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data) else {
        return;
    };
    let text: &str = &decoded.text;
    let seg = segment(text);
    check_segmentation(text, &seg);
    check_normalized(text, &seg);
});

fn check_segmentation(text: &str, seg: &Segmentation) {
    let mut next_sentence = 0;
    let mut prev_end = 0;
    for (b, block) in seg.blocks.iter().enumerate() {
        let body = block.span.slice(text);
        assert!(
            !body.is_empty() && block.span.start >= prev_end,
            "block {b}"
        );
        assert!(!body.starts_with(is_whitespace) && !body.ends_with(is_whitespace));
        prev_end = block.span.end;
        assert_eq!(block.sentences.start, next_sentence);
        assert!(block.sentences.end > block.sentences.start);
        next_sentence = block.sentences.end;
        if block.layout == Layout::Line {
            assert_eq!(block.sentences.len(), 1);
        }
        let sentences = &seg.sentences[block.sentences.clone()];
        assert_eq!(sentences[0].span.start, block.span.start);
        assert_eq!(sentences[sentences.len() - 1].span.end, block.span.end);
        for s in sentences {
            assert_eq!(s.block, b);
            assert!(block.span.contains(s.span));
        }
    }
    assert_eq!(next_sentence, seg.sentences.len());

    let mut next_token = 0;
    let mut prev_end = 0;
    for s in &seg.sentences {
        let body = s.span.slice(text);
        assert!(!body.is_empty() && s.span.start >= prev_end);
        assert!(!body.starts_with(is_whitespace) && !body.ends_with(is_whitespace));
        prev_end = s.span.end;
        assert_eq!(s.tokens.start, next_token);
        assert!(s.tokens.end > s.tokens.start);
        next_token = s.tokens.end;
        let tokens = &seg.tokens[s.tokens.clone()];
        assert_eq!(tokens[0].span.start, s.span.start);
        assert_eq!(tokens[tokens.len() - 1].span.end, s.span.end);
    }
    assert_eq!(next_token, seg.tokens.len());

    let mut covered = vec![false; text.len()];
    let mut prev_end = 0;
    for t in &seg.tokens {
        assert!(!t.span.slice(text).is_empty() && t.span.start >= prev_end);
        prev_end = t.span.end;
        covered[t.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in text.char_indices() {
        assert_eq!(covered[i], !is_whitespace(c), "char {c:?} at {i}");
    }
}

fn check_normalized(text: &str, seg: &Segmentation) {
    let n = normalize(text);
    let folded = n.as_str();
    assert_eq!(
        n.to_original(Span::new(0, folded.len())),
        Span::new(0, text.len())
    );
    let mut last = 0;
    for (o, _) in text.char_indices() {
        let m = n.original_to_normalized(o);
        assert!(m >= last && folded.is_char_boundary(m));
        last = m;
    }
    assert_eq!(n.original_to_normalized(text.len()), folded.len());
    for t in &seg.tokens {
        let m = n.from_original(t.span);
        let _ = m.slice(folded);
        let back = n.to_original(m);
        assert!(back.start <= back.end);
        let _ = back.slice(text);
    }
    assert_eq!(normalize(folded).as_str(), folded, "folding is idempotent");
}
