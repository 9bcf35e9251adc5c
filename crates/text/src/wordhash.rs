//! A fast hasher for maps keyed by short words and small numbers (lexicon
//! entries, per-article tallies): eight bytes per step, as rustc's FxHash.
//! Keys come from our own data or one article, so the resistance of the
//! standard SipHash to chosen collisions buys nothing, and its cost showed
//! in profiles of the extraction. No output may depend on a map's order.

use std::collections::HashMap;

/// A fast hash for the short word keys looked up per token: eight bytes
/// per step (rotate, xor, multiply, as in rustc's FxHash), several times
/// faster than SipHash or byte-wise FNV on words. Keys are the registry's
/// own words, so no resistance to chosen collisions is needed.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    /// The hash so far (what [`std::hash::Hasher::finish`] returns).
    pub fn value(&self) -> u64 {
        self.0
    }

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        // The last 1..=7 bytes in pieces: a variable-length copy would
        // be a call to memcpy.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = 0u64;
            let mut i = 0;
            if rest.len() >= 4 {
                v = u64::from(u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]));
                i = 4;
            }
            if rest.len() - i >= 2 {
                v |= u64::from(u16::from_le_bytes([rest[i], rest[i + 1]])) << (8 * i);
                i += 2;
            }
            if i < rest.len() {
                v |= u64::from(rest[i]) << (8 * i);
            }
            self.add(v);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// The hasher state of [`WordMap`] and [`FastMap`].
pub type Fast = std::hash::BuildHasherDefault<WordHasher>;

/// A map with the fast [`WordHasher`] (keys of one article or of the
/// registry; lookups only, never an order that reaches the output).
pub type FastMap<K, V> = HashMap<K, V, Fast>;

/// A map keyed by words, hashed with [`WordHasher`].
pub type WordMap<V> = HashMap<String, V, Fast>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_words_like_a_hash_map() {
        let mut m: WordMap<usize> = WordMap::default();
        for (i, w) in ["said", "says", "told", "said"].iter().enumerate() {
            m.insert(w.to_string(), i);
        }
        assert_eq!(m.len(), 3);
        assert_eq!(m.get("said"), Some(&3));
        assert!(!m.contains_key("tell"));
    }

    #[test]
    fn words_of_every_length_hash_apart() {
        let h = |w: &str| {
            let mut s = WordHasher::default();
            std::hash::Hasher::write(&mut s, w.as_bytes());
            s.value()
        };
        let words = [
            "a",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
        ];
        let hashes: std::collections::HashSet<u64> = words.iter().map(|w| h(w)).collect();
        assert_eq!(hashes.len(), words.len());
        assert_ne!(h("ab"), h("ba"));
    }
}
