//! Language identification with whatlang, reported as ISO 639-1 codes.

use crate::scan::count_letters;
use whatlang::Lang;

/// A text with fewer letters than this has no language.
const MIN_LETTERS: usize = 8;

/// The ISO 639-1 code of the language `text` is written in, or `None` when
/// the text has (almost) no letters. The best guess is returned even when it
/// is not certain: short or mixed texts still get one.
///
/// ```
/// assert_eq!(sitrep_meta::language_of("Die Soldaten zogen sich am Abend aus dem Dorf zurück."), Some("de"));
/// assert_eq!(sitrep_meta::language_of("12:30 — 4/5"), None);
/// ```
pub fn language_of(text: &str) -> Option<&'static str> {
    if count_letters(text, MIN_LETTERS) < MIN_LETTERS {
        return None;
    }
    whatlang::detect_lang(text).map(iso_639_1)
}

/// The ISO 639-1 code of a whatlang language.
pub fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
    }
}

#[cfg(test)]
mod tests {
    use super::{iso_639_1, language_of};
    use std::collections::HashSet;
    use whatlang::Lang;

    #[test]
    fn every_whatlang_language_has_a_distinct_two_letter_code() {
        let codes: HashSet<&str> = Lang::all().iter().map(|&l| iso_639_1(l)).collect();
        assert_eq!(codes.len(), Lang::all().len());
        assert!(codes
            .iter()
            .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn common_languages() {
        let cases = [
            ("en", "The brigade said its drones had destroyed two ammunition depots near the border overnight."),
            ("de", "Die Brigade teilte mit, ihre Drohnen hätten in der Nacht zwei Munitionslager zerstört."),
            ("fr", "La brigade a affirmé que ses drones avaient détruit deux dépôts de munitions pendant la nuit."),
            ("ru", "Бригада заявила, что её дроны ночью уничтожили два склада боеприпасов у границы."),
            ("uk", "Бригада заявила, що її дрони вночі знищили два склади боєприпасів біля кордону."),
            ("ar", "قالت الكتيبة إن طائراتها المسيرة دمرت مستودعين للذخيرة قرب الحدود الليلة الماضية."),
            ("es", "La brigada dijo que sus drones habían destruido dos depósitos de municiones durante la noche."),
        ];
        for (code, text) in cases {
            assert_eq!(language_of(text), Some(code), "{text}");
        }
    }

    #[test]
    fn no_language_without_letters() {
        assert_eq!(language_of(""), None);
        assert_eq!(language_of("2024-03-15 10:03 — 17 / 42"), None);
        assert_eq!(language_of("!!! ??? ..."), None);
    }
}
