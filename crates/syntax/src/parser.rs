//! The dependency parser: greedy arc-hybrid transitions scored by an averaged
//! perceptron, trained with a dynamic oracle (exploring its own mistakes).
//!
//! Words are numbered from 1; 0 is the artificial root, kept at the bottom of
//! the stack. Transitions: `SHIFT` moves the buffer's front onto the stack;
//! `LEFT(l)` makes the buffer's front the head of the stack's top and pops
//! it; `RIGHT(l)` makes the second item of the stack the head of the top and
//! pops it. The root takes its one dependent only once the buffer is empty,
//! so every parse is a single tree.

use crate::model::{key, Perceptron, Scorer};
use crate::tagger::{Lex, Rng};

const NIL: usize = usize::MAX;
const NONE: u64 = 0x7171_7171;

/// The class of `SHIFT`.
pub const SHIFT: usize = 0;

/// The class of `LEFT(label)`.
pub fn left(label: usize) -> usize {
    1 + 2 * label
}

/// The class of `RIGHT(label)`.
pub fn right(label: usize) -> usize {
    2 + 2 * label
}

/// One parser input word: its lexical view and its (predicted) tag class.
#[derive(Clone, Copy, Debug, Default)]
pub struct Input {
    /// Lexical features.
    pub lex: Lex,
    /// Tag class (UPOS and XPOS jointly) as a hashable number.
    pub tag: u64,
    /// Coarse tag (UPOS) as a hashable number.
    pub upos: u64,
}

/// A parser configuration.
#[derive(Clone, Debug)]
pub struct State {
    stack: Vec<usize>,
    b: usize,
    n: usize,
    /// Head of each word (`usize::MAX` while unattached); index 0 is the root.
    pub heads: Vec<usize>,
    /// Label index of each word.
    pub labels: Vec<usize>,
    lc1: Vec<usize>,
    lc2: Vec<usize>,
    rc1: Vec<usize>,
    rc2: Vec<usize>,
    nl: Vec<u64>,
    nr: Vec<u64>,
}

impl State {
    /// The initial configuration for `n` words.
    pub fn new(n: usize) -> State {
        State {
            stack: vec![0],
            b: 1,
            n,
            heads: vec![NIL; n + 1],
            labels: vec![0; n + 1],
            lc1: vec![NIL; n + 1],
            lc2: vec![NIL; n + 1],
            rc1: vec![NIL; n + 1],
            rc2: vec![NIL; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
        }
    }

    /// Whether parsing is over.
    pub fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() <= 1
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }

    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() >= 2
    }

    fn can_right(&self) -> bool {
        self.stack.len() > 2 || (self.stack.len() == 2 && self.b > self.n)
    }

    /// Whether the transition `class` is allowed here.
    pub fn legal(&self, class: usize) -> bool {
        match class {
            SHIFT => self.can_shift(),
            c if c % 2 == 1 => self.can_left(),
            _ => self.can_right(),
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            self.nl[head] += 1;
            if self.lc1[head] == NIL || dep < self.lc1[head] {
                self.lc2[head] = self.lc1[head];
                self.lc1[head] = dep;
            } else if self.lc2[head] == NIL || dep < self.lc2[head] {
                self.lc2[head] = dep;
            }
        } else {
            self.nr[head] += 1;
            if self.rc1[head] == NIL || dep > self.rc1[head] {
                self.rc2[head] = self.rc1[head];
                self.rc1[head] = dep;
            } else if self.rc2[head] == NIL || dep > self.rc2[head] {
                self.rc2[head] = dep;
            }
        }
    }

    /// Applies a legal transition.
    pub fn apply(&mut self, class: usize) {
        if class == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let label = (class - 1) / 2;
        let Some(s0) = self.stack.pop() else {
            return;
        };
        if class % 2 == 1 {
            self.attach(self.b, s0, label);
        } else if let Some(&s1) = self.stack.last() {
            self.attach(s1, s0, label);
        }
    }

    fn s(&self, i: usize) -> usize {
        if i < self.stack.len() {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NIL
        }
    }

    fn bi(&self, i: usize) -> usize {
        if self.b + i <= self.n {
            self.b + i
        } else {
            NIL
        }
    }

    /// The features of this configuration.
    pub fn features(&self, words: &[Input], out: &mut Vec<u32>) {
        out.clear();
        let w = |x: usize| -> u64 {
            if x == NIL {
                NONE
            } else if x == 0 {
                NONE ^ 1
            } else {
                words.get(x - 1).map_or(NONE, |i| i.lex.lower)
            }
        };
        let t = |x: usize| -> u64 {
            if x == NIL {
                NONE
            } else if x == 0 {
                NONE ^ 1
            } else {
                words.get(x - 1).map_or(NONE, |i| i.tag)
            }
        };
        let lab = |x: usize| -> u64 {
            if x == NIL {
                NONE
            } else {
                self.labels[x] as u64
            }
        };
        let get = |v: &Vec<usize>, x: usize| if x == NIL { NIL } else { v[x] };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.bi(0), self.bi(1), self.bi(2));
        let s0l = get(&self.lc1, s0);
        let s0r = get(&self.rc1, s0);
        let s0l2 = get(&self.lc2, s0);
        let s0r2 = get(&self.rc2, s0);
        let s1l = get(&self.lc1, s1);
        let s1r = get(&self.rc1, s1);
        let b0l = get(&self.lc1, b0);
        let b0l2 = get(&self.lc2, b0);
        let dist = if s0 != NIL && b0 != NIL {
            (b0 - s0).min(6) as u64
        } else {
            NONE
        };
        let nl = |x: usize| if x == NIL { NONE } else { self.nl[x].min(4) };
        let nr = |x: usize| if x == NIL { NONE } else { self.nr[x].min(4) };
        let s0s1 = if s0 != NIL && s1 != NIL {
            (s0 - s1).min(6) as u64
        } else {
            NONE
        };
        let wt = |x: usize| w(x).wrapping_mul(31) ^ t(x);
        out.extend_from_slice(&[
            key(100, 0, 0),
            key(101, w(s0), 0),
            key(102, t(s0), 0),
            key(103, wt(s0), 0),
            key(104, w(s1), 0),
            key(105, t(s1), 0),
            key(106, wt(s1), 0),
            key(107, w(b0), 0),
            key(108, t(b0), 0),
            key(109, wt(b0), 0),
            key(110, w(b1), 0),
            key(111, t(b1), 0),
            key(112, wt(b1), 0),
            key(113, t(b2), w(b2)),
            key(114, t(s2), w(s2)),
            key(115, wt(s0), wt(b0)),
            key(116, wt(s0), w(b0)),
            key(117, w(s0), wt(b0)),
            key(118, wt(s0), t(b0)),
            key(119, t(s0), wt(b0)),
            key(120, w(s0), w(b0)),
            key(121, t(s0), t(b0)),
            key(122, t(b0), t(b1)),
            key(123, t(s0), t(b0) ^ t(b1).wrapping_mul(7)),
            key(124, t(b0), t(b1) ^ t(b2).wrapping_mul(7)),
            key(125, t(s1), t(s0) ^ t(b0).wrapping_mul(7)),
            key(126, t(s0), t(s0l) ^ t(b0).wrapping_mul(7)),
            key(127, t(s0), t(s0r) ^ t(b0).wrapping_mul(7)),
            key(128, t(s0), t(b0) ^ t(b0l).wrapping_mul(7)),
            key(129, t(s1), t(s0) ^ t(s0l).wrapping_mul(7)),
            key(130, t(s1), t(s0) ^ t(s0r).wrapping_mul(7)),
            key(131, t(s1), t(s1r) ^ t(s0).wrapping_mul(7)),
            key(132, t(s1), t(s1l) ^ t(s0).wrapping_mul(7)),
            key(133, w(s0), dist),
            key(134, t(s0), dist),
            key(135, w(b0), dist),
            key(136, t(b0), dist),
            key(137, wt(s0) ^ t(b0).wrapping_mul(7), dist),
            key(138, wt(s0), nl(s0)),
            key(139, wt(s0), nr(s0)),
            key(140, wt(b0), nl(b0)),
            key(141, w(s0l), 0),
            key(142, t(s0l), lab(s0l)),
            key(143, w(s0r), 0),
            key(144, t(s0r), lab(s0r)),
            key(145, t(s0l2), lab(s0l2)),
            key(146, t(s0r2), lab(s0r2)),
            key(147, w(b0l), 0),
            key(148, t(b0l), lab(b0l)),
            key(149, t(b0l2), lab(b0l2)),
            key(150, w(s1r), lab(s1r)),
            key(
                151,
                t(s0),
                lab(s0l) ^ lab(s0r).wrapping_mul(7) ^ lab(s0l2).wrapping_mul(13),
            ),
            key(152, t(b0), lab(b0l) ^ lab(b0l2).wrapping_mul(7)),
            key(153, t(s1), t(s0) ^ s0s1.wrapping_mul(7)),
            key(154, w(s1), w(s0)),
            key(155, w(s1), t(s0) ^ t(b0).wrapping_mul(7)),
            key(156, t(s1), w(s0) ^ t(b0).wrapping_mul(7)),
            key(157, t(s0), w(b0) ^ t(b1).wrapping_mul(7)),
            key(158, w(s0), t(b0) ^ t(b1).wrapping_mul(7)),
        ]);
    }
}

/// Parses words with their tags; returns each word's head (0 = root) and
/// label index.
pub fn parse<S: Scorer>(model: &S, words: &[Input]) -> (Vec<usize>, Vec<usize>) {
    let n = words.len();
    let mut state = State::new(n);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; model.classes()];
    while !state.terminal() {
        state.features(words, &mut feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        model.score(&feats, &mut scores);
        let best = best_legal(&state, &scores);
        state.apply(best);
    }
    let heads = state.heads[1..]
        .iter()
        .map(|&h| if h == NIL { 0 } else { h })
        .collect();
    (heads, state.labels[1..].to_vec())
}

fn best_legal(state: &State, scores: &[f32]) -> usize {
    // Legality depends only on the kind of move: shift, left (odd), right.
    let (shift, lefts, rights) = (state.can_shift(), state.can_left(), state.can_right());
    let mut best = NIL;
    let mut top = f32::NEG_INFINITY;
    if shift {
        if let Some(&s) = scores.first() {
            best = SHIFT;
            top = s;
        }
    }
    if lefts || rights {
        for (c, &s) in scores.iter().enumerate().skip(1) {
            let ok = if c % 2 == 1 { lefts } else { rights };
            if ok && (best == NIL || s > top) {
                best = c;
                top = s;
            }
        }
    }
    if best == NIL {
        // No class legal (cannot happen with a sane model): shift or reduce.
        if state.can_shift() {
            SHIFT
        } else {
            right(0)
        }
    } else {
        best
    }
}

/// The gold tree of a training sentence, with the lookups the oracle needs.
struct Gold<'a> {
    heads: &'a [usize],
    labels: &'a [usize],
    deps: Vec<Vec<usize>>,
}

impl Gold<'_> {
    /// The cost of each structural move (shift, left, right): how many gold
    /// arcs it makes unreachable.
    fn costs(&self, st: &State, in_stack: &[bool]) -> [usize; 3] {
        let mut c = [usize::MAX; 3];
        let b = st.b;
        let in_buffer = |x: usize| x >= b && x <= st.n;
        if st.can_shift() {
            let s0 = st.s(0);
            let h = self.heads[b];
            let mut cost = usize::from(in_stack[h] && h != s0);
            cost += self.deps[b].iter().filter(|&&d| in_stack[d]).count();
            c[0] = cost;
        }
        if st.can_left() {
            let s0 = st.s(0);
            let s1 = st.s(1);
            let h = self.heads[s0];
            let mut cost = usize::from(h != b && (h == s1 || (h > b && h <= st.n)));
            cost += self.deps[s0].iter().filter(|&&d| in_buffer(d)).count();
            c[1] = cost;
        }
        if st.can_right() {
            let s0 = st.s(0);
            let h = self.heads[s0];
            let mut cost = usize::from(in_buffer(h));
            cost += self.deps[s0].iter().filter(|&&d| in_buffer(d)).count();
            c[2] = cost;
        }
        c
    }
}

/// Trains the parser on sentences of `(words, gold heads, gold label
/// indices)` (heads and labels indexed from 1, with index 0 unused).
pub fn train(
    data: &[(Vec<Input>, Vec<usize>, Vec<usize>)],
    n_labels: usize,
    epochs: usize,
    seed: u64,
    mut log: impl FnMut(usize),
) -> Perceptron {
    let classes = 1 + 2 * n_labels;
    let mut model = Perceptron::new(classes);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(seed);
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; classes];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let (words, heads, labels) = &data[i];
            let n = words.len();
            let mut deps = vec![Vec::new(); n + 1];
            for d in 1..=n {
                deps[heads[d]].push(d);
            }
            let gold = Gold {
                heads,
                labels,
                deps,
            };
            let mut st = State::new(n);
            let mut in_stack = vec![false; n + 1];
            in_stack[0] = true;
            while !st.terminal() {
                st.features(words, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                model.score(&feats, &mut scores);
                let costs = gold.costs(&st, &in_stack);
                let zero = |c: usize| -> bool {
                    if c == SHIFT {
                        return costs[0] == 0;
                    }
                    let label = (c - 1) / 2;
                    let (kind, head) = if c % 2 == 1 { (1, st.b) } else { (2, st.s(1)) };
                    let s0 = st.s(0);
                    costs[kind] == 0 && (gold.heads[s0] != head || gold.labels[s0] == label)
                };
                let guess = best_legal(&st, &scores);
                let mut best_ok = NIL;
                for c in 0..classes {
                    if st.legal(c) && zero(c) && (best_ok == NIL || scores[c] > scores[best_ok]) {
                        best_ok = c;
                    }
                }
                if best_ok == NIL {
                    // Everything costs something: take the cheapest move.
                    let mut m = NIL;
                    for c in 0..classes {
                        if !st.legal(c) {
                            continue;
                        }
                        let k = if c == SHIFT { 0 } else { 2 - c % 2 };
                        if m == NIL || costs[k] < costs[if m == SHIFT { 0 } else { 2 - m % 2 }] {
                            m = c;
                        }
                    }
                    best_ok = m;
                }
                model.tick();
                let next = if zero(guess) {
                    guess
                } else {
                    model.update(&feats, best_ok, guess);
                    if epoch >= 1 && rng.next_f64() < 0.9 {
                        guess
                    } else {
                        best_ok
                    }
                };
                if next == SHIFT {
                    in_stack[st.b] = true;
                } else if let Some(&s0) = st.stack.last() {
                    in_stack[s0] = false;
                }
                st.apply(next);
            }
        }
        log(epoch);
    }
    model.average();
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_always_yields_a_tree() {
        let model = Perceptron::new(1 + 2 * 3);
        for n in [0, 1, 2, 7, 300] {
            let words = vec![Input::default(); n];
            let (heads, labels) = parse(&model, &words);
            assert_eq!(heads.len(), n);
            assert_eq!(labels.len(), n);
            let roots = heads.iter().filter(|&&h| h == 0).count();
            assert_eq!(roots, usize::from(n > 0));
            // Every word reaches the root.
            for start in 1..=n {
                let mut x = start;
                let mut steps = 0;
                while x != 0 {
                    x = heads[x - 1];
                    steps += 1;
                    assert!(steps <= n, "cycle");
                }
            }
        }
    }

    #[test]
    fn oracle_reproduces_a_projective_tree() {
        // "They destroyed two depots ." heads: 2 0 4 2 2
        let heads = vec![0, 2, 0, 4, 2, 2];
        let labels = vec![0, 1, 2, 3, 4, 5];
        let data = vec![(vec![Input::default(); 5], heads.clone(), labels.clone())];
        let model = train(&data, 6, 5, 1, |_| {});
        let (h, l) = parse(&model, &data[0].0);
        assert_eq!(h, heads[1..].to_vec());
        assert_eq!(l, labels[1..].to_vec());
    }
}
