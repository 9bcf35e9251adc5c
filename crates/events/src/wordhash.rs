//! A fast hasher for the small word-keyed maps of the lexicons (FNV-1a
//! with a final mix): the keys are short words from our own data, so the
//! flooding resistance of the standard SipHash buys nothing here, and its
//! cost showed in profiles of the extraction.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a over the written bytes, mixed on [`Hasher::finish`].
#[derive(Clone, Copy, Debug)]
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> WordHasher {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        // The finalizer of splitmix64: spreads FNV's weak high bits.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A map from words to `V` hashed with [`WordHasher`].
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

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
        assert_eq!(m.get("says"), Some(&1));
        assert!(!m.contains_key("tell"));
    }

    #[test]
    fn different_words_hash_differently() {
        let h = |w: &str| {
            let mut s = WordHasher::default();
            s.write(w.as_bytes());
            s.finish()
        };
        assert_ne!(h("said"), h("says"));
        assert_eq!(h("said"), h("said"));
    }
}
