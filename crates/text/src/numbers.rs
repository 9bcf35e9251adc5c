//! Numbers written as digits or English words, shared by the stages that
//! read counts (death tolls, "two days earlier").

/// One English number word ("seven", "forty"; "no" is 0), not compounds.
pub fn unit_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" | "no" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// A number written as digits ("1,200" split in tokens is joined by the
/// caller) or words ("twenty-five", "eleven").
pub fn number_word(w: &str) -> Option<u32> {
    if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    if let Some(n) = unit_word(w) {
        return Some(n);
    }
    let (a, b) = w.split_once('-')?;
    Some(unit_word(a)? + unit_word(b)?)
}

#[cfg(test)]
mod tests {
    use super::number_word;

    #[test]
    fn digits_and_words() {
        assert_eq!(number_word("1200"), Some(1200));
        assert_eq!(number_word("eleven"), Some(11));
        assert_eq!(number_word("twenty-five"), Some(25));
        assert_eq!(number_word("no"), Some(0));
        assert_eq!(number_word("twenty-"), None);
        assert_eq!(number_word("dozen"), None);
        assert_eq!(number_word(""), None);
    }
}
