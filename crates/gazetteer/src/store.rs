//! The compiled data format, shared by the writer ([`crate::compile`]) and
//! the reader ([`crate::Gazetteer`]).
//!
//! Four little-endian files:
//!
//! - `places.bin`: fixed records of [`REC`] bytes, one per place, in place
//!   index order:
//!   `id u32 | lat f32 | lon f32 | population u32 | name u32 | ascii u32 |
//!   admin2 u32 | admin1 u32 | admin1_code u32 | cc [u8; 2] | feature u8 |
//!   source u8 | accuracy u8 | fcode u8 | pad [u8; 2]`, where `name`,
//!   `ascii`, `admin2` and `admin1_code` are offsets into `strings.bin`,
//!   `admin1` is the place index of the first-level division
//!   ([`NONE`] when unknown) and `fcode` indexes [`FCODES`].
//! - `strings.bin`: strings, each a `u16` byte length then UTF-8; offset 0
//!   is the empty string.
//! - `keys.fst`: an `fst` map from folded name ([`crate::key`]) to a value:
//!   with bit 63 set, the low 32 bits are the only posting; otherwise the
//!   value is the index in `postings.bin` of a count followed by that many
//!   postings.
//! - `postings.bin`: `u32` words. A posting is `place_index << 4 | kind`
//!   ([`crate::KeyKind`]).

/// Bytes per place record.
pub const REC: usize = 44;
/// "No place" in a place-index field.
pub const NONE: u32 = u32::MAX;
/// Flag of an fst value holding a single posting.
pub const SINGLE: u64 = 1 << 63;
/// Feature codes, indexed by the record's `fcode` byte.
pub const FCODES: [&str; 12] = [
    "", "PCLI", "ADM1", "ADM2", "PPL", "PPLC", "PPLA", "PPLA2", "PPLX", "ADM3", "PPLL", "PCLD",
];

/// The index of a feature code in [`FCODES`] (0 when not listed).
pub fn fcode_index(code: &str) -> u8 {
    FCODES.iter().position(|c| *c == code).unwrap_or(0) as u8
}

pub fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

pub fn f32_at(b: &[u8], at: usize) -> f32 {
    f32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes"))
}

/// The string at `offset` in a string pool.
pub fn string_at(pool: &[u8], offset: u32) -> &str {
    let o = offset as usize;
    let len = u16::from_le_bytes([pool[o], pool[o + 1]]) as usize;
    std::str::from_utf8(&pool[o + 2..o + 2 + len]).unwrap_or("")
}
