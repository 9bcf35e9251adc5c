//! The analysis of one sentence and the questions later stages ask of it.

use sitrep_text::Span;

use crate::Word;

/// A noun-phrase chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Bytes from the chunk's first to its last word.
    pub span: Span,
    /// Index of the chunk's head word.
    pub head: usize,
    /// Index of its first word.
    pub start: usize,
    /// One past the index of its last word.
    pub end: usize,
}

/// A tagged and parsed sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    words: Vec<Word>,
    lower: Vec<String>,
    children: Vec<Vec<usize>>,
    /// First and last word of each word's subtree.
    extent: Vec<(usize, usize)>,
}

/// Relations whose dependent heads a clause of its own.
const CLAUSAL: &[&str] = &[
    "ccomp",
    "advcl",
    "advcl:relcl",
    "acl",
    "acl:relcl",
    "parataxis",
    "csubj",
    "csubj:pass",
    "csubj:outer",
    "list",
];

/// Subject relations.
const SUBJECTS: &[&str] = &["nsubj", "nsubj:pass", "nsubj:outer", "csubj", "csubj:pass"];

/// Modal auxiliaries (lower case; "ca" is the stem of "can't").
const MODALS: &[&str] = &[
    "would", "could", "may", "might", "can", "ca", "should", "must", "shall", "ought",
];

/// Verbs whose `xcomp` complement is an intention or threat, not a fact
/// ("threatened to strike").
const INTENT: &[&str] = &[
    "threaten",
    "threatens",
    "threatened",
    "threatening",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "vow",
    "vows",
    "vowed",
    "promise",
    "promised",
    "promises",
    "try",
    "tries",
    "tried",
    "trying",
    "attempt",
    "attempted",
    "attempts",
    "seek",
    "seeks",
    "sought",
    "want",
    "wants",
    "wanted",
    "aim",
    "aims",
    "aimed",
    "prepare",
    "prepares",
    "prepared",
    "preparing",
    "hope",
    "hopes",
    "hoped",
    "expect",
    "expects",
    "expected",
    "pledge",
    "pledged",
    "pledges",
    "warn",
    "warned",
    "warns",
    "refuse",
    "refused",
    "refuses",
    "decline",
    "declined",
];

/// Relative pronouns that stand for the noun a relative clause modifies.
const RELATIVE: &[&str] = &["who", "whom", "which", "that"];

impl Analysis {
    /// Wraps analysed words of `text`.
    pub fn new(text: &str, words: Vec<Word>) -> Analysis {
        let lower = words
            .iter()
            .map(|w| {
                crate::tagger::normalize_form(text.get(w.span.start..w.span.end).unwrap_or(""))
                    .to_lowercase()
            })
            .collect();
        let mut children = vec![Vec::new(); words.len()];
        for (i, w) in words.iter().enumerate() {
            if let Some(h) = w.head {
                if let Some(c) = children.get_mut(h) {
                    c.push(i);
                }
            }
        }
        let n = words.len();
        // Subtree extents in linear time: an iterative depth-first walk from
        // each root, folding children into parents in post-order. Words not
        // reachable from a root (impossible for parser output) keep their own.
        let mut extent: Vec<(usize, usize)> = (0..n).map(|i| (i, i)).collect();
        let mut order = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack: Vec<usize> = (0..n).filter(|&i| words[i].head.is_none()).collect();
        while let Some(x) = stack.pop() {
            if std::mem::replace(&mut seen[x], true) {
                continue;
            }
            order.push(x);
            stack.extend(children[x].iter().copied().filter(|&c| !seen[c]));
        }
        for &x in order.iter().rev() {
            if let Some(h) = words[x].head.filter(|&h| h < n && seen[h]) {
                let (a, b) = extent[x];
                let e = &mut extent[h];
                e.0 = e.0.min(a);
                e.1 = e.1.max(b);
            }
        }
        Analysis {
            words,
            lower,
            children,
            extent,
        }
    }

    /// The words, in text order.
    pub fn words(&self) -> &[Word] {
        &self.words
    }

    /// The text of word `i` (empty when out of range).
    pub fn text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.words
            .get(i)
            .and_then(|w| text.get(w.span.start..w.span.end))
            .unwrap_or("")
    }

    /// The root word (the main predicate).
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head.is_none())
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The head of word `i` (`None` for the root or out of range).
    pub fn head(&self, i: usize) -> Option<usize> {
        self.words.get(i).and_then(|w| w.head)
    }

    /// The relation of word `i` to its head ("" out of range).
    pub fn rel(&self, i: usize) -> &'static str {
        self.words.get(i).map_or("", |w| w.rel)
    }

    /// The dependents of word `i`, in text order.
    pub fn children(&self, i: usize) -> &[usize] {
        self.children.get(i).map_or(&[], Vec::as_slice)
    }

    /// The first dependent of `i` whose relation is one of `rels`.
    pub fn dependent(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.children(i)
            .iter()
            .copied()
            .find(|&c| rels.contains(&self.words[c].rel))
    }

    /// The word range `[first, last]` of the subtree of `i`.
    pub fn subtree(&self, i: usize) -> Option<(usize, usize)> {
        self.extent.get(i).copied()
    }

    /// The bytes of words `first..=last`.
    fn span_of(&self, first: usize, last: usize) -> Span {
        match (self.words.get(first), self.words.get(last)) {
            (Some(a), Some(b)) => Span {
                start: a.span.start,
                end: b.span.end.max(a.span.start),
            },
            _ => Span::default(),
        }
    }

    /// The bytes covered by the subtree of `i`.
    pub fn subtree_span(&self, i: usize) -> Span {
        self.subtree(i)
            .map_or(Span::default(), |(a, b)| self.span_of(a, b))
    }

    fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// For a relative pronoun ("who", "which", "that") inside a relative
    /// clause, the noun it stands for; otherwise `i` itself.
    fn resolve_relative(&self, i: usize, clause: usize) -> usize {
        if self.rel(clause) == "acl:relcl" && RELATIVE.contains(&self.lower(i)) {
            self.head(clause).unwrap_or(i)
        } else {
            i
        }
    }

    /// The subject of predicate `v` (nsubj, nsubj:pass or a clausal subject).
    /// A relative pronoun resolves to the noun the clause modifies
    /// ("Militants who stormed…" → "Militants"); a verb without its own
    /// subject that is coordinated with ("stormed and killed") or the open
    /// complement of ("threatened to strike") another takes that one's.
    pub fn subject(&self, v: usize) -> Option<usize> {
        let mut x = v;
        for _ in 0..self.len() {
            if let Some(s) = self.dependent(x, SUBJECTS) {
                return Some(self.resolve_relative(s, x));
            }
            match self.rel(x) {
                "conj" | "xcomp" => x = self.head(x)?,
                _ => return None,
            }
        }
        None
    }

    /// The direct object of `v` (a relative pronoun resolves as in
    /// [`Analysis::subject`]).
    pub fn object(&self, v: usize) -> Option<usize> {
        let o = self.dependent(v, &["obj"])?;
        Some(self.resolve_relative(o, v))
    }

    /// The indirect object of `v`.
    pub fn indirect_object(&self, v: usize) -> Option<usize> {
        self.dependent(v, &["iobj"])
    }

    /// What undergoes the action of `v`: its object, or its passive subject
    /// ("The attack was repelled" → "attack"). A verb coordinated with a
    /// passive verb shares its subject.
    pub fn patient(&self, v: usize) -> Option<usize> {
        if let Some(o) = self.object(v) {
            return Some(o);
        }
        if self.is_passive(v) {
            if self.rel(v) == "acl" {
                return self.head(v);
            }
            return self.subject(v);
        }
        None
    }

    /// Whether `v` is in the passive voice: it has a passive subject or
    /// auxiliary, a "by" agent, or is a past participle modifying a noun
    /// ("depots destroyed by drones").
    pub fn is_passive(&self, v: usize) -> bool {
        let Some(w) = self.words.get(v) else {
            return false;
        };
        self.dependent(v, &["nsubj:pass", "csubj:pass", "aux:pass", "obl:agent"])
            .is_some()
            || (w.rel == "acl" && w.xpos == "VBN")
            || (w.rel == "conj"
                && w.xpos == "VBN"
                && self.dependent(v, SUBJECTS).is_none()
                && self.head(v).is_some_and(|h| {
                    h != v && self.dependent(h, &["nsubj:pass", "aux:pass"]).is_some()
                }))
    }

    /// The agent of a passive `v`: the noun of its "by" phrase (obl:agent,
    /// or an obl introduced by "by" when `v` is passive).
    pub fn agent(&self, v: usize) -> Option<usize> {
        if let Some(a) = self.dependent(v, &["obl:agent"]) {
            return Some(a);
        }
        if !self.is_passive(v) {
            return None;
        }
        self.children(v).iter().copied().find(|&c| {
            self.rel(c) == "obl"
                && self
                    .children(c)
                    .iter()
                    .any(|&k| self.rel(k) == "case" && self.lower(k) == "by")
        })
    }

    /// The conjuncts coordinated with `i`, `i` included, in text order
    /// ("Russian and Ukrainian forces" → "Russian", "Ukrainian").
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        if i >= self.len() {
            return Vec::new();
        }
        let mut first = i;
        for _ in 0..self.len() {
            match (self.rel(first), self.head(first)) {
                ("conj", Some(h)) => first = h,
                _ => break,
            }
        }
        let mut out = vec![first];
        let mut k = 0;
        while k < out.len() {
            let x = out[k];
            out.extend(
                self.children(x)
                    .iter()
                    .copied()
                    .filter(|&c| self.rel(c) == "conj"),
            );
            k += 1;
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The appositions of `i` ("Ivanov, the commander" → "commander"), and
    /// the word `i` is itself an apposition to.
    pub fn appositions(&self, i: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .children(i)
            .iter()
            .copied()
            .filter(|&c| self.rel(c) == "appos")
            .collect();
        if self.rel(i) == "appos" {
            out.extend(self.head(i));
        }
        out.sort_unstable();
        out
    }

    /// The noun the relative clause headed by `v` modifies ("Militants who
    /// stormed the base" → "Militants" for "stormed").
    pub fn relative_head(&self, v: usize) -> Option<usize> {
        (self.rel(v) == "acl:relcl").then(|| self.head(v)).flatten()
    }

    /// Whether `v` is negated ("not", "n't", "never" among its dependents,
    /// or "no" determining its object).
    pub fn is_negated(&self, v: usize) -> bool {
        self.children(v).iter().any(|&c| {
            matches!(self.lower(c), "not" | "n't" | "never")
                && matches!(self.rel(c), "advmod" | "aux" | "discourse")
        }) || self.object(v).is_some_and(|o| {
            self.children(o)
                .iter()
                .any(|&c| self.rel(c) == "det" && self.lower(c) == "no")
        })
    }

    /// The word that puts `v` under a modality, if any: a modal auxiliary
    /// ("could strike" → "could") or a verb of intention or threat whose
    /// open complement `v` is ("threatened to strike" → "threatened"). A
    /// conjunct without auxiliaries of its own shares its head's.
    pub fn modal(&self, v: usize) -> Option<usize> {
        let mut x = v;
        for _ in 0..self.len() {
            if let Some(m) = self
                .children(x)
                .iter()
                .copied()
                .find(|&c| self.rel(c) == "aux" && MODALS.contains(&self.lower(c)))
            {
                return Some(m);
            }
            let h = self.head(x)?;
            match self.rel(x) {
                "xcomp" if INTENT.contains(&self.lower(h)) => return Some(h),
                "conj"
                    if self
                        .dependent(x, &["aux", "aux:pass", "nsubj", "nsubj:pass"])
                        .is_none() =>
                {
                    x = h
                }
                _ => return None,
            }
        }
        None
    }

    /// Whether `v` is under a modal or a verb of intention (see
    /// [`Analysis::modal`]).
    pub fn is_modal(&self, v: usize) -> bool {
        self.modal(v).is_some()
    }

    /// Whether word `i` heads a clause: the root, a clausal dependent
    /// (ccomp, advcl, relative clause…), or a verb coordinated with one.
    pub fn is_predicate(&self, i: usize) -> bool {
        let Some(w) = self.words.get(i) else {
            return false;
        };
        if w.upos == crate::Upos::Punct {
            return false;
        }
        match w.rel {
            "root" => true,
            r if CLAUSAL.contains(&r) => {
                r != "acl" || matches!(w.upos, crate::Upos::Verb | crate::Upos::Aux)
            }
            "conj" => matches!(w.upos, crate::Upos::Verb) || self.dependent(i, SUBJECTS).is_some(),
            _ => false,
        }
    }

    /// The words `[first, last]` of the clause of predicate `v`: its subtree
    /// without the clauses embedded in it or coordinated with it, trimmed of
    /// punctuation at the edges (gaps left by embedded clauses are covered).
    pub fn clause(&self, v: usize) -> Option<(usize, usize)> {
        let (a, b) = self.subtree(v)?;
        let mut inside = vec![true; b - a + 1];
        for &c in self.children(v) {
            if self.is_predicate(c) {
                if let Some((ca, cb)) = self.subtree(c) {
                    for k in ca.max(a)..=cb.min(b) {
                        inside[k - a] = false;
                    }
                }
                // The "and" or "," before a coordinated clause goes with it.
                for &k in self.children(c) {
                    if matches!(self.rel(k), "cc" | "mark") && k >= a && k <= b {
                        inside[k - a] = false;
                    }
                }
            }
        }
        let keep = |k: usize| inside[k - a] && self.words[k].upos != crate::Upos::Punct;
        let first = (a..=b).find(|&k| keep(k)).unwrap_or(v);
        let last = (a..=b).rev().find(|&k| keep(k)).unwrap_or(v);
        Some((first.min(v), last.max(v)))
    }

    /// The bytes of the clause of `v` (see [`Analysis::clause`]).
    pub fn clause_span(&self, v: usize) -> Span {
        self.clause(v)
            .map_or(Span::default(), |(a, b)| self.span_of(a, b))
    }

    /// Every clause of the sentence: its predicate and its byte span, in text
    /// order of the predicates.
    pub fn clauses(&self) -> Vec<(usize, Span)> {
        (0..self.len())
            .filter(|&i| self.is_predicate(i))
            .map(|i| (i, self.clause_span(i)))
            .collect()
    }

    /// The noun-phrase chunk headed by `i`, if `i` is a noun, proper noun,
    /// pronoun or numeral that is not itself part of a larger name or
    /// compound: determiners, adjectives, numerals, compounds and possessors
    /// to its left and flat names or compounds to its right.
    pub fn chunk(&self, i: usize) -> Option<Chunk> {
        let w = self.words.get(i)?;
        let nominal = w.upos.is_nominal() || (w.upos == crate::Upos::Num && w.rel != "nummod");
        if !nominal
            || matches!(
                w.rel,
                "compound" | "flat" | "fixed" | "goeswith" | "nmod:poss"
            ) && self
                .head(i)
                .is_some_and(|h| self.words[h].upos.is_nominal())
        {
            return None;
        }
        const LEFT: &[&str] = &[
            "det",
            "det:predet",
            "amod",
            "compound",
            "nummod",
            "nmod:poss",
            "flat",
            "fixed",
            "advmod",
            "nmod:unmarked",
        ];
        const RIGHT: &[&str] = &["flat", "compound", "fixed", "goeswith"];
        let mut start = i;
        for &c in self.children(i).iter().rev().filter(|&&c| c < i) {
            if !LEFT.contains(&self.rel(c)) {
                break;
            }
            let (ca, _) = self.subtree(c)?;
            // Only contiguous material: stop at a gap.
            if self.subtree(c)?.1 + 1 < start {
                break;
            }
            start = start.min(ca);
        }
        let mut end = i;
        for &c in self.children(i).iter().filter(|&&c| c > i) {
            if !RIGHT.contains(&self.rel(c)) || c != end + 1 {
                break;
            }
            end = self.subtree(c)?.1;
        }
        // Punctuation never opens a chunk ("“Azov” fighters" keeps its quote out).
        while start < i && self.words[start].upos == crate::Upos::Punct {
            start += 1;
        }
        Some(Chunk {
            span: self.span_of(start, end),
            head: i,
            start,
            end: end + 1,
        })
    }

    /// The noun-phrase chunks of the sentence, in text order, without
    /// overlaps (see [`Analysis::chunk`]).
    pub fn noun_chunks(&self) -> Vec<Chunk> {
        let mut out: Vec<Chunk> = Vec::new();
        for i in 0..self.len() {
            if let Some(c) = self.chunk(i) {
                if let Some(last) = out.last() {
                    if c.start < last.end {
                        continue;
                    }
                }
                out.push(c);
            }
        }
        out
    }

    /// The chunk containing word `i`, if any.
    pub fn chunk_of(&self, i: usize) -> Option<Chunk> {
        self.noun_chunks()
            .into_iter()
            .find(|c| c.start <= i && i < c.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Upos;

    /// Builds an analysis of space-separated `text` from (upos, xpos, head
    /// 1-based or 0, rel) per word.
    fn build(text: &str, rows: &[(Upos, &'static str, usize, &'static str)]) -> Analysis {
        let mut words = Vec::new();
        let mut at = 0;
        for (w, r) in text.split(' ').zip(rows) {
            words.push(Word {
                span: Span {
                    start: at,
                    end: at + w.len(),
                },
                upos: r.0,
                xpos: r.1,
                head: r.2.checked_sub(1),
                rel: r.3,
            });
            at += w.len() + 1;
        }
        Analysis::new(text, words)
    }

    #[test]
    fn helpers_on_a_hand_built_tree() {
        use Upos::*;
        let t = "Drones hit the depot and the bridge , officials said";
        let a = build(
            t,
            &[
                (Noun, "NNS", 2, "nsubj"),
                (Verb, "VBD", 10, "ccomp"),
                (Det, "DT", 4, "det"),
                (Noun, "NN", 2, "obj"),
                (Cconj, "CC", 7, "cc"),
                (Det, "DT", 7, "det"),
                (Noun, "NN", 4, "conj"),
                (Punct, ",", 10, "punct"),
                (Noun, "NNS", 10, "nsubj"),
                (Verb, "VBD", 0, "root"),
            ],
        );
        assert_eq!(a.root(), Some(9));
        assert_eq!(a.subtree(1), Some((0, 6)));
        assert_eq!(a.subtree(9), Some((0, 9)));
        assert_eq!(a.subject(1), Some(0));
        assert_eq!(a.object(1), Some(3));
        assert_eq!(a.conjuncts(6), vec![3, 6]);
        assert_eq!(a.clause_span(9).slice(t), "officials said");
        assert_eq!(
            a.clause_span(1).slice(t),
            "Drones hit the depot and the bridge"
        );
        let chunks: Vec<&str> = a.noun_chunks().iter().map(|c| c.span.slice(t)).collect();
        assert_eq!(chunks, ["Drones", "the depot", "the bridge", "officials"]);
        assert!(!a.is_passive(1) && !a.is_negated(1) && a.modal(1).is_none());
        assert_eq!(a.clauses().len(), 2);
    }

    #[test]
    fn malformed_trees_do_not_hang_or_panic() {
        use Upos::*;
        // A cycle (1 -> 2 -> 1) and a head out of range.
        let a = build(
            "a b c",
            &[
                (Noun, "NN", 2, "nsubj"),
                (Verb, "VBD", 1, "conj"),
                (Noun, "NN", 9, "obj"),
            ],
        );
        for i in 0..4 {
            let _ = (
                a.subject(i),
                a.modal(i),
                a.conjuncts(i),
                a.clause(i),
                a.chunk(i),
                a.patient(i),
            );
        }
        let _ = (a.noun_chunks(), a.clauses(), a.root());
        assert!(Analysis::default().noun_chunks().is_empty());
    }
}
