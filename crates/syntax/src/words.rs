//! From sitrep tokens to UD-style syntactic words: clitics are split off the
//! way UD English does it ("Russia's" → "Russia" + "'s", "don't" → "do" +
//! "n't", "can't" → "ca" + "n't"), each part keeping its own byte span.

use sitrep_text::segment::Token;
use sitrep_text::Span;

const CLITICS: &[&str] = &[
    "n't",
    "n\u{2019}t",
    "'s",
    "\u{2019}s",
    "'re",
    "\u{2019}re",
    "'ve",
    "\u{2019}ve",
    "'ll",
    "\u{2019}ll",
    "'d",
    "\u{2019}d",
    "'m",
    "\u{2019}m",
];

/// Where a clitic starts in `word` (a byte offset), if it ends with one and
/// something is left before it.
fn clitic_start(word: &str) -> Option<usize> {
    for c in CLITICS {
        if word.len() > c.len() {
            let at = word.len() - c.len();
            if word.is_char_boundary(at) && word[at..].eq_ignore_ascii_case(c) {
                let stem = &word[..at];
                // "n't" needs a verb stem ("do", "ca", "wo"), not a bare letter run
                // like "Don't" → "Do" + "n't" is fine; "'s" needs letters or digits.
                if stem.chars().last().is_some_and(|ch| ch.is_alphanumeric()) {
                    return Some(at);
                }
            }
        }
    }
    None
}

/// The syntactic words of a sentence's tokens: their forms and byte spans in
/// `text`. Tokens whose spans do not lie in `text` are skipped.
pub fn split_words<'t>(text: &'t str, tokens: &[Token]) -> (Vec<&'t str>, Vec<Span>) {
    let mut forms = Vec::with_capacity(tokens.len() + 4);
    let mut spans = Vec::with_capacity(tokens.len() + 4);
    for t in tokens {
        let Some(form) = text.get(t.span.start..t.span.end) else {
            continue;
        };
        if form.is_empty() {
            continue;
        }
        match clitic_start(form) {
            Some(at) => {
                forms.push(&form[..at]);
                spans.push(Span {
                    start: t.span.start,
                    end: t.span.start + at,
                });
                forms.push(&form[at..]);
                spans.push(Span {
                    start: t.span.start + at,
                    end: t.span.end,
                });
            }
            None => {
                forms.push(form);
                spans.push(t.span);
            }
        }
    }
    (forms, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let seg = sitrep_text::segment(text);
        let (forms, spans) = split_words(text, &seg.tokens);
        for (f, s) in forms.iter().zip(&spans) {
            assert_eq!(&text[s.start..s.end], *f);
        }
        forms
    }

    #[test]
    fn splits_clitics_like_ud() {
        assert_eq!(words("Russia's army"), ["Russia", "'s", "army"]);
        assert_eq!(
            words("They don't know."),
            ["They", "do", "n't", "know", "."]
        );
        assert_eq!(words("We can\u{2019}t."), ["We", "ca", "n\u{2019}t", "."]);
        assert_eq!(words("They're here"), ["They", "'re", "here"]);
    }

    #[test]
    fn keeps_other_tokens_whole() {
        let w = words("The U.S. and pro-Russian forces at 07:41 \u{2014} \u{201c}quiet\u{201d}.");
        assert!(w.contains(&"U.S."), "{w:?}");
        assert!(w.contains(&"pro-Russian"), "{w:?}");
        assert!(w.contains(&"07:41"), "{w:?}");
    }

    #[test]
    fn odd_tokens_do_not_panic() {
        let text = "é's";
        let bad = [Token {
            span: Span { start: 1, end: 3 },
            kind: sitrep_text::segment::TokenKind::Word,
        }];
        let _ = split_words(text, &bad);
        assert!(!words("'s").is_empty());
        assert!(words("").is_empty());
    }
}
