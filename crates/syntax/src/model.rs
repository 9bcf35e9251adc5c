//! Linear models over hashed features: the averaged perceptron used while
//! training and the compact, quantized form embedded in the binary.
//!
//! A feature is a non-zero `u32` key (see [`key`]). A model maps a key to a
//! row of class weights; the score of a class is the sum of its weights over
//! the active features.
//!
//! The compact form (`SXM1`) is read in place from a byte slice: an
//! open-addressing table of `2^bits` slots (key `u32`, then `start << 8 |
//! len` as `u32`) followed by `(class u8, weight i16)` entries, 3 bytes each,
//! little endian. The work at load is a bit filter over the stored keys and
//! a copy of the weights of the few features with at least [`DENSE`] entries
//! into dense `i32` rows (they are met at nearly every step, and summing
//! whole rows with vector adds is cheaper than walking their entries).

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
    ((h >> 32) as u32).max(1)
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
    /// The weights of the features with at least [`DENSE`] entries, copied
    /// at load into dense rows of `blocks` blocks of 8 `i32`s (zero where
    /// the feature has no entry): the rows met in one scoring are summed
    /// block by block in registers, a few vector instructions per block,
    /// where walking entries costs several instructions each; these features
    /// (tags, the bias) are the ones met at every step.
    dense: Vec<[i32; 8]>,
    /// Blocks per dense row: `classes` rounded up to a multiple of 8, over 8.
    blocks: usize,
    /// Open-addressing map from a dense feature's first entry (plus one, so
    /// that zero means empty) to its row: `(start + 1, row)` pairs.
    rows: Vec<(u32, u32)>,
}

/// Features with at least this many entries get a dense row at load (see
/// `Compact::dense`): below it, walking the entries is as cheap as adding
/// a row.
pub const DENSE: usize = 32;

/// The slot of `start` in the dense-row map of `size` (a power of two).
fn row_home(start: u32, size: usize) -> usize {
    (start.wrapping_mul(0x9e37_79b1) as usize >> 8) & (size - 1)
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
        let mut heavy: Vec<(u32, u32)> = Vec::new();
        for slot in slots.chunks_exact(8) {
            let k = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]) as usize;
            if k != 0 {
                let b = k & (bits - 1);
                filter[b / 64] |= 1 << (b % 64);
                let v = u32::from_le_bytes([slot[4], slot[5], slot[6], slot[7]]);
                if (v & 0xff) as usize >= DENSE {
                    heavy.push((v >> 8, v & 0xff));
                }
            }
        }
        let blocks = classes.div_ceil(8);
        let mut dense = vec![[0i32; 8]; heavy.len() * blocks];
        let map_size = (heavy.len() * 2).next_power_of_two().max(16);
        let mut rows = vec![(0u32, 0u32); map_size];
        for (r, &(start, len)) in heavy.iter().enumerate() {
            let from = start as usize * 3;
            let es = entries.get(from..from + len as usize * 3)?;
            let row = &mut dense[r * blocks..(r + 1) * blocks];
            for e in es.chunks_exact(3) {
                let c = usize::from(e[0]);
                row.get_mut(c / 8)?[c % 8] = i32::from(i16::from_le_bytes([e[1], e[2]]));
            }
            let mut i = row_home(start, map_size);
            while rows[i].0 != 0 {
                i = (i + 1) & (map_size - 1);
            }
            rows[i] = (start + 1, r as u32);
        }
        Some(Compact {
            filter,
            dense,
            blocks,
            rows,
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
        let mut acc = [0i32; 256];
        self.accumulate(features, &mut acc);
        for (s, a) in scores.iter_mut().zip(acc) {
            *s += a;
        }
    }

    /// The `(first entry, entry count)` of feature `f`, if it has entries.
    fn find(&self, f: u32) -> Option<(usize, usize)> {
        let mut i = home(f, self.size);
        // Bounded probe: the table always has empty slots.
        for _ in 0..self.size {
            let slot: &[u8; 8] = self.slots.get(i * 8..i * 8 + 8)?.try_into().ok()?;
            let k = u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]);
            if k == f {
                let v = u32::from_le_bytes([slot[4], slot[5], slot[6], slot[7]]);
                return Some(((v >> 8) as usize, (v & 0xff) as usize));
            }
            if k == 0 {
                return None;
            }
            i += 1;
            if i == self.size {
                i = 0;
            }
        }
        None
    }

    /// The dense row of the feature whose entries start at `start`.
    fn dense_row(&self, start: usize) -> Option<&[[i32; 8]]> {
        let key = start as u32 + 1;
        let mask = self.rows.len() - 1;
        let mut i = row_home(start as u32, self.rows.len());
        for _ in 0..self.rows.len() {
            let (k, r) = self.rows[i];
            if k == key {
                let from = r as usize * self.blocks;
                return self.dense.get(from..from + self.blocks);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Adds the class scores of `features` to `acc` (classes index it
    /// directly: a class is one byte). The work is done in passes (find the
    /// slots, touch the entries, add them) so that the cache misses of
    /// different features overlap.
    fn accumulate(&self, features: &[u32], acc: &mut [i32; 256]) {
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
            for &(start, len) in &found[..m] {
                if len < DENSE {
                    touch ^= self.entries.get(start * 3).copied().unwrap_or(0);
                }
            }
            std::hint::black_box(touch);
            let mut rows: [&[[i32; 8]]; 64] = [&[]; 64];
            let mut r = 0;
            for &(start, len) in &found[..m] {
                if len >= DENSE {
                    if let Some(row) = self.dense_row(start) {
                        rows[r] = row;
                        r += 1;
                        continue;
                    }
                }
                if let Some(es) = self.entries.get(start * 3..(start + len) * 3) {
                    for e in es.chunks_exact(3) {
                        acc[usize::from(e[0])] += i32::from(i16::from_le_bytes([e[1], e[2]]));
                    }
                }
            }
            add_rows(acc, &rows[..r], self.blocks);
        }
    }
}

/// Adds `rows` (each `blocks` blocks of 8) to `acc`, one block at a time:
/// the block's sum stays in registers while the rows are added to it.
fn add_rows(acc: &mut [i32; 256], rows: &[&[[i32; 8]]], blocks: usize) {
    if rows.is_empty() {
        return;
    }
    for (b, out) in acc.chunks_exact_mut(8).take(blocks).enumerate() {
        let mut sum = [0i32; 8];
        for row in rows {
            if let Some(w) = row.get(b) {
                for i in 0..8 {
                    sum[i] += w[i];
                }
            }
        }
        for (o, s) in out.iter_mut().zip(sum) {
            *o += s;
        }
    }
}

impl Scorer for Compact<'_> {
    fn classes(&self) -> usize {
        self.classes
    }

    fn score(&self, features: &[u32], scores: &mut [f32]) {
        // Integer sums are exact, and so is their conversion: |sum| stays far
        // below 2^24 (a few hundred features of at most 32,767 each).
        let mut acc = [0i32; 256];
        self.accumulate(features, &mut acc);
        for (s, a) in scores.iter_mut().zip(acc) {
            *s += a as f32;
        }
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
    fn dense_rows_score_like_the_entries() {
        // 60 classes; one feature gets a weight for every class (a dense
        // row at load), others only a few (walked entry by entry).
        let classes = 60;
        let mut p = Perceptron::new(classes);
        let heavy = key(7, 1, 0);
        for c in 1..classes {
            p.tick();
            p.update(&[heavy, key(7, 2, c as u64)], c, (c * 7) % classes);
        }
        p.average();
        let labels: Vec<String> = (0..classes).map(|c| c.to_string()).collect();
        let bytes = p.compact(&labels, &[], 0.0);
        let c = Compact::read(&bytes).expect("valid model");
        assert!(!c.dense.is_empty(), "the heavy feature has a dense row");
        for extra in 1..classes as u64 {
            let feats = [heavy, key(7, 2, extra), key(9, 9, 9)];
            let mut fast = vec![0i32; classes];
            c.score_i32(&feats, &mut fast);
            // The same sums straight from the stored entries.
            let mut slow = vec![0i32; classes];
            for &f in &feats {
                if let Some((start, len)) = c.find(f) {
                    for e in c.entries[start * 3..(start + len) * 3].chunks_exact(3) {
                        slow[usize::from(e[0])] += i32::from(i16::from_le_bytes([e[1], e[2]]));
                    }
                }
            }
            assert_eq!(fast, slow);
            assert!(fast.iter().any(|&x| x != 0));
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
