//! Word tokens of a sentence with byte spans, and numbers read from them.

/// A token of a sentence: a word (letters and digits, with inner hyphens
/// and apostrophes) or one punctuation character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    /// First byte in the sentence.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lower-cased text.
    pub lower: String,
    /// True for words, false for punctuation.
    pub word: bool,
}

/// Splits `s` into words and punctuation.
pub fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    chars.next();
                } else if matches!(d, '-' | '\'' | '’') {
                    // Inner joiner: keep when a letter or digit follows.
                    let next = s[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(char::is_alphanumeric) {
                        chars.next();
                        end = j + d.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let mut lower = s[i..end].to_lowercase();
            if lower.contains('’') {
                lower = lower.replace('’', "'");
            }
            out.push(Tok {
                start: i,
                end,
                lower,
                word: true,
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                lower: c.to_string(),
                word: false,
            });
        }
    }
    out
}

/// Numbers written as digits or English words ("twenty-five").
pub use sitrep_text::numbers::number_word;
use sitrep_text::numbers::unit_word;

/// Nouns for one person, counted as 1 after "a", "an", "one", "his", "her".
pub const PERSON: &[&str] = &[
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "soldier",
    "civilian",
    "son",
    "daughter",
    "wife",
    "husband",
    "father",
    "mother",
    "brother",
    "sister",
    "officer",
    "policeman",
    "policewoman",
    "fighter",
    "person",
    "resident",
    "farmer",
    "teacher",
    "student",
    "commander",
    "leader",
    "guard",
    "worker",
    "journalist",
    "driver",
    "passenger",
    "member",
    "militant",
    "attacker",
    "gunman",
    "pupil",
    "nurse",
    "doctor",
    "trader",
    "herder",
    "chief",
    "official",
    "baby",
    "infant",
    "toddler",
    "teenager",
    "youth",
    "villager",
    "serviceman",
    "cousin",
    "nephew",
    "relative",
    "bystander",
    "pedestrian",
    "worshipper",
    "imam",
    "priest",
    "pastor",
    "volunteer",
];

/// Reads a quantity at token `i`: "at least 12", "between nine and
/// fourteen" (→ 9), "dozens" (12), "hundreds" (100), "several"/"many"/"a
/// number of" (10), "a few"/"a handful" (3), "a couple" (2), "a dozen"
/// (12), "a man" / "his son" (1). Returns the value and the index after
/// the quantity words (before its noun, except for single persons).
pub fn quantity(t: &[Tok], mut i: usize) -> Option<(u32, usize)> {
    let w = |k: usize| t.get(k).map(|x| x.lower.as_str()).unwrap_or("");
    // Hedges in front.
    loop {
        match (w(i), w(i + 1)) {
            ("as", "many") if w(i + 2) == "as" => i += 3,
            ("at", "least")
            | ("more", "than")
            | ("up", "to")
            | ("no", "fewer")
            | ("no", "less")
            | ("fewer", "than")
            | ("less", "than") => i += 2,
            (
                "over" | "nearly" | "almost" | "about" | "around" | "some" | "approximately"
                | "roughly" | "reportedly" | "another" | "estimated" | "only",
                _,
            ) => i += 1,
            ("an", "estimated") => i += 2,
            _ => break,
        }
    }
    if w(i) == "between" {
        let (n, j) = quantity(t, i + 1)?;
        if w(j) == "and" {
            let end = quantity(t, j + 1).map_or(j + 1, |(_, e)| e);
            return Some((n, end));
        }
        return Some((n, j));
    }
    // Vague quantities.
    let vague = match (w(i), w(i + 1), w(i + 2)) {
        ("dozens", _, _) => Some((12, 1)),
        ("hundreds", _, _) => Some((100, 1)),
        ("thousands", _, _) => Some((1000, 1)),
        ("scores", "of", _) => Some((20, 1)),
        ("several" | "many" | "numerous", _, _) => Some((10, 1)),
        ("a", "number", "of") => Some((10, 3)),
        ("a", "dozen", _) => Some((12, 2)),
        ("a", "few", _) => Some((3, 2)),
        ("a", "handful", _) => Some((3, 2)),
        ("a", "couple", _) => Some((2, 2)),
        ("dozen", _, _) => Some((12, 1)),
        _ => None,
    };
    if let Some((n, len)) = vague {
        let mut j = i + len;
        if w(j) == "of" {
            j += 1;
        }
        return Some((n, j));
    }
    // Single persons: "a man", "his adult son", "one soldier".
    if matches!(w(i), "a" | "an" | "one" | "his" | "her" | "their" | "the") {
        for (k, tok) in t.iter().enumerate().take(i + 4).skip(i + 1) {
            let x = tok.lower.as_str();
            if PERSON.contains(&x) {
                return Some((1, k + 1));
            }
            if !tok.word || number_word(x).is_some() {
                break;
            }
        }
        if w(i) != "one" {
            return None;
        }
    }
    // Digits, with thousands separators: "1", ",", "200".
    let mut n = number_word(w(i))?;
    let mut j = i + 1;
    if t.get(i)
        .is_some_and(|x| x.lower.bytes().all(|b| b.is_ascii_digit()))
    {
        while w(j) == "," && w(j + 1).len() == 3 && w(j + 1).bytes().all(|b| b.is_ascii_digit()) {
            n = n
                .saturating_mul(1000)
                .saturating_add(w(j + 1).parse().unwrap_or(0));
            j += 2;
        }
    } else {
        // "twenty five", "two hundred", "three thousand".
        if n >= 20 && n % 10 == 0 {
            if let Some(u) = unit_word(w(j)).filter(|u| *u < 10 && *u > 0) {
                n += u;
                j += 1;
            }
        }
        if w(j) == "hundred" {
            n = n.saturating_mul(100);
            j += 1;
            if w(j) == "and" {
                if let Some(u) = number_word(w(j + 1)) {
                    n += u;
                    j += 2;
                }
            }
        }
        if w(j) == "thousand" {
            n = n.saturating_mul(1000);
            j += 1;
        }
    }
    if w(j) == "million" {
        n = n.saturating_mul(1_000_000);
        j += 1;
    }
    // A range: "20 to 30", "20-30", "two or three" → the lower bound.
    if matches!(w(j), "to" | "or" | "-" | "–") && number_word(w(j + 1)).is_some() {
        j += 2;
    }
    Some((n, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Option<u32> {
        quantity(&tokenize(s), 0).map(|x| x.0)
    }

    #[test]
    fn tokens_keep_spans() {
        let s = "Twenty-five “people”, al-Shabaab’s men";
        for t in tokenize(s) {
            assert_eq!(s[t.start..t.end].to_lowercase().replace('’', "'"), t.lower);
        }
        let words: Vec<String> = tokenize(s)
            .into_iter()
            .filter(|t| t.word)
            .map(|t| t.lower)
            .collect();
        assert_eq!(words, ["twenty-five", "people", "al-shabaab's", "men"]);
    }

    #[test]
    fn quantities() {
        assert_eq!(q("at least 12 people"), Some(12));
        assert_eq!(q("more than 1,200 soldiers"), Some(1200));
        assert_eq!(q("between nine and fourteen"), Some(9));
        assert_eq!(q("between 20 and 30"), Some(20));
        assert_eq!(q("20 to 30"), Some(20));
        assert_eq!(q("dozens of villagers"), Some(12));
        assert_eq!(q("hundreds"), Some(100));
        assert_eq!(q("several soldiers"), Some(10));
        assert_eq!(q("many people"), Some(10));
        assert_eq!(q("a number of civilians"), Some(10));
        assert_eq!(q("a few"), Some(3));
        assert_eq!(q("a handful of"), Some(3));
        assert_eq!(q("a couple of"), Some(2));
        assert_eq!(q("a dozen"), Some(12));
        assert_eq!(q("at least a dozen"), Some(12));
        assert_eq!(q("twenty-five"), Some(25));
        assert_eq!(q("twenty five"), Some(25));
        assert_eq!(q("two hundred"), Some(200));
        assert_eq!(q("a man"), Some(1));
        assert_eq!(q("his adult son"), Some(1));
        assert_eq!(q("a car"), None);
        assert_eq!(q("the village"), None);
    }
}
