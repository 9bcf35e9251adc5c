//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! word, affix, shape and context features, predicting UPOS and XPOS jointly
//! (one class per `UPOS\tXPOS` pair seen in training), with a dictionary for
//! frequent unambiguous words.

use std::collections::HashMap;

use crate::model::{key, mix, Perceptron, Scorer};

/// The hashed lexical view of one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// Normalized form (typographic quotes folded), case kept.
    pub form: u64,
    /// Normalized form, lower-cased, digits folded to `9`.
    pub lower: u64,
    /// Last one, two and three characters of `lower`.
    pub suffix: [u64; 3],
    /// First one and two characters of `lower`.
    pub prefix: [u64; 2],
    /// Word shape ("Xxxx", "99:99", "X.X.").
    pub shape: u64,
}

/// Folds typographic quotes and apostrophes to ASCII.
pub fn normalize_form(form: &str) -> String {
    form.chars().map(fold_char).collect()
}

/// FNV-1a over the UTF-8 bytes of `chars`, finished like
/// [`hash_bytes`] (so it equals `hash_bytes` of the collected string).
fn hash_chars(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in chars {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    mix(h)
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{00ab}' | '\u{00bb}' => '"',
        c => c,
    }
}

impl Lex {
    /// The lexical features of `form`.
    pub fn new(form: &str) -> Lex {
        let mut norm: Vec<char> = Vec::with_capacity(form.len());
        norm.extend(form.chars().map(fold_char));
        let mut lower: Vec<char> = Vec::with_capacity(norm.len() + 2);
        for &c in &norm {
            if c.is_ascii() {
                let c = c.to_ascii_lowercase();
                lower.push(if c.is_ascii_digit() { '9' } else { c });
            } else {
                lower.extend(c.to_lowercase());
            }
        }
        let n = lower.len();
        let tail = |k: usize| hash_chars(&lower[n.saturating_sub(k)..]) ^ (k as u64);
        let head = |k: usize| hash_chars(&lower[..k.min(n)]) ^ ((k as u64) << 8);
        let mut shape: Vec<char> = Vec::with_capacity(norm.len());
        for &c in &norm {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                '9'
            } else if c.is_alphabetic() {
                'a'
            } else {
                c
            };
            // Collapse runs longer than two.
            let k = shape.len();
            if k >= 2 && shape[k - 1] == s && shape[k - 2] == s {
                continue;
            }
            shape.push(s);
        }
        Lex {
            form: hash_chars(&norm),
            lower: hash_chars(&lower),
            suffix: [tail(1), tail(2), tail(3)],
            prefix: [head(1), head(2)],
            shape: hash_chars(&shape),
        }
    }
}

const NONE: u64 = 0x5151_5151;

/// The features of word `i`, given the classes already chosen for the words
/// before it.
pub fn features(lex: &[Lex], i: usize, prev: &[usize], out: &mut Vec<u32>) {
    out.clear();
    let w = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            lex.get(j as usize)
        }
    };
    let i = i as isize;
    let Some(cur) = w(i) else {
        return;
    };
    let p1 = if i >= 1 {
        prev.get(i as usize - 1).map_or(NONE, |&t| t as u64)
    } else {
        NONE
    };
    let p2 = if i >= 2 {
        prev.get(i as usize - 2).map_or(NONE, |&t| t as u64)
    } else {
        NONE
    };
    let l = |j: isize| w(j).map_or(NONE, |x| x.lower);
    let s3 = |j: isize| w(j).map_or(NONE, |x| x.suffix[2]);
    let sh = |j: isize| w(j).map_or(NONE, |x| x.shape);
    out.extend_from_slice(&[
        key(1, 0, 0),
        key(2, cur.lower, 0),
        key(3, cur.form, 0),
        key(4, cur.suffix[0], 0),
        key(5, cur.suffix[1], 0),
        key(6, cur.suffix[2], 0),
        key(7, cur.prefix[0], 0),
        key(8, cur.prefix[1], 0),
        key(9, cur.shape, 0),
        key(10, p1, 0),
        key(11, p1, p2),
        key(12, p1, cur.lower),
        key(13, l(i - 1), 0),
        key(14, s3(i - 1), 0),
        key(15, l(i - 2), 0),
        key(16, l(i + 1), 0),
        key(17, s3(i + 1), 0),
        key(18, l(i + 2), 0),
        key(19, l(i - 1), cur.lower),
        key(20, cur.lower, l(i + 1)),
        key(21, p1, cur.suffix[2]),
        key(22, cur.shape, u64::from(i == 0)),
        key(23, sh(i + 1), sh(i - 1)),
        key(24, cur.suffix[2], l(i + 1)),
    ]);
}

/// Tags a sentence greedily; `dict` maps a word's `form` hash to a class.
pub fn tag<S: Scorer>(model: &S, dict: &HashMap<u64, u16>, lex: &[Lex]) -> Vec<usize> {
    let mut out = Vec::with_capacity(lex.len());
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; model.classes()];
    for i in 0..lex.len() {
        if let Some(&c) = dict.get(&lex[i].form) {
            out.push(c as usize);
            continue;
        }
        features(lex, i, &out, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        model.score(&feats, &mut scores);
        out.push(argmax(&scores));
    }
    out
}

/// The index of the highest score (the first on ties; 0 when empty).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores.get(best).copied().unwrap_or(f32::NEG_INFINITY) {
            best = i;
        }
    }
    best
}

/// A tag dictionary: words seen at least `min_count` times with one class at
/// least `min_share` of the time.
pub fn build_dict(
    sentences: &[Vec<Lex>],
    classes: &[Vec<usize>],
    min_count: usize,
    min_share: f64,
) -> HashMap<u64, u16> {
    let mut counts: HashMap<u64, HashMap<usize, usize>> = HashMap::new();
    for (lex, cls) in sentences.iter().zip(classes) {
        for (l, c) in lex.iter().zip(cls) {
            *counts.entry(l.form).or_default().entry(*c).or_default() += 1;
        }
    }
    let mut dict = HashMap::new();
    for (form, cs) in counts {
        let total: usize = cs.values().sum();
        if let Some((&c, &n)) = cs.iter().max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))) {
            if total >= min_count && n as f64 / total as f64 >= min_share {
                dict.insert(form, c as u16);
            }
        }
    }
    dict
}

/// A small deterministic random number generator (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.0)
    }

    /// A uniform float in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains a tagger for `epochs` epochs over `sentences` (lexical views)
/// with gold `classes`, shuffling with `seed`; returns the averaged model.
pub fn train(
    sentences: &[Vec<Lex>],
    classes: &[Vec<usize>],
    n_classes: usize,
    dict: &HashMap<u64, u16>,
    epochs: usize,
    seed: u64,
) -> Perceptron {
    let mut model = Perceptron::new(n_classes);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; n_classes];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let lex = &sentences[s];
            let gold = &classes[s];
            let mut prev: Vec<usize> = Vec::with_capacity(lex.len());
            for i in 0..lex.len() {
                if let Some(&c) = dict.get(&lex[i].form) {
                    prev.push(c as usize);
                    continue;
                }
                features(lex, i, &prev, &mut feats);
                scores.iter_mut().for_each(|x| *x = 0.0);
                model.score(&feats, &mut scores);
                let guess = argmax(&scores);
                model.tick();
                model.update(&feats, gold[i], guess);
                prev.push(guess);
            }
        }
    }
    model.average();
    model
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::hash_bytes;

    #[test]
    fn char_hash_equals_byte_hash() {
        let s: Vec<char> = "pro-Russian ’Ж".chars().collect();
        assert_eq!(hash_chars(&s), hash_bytes("pro-Russian ’Ж".as_bytes()));
    }

    #[test]
    fn lex_folds_case_digits_and_quotes() {
        assert_eq!(Lex::new("Kyiv").lower, Lex::new("KYIV").lower);
        assert_ne!(Lex::new("Kyiv").form, Lex::new("KYIV").form);
        assert_eq!(Lex::new("1,000").lower, Lex::new("2,345").lower);
        assert_eq!(Lex::new("don\u{2019}t").form, Lex::new("don't").form);
        assert_eq!(Lex::new("Xxxxxxx").shape, Lex::new("Kharkiv").shape);
        let _ = Lex::new("");
    }
}
