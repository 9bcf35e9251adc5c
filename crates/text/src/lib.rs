//! The text layer of sitrep: everything later stages need to read an article
//! while keeping every finding traceable to the exact bytes it came from.
//!
//! - [`decode`](mod@decode) turns raw input bytes into UTF-8 text (UTF-8 with or without
//!   BOM, UTF-16 with BOM, legacy single-byte encodings) or a clear error.
//! - [`segment`](mod@segment) splits the text into blocks (paragraphs and single lines),
//!   sentences and tokens, each with a [`Span`] of byte offsets.
//! - [`normalize`](mod@normalize) builds a folded view for matching (NFKC, case folding,
//!   typographic punctuation and diacritics folded) that maps back to the
//!   original offsets.
//! - [`dateline`] recognises the dateline that opens a wire story
//!   ("KHARKIV, Ukraine (AP) —", "Belgorod –").
//!
//! ```
//! use sitrep_text::{segment, Span};
//! let text = "Belgorod – The Legion said it shelled Tyotkino. Gen. Ivanov denied it.";
//! let seg = segment::segment(text);
//! let sentences: Vec<&str> = seg.sentences.iter().map(|s| s.span.slice(text)).collect();
//! assert!(sentences.contains(&"Gen. Ivanov denied it."));
//! ```
#![deny(missing_docs)]

pub mod dateline;
pub mod decode;
pub mod normalize;
pub mod numbers;
pub mod segment;
mod span;
pub mod wordhash;

pub use decode::{decode, DecodeError, Decoded};
pub use normalize::{normalize, Normalized};
pub use segment::{segment, Segmentation};
pub use span::Span;
