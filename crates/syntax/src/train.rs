//! Training and evaluation on a CoNLL-U treebank (used by the `train` and
//! `eval` examples; nothing here runs at analysis time).

use std::collections::{BTreeSet, HashMap};

use crate::conllu::GoldSentence;
use crate::model::{Compact, Perceptron, Scorer};
use crate::parser::{self, Input};
use crate::tagger::{self, Lex};
use crate::Model;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Tagger epochs.
    pub tagger_epochs: usize,
    /// Parser epochs.
    pub parser_epochs: usize,
    /// Folds for jackknifing the parser's training tags (0 or 1: tag the
    /// training set with the final tagger instead).
    pub folds: usize,
    /// Seed of every shuffle.
    pub seed: u64,
    /// Averaged tagger weights below this magnitude are dropped from the
    /// compact model.
    pub tagger_prune: f32,
    /// Averaged parser weights below this magnitude are dropped from the
    /// compact model.
    pub parser_prune: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            tagger_epochs: 8,
            parser_epochs: 12,
            folds: 5,
            seed: 20_261_126,
            tagger_prune: 0.5,
            parser_prune: 1.0,
        }
    }
}

/// The two trained models.
#[derive(Debug)]
pub struct Trained {
    /// The tagger.
    pub tagger: Perceptron,
    /// Tag class names (`UPOS\tXPOS`).
    pub tags: Vec<String>,
    /// The tag dictionary.
    pub dict: HashMap<u64, u16>,
    /// The parser.
    pub parser: Perceptron,
    /// Relation names.
    pub rels: Vec<String>,
}

impl Trained {
    /// The compact forms (`tagger.sxm`, `parser.sxm`), dropping averaged
    /// weights below `tagger_prune` and `parser_prune` in magnitude.
    pub fn bytes(&self, tagger_prune: f32, parser_prune: f32) -> (Vec<u8>, Vec<u8>) {
        (
            self.tagger
                .compact(&self.tags, &dict_bytes(&self.dict), tagger_prune),
            self.parser.compact(&self.rels, &[], parser_prune),
        )
    }
}

fn tag_classes(train: &[GoldSentence]) -> Vec<String> {
    let set: BTreeSet<String> = train
        .iter()
        .flatten()
        .map(|w| format!("{}\t{}", w.upos, w.xpos))
        .collect();
    set.into_iter().collect()
}

fn lexes(s: &GoldSentence) -> Vec<Lex> {
    s.iter().map(|w| Lex::new(&w.form)).collect()
}

/// The parser's view of a tagged sentence.
pub fn inputs(lex: &[Lex], classes: &[usize], tags: &[String]) -> Vec<Input> {
    lex.iter()
        .zip(classes)
        .map(|(l, &c)| {
            let name = tags.get(c).map_or("", String::as_str);
            let upos = name.split('\t').next().unwrap_or("");
            Input {
                lex: *l,
                tag: crate::model::mix(c as u64 + 17),
                upos: crate::model::hash_bytes(upos.as_bytes()),
            }
        })
        .collect()
}

fn dict_bytes(dict: &HashMap<u64, u16>) -> Vec<u8> {
    let mut entries: Vec<(&u64, &u16)> = dict.iter().collect();
    entries.sort();
    let mut out = Vec::with_capacity(entries.len() * 10);
    for (k, v) in entries {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// Trains the tagger, tags the training set by jackknifing, and trains the
/// parser on those predicted tags. `log` receives progress lines.
pub fn train(train: &[GoldSentence], settings: &Settings, mut log: impl FnMut(&str)) -> Trained {
    let tags = tag_classes(train);
    let index: HashMap<&str, usize> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let lex: Vec<Vec<Lex>> = train.iter().map(lexes).collect();
    let gold: Vec<Vec<usize>> = train
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    index
                        .get(format!("{}\t{}", w.upos, w.xpos).as_str())
                        .copied()
                        .unwrap_or(0)
                })
                .collect()
        })
        .collect();
    let (min_count, min_share) = (20, 0.995);
    let dict = tagger::build_dict(&lex, &gold, min_count, min_share);
    log(&format!(
        "tagger: {} classes, {} dictionary words",
        tags.len(),
        dict.len()
    ));
    let model = tagger::train(
        &lex,
        &gold,
        tags.len(),
        &dict,
        settings.tagger_epochs,
        settings.seed,
    );
    log(&format!("tagger: {} feature rows", model.len()));

    // Predicted tags for the parser's training data.
    let mut predicted: Vec<Vec<usize>> = vec![Vec::new(); train.len()];
    if settings.folds >= 2 {
        for fold in 0..settings.folds {
            let keep: Vec<usize> = (0..train.len())
                .filter(|i| i % settings.folds != fold)
                .collect();
            let l: Vec<Vec<Lex>> = keep.iter().map(|&i| lex[i].clone()).collect();
            let g: Vec<Vec<usize>> = keep.iter().map(|&i| gold[i].clone()).collect();
            let d = tagger::build_dict(&l, &g, min_count, min_share);
            let m = tagger::train(
                &l,
                &g,
                tags.len(),
                &d,
                settings.tagger_epochs,
                settings.seed + fold as u64,
            );
            for i in (0..train.len()).filter(|i| i % settings.folds == fold) {
                predicted[i] = tagger::tag(&m, &d, &lex[i]);
            }
            log(&format!("jackknife fold {} done", fold + 1));
        }
    } else {
        for i in 0..train.len() {
            predicted[i] = tagger::tag(&model, &dict, &lex[i]);
        }
    }
    let (right, total) = predicted
        .iter()
        .zip(&gold)
        .flat_map(|(p, g)| p.iter().zip(g))
        .fold((0usize, 0usize), |(r, t), (p, g)| {
            (r + usize::from(p == g), t + 1)
        });
    log(&format!(
        "jackknifed training tags: {:.2}% UPOS+XPOS right",
        100.0 * right as f64 / total.max(1) as f64
    ));

    let rels: Vec<String> = train
        .iter()
        .flatten()
        .map(|w| w.deprel.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rel_index: HashMap<&str, usize> = rels
        .iter()
        .enumerate()
        .map(|(i, r)| (r.as_str(), i))
        .collect();
    let data: Vec<(Vec<Input>, Vec<usize>, Vec<usize>)> = train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut heads = vec![0];
            let mut labels = vec![0];
            for w in s {
                heads.push(w.head);
                labels.push(rel_index.get(w.deprel.as_str()).copied().unwrap_or(0));
            }
            (inputs(&lex[i], &predicted[i], &tags), heads, labels)
        })
        .collect();
    log(&format!("parser: {} relations", rels.len()));
    let parser_model = parser::train(
        &data,
        rels.len(),
        settings.parser_epochs,
        settings.seed,
        |e| log(&format!("parser epoch {} done", e + 1)),
    );
    log(&format!("parser: {} feature rows", parser_model.len()));
    Trained {
        tagger: model,
        tags,
        dict,
        parser: parser_model,
        rels,
    }
}

/// Accuracy figures over a treebank split (punctuation included, like the
/// CoNLL 2018 evaluation script on gold tokenization).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Words evaluated.
    pub words: usize,
    /// UPOS accuracy, percent.
    pub upos: f64,
    /// XPOS accuracy, percent.
    pub xpos: f64,
    /// Unlabeled attachment score, percent.
    pub uas: f64,
    /// Labeled attachment score (full relation with subtype), percent.
    pub las: f64,
}

/// Tags and parses every sentence of `gold` from its word forms with `model`
/// and scores the result.
pub fn evaluate(model: &Model<'_>, gold: &[GoldSentence]) -> Scores {
    let (mut n, mut upos, mut xpos, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for s in gold {
        let forms: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
        let out = model.analyze_forms(&forms);
        for (w, g) in out.iter().zip(s) {
            n += 1;
            upos += usize::from(w.upos.as_str() == g.upos);
            xpos += usize::from(w.xpos == g.xpos);
            let head = w.head.map_or(0, |h| h + 1);
            if head == g.head {
                uas += 1;
                las += usize::from(w.rel == g.deprel);
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    Scores {
        words: n,
        upos: pct(upos),
        xpos: pct(xpos),
        uas: pct(uas),
        las: pct(las),
    }
}

/// Checks that compact bytes read back as a model (used after writing).
pub fn readable(bytes: &[u8]) -> bool {
    Compact::read(bytes).is_some_and(|c| c.classes() > 0)
}
