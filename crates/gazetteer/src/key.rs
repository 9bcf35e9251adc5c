//! The folded form of a name under which the gazetteer indexes it.

/// Folds a name to its gazetteer key: the project's folding
/// ([`sitrep_text::normalize`]: NFKC, lower case, diacritics and typographic
/// punctuation folded, Cyrillic kept except ё → е), then apostrophes and
/// primes removed ("Kharkivs'ka" → "kharkivska", "Mar'inka" → "marinka"),
/// hyphens, dots, commas, quotes, brackets and slashes turned into spaces
/// ("Ivano-Frankivsk" → "ivano frankivsk"), and runs of spaces collapsed.
///
/// Queries must be folded the same way; every lookup method of
/// [`crate::Gazetteer`] that takes a name folds it with this function.
///
/// ```
/// assert_eq!(sitrep_gazetteer::key("Kharkivs’ka Oblast’"), "kharkivska oblast");
/// assert_eq!(sitrep_gazetteer::key("Région de  Koursk"), "region de koursk");
/// assert_eq!(sitrep_gazetteer::key("Тёткино"), "теткино");
/// ```
pub fn key(name: &str) -> String {
    let n = sitrep_text::normalize(name);
    let mut out = String::with_capacity(n.as_str().len());
    let mut space = true;
    for c in n.as_str().chars() {
        match c {
            '\'' | 'ʹ' | 'ʺ' | 'ʻ' | 'ʼ' | '\u{2032}' | '"' => {}
            c if c.is_whitespace()
                || matches!(
                    c,
                    '-' | '.' | ',' | '(' | ')' | '/' | '_' | ';' | ':' | '[' | ']'
                ) =>
            {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
            c => {
                out.push(c);
                space = false;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn folds_like_the_text_layer() {
        assert_eq!(key("Tëtkino"), "tetkino");
        assert_eq!(key("TËTKINO"), "tetkino");
        assert_eq!(key("Ivano-Frankivsk"), "ivano frankivsk");
        assert_eq!(key("Mar’inka"), "marinka");
        assert_eq!(key("  St. Petersburg "), "st petersburg");
        assert_eq!(key("Graïvoron"), "graivoron");
        assert_eq!(key("Запоріжжя"), "запоріжжя");
        assert_eq!(key("Курская Область"), "курская область");
        assert_eq!(key("Kurskaja oblastʹ"), "kurskaja oblast");
        assert_eq!(key(""), "");
    }
}
