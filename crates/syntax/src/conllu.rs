//! A small CoNLL-U reader: the basic tree of each sentence (multiword-token
//! ranges and empty nodes are skipped).

use std::path::Path;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldWord {
    /// The word form.
    pub form: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific (Penn Treebank) tag.
    pub xpos: String,
    /// Head: 0 for the root, otherwise the 1-based index of the head word.
    pub head: usize,
    /// Dependency relation, with its subtype ("nsubj:pass").
    pub deprel: String,
}

/// A treebank sentence.
pub type GoldSentence = Vec<GoldWord>;

/// Parses CoNLL-U text. Malformed lines are skipped; heads out of range are
/// set to 0 so every sentence is a usable tree.
pub fn parse(text: &str) -> Vec<GoldSentence> {
    let mut out = Vec::new();
    let mut cur: GoldSentence = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 || !cols[0].bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        cur.push(GoldWord {
            form: cols[1].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
        });
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    for s in &mut out {
        let n = s.len();
        for w in s.iter_mut() {
            if w.head > n {
                w.head = 0;
            }
        }
    }
    out
}

/// The three splits of UD English EWT as laid out in `../shared/data`: the
/// train split is the concatenation of the documents of
/// `file-lists/files.train`, in order.
#[derive(Clone, Debug, Default)]
pub struct Ewt {
    /// Training sentences.
    pub train: Vec<GoldSentence>,
    /// Development sentences (`en_ewt-ud-dev.conllu`).
    pub dev: Vec<GoldSentence>,
    /// Test sentences (`en_ewt-ud-test.conllu`).
    pub test: Vec<GoldSentence>,
}

impl Ewt {
    /// Reads the treebank from its directory.
    pub fn load(dir: &Path) -> std::io::Result<Ewt> {
        let list = std::fs::read_to_string(dir.join("file-lists/files.train"))?;
        let mut train = Vec::new();
        for name in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            train.extend(parse(&std::fs::read_to_string(
                dir.join("sources").join(name),
            )?));
        }
        Ok(Ewt {
            train,
            dev: Ewt::split(dir, "dev")?,
            test: Ewt::split(dir, "test")?,
        })
    }

    /// Reads only the official dev or test file.
    pub fn split(dir: &Path, name: &str) -> std::io::Result<Vec<GoldSentence>> {
        let text = std::fs::read_to_string(dir.join(format!("en_ewt-ud-{name}.conllu")))?;
        Ok(parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges() {
        let text = "# text = I don't.\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t9\tpunct\t_\t_\n\n";
        let s = parse(text);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].len(), 4);
        assert_eq!(s[0][1].form, "do");
        assert_eq!(s[0][3].head, 0, "out-of-range head reset");
    }
}
