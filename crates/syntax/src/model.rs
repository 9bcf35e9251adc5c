//! Linear models over hashed features: the averaged perceptron used while
//! training and the compact, quantized form embedded in the binary.
//!
//! A feature is a non-zero `u32` key (see [`key`]). A model maps a key to a
//! row of class weights; the score of a class is the sum of its weights over
//! the active features.
//!
//! The compact form (`SXM1`) is read in place from a byte slice (the only
//! work at load is a bit filter over the stored keys): an open-addressing table of `2^bits` slots (key `u32`,
//! then `start << 8 | len` as `u32`) followed by `(class u8, weight i16)`
//! entries, 3 bytes each, little endian.

use std::collections::HashMap;

/// Hashes bytes to 64 bits (FNV-1a followed by a final mix).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// A 64-bit finalizer (the one of splitmix64).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The key of feature template `template` over the values `a` and `b`
/// (hashes of strings, tags or small numbers). Never zero.
pub fn key(template: u32, a: u64, b: u64) -> u32 {
    let h = mix(
        mix(u64::from(template).wrapping_add(a.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f),
    );
    let k = (h >> 32) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

/// Anything that scores classes for a list of feature keys.
pub trait Scorer {
    /// Number of classes.
    fn classes(&self) -> usize;
    /// Adds the class scores of `features` to `scores` (length
    /// [`Scorer::classes`]).
    fn score(&self, features: &[u32], scores: &mut [f32]);
}

/// An averaged perceptron being trained: one dense row per feature seen in an
/// update.
#[derive(Debug, Default)]
pub struct Perceptron {
    classes: usize,
    rows: HashMap<u32, u32>,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    time: u32,
}

impl Perceptron {
    /// An empty model over `classes` classes.
    pub fn new(classes: usize) -> Perceptron {
        Perceptron {
            classes,
            ..Perceptron::default()
        }
    }

    /// Counts one training instance (the clock of the averaging).
    pub fn tick(&mut self) {
        self.time = self.time.saturating_add(1);
    }

    fn row(&mut self, feature: u32) -> usize {
        let next = self.rows.len() as u32;
        let r = *self.rows.entry(feature).or_insert(next);
        if r == next {
            let n = self.weights.len() + self.classes;
            self.weights.resize(n, 0.0);
            self.totals.resize(n, 0.0);
            self.stamps.resize(n, 0);
        }
        r as usize * self.classes
    }

    /// Moves the weights of `features` towards `truth` and away from `guess`.
    pub fn update(&mut self, features: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let time = self.time;
        for &f in features {
            let base = self.row(f);
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let i = base + class;
                self.totals[i] += f64::from(time - self.stamps[i]) * f64::from(self.weights[i]);
                self.stamps[i] = time;
                self.weights[i] += delta;
            }
        }
    }

    /// Number of feature rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether no feature has a row yet.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Replaces the weights by their averages over all ticks (call once, at
    /// the end of training).
    pub fn average(&mut self) {
        let time = f64::from(self.time.max(1));
        for i in 0..self.weights.len() {
            let total =
                self.totals[i] + f64::from(self.time - self.stamps[i]) * f64::from(self.weights[i]);
            self.weights[i] = (total / time) as f32;
            self.totals[i] = 0.0;
            self.stamps[i] = self.time;
        }
    }

    /// The compact form: weights scaled to `i16`, entries that round to zero
    /// dropped, features without entries dropped.
    /// Entries whose averaged weight is below `prune` in magnitude are
    /// dropped too.
    pub fn compact(&self, labels: &[String], extra: &[u8], prune: f32) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut feats: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
        let mut keys: Vec<(&u32, &u32)> = self.rows.iter().collect();
        keys.sort();
        for (&k, &r) in keys {
            let base = r as usize * self.classes;
            let entries: Vec<(u8, i16)> = (0..self.classes)
                .filter_map(|c| {
                    let w = self.weights[base + c];
                    let q = (w * scale).round() as i32;
                    (q != 0 && w.abs() >= prune).then_some((c as u8, q.clamp(-32767, 32767) as i16))
                })
                .collect();
            if !entries.is_empty() {
                feats.push((k, entries));
            }
        }
        // Load factor at most 0.75; the home slot of a key is a fast range
        // reduction of the key (keys are uniform hashes).
        let size = (feats.len() * 4 / 3 + 1).max(16);
        let mut slots = vec![(0u32, 0u32); size];
        let mut entries: Vec<u8> = Vec::new();
        for (k, es) in &feats {
            let start = (entries.len() / 3) as u32;
            for &(c, w) in es {
                entries.push(c);
                entries.extend_from_slice(&w.to_le_bytes());
            }
            let mut i = home(*k, size);
            while slots[i].0 != 0 {
                i = (i + 1) % size;
            }
            slots[i] = (*k, (start << 8) | es.len() as u32);
        }
        let mut out = Vec::new();
        out.extend_from_slice(b"SXM1");
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&(1.0 / scale).to_le_bytes());
        out.extend_from_slice(&(size as u32).to_le_bytes());
        let names = labels.join("\n");
        out.extend_from_slice(&(names.len() as u32).to_le_bytes());
        out.extend_from_slice(names.as_bytes());
        out.extend_from_slice(&(extra.len() as u32).to_le_bytes());
        out.extend_from_slice(extra);
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (k, v) in slots {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&entries);
        out
    }
}

impl Scorer for Perceptron {
    fn classes(&self) -> usize {
        self.classes
    }

    fn score(&self, features: &[u32], scores: &mut [f32]) {
        for f in features {
            if let Some(&r) = self.rows.get(f) {
                let base = r as usize * self.classes;
                for (s, w) in scores
                    .iter_mut()
                    .zip(&self.weights[base..base + self.classes])
                {
                    *s += w;
                }
            }
        }
    }
}

/// The home slot of `key` in a table of `size` slots.
fn home(key: u32, size: usize) -> usize {
    ((u64::from(key) * size as u64) >> 32) as usize
}

/// A compact model read in place from bytes (see the module docs).
#[derive(Clone, Debug)]
pub struct Compact<'a> {
    classes: usize,
    scale: f32,
    size: usize,
    labels: &'a str,
    extra: &'a [u8],
    slots: &'a [u8],
    entries: &'a [u8],
    /// One bit per `key & (filter bits - 1)` of the stored keys, built at
    /// load (about 1 MB for the parser): most absent features are rejected
    /// here without touching the slot table.
    filter: Vec<u64>,
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Compact<'a> {
    /// Reads the header of a compact model; `None` when the bytes are not one.
    pub fn read(bytes: &'a [u8]) -> Option<Compact<'a>> {
        if bytes.get(..4)? != b"SXM1" {
            return None;
        }
        let classes = u32_at(bytes, 4)? as usize;
        let scale = f32::from_bits(u32_at(bytes, 8)?);
        let size = u32_at(bytes, 12)? as usize;
        if size == 0 || classes == 0 || classes > 256 {
            return None;
        }
        let mut at = 16;
        let n = u32_at(bytes, at)? as usize;
        let labels = std::str::from_utf8(bytes.get(at + 4..at + 4 + n)?).ok()?;
        at += 4 + n;
        let n = u32_at(bytes, at)? as usize;
        let extra = bytes.get(at + 4..at + 4 + n)?;
        at += 4 + n;
        let n_entries = u32_at(bytes, at)? as usize;
        at += 4;
        let slots = bytes.get(at..at + size * 8)?;
        let entries = bytes.get(at + size * 8..at + size * 8 + n_entries)?;
        let bits = (size * 8).next_power_of_two();
        let mut filter = vec![0u64; bits / 64];
        for slot in slots.chunks_exact(8) {
            let k = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]) as usize;
            if k != 0 {
                let b = k & (bits - 1);
                filter[b / 64] |= 1 << (b % 64);
            }
        }
        Some(Compact {
            filter,
            classes,
            scale,
            size,
            labels,
            extra,
            slots,
            entries,
        })
    }

    /// The class names, in class order.
    pub fn labels(&self) -> Vec<&'a str> {
        if self.labels.is_empty() {
            Vec::new()
        } else {
            self.labels.split('\n').collect()
        }
    }

    /// The model's extra section (for example a tag dictionary).
    pub fn extra(&self) -> &'a [u8] {
        self.extra
    }

    /// Multiplier from stored `i16` weights back to perceptron weights.
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Adds the integer class scores of `features` to `scores`.
    pub fn score_i32(&self, features: &[u32], scores: &mut [i32]) {
        self.visit(features, |c, w| {
            if let Some(s) = scores.get_mut(c) {
                *s += i32::from(w);
            }
        });
    }

    /// The `(first entry, entry count)` of feature `f`, if it has entries.
    fn find(&self, f: u32) -> Option<(usize, usize)> {
        let mut i = home(f, self.size);
        // Bounded probe: the table always has empty slots.
        for _ in 0..self.size {
            let k = u32_at(self.slots, i * 8)?;
            if k == 0 {
                return None;
            }
            if k == f {
                let v = u32_at(self.slots, i * 8 + 4)?;
                return Some(((v >> 8) as usize * 3, (v & 0xff) as usize));
            }
            i += 1;
            if i == self.size {
                i = 0;
            }
        }
        None
    }

    /// Calls `add(class, weight)` for every entry of every feature. The
    /// work is done in passes (find the slots, touch the entries, add them)
    /// so that the cache misses of different features overlap.
    fn visit(&self, features: &[u32], mut add: impl FnMut(usize, i16)) {
        let mut found = [(0usize, 0usize); 64];
        for chunk in features.chunks(found.len()) {
            // Drop features the filter rules out, then touch every home slot
            // without branching on what is found, so the misses overlap.
            let mut kept = [0u32; 64];
            let mut k = 0;
            let bits = self.filter.len() * 64;
            for &f in chunk {
                let b = f as usize & (bits - 1);
                if self
                    .filter
                    .get(b / 64)
                    .is_some_and(|w| w >> (b % 64) & 1 == 1)
                {
                    kept[k] = f;
                    k += 1;
                }
            }
            let mut touch = 0u8;
            for &f in &kept[..k] {
                touch ^= self.slots.get(home(f, self.size) * 8).copied().unwrap_or(0);
            }
            std::hint::black_box(touch);
            let mut m = 0;
            for &f in &kept[..k] {
                if let Some(e) = self.find(f) {
                    found[m] = e;
                    m += 1;
                }
            }
            let mut touch = 0u8;
            for &(start, _) in &found[..m] {
                touch ^= self.entries.get(start).copied().unwrap_or(0);
            }
            std::hint::black_box(touch);
            for &(start, len) in &found[..m] {
                if let Some(es) = self.entries.get(start..start + len * 3) {
                    for e in es.chunks_exact(3) {
                        add(e[0] as usize, i16::from_le_bytes([e[1], e[2]]));
                    }
                }
            }
        }
    }
}

impl Scorer for Compact<'_> {
    fn classes(&self) -> usize {
        self.classes
    }

    fn score(&self, features: &[u32], scores: &mut [f32]) {
        self.visit(features, |c, w| {
            if let Some(s) = scores.get_mut(c) {
                *s += f32::from(w);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_never_zero_and_differ() {
        assert_ne!(key(1, 2, 3), 0);
        assert_ne!(key(1, 2, 3), key(1, 3, 2));
        assert_ne!(key(1, 2, 3), key(2, 2, 3));
    }

    #[test]
    fn perceptron_learns_and_survives_compaction() {
        let mut p = Perceptron::new(3);
        let data = [
            (vec![key(1, 1, 0)], 0),
            (vec![key(1, 2, 0)], 1),
            (vec![key(1, 3, 0)], 2),
        ];
        for _ in 0..5 {
            for (f, y) in &data {
                p.tick();
                let mut s = vec![0.0; 3];
                p.score(f, &mut s);
                let guess = argmax(&s);
                p.update(f, *y, guess);
            }
        }
        p.average();
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let bytes = p.compact(&labels, b"xyz", 0.0);
        let c = Compact::read(&bytes).expect("valid model");
        assert_eq!(c.labels(), vec!["a", "b", "c"]);
        assert_eq!(c.extra(), b"xyz");
        for (f, y) in &data {
            let mut s = vec![0.0; 3];
            c.score(f, &mut s);
            assert_eq!(argmax(&s), *y);
        }
    }

    #[test]
    fn garbage_is_not_a_model() {
        assert!(Compact::read(b"").is_none());
        assert!(Compact::read(b"SXM1\x01\x00\x00\x00").is_none());
        let mut bytes = Perceptron::new(2).compact(&[], &[], 0.0);
        bytes.truncate(bytes.len() - 1);
        assert!(Compact::read(&bytes).is_none());
    }

    fn argmax(s: &[f32]) -> usize {
        let mut best = 0;
        for (i, v) in s.iter().enumerate() {
            if *v > s[best] {
                best = i;
            }
        }
        best
    }
}
