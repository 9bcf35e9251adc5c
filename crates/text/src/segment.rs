//! Blocks, sentences and tokens with byte spans.
//!
//! PLACEHOLDER: a naive implementation that keeps the API compiling; the real
//! segmenter replaces it.

use crate::Span;
use std::ops::Range;

/// How a block is laid out on the page, decided from layout alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Running text: one or more sentences ending in punctuation.
    Prose,
    /// A single short line without final punctuation: a headline, a
    /// subheading, a caption, page furniture.
    Line,
    /// An item of a bulleted or numbered list.
    Bullet,
}

/// A paragraph, or a line standing on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's text, without surrounding blank lines and whitespace.
    pub span: Span,
    /// How the block is laid out.
    pub layout: Layout,
    /// Indices into [`Segmentation::sentences`].
    pub sentences: Range<usize>,
}

/// What a sentence-like segment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// An ordinary sentence (or a headline-like line).
    Text,
    /// The dateline that opens a paragraph ("KHARKIV, Ukraine (AP) —").
    Dateline,
}

/// A sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's text, including its final punctuation and closing
    /// quotes or brackets, without surrounding whitespace.
    pub span: Span,
    /// What kind of segment this is.
    pub kind: SentenceKind,
    /// Index into [`Segmentation::blocks`] of the block holding it.
    pub block: usize,
    /// Indices into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
}

/// The broad class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("U.S.").
    Word,
    /// Digits, possibly with inner separators ("3.5", "07:41", "1,000").
    Number,
    /// Punctuation.
    Punct,
    /// Anything else (symbols, emoji).
    Symbol,
}

/// A token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token's bytes.
    pub span: Span,
    /// Its class.
    pub kind: TokenKind,
}

/// The segmentation of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Blocks in text order.
    pub blocks: Vec<Block>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
}

/// Splits `text` into blocks, sentences and tokens.
pub fn segment(text: &str) -> Segmentation {
    let mut seg = Segmentation::default();
    let mut pos = 0;
    for para in text.split("\n\n") {
        let start = pos + (para.len() - para.trim_start().len());
        let end = pos + para.trim_end().len();
        pos += para.len() + 2;
        if start >= end {
            continue;
        }
        let first_sentence = seg.sentences.len();
        let mut s = start;
        let body = &text[start..end];
        let mut offsets: Vec<usize> = body
            .match_indices(". ")
            .map(|(i, _)| start + i + 1)
            .collect();
        offsets.push(end);
        for e in offsets {
            let sent = Span::new(s, e);
            let trimmed_start = s + (sent.slice(text).len() - sent.slice(text).trim_start().len());
            let first_token = seg.tokens.len();
            for (i, w) in text[trimmed_start..e]
                .split(' ')
                .scan(trimmed_start, |p, w| {
                    let at = *p;
                    *p += w.len() + 1;
                    Some((at, w))
                })
            {
                if !w.is_empty() {
                    seg.tokens.push(Token {
                        span: Span::new(i, i + w.len()),
                        kind: TokenKind::Word,
                    });
                }
            }
            seg.sentences.push(Sentence {
                span: Span::new(trimmed_start, e),
                kind: SentenceKind::Text,
                block: seg.blocks.len(),
                tokens: first_token..seg.tokens.len(),
            });
            s = e;
        }
        seg.blocks.push(Block {
            span: Span::new(start, end),
            layout: Layout::Prose,
            sentences: first_sentence..seg.sentences.len(),
        });
    }
    seg
}
