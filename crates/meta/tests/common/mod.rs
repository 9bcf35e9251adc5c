//! Helpers shared by the metadata integration tests.

use sitrep_text::segment::{Block, Layout, Segmentation};
use sitrep_text::Span;

/// One block per non-empty line: the segmentation that depends least on
/// the real segmenter, so these tests exercise the metadata reader alone.
pub fn line_blocks(text: &str) -> Segmentation {
    let mut seg = Segmentation::default();
    let mut pos = 0;
    for line in text.split('\n') {
        let start = pos + (line.len() - line.trim_start().len());
        let end = pos + line.trim_end().len();
        if start < end {
            seg.blocks.push(Block {
                span: Span::new(start, end),
                layout: Layout::Line,
                sentences: 0..0,
            });
        }
        pos += line.len() + 1;
    }
    seg
}
