//! A small tokenizer for the attribution rules: words and punctuation with
//! byte spans, plus the word classes the rules ask about.

use sitrep_text::Span;

/// A token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    /// Byte span in the document.
    pub span: Span,
    /// True for words and numbers, false for punctuation.
    pub word: bool,
    /// Lower case, typographic apostrophes folded.
    pub lower: String,
    /// First letter upper case (after an "al-"-style prefix), or an acronym.
    pub cap: bool,
    /// Part of a noun phrase: a word, or a short parenthesis ("(TTP)").
    pub np: bool,
}

/// Characters that open or close a quotation.
pub(crate) fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‟')
}

fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// Tokens of `text[span]`; spans index `text`.
pub(crate) fn tokenize(text: &str, span: Span) -> Vec<Tok> {
    let mut out = Vec::new();
    let Some(s) = text.get(span.start..span.end) else {
        return out;
    };
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = span.start + off;
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let cj = chars[j].1;
                if cj.is_alphanumeric() {
                    j += 1;
                } else if joins(cj) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() {
                    j += 2;
                } else {
                    break;
                }
            }
            let mut end = span.start + chars.get(j).map_or(s.len(), |x| x.0);
            // "Dr." and other titles keep their period, as do "U.S."-style
            // abbreviations and company suffixes ("Acme Inc.").
            if j < chars.len() && chars[j].1 == '.' {
                // Lower-cased only when a period follows (rare).
                let w = text[start..end].to_lowercase();
                if w.contains('.') && w.len() <= 6
                    || matches!(
                        w.as_str(),
                        "dr" | "mr"
                            | "mrs"
                            | "ms"
                            | "gen"
                            | "col"
                            | "lt"
                            | "sgt"
                            | "capt"
                            | "prof"
                            | "maj"
                            | "brig"
                            | "cpl"
                            | "pvt"
                            | "rev"
                            | "sen"
                            | "rep"
                            | "gov"
                            | "adm"
                            | "cmdr"
                            | "st"
                            | "jr"
                            | "sr"
                            | "inc"
                            | "corp"
                            | "ltd"
                            | "co"
                    )
                {
                    end += 1;
                    j += 1;
                }
            }
            out.push(word_tok(text, Span::new(start, end)));
            i = j;
        } else {
            let end = start + c.len_utf8();
            out.push(Tok {
                span: Span::new(start, end),
                word: false,
                lower: c.to_string(),
                cap: false,
                np: false,
            });
            i += 1;
        }
    }
    // Short parentheses belong to the phrase before: "the Arakan Army (AA)".
    let mut k = 0;
    while k < out.len() {
        if out[k].lower == "(" {
            if let Some(close) = (k + 1..out.len().min(k + 7)).find(|&c| out[c].lower == ")") {
                for t in &mut out[k..=close] {
                    t.np = true;
                }
                k = close + 1;
                continue;
            }
        }
        k += 1;
    }
    out
}

fn word_tok(text: &str, span: Span) -> Tok {
    let w = &text[span.start..span.end];
    let mut lower = w.to_lowercase();
    if lower.contains('’') {
        lower = lower.replace('’', "'");
    }
    // "al-Shabaab", "el-Fasher": the part after the article decides.
    let core = ["al-", "el-", "ad-", "as-", "ash-", "an-"]
        .iter()
        .find_map(|p| lower.starts_with(p).then(|| &w[p.len()..]))
        .unwrap_or(w);
    let cap = core.chars().next().is_some_and(|c| c.is_uppercase());
    Tok {
        span,
        word: true,
        lower,
        cap,
        np: true,
    }
}

/// Words that end a noun phrase read backwards from a cue.
pub(crate) fn np_boundary(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "as"
            | "while"
            | "but"
            | "when"
            | "where"
            | "after"
            | "before"
            | "because"
            | "since"
            | "if"
            | "although"
            | "though"
            | "than"
            | "so"
            | "or"
            | "nor"
            | "to"
            | "with"
            | "by"
            | "on"
            | "at"
            | "into"
            | "from"
            | "during"
            | "over"
            | "under"
            | "about"
            | "against"
            | "between"
            | "not"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "could"
            | "should"
            | "may"
            | "might"
            | "can"
            | "do"
            | "does"
            | "did"
            | "been"
            | "be"
            | "there"
            | "here"
            | "what"
            | "how"
            | "why"
            | "whether"
            | "yet"
            | "also"
            | "then"
            | "has"
            | "have"
            | "had"
            | "once"
            | "until"
            | "amid"
            | "despite"
            | "following"
            | "per"
            | "via"
    )
}

/// Auxiliaries and adverbs between a subject and its cue ("has also said").
/// An adverb in "-ly" between a subject and its verb ("the banks jointly
/// announced"): lower case, at least six letters, and not one of the nouns
/// and adjectives that end so ("family", "assembly", "weekly").
pub(crate) fn manner_adverb(t: &Tok) -> bool {
    let w = t.lower.as_str();
    t.word
        && !t.cap
        && w.len() >= 6
        && w.ends_with("ly")
        && !matches!(
            w,
            "family"
                | "assembly"
                | "weekly"
                | "monthly"
                | "quarterly"
                | "yearly"
                | "supply"
                | "anomaly"
                | "monopoly"
                | "italy"
                | "butterfly"
                | "elderly"
                | "friendly"
                | "deadly"
                | "lonely"
                | "likely"
        )
}

pub(crate) fn skippable(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "also"
            | "later"
            | "earlier"
            | "separately"
            | "previously"
            | "again"
            | "then"
            | "publicly"
            | "further"
            | "repeatedly"
            | "already"
            | "only"
            | "often"
            | "now"
            | "subsequently"
            | "quickly"
            | "initially"
            | "first"
            | "last"
            | "officially"
            | "openly"
            | "reportedly"
            | "allegedly"
            | "apparently"
            | "himself"
            | "herself"
            | "itself"
            | "themselves"
            | "yesterday"
            | "today"
            | "has also"
            | "once"
            | "moreover"
            | "however"
            | "meanwhile"
            | "furthermore"
            | "nevertheless"
            | "instead"
            | "flatly"
            | "categorically"
            | "strongly"
            | "firmly"
            | "swiftly"
            | "immediately"
    )
}

/// Determiners and possessives that make the next word a noun.
pub(crate) fn determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "whose"
            | "such"
            | "any"
            | "no"
            | "every"
            | "each"
            | "many"
            | "some"
            | "several"
            | "new"
            | "further"
            | "earlier"
            | "latest"
            | "recent"
    )
}

/// Day and month names and other words of time.
pub(crate) fn time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "overnight"
            | "morning"
            | "evening"
            | "afternoon"
            | "night"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "day"
            | "late"
            | "early"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Words that begin a complement of a reporting verb ("on Telegram", "by phone").
pub(crate) fn complement_start(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "by"
            | "via"
            | "through"
            | "during"
            | "over"
            | "from"
            | "late"
            | "early"
            | "last"
            | "this"
            | "earlier"
            | "later"
            | "separately"
            | "also"
            | "again"
            | "publicly"
            | "repeatedly"
            | "previously"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "overnight"
            | "on monday"
            | "recently"
            | "shortly"
    )
}

/// Pronouns and bare descriptions that stand for an earlier claimant.
pub(crate) fn pronoun(words: &[&str]) -> Option<Anaphor> {
    match words {
        ["he"] | ["she"] => Some(Anaphor::Person),
        ["it"] | ["they"] => Some(Anaphor::Group),
        ["the", adj, noun] if !adj.ends_with("'s") => match pronoun(&["the", noun]) {
            Some(Anaphor::Named(n, p)) => Some(Anaphor::Named(n, p)),
            _ => None,
        },
        ["the", noun] => {
            let n = *noun;
            let person = matches!(
                n,
                "spokesman"
                    | "spokeswoman"
                    | "spokesperson"
                    | "official"
                    | "officer"
                    | "commander"
                    | "governor"
                    | "minister"
                    | "president"
                    | "general"
                    | "colonel"
                    | "mayor"
                    | "chief"
                    | "leader"
                    | "analyst"
                    | "diplomat"
                    | "envoy"
                    | "witness"
                    | "resident"
                    | "doctor"
                    | "source"
            );
            let group = matches!(
                n,
                "group"
                    | "militia"
                    | "ministry"
                    | "army"
                    | "military"
                    | "agency"
                    | "organisation"
                    | "organization"
                    | "movement"
                    | "rebels"
                    | "insurgents"
                    | "militants"
                    | "legion"
                    | "government"
                    | "junta"
                    | "regime"
                    | "council"
                    | "mission"
                    | "police"
                    | "forces"
                    | "command"
                    | "committee"
                    | "alliance"
                    | "coalition"
                    | "paramilitary"
                    | "paramilitaries"
                    | "authorities"
                    | "administration"
                    | "office"
                    | "battalion"
                    | "brigade"
                    | "unit"
                    | "jihadists"
                    | "service"
                    | "kremlin"
                    | "pentagon"
                    | "party"
                    | "front"
                    | "division"
                    | "corps"
                    | "navy"
                    | "union"
                    | "network"
                    | "commission"
                    | "brigades"
            );
            if person {
                Some(Anaphor::Named(n.to_string(), true))
            } else if group {
                Some(Anaphor::Named(n.to_string(), false))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// What a pronoun or bare description can refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Anaphor {
    /// "he", "she".
    Person,
    /// "it", "they".
    Group,
    /// "the militia": the noun, and whether it names a person.
    Named(String, bool),
}

/// Lower-case role nouns that may precede a name ("spokesman Patrick Roe").
pub(crate) fn role_word(w: &str) -> bool {
    matches!(
        w,
        "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "commander"
            | "governor"
            | "minister"
            | "president"
            | "official"
            | "officer"
            | "captain"
            | "leader"
            | "chief"
            | "head"
            | "analyst"
            | "researcher"
            | "director"
            | "secretary"
            | "ambassador"
            | "envoy"
            | "mayor"
            | "general"
            | "colonel"
            | "lieutenant"
            | "major"
            | "sergeant"
            | "adviser"
            | "advisor"
            | "aide"
            | "deputy"
            | "representative"
            | "coordinator"
            | "chairman"
            | "chairwoman"
            | "lawmaker"
            | "senator"
            | "mp"
            | "prosecutor"
            | "judge"
            | "doctor"
            | "surgeon"
            | "nurse"
            | "activist"
            | "journalist"
            | "correspondent"
            | "resident"
            | "witness"
            | "group"
            | "militia"
            | "agency"
            | "outlet"
            | "channel"
            | "station"
            | "newspaper"
            | "magazine"
            | "broadcaster"
            | "website"
            | "platform"
            | "service"
            | "organisation"
            | "organization"
            | "movement"
            | "network"
            | "monitor"
            | "founder"
            | "member"
            | "administrator"
            | "manager"
            | "pastor"
            | "priest"
            | "imam"
            | "cleric"
            | "elder"
            | "chief's"
            | "premier"
            | "counterpart"
            | "operator"
            | "daily"
    )
}

/// Words of organisations (a name with one is not a person's).
pub(crate) fn org_word(w: &str) -> bool {
    matches!(
        w,
        "ministry"
            | "army"
            | "forces"
            | "force"
            | "staff"
            | "command"
            | "group"
            | "agency"
            | "office"
            | "council"
            | "government"
            | "committee"
            | "police"
            | "military"
            | "legion"
            | "brigade"
            | "battalion"
            | "service"
            | "services"
            | "news"
            | "press"
            | "media"
            | "mission"
            | "nations"
            | "union"
            | "front"
            | "movement"
            | "party"
            | "kremlin"
            | "pentagon"
            | "department"
            | "corps"
            | "guard"
            | "guards"
            | "state"
            | "states"
            | "republic"
            | "commission"
            | "organisation"
            | "organization"
            | "centre"
            | "center"
            | "institute"
            | "house"
            | "authority"
            | "authorities"
            | "administration"
            | "frontieres"
            | "frontières"
            | "borders"
            | "cross"
            | "crescent"
            | "watch"
            | "international"
            | "times"
            | "post"
            | "journal"
            | "tass"
            | "reuters"
            | "afp"
            | "ria"
            | "interfax"
            | "ukrinform"
            | "newsweek"
            | "bbc"
            | "cnn"
            | "al"
            | "council's"
            | "network"
            | "coalition"
            | "alliance"
            | "association"
            | "foundation"
            | "society"
            | "fund"
            | "programme"
            | "program"
            | "observatory"
            | "rights"
            | "doctors"
            | "sans"
            | "hospital"
            | "clinic"
            | "university"
            | "radio"
            | "tv"
            | "television"
            | "channel"
            | "agency's"
            | "brigades"
            | "army's"
            | "regiment"
            | "division"
            | "unit"
            | "ministry's"
            | "navy"
            | "airforce"
            | "headquarters"
            | "directorate"
            | "bureau"
            | "secretariat"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_caps() {
        let t = "The Legion’s post, al-Shabaab said: “No.”";
        let toks = tokenize(t, Span::new(0, t.len()));
        let words: Vec<&str> = toks.iter().map(|x| &t[x.span.start..x.span.end]).collect();
        assert_eq!(
            words,
            [
                "The",
                "Legion’s",
                "post",
                ",",
                "al-Shabaab",
                "said",
                ":",
                "“",
                "No",
                ".",
                "”"
            ]
        );
        assert_eq!(toks[1].lower, "legion's");
        assert!(toks[4].cap);
        assert!(!toks[5].cap);
    }

    #[test]
    fn out_of_range_span_gives_nothing() {
        assert!(tokenize("abc", Span::new(2, 9)).is_empty());
    }

    #[test]
    fn anaphors() {
        assert_eq!(pronoun(&["he"]), Some(Anaphor::Person));
        assert_eq!(
            pronoun(&["the", "militia"]),
            Some(Anaphor::Named("militia".into(), false))
        );
        assert_eq!(pronoun(&["the", "villagers"]), None);
    }
}
