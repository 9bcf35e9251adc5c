//! Sentence structure for sitrep: part-of-speech tags and labelled dependency
//! trees (Universal Dependencies), over sitrep's own tokens and byte spans.
//!
//! - A greedy averaged-perceptron tagger predicts UPOS and Penn Treebank
//!   XPOS jointly ([`tagger`]).
//! - A greedy arc-hybrid parser trained with a dynamic oracle predicts heads
//!   and UD relations ([`parser`]).
//! - Both models were trained on UD English EWT (CC BY-SA 4.0) and are
//!   embedded in compact form (`data/*.sxm`, read in place on first use).
//! - [`Analysis`] answers the questions the events and claims stages ask:
//!   who did what to whom ([`Analysis::subject`], [`Analysis::object`],
//!   [`Analysis::agent`], [`Analysis::is_passive`]), noun-phrase chunks,
//!   conjuncts, appositions, clause spans, negation and modality.
//!
//! ```
//! use sitrep_syntax::analyze;
//! let text = "The attack was repelled by Russian forces.";
//! let seg = sitrep_text::segment(text);
//! let a = analyze(text, &seg.tokens);
//! let verb = a.root().unwrap();
//! assert_eq!(a.text(text, verb), "repelled");
//! assert!(a.is_passive(verb));
//! assert_eq!(a.text(text, a.agent(verb).unwrap()), "forces");
//! ```
#![deny(missing_docs)]

use std::collections::HashMap;
use std::sync::OnceLock;

use sitrep_text::segment::Token;
use sitrep_text::Span;

mod analysis;
pub mod conllu;
pub mod model;
pub mod parser;
pub mod tagger;
pub mod train;
mod words;

pub use analysis::{Analysis, Chunk};
pub use words::split_words;

use model::{hash_bytes, mix, Compact};
use tagger::Lex;

/// The embedded tagger model.
pub static TAGGER_BYTES: &[u8] = include_bytes!("../data/tagger.sxm");
/// The embedded parser model.
pub static PARSER_BYTES: &[u8] = include_bytes!("../data/parser.sxm");

/// Universal part-of-speech tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Upos {
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// The tag as UD writes it ("NOUN").
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Reads a UD tag; unknown tags are [`Upos::X`].
    pub fn parse(tag: &str) -> Upos {
        match tag {
            "ADJ" => Upos::Adj,
            "ADP" => Upos::Adp,
            "ADV" => Upos::Adv,
            "AUX" => Upos::Aux,
            "CCONJ" => Upos::Cconj,
            "DET" => Upos::Det,
            "INTJ" => Upos::Intj,
            "NOUN" => Upos::Noun,
            "NUM" => Upos::Num,
            "PART" => Upos::Part,
            "PRON" => Upos::Pron,
            "PROPN" => Upos::Propn,
            "PUNCT" => Upos::Punct,
            "SCONJ" => Upos::Sconj,
            "SYM" => Upos::Sym,
            "VERB" => Upos::Verb,
            _ => Upos::X,
        }
    }

    /// Nouns, proper nouns and pronouns.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

/// One syntactic word of an analysed sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Its bytes in the text (a clitic such as "'s" or "n't" split from a
    /// token gets its own part of the token's span).
    pub span: Span,
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag ("VBN", "NNS").
    pub xpos: &'static str,
    /// Index of the head word in [`Analysis::words`], `None` for the root.
    pub head: Option<usize>,
    /// UD relation to the head, with subtype ("nsubj:pass"; "root").
    pub rel: &'static str,
}

/// A loaded tagger and parser.
#[derive(Debug)]
pub struct Model<'a> {
    tagger: Compact<'a>,
    tags: Vec<(Upos, &'a str)>,
    tag_keys: Vec<u64>,
    upos_keys: Vec<u64>,
    dict: HashMap<u64, u16>,
    parser: Compact<'a>,
    rels: Vec<&'a str>,
}

impl<'a> Model<'a> {
    /// Reads the two compact models; `None` if either is malformed.
    pub fn from_bytes(tagger_bytes: &'a [u8], parser_bytes: &'a [u8]) -> Option<Model<'a>> {
        let tagger = Compact::read(tagger_bytes)?;
        let parser = Compact::read(parser_bytes)?;
        let tags: Vec<(Upos, &'a str)> = tagger
            .labels()
            .into_iter()
            .map(|l| {
                let (u, x) = l.split_once('\t').unwrap_or((l, ""));
                (Upos::parse(u), x)
            })
            .collect();
        if tags.len() != model::Scorer::classes(&tagger) {
            return None;
        }
        let rels = parser.labels();
        if model::Scorer::classes(&parser) != 1 + 2 * rels.len() {
            return None;
        }
        let mut dict = HashMap::new();
        for e in tagger.extra().chunks_exact(10) {
            let mut k = [0u8; 8];
            k.copy_from_slice(&e[..8]);
            let c = u16::from_le_bytes([e[8], e[9]]);
            if usize::from(c) < tags.len() {
                dict.insert(u64::from_le_bytes(k), c);
            }
        }
        let tag_keys = (0..tags.len()).map(|c| mix(c as u64 + 17)).collect();
        let upos_keys = tags
            .iter()
            .map(|(u, _)| hash_bytes(u.as_str().as_bytes()))
            .collect();
        Some(Model {
            tagger,
            tags,
            tag_keys,
            upos_keys,
            dict,
            parser,
            rels,
        })
    }

    /// Tags and parses a sentence given as word forms. The words' spans are
    /// offsets into the forms joined by single spaces.
    pub fn analyze_forms(&self, forms: &[&str]) -> Vec<Word> {
        let mut spans = Vec::with_capacity(forms.len());
        let mut at = 0;
        for f in forms {
            spans.push(Span {
                start: at,
                end: at + f.len(),
            });
            at += f.len() + 1;
        }
        self.analyze_words(forms, &spans)
    }

    fn analyze_words(&self, forms: &[&str], spans: &[Span]) -> Vec<Word> {
        let lex: Vec<Lex> = forms.iter().map(|f| Lex::new(f)).collect();
        let classes = tagger::tag(&self.tagger, &self.dict, &lex);
        let inputs: Vec<parser::Input> = lex
            .iter()
            .zip(&classes)
            .map(|(l, &c)| parser::Input {
                lex: *l,
                tag: self.tag_keys.get(c).copied().unwrap_or(0),
                upos: self.upos_keys.get(c).copied().unwrap_or(0),
            })
            .collect();
        let (heads, labels) = parser::parse(&self.parser, &inputs);
        let words = (0..forms.len())
            .map(|i| {
                let (upos, xpos) = self.tags.get(classes[i]).copied().unwrap_or((Upos::X, ""));
                Word {
                    span: spans[i],
                    upos,
                    xpos: intern(xpos).unwrap_or("_"),
                    head: heads[i].checked_sub(1),
                    rel: if heads[i] == 0 {
                        "root"
                    } else {
                        self.rels
                            .get(labels[i])
                            .and_then(|r| intern(r))
                            .unwrap_or("dep")
                    },
                }
            })
            .collect();
        repair_swallowed_root(words)
    }

    /// Analyses one sentence: `tokens` are sitrep tokens of `text` (for
    /// example `seg.sentence_tokens(sentence)`).
    pub fn analyze(&self, text: &str, tokens: &[Token]) -> Analysis {
        let (forms, spans) = split_words(text, tokens);
        Analysis::new(text, self.analyze_words(&forms, &spans))
    }
}

/// Repairs a known failure of the greedy parser on sentences whose subject
/// carries a relative clause ("Militants who stormed the base killed 12
/// soldiers."): the subject ends up as the root and the main verb inside
/// the relative clause. When the root is nominal, has a relative clause,
/// and that clause governs a later finite verb with no subject, marker or
/// conjunction of its own, that verb becomes the root and the noun its
/// subject.
fn repair_swallowed_root(mut words: Vec<Word>) -> Vec<Word> {
    let n = words.len();
    let Some(r) = words.iter().position(|w| w.head.is_none()) else {
        return words;
    };
    if !words[r].upos.is_nominal() {
        return words;
    }
    let has_child = |words: &[Word], h: usize, rels: &[&str]| {
        words
            .iter()
            .any(|w| w.head == Some(h) && rels.contains(&w.rel))
    };
    let Some(v) = (0..n).find(|&i| words[i].head == Some(r) && words[i].rel == "acl:relcl") else {
        return words;
    };
    let Some(u) = (v + 1..n).find(|&i| {
        words[i].head == Some(v)
            && matches!(
                words[i].rel,
                "conj" | "xcomp" | "ccomp" | "parataxis" | "advcl"
            )
            && matches!(words[i].xpos, "VBD" | "VBZ" | "VBP")
            && !has_child(
                &words,
                i,
                &["nsubj", "nsubj:pass", "csubj", "cc", "mark", "expl"],
            )
    }) else {
        return words;
    };
    let passive = has_child(&words, u, &["aux:pass"]);
    for (i, w) in words.iter_mut().enumerate() {
        if w.head == Some(r) && i > u {
            w.head = Some(u);
        }
    }
    words[u].head = None;
    words[u].rel = "root";
    words[r].head = Some(u);
    words[r].rel = if passive { "nsubj:pass" } else { "nsubj" };
    words
}

/// Tag and relation names as `&'static str`: known names map to literals so
/// [`Word`] stays `Copy` and free of lifetimes.
fn intern(s: &str) -> Option<&'static str> {
    const NAMES: &[&str] = &[
        // Relations.
        "acl",
        "acl:relcl",
        "advcl",
        "advcl:relcl",
        "advmod",
        "amod",
        "appos",
        "aux",
        "aux:pass",
        "case",
        "cc",
        "cc:preconj",
        "ccomp",
        "compound",
        "compound:prt",
        "conj",
        "cop",
        "csubj",
        "csubj:outer",
        "csubj:pass",
        "dep",
        "det",
        "det:predet",
        "discourse",
        "dislocated",
        "expl",
        "fixed",
        "flat",
        "goeswith",
        "iobj",
        "list",
        "mark",
        "nmod",
        "nmod:desc",
        "nmod:poss",
        "nmod:unmarked",
        "nsubj",
        "nsubj:outer",
        "nsubj:pass",
        "nummod",
        "obj",
        "obl",
        "obl:agent",
        "obl:unmarked",
        "orphan",
        "parataxis",
        "punct",
        "reparandum",
        "root",
        "vocative",
        "xcomp",
        "nmod:tmod",
        "nmod:npmod",
        "obl:tmod",
        "obl:npmod",
        "flat:foreign",
        "expl:pv",
        // Penn Treebank tags.
        "$",
        "''",
        ",",
        "-LRB-",
        "-RRB-",
        ".",
        ":",
        "ADD",
        "AFX",
        "CC",
        "CD",
        "DT",
        "EX",
        "FW",
        "GW",
        "HYPH",
        "IN",
        "JJ",
        "JJR",
        "JJS",
        "LS",
        "MD",
        "NFP",
        "NN",
        "NNP",
        "NNPS",
        "NNS",
        "PDT",
        "POS",
        "PRP",
        "PRP$",
        "RB",
        "RBR",
        "RBS",
        "RP",
        "SYM",
        "TO",
        "UH",
        "VB",
        "VBD",
        "VBG",
        "VBN",
        "VBP",
        "VBZ",
        "WDT",
        "WP",
        "WP$",
        "WRB",
        "XX",
        "``",
        "_",
    ];
    NAMES.iter().find(|n| **n == s).copied()
}

/// The embedded model, loaded on first use; `None` only if the embedded
/// bytes are malformed (a build problem, reported by the crate's tests).
pub fn model() -> Option<&'static Model<'static>> {
    static MODEL: OnceLock<Option<Model<'static>>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(TAGGER_BYTES, PARSER_BYTES))
        .as_ref()
}

/// Analyses one sentence with the embedded model (see [`Model::analyze`]).
/// Without a usable model every word is tagged `X` and attached to the root.
pub fn analyze(text: &str, tokens: &[Token]) -> Analysis {
    match model() {
        Some(m) => m.analyze(text, tokens),
        None => {
            let (_, spans) = split_words(text, tokens);
            let words = spans
                .into_iter()
                .map(|span| Word {
                    span,
                    upos: Upos::X,
                    xpos: "_",
                    head: None,
                    rel: "root",
                })
                .collect();
            Analysis::new(text, words)
        }
    }
}
