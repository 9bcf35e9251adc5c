//! Language identification, reported as ISO 639-1 codes.
//!
//! whatlang knows 69 languages but spends ~50 µs on even a short Latin-script
//! text, more than the rest of [`crate::read`] together. So a quick reading
//! comes first and whatlang decides only what it leaves open:
//!
//! - a census of scripts; a script used by one language gives it (Hangul:
//!   Korean, kana: Japanese, Greek, Georgian, Armenian, Thai, Hebrew);
//! - Latin script: counts of frequent function words per language
//!   (`data/function_words.txt`); a language clearly ahead of the others is
//!   taken; when function words are scarce (tables, short wire items,
//!   headlines in capitals), frequent news words and abbreviations
//!   (`data/news_words.txt`: "said", "million", "vs", "mln") count with
//!   them, and a language far enough ahead is taken;
//! - Cyrillic and Arabic script: letters only some of their languages use
//!   (ы and э for Russian, і and є for Ukrainian, ў for Belarusian, پ for
//!   Persian, ے for Urdu…).
//!
//! Anything else goes to whatlang, on at most [`WHATLANG_SAMPLE`] bytes.

use crate::lexicon::{entries, Map, FUNCTION_WORDS, NEWS_WORDS};
use crate::scan::{floor_boundary, is_letter};
use std::sync::LazyLock;
use whatlang::Lang;

/// A text with fewer letters than this has no language.
const MIN_LETTERS: usize = 8;
/// Bytes of text looked at.
const SAMPLE: usize = 4096;
/// Bytes of text the census of scripts looks at.
const CENSUS: usize = 1024;
/// Bytes of text whatlang looks at.
pub(crate) const WHATLANG_SAMPLE: usize = 1024;
/// The score a language needs, and how far ahead of the next language it
/// must be, to be taken without asking whatlang.
const MIN_SCORE: u32 = 6;
const LEAD: u32 = 2;
/// Score after which counting stops early.
const DECISIVE_SCORE: u32 = 16;
/// Score the leading language needs for the others to be ruled out when the
/// quick reading is not sure.
const MIN_RUNNING_SCORE: u32 = 4;
/// Words only the leading language uses, and how far ahead in them it must
/// be, when it leads the others by less than [`LEAD`].
const MIN_UNIQUE: u32 = 4;
const UNIQUE_LEAD: u32 = 3;
/// Percentage of words that must be function words of the table.
const MIN_DENSITY: u32 = 15;
/// How far ahead of the next language the leader must be when news words
/// (`data/news_words.txt`) count too.
const NEWS_LEAD: u32 = 3;

/// The ISO 639-1 code of the language `text` is written in, or `None` when
/// the text has (almost) no letters. The best guess is returned even when it
/// is not certain: short or mixed texts still get one. Looks at the first
/// 4 KB of `text`.
///
/// ```
/// assert_eq!(sitrep_meta::language_of("Die Soldaten zogen sich am Abend aus dem Dorf zurück."), Some("de"));
/// assert_eq!(sitrep_meta::language_of("12:30 — 4/5"), None);
/// ```
pub fn language_of(text: &str) -> Option<&'static str> {
    let text = &text[..floor_boundary(text, SAMPLE)];
    let census = Census::of(&text[..floor_boundary(text, CENSUS)]);
    if census.letters < MIN_LETTERS {
        return None;
    }
    let running = match census.reading(text) {
        Guess::Sure(code) => return Some(code),
        Guess::Among(running) => running,
    };
    let sample = &text[..floor_boundary(text, WHATLANG_SAMPLE)];
    let detector = match running.len() {
        0 => whatlang::Detector::new(),
        1 => return Some(iso_639_1(running[0])),
        _ => whatlang::Detector::with_allowlist(running),
    };
    detector.detect_lang(sample).map(iso_639_1)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Greek,
    Hebrew,
    Armenian,
    Georgian,
    Thai,
    Hangul,
    Kana,
    Han,
    Other,
}

const SCRIPTS: usize = 12;

fn script(c: char) -> Script {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{400}'..='\u{4ff}' => Script::Cyrillic,
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Script::Greek,
        '\u{530}'..='\u{58f}' => Script::Armenian,
        '\u{590}'..='\u{5ff}' => Script::Hebrew,
        '\u{600}'..='\u{6ff}'
        | '\u{750}'..='\u{77f}'
        | '\u{fb50}'..='\u{fdff}'
        | '\u{fe70}'..='\u{feff}' => Script::Arabic,
        '\u{e00}'..='\u{e7f}' => Script::Thai,
        '\u{10a0}'..='\u{10ff}' => Script::Georgian,
        '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}' => {
            Script::Hangul
        }
        '\u{3040}'..='\u{30ff}' => Script::Kana,
        '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' => Script::Han,
        _ => Script::Other,
    }
}

/// Letters per script, and the letters that tell Cyrillic and Arabic-script
/// languages apart.
#[derive(Default)]
struct Census {
    letters: usize,
    scripts: [usize; SCRIPTS],
    russian: usize,
    ukrainian: usize,
    belarusian: usize,
    serbian: usize,
    macedonian: usize,
    bulgarian: usize,
    persian: usize,
    urdu: usize,
    arabic: usize,
}

impl Census {
    fn of(text: &str) -> Census {
        let mut c = Census::default();
        if text.is_ascii() {
            // Latin letters only, and only whether there are enough of
            // them matters.
            let letters = text
                .bytes()
                .filter(u8::is_ascii_alphabetic)
                .take(MIN_LETTERS)
                .count();
            c.letters = letters;
            c.scripts[Script::Latin as usize] = letters;
            return c;
        }
        // ASCII bytes are counted without decoding; other characters are
        // decoded one by one.
        let bytes = text.as_bytes();
        let mut ascii_letters = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                ascii_letters += usize::from(b.is_ascii_alphabetic());
                i += 1;
                continue;
            }
            let Some(ch) = text[i..].chars().next() else {
                break;
            };
            i += ch.len_utf8();
            let sc = script(ch);
            if !is_letter(ch) {
                continue;
            }
            c.letters += 1;
            c.scripts[sc as usize] += 1;
            match ch {
                'ы' | 'э' | 'ё' | 'Ы' | 'Э' | 'Ё' => c.russian += 1,
                'ї' | 'є' | 'ґ' | 'Ї' | 'Є' | 'Ґ' => c.ukrainian += 1,
                'і' | 'І' => {
                    c.ukrainian += 1;
                    c.belarusian += 1;
                }
                'ў' | 'Ў' => c.belarusian += 2,
                'ј' | 'љ' | 'њ' | 'Ј' | 'Љ' | 'Њ' => c.serbian += 1,
                'ћ' | 'ђ' | 'џ' | 'Ћ' | 'Ђ' | 'Џ' => c.serbian += 2,
                'ѓ' | 'ќ' | 'ѕ' | 'Ѓ' | 'Ќ' | 'Ѕ' => c.macedonian += 2,
                'ъ' | 'Ъ' => c.bulgarian += 1,
                'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => c.persian += 1,
                'ٹ' | 'ڈ' | 'ڑ' | 'ں' | 'ے' | 'ہ' => c.urdu += 1,
                'ة' | 'ى' | 'ي' | 'ك' => c.arabic += 1,
                _ => {}
            }
        }
        c.letters += ascii_letters;
        c.scripts[Script::Latin as usize] += ascii_letters;
        c
    }

    fn dominant(&self) -> Script {
        const ORDER: [Script; SCRIPTS] = [
            Script::Latin,
            Script::Cyrillic,
            Script::Arabic,
            Script::Greek,
            Script::Hebrew,
            Script::Armenian,
            Script::Georgian,
            Script::Thai,
            Script::Hangul,
            Script::Kana,
            Script::Han,
            Script::Other,
        ];
        let mut best = Script::Other;
        let mut count = 0;
        for s in ORDER {
            if self.scripts[s as usize] > count {
                best = s;
                count = self.scripts[s as usize];
            }
        }
        best
    }

    /// The language when the quick reading is sure of it.
    #[cfg(test)]
    fn guess(&self, text: &str) -> Option<&'static str> {
        match self.reading(text) {
            Guess::Sure(code) => Some(code),
            Guess::Among(_) => None,
        }
    }

    /// What the quick reading says.
    fn reading(&self, text: &str) -> Guess {
        let sure = |code: Option<&'static str>| code.map_or(Guess::Among(Vec::new()), Guess::Sure);
        let kana = self.scripts[Script::Kana as usize];
        sure(match self.dominant() {
            Script::Latin => return by_function_words(text),
            Script::Cyrillic => self.cyrillic(),
            Script::Arabic => self.arabic_script(),
            Script::Greek => Some("el"),
            Script::Hebrew => Some("he"),
            Script::Armenian => Some("hy"),
            Script::Georgian => Some("ka"),
            Script::Thai => Some("th"),
            Script::Hangul => Some("ko"),
            Script::Kana => Some("ja"),
            Script::Han if kana * 10 >= self.scripts[Script::Han as usize] => Some("ja"),
            Script::Han => Some("zh"),
            Script::Other => None,
        })
    }

    fn cyrillic(&self) -> Option<&'static str> {
        let clear = |n: usize, others: &[usize]| n >= 2 && others.iter().all(|&o| o == 0);
        if self.macedonian > 0 && self.russian == 0 {
            Some("mk")
        } else if clear(self.serbian, &[self.russian, self.ukrainian]) {
            Some("sr")
        } else if self.belarusian >= 2 && self.belarusian > self.ukrainian {
            Some("be")
        } else if clear(self.ukrainian, &[self.russian, self.serbian]) {
            Some("uk")
        } else if clear(
            self.russian,
            &[self.ukrainian, self.serbian, self.belarusian],
        ) {
            Some("ru")
        } else {
            None
        }
    }

    fn arabic_script(&self) -> Option<&'static str> {
        if self.urdu >= 2 && self.urdu > self.arabic {
            Some("ur")
        } else if self.persian >= 2 && self.persian > self.arabic && self.urdu == 0 {
            Some("fa")
        } else if self.arabic >= 2 && self.persian == 0 && self.urdu == 0 {
            Some("ar")
        } else {
            None
        }
    }
}

struct FunctionWords {
    codes: Vec<&'static str>,
    /// Word → bit set of the languages using it.
    words: Map<&'static str, u64>,
    /// Frequent news words → bit set of the languages using them.
    news: Map<&'static str, u64>,
}

/// Reads a table of words per language into `map`, adding new language
/// codes to `codes`.
fn read_table(src: &'static str, codes: &mut Vec<&'static str>, map: &mut Map<&'static str, u64>) {
    for line in entries(src) {
        let (code, list) = line
            .split_once(':')
            .expect("word tables: code, colon, words");
        let code = code.trim();
        let index = codes.iter().position(|&c| c == code).unwrap_or_else(|| {
            codes.push(code);
            codes.len() - 1
        });
        assert!(index < 64, "word tables: at most 64 languages");
        for word in list.split_whitespace() {
            *map.entry(word).or_default() |= 1u64 << index;
        }
    }
}

static FUNCTION: LazyLock<FunctionWords> = LazyLock::new(|| {
    let mut codes = Vec::new();
    let mut words: Map<&str, u64> = Map::default();
    let mut news: Map<&str, u64> = Map::default();
    read_table(FUNCTION_WORDS, &mut codes, &mut words);
    read_table(NEWS_WORDS, &mut codes, &mut news);
    FunctionWords { codes, words, news }
});

/// The Latin-script language whose function words `text` clearly uses most.
fn by_function_words(text: &str) -> Guess {
    let table = &*FUNCTION;
    let n = table.codes.len();
    // Every function word scores one for each language using it; words
    // only one language uses are also counted apart, to tell close
    // languages (Spanish, Catalan, Portuguese) apart.
    let mut scores = [0u32; 64];
    let mut unique = [0u32; 64];
    let mut hits = 0u32;
    // News words, counted apart: they decide only what function words leave
    // open.
    let mut news = [0u32; 64];
    let mut news_hits = 0u32;
    let mut folded = String::new();
    let mut ascii = [0u8; 16];
    let mut words = 0u32;
    let mut at = 0;
    while let Some((start, end)) = next_word(text, &mut at) {
        let word = &text[start..end];
        if word.len() > 16 {
            continue;
        }
        // Initials and abbreviations ("U.S.", "J. Doe") are no words.
        if text.as_bytes().get(end) == Some(&b'.') && word.chars().nth(1).is_none() {
            continue;
        }
        let lower: &str = if !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            word
        } else if word.is_ascii() {
            let buf = &mut ascii[..word.len()];
            buf.copy_from_slice(word.as_bytes());
            buf.make_ascii_lowercase();
            std::str::from_utf8(buf).unwrap_or_default()
        } else {
            folded.clear();
            folded.extend(word.chars().flat_map(char::to_lowercase));
            folded.as_str()
        };
        words += 1;
        if let Some(&langs) = table.words.get(lower) {
            hits += 1;
            if langs.count_ones() == 1 {
                unique[langs.trailing_zeros() as usize] += 1;
            }
            let mut bits = langs;
            while bits != 0 {
                scores[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        } else if let Some(&langs) = table.news.get(lower) {
            news_hits += 1;
            let mut bits = langs;
            while bits != 0 {
                news[bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
        if words & 31 == 0 && dense(hits, words) {
            if let Some(code) = decide(&scores[..n], &unique[..n], DECISIVE_SCORE) {
                return Guess::Sure(code);
            }
        }
    }
    if dense(hits, words) {
        if let Some(code) = decide(&scores[..n], &unique[..n], MIN_SCORE) {
            return Guess::Sure(code);
        }
    }
    // Few function words: tables, short items, headlines. Function and news
    // words together may still leave no doubt.
    if news_hits > 0 && dense(hits + news_hits, words) {
        let mut all = scores;
        for (a, b) in all.iter_mut().zip(&news) {
            *a += b;
        }
        let (best, first, second) = leaders(&all[..n]);
        if first >= MIN_SCORE && first >= NEWS_LEAD * second {
            return Guess::Sure(table.codes[best]);
        }
    }
    // The languages still in the running, for whatlang to choose from
    // (all of them when the function words say too little).
    let (_, first, _) = leaders(&scores[..n]);
    let running: Vec<Lang> = (0..n)
        .filter(|&i| first >= MIN_RUNNING_SCORE && dense(hits, words) && scores[i] * LEAD >= first)
        .filter_map(|i| {
            Lang::all()
                .iter()
                .copied()
                .find(|&l| iso_639_1(l) == table.codes[i])
        })
        .collect();
    Guess::Among(running)
}

/// The next run of letters in `text` at or after byte `*at`, as its byte
/// range; `*at` moves past it. The runs are those of
/// `text.split(|c| !is_letter(c))` without the empty ones, found without
/// decoding ASCII bytes.
fn next_word(text: &str, at: &mut usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    // Whether a letter starts at byte `i`, and the length of its character.
    let letter = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            return (b.is_ascii_alphabetic(), 1);
        }
        match text[i..].chars().next() {
            Some(c) => (is_letter(c), c.len_utf8()),
            None => (false, 1),
        }
    };
    let mut i = *at;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphabetic() {
                break;
            }
            i += 1;
            continue;
        }
        let (is, len) = letter(i);
        if is {
            break;
        }
        i += len;
    }
    if i >= bytes.len() {
        *at = i;
        return None;
    }
    let start = i;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                break;
            }
            i += 1;
            continue;
        }
        let (is, len) = letter(i);
        if !is {
            break;
        }
        i += len;
    }
    *at = i;
    Some((start, i))
}

/// The language clearly ahead: in all function words, or in the words only
/// it uses while also leading in all of them.
fn decide(scores: &[u32], unique: &[u32], min: u32) -> Option<&'static str> {
    let (best, first, second) = leaders(scores);
    if first < min {
        return None;
    }
    if first >= LEAD * second {
        return Some(FUNCTION.codes[best]);
    }
    let (best_unique, first_unique, second_unique) = leaders(unique);
    (best_unique == best
        && first_unique >= MIN_UNIQUE
        && first_unique >= UNIQUE_LEAD * second_unique)
        .then(|| FUNCTION.codes[best])
}

/// True when function words make up enough of the words for the counts to
/// mean something (a language not in the table shares a few by chance).
fn dense(hits: u32, words: u32) -> bool {
    hits * 100 >= words * MIN_DENSITY
}

/// What the function words say.
enum Guess {
    /// This language.
    Sure(&'static str),
    /// One of these (any language when empty).
    Among(Vec<Lang>),
}

/// The index and count of the most used language, and the runner-up's count.
fn leaders(hits: &[u32]) -> (usize, u32, u32) {
    let (mut best, mut first, mut second) = (0, 0, 0);
    for (i, &h) in hits.iter().enumerate() {
        if h > first {
            second = first;
            first = h;
            best = i;
        } else if h > second {
            second = h;
        }
    }
    (best, first, second)
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
    use super::{iso_639_1, language_of, Census};
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
    fn quick_reading_agrees_with_whatlang() {
        let cases = [
            "Police said three people were hurt when the roof of the station collapsed in the storm.",
            "Der Bürgermeister sagte, die Brücke werde nach dem Hochwasser für mehrere Wochen gesperrt.",
            "Le maire a indiqué que le pont restera fermé pendant plusieurs semaines après la crue.",
            "El alcalde dijo que el puente permanecerá cerrado durante varias semanas tras la crecida.",
            "Il sindaco ha detto che il ponte resterà chiuso per diverse settimane dopo la piena.",
            "O prefeito disse que a ponte ficará fechada por várias semanas depois da enchente.",
            "De burgemeester zei dat de brug na het hoogwater enkele weken dicht blijft voor het verkeer.",
            "Burmistrz powiedział, że most będzie zamknięty przez kilka tygodni po powodzi.",
            "Мэр сказал, что мост будет закрыт на несколько недель после наводнения в городе.",
            "Мер сказав, що міст буде закритий на кілька тижнів після повені в місті.",
            "قال رئيس البلدية إن الجسر سيبقى مغلقا لعدة أسابيع بعد الفيضان في المدينة.",
            "Ο δήμαρχος είπε ότι η γέφυρα θα παραμείνει κλειστή για αρκετές εβδομάδες.",
            "시장은 홍수 이후 다리가 몇 주 동안 폐쇄될 것이라고 말했다.",
        ];
        let mut decided = 0;
        for text in cases {
            let quick = Census::of(text).guess(text);
            let slow = whatlang::detect_lang(text).map(iso_639_1);
            if quick.is_some() {
                assert_eq!(quick, slow, "{text}");
                decided += 1;
            }
        }
        assert!(
            decided >= 8,
            "the quick reading decided only {decided} texts"
        );
        let english = cases[0];
        assert_eq!(Census::of(english).guess(english), Some("en"));
    }

    #[test]
    fn quick_reading_of_latin_script_languages_agrees_with_whatlang() {
        let texts = [
            "The mayor said the bridge would stay closed for several weeks after the flood. \
             Engineers are checking the pillars and the road, and the army has built a temporary crossing.",
            "Der Bürgermeister sagte, die Brücke bleibe nach dem Hochwasser für mehrere Wochen gesperrt. \
             Ingenieure prüfen die Pfeiler und die Straße, und die Armee hat einen Übergang gebaut.",
            "Le maire a déclaré que le pont resterait fermé pendant plusieurs semaines après la crue. \
             Les ingénieurs vérifient les piliers et la route, et l'armée a construit un passage provisoire.",
            "El alcalde dijo que el puente permanecerá cerrado durante varias semanas tras la crecida. \
             Los ingenieros revisan los pilares y la carretera, y el ejército construyó un paso provisional.",
            "Il sindaco ha detto che il ponte resterà chiuso per diverse settimane dopo la piena. \
             Gli ingegneri controllano i piloni e la strada, e l'esercito ha costruito un passaggio provvisorio.",
            "O prefeito disse que a ponte ficará fechada por várias semanas depois da enchente. \
             Os engenheiros verificam os pilares e a estrada, e o exército construiu uma passagem provisória.",
            "De burgemeester zei dat de brug na het hoogwater enkele weken dicht blijft. \
             Ingenieurs controleren de pijlers en de weg, en het leger heeft een tijdelijke oversteek gebouwd.",
            "Burmistrz powiedział, że most będzie zamknięty przez kilka tygodni po powodzi. \
             Inżynierowie sprawdzają filary i drogę, a wojsko zbudowało tymczasową przeprawę.",
            "Starosta řekl, že most zůstane po povodni několik týdnů uzavřen. \
             Inženýři kontrolují pilíře a silnici a armáda postavila dočasný přechod.",
            "Borgmästaren sa att bron kommer att vara stängd i flera veckor efter översvämningen. \
             Ingenjörer kontrollerar pelarna och vägen, och armén har byggt en tillfällig övergång.",
            "Pormestari sanoi, että silta on suljettuna useita viikkoja tulvan jälkeen. \
             Insinöörit tarkastavat pilarit ja tien, ja armeija on rakentanut väliaikaisen ylityspaikan.",
            "A polgármester szerint a híd az árvíz után több hétig zárva marad. \
             A mérnökök ellenőrzik a pilléreket és az utat, a hadsereg pedig ideiglenes átkelőt épített.",
            "Primarul a spus că podul va rămâne închis câteva săptămâni după inundație. \
             Inginerii verifică pilonii și drumul, iar armata a construit o trecere provizorie.",
            "Belediye başkanı, selin ardından köprünün birkaç hafta kapalı kalacağını söyledi. \
             Mühendisler ayakları ve yolu kontrol ediyor ve ordu geçici bir geçit inşa etti.",
            "L'alcalde va dir que el pont romandrà tancat durant diverses setmanes després de la riuada. \
             Els enginyers revisen els pilars i la carretera, i l'exèrcit ha construït un pas provisional.",
            "Wali kota mengatakan jembatan itu akan ditutup selama beberapa minggu setelah banjir. \
             Para insinyur memeriksa tiang dan jalan, dan tentara telah membangun penyeberangan sementara.",
            "Gradonačelnik je rekao da će most ostati zatvoren nekoliko tjedana nakon poplave. \
             Inženjeri provjeravaju stupove i cestu, a vojska je izgradila privremeni prijelaz.",
            "Mērs sacīja, ka tilts pēc plūdiem būs slēgts vairākas nedēļas. \
             Inženieri pārbauda balstus un ceļu, un armija ir uzbūvējusi pagaidu pāreju.",
            "Linnapea ütles, et sild jääb pärast üleujutust mitmeks nädalaks suletuks. \
             Insenerid kontrollivad sambaid ja teed ning sõjavägi on ehitanud ajutise ülekäigu.",
        ];
        for text in texts {
            let quick = Census::of(text).guess(text);
            let slow = whatlang::detect_lang(text).map(iso_639_1);
            if quick.is_some() {
                assert_eq!(quick, slow, "{text}");
            }
            assert_eq!(language_of(text), slow, "{text}");
        }
    }

    #[test]
    fn unclear_texts_are_left_to_whatlang() {
        let text = "Statsministeren sa at regjeringen vil legge fram et nytt forslag.";
        let census = Census::of(text);
        assert_ne!(census.guess(text), Some("en"));
        assert!(language_of(text).is_some());
        assert_eq!(Census::of("Ёлки").cyrillic(), None);
    }

    #[test]
    fn no_language_without_letters() {
        assert_eq!(language_of(""), None);
        assert_eq!(language_of("2024-03-15 10:03 — 17 / 42"), None);
        assert_eq!(language_of("!!! ??? ..."), None);
    }
}
