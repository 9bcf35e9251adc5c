//! Compiles the intermediate `places.tsv` written by
//! `scripts/gazetteer/build.py` into the embedded data files (see
//! [`crate::store`] for the format). Used by the `compile_gazetteer`
//! example; not needed at run time.
//!
//! Keys per place (each folded with [`crate::key`]; a (key, place) pair
//! keeps its best [`KeyKind`]):
//!
//! - the primary name ([`KeyKind::Name`]) and the ASCII name
//!   ([`KeyKind::Ascii`]);
//! - every alternate name that passed the script's junk filter
//!   ([`KeyKind::Alternate`]);
//! - for places in Cyrillic-writing countries ([`CYRILLIC_COUNTRIES`]), the
//!   transliteration variants of every Cyrillic name
//!   ([`KeyKind::Translit`]); the language is [`translit::detect`]ed from the
//!   letters, else taken from the country (Russian, except Ukraine where both
//!   readings are generated);
//! - for first- and second-level divisions, news forms built from base
//!   names ([`KeyKind::RegionForm`], see [`region_forms`]) and the case
//!   forms of their Cyrillic names ([`cyrillic_case_forms`]);
//! - for countries, the ISO code ([`KeyKind::Code`]) and the demonyms and
//!   adjectives ([`KeyKind::Demonym`]).

use crate::store::{fcode_index, NONE, REC, SINGLE};
use crate::translit::{self, Lang};
use crate::{key, Feature, KeyKind, Source};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

/// Countries whose places get transliteration variants of their Cyrillic
/// names (the former USSR).
pub const CYRILLIC_COUNTRIES: [&str; 12] = [
    "RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "MD", "GE", "AM", "AZ",
];

/// One row of `places.tsv`.
#[derive(Clone, Debug)]
struct Row {
    source: Source,
    id: u32,
    feature: Feature,
    fcode: String,
    cc: String,
    admin1: String,
    admin2: String,
    lat: f32,
    lon: f32,
    population: u32,
    accuracy: u8,
    name: String,
    ascii: String,
    alternates: Vec<String>,
    demonyms: Vec<String>,
    namesake: u32,
}

/// The compiled files and statistics.
#[derive(Debug)]
pub struct Compiled {
    /// `places.bin`.
    pub places: Vec<u8>,
    /// `strings.bin`.
    pub strings: Vec<u8>,
    /// `keys.fst`.
    pub keys: Vec<u8>,
    /// `postings.bin`.
    pub postings: Vec<u8>,
    /// A human-readable summary (counts per source, feature and key kind).
    pub stats: String,
}

fn parse_row(line: &str, n: usize) -> Result<Row, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 16 {
        return Err(format!("line {n}: expected 16 fields, found {}", f.len()));
    }
    let num = |i: usize| -> Result<f64, String> {
        f[i].parse::<f64>()
            .map_err(|e| format!("line {n}: field {}: {e}", i + 1))
    };
    let list = |s: &str| -> Vec<String> {
        s.split('|')
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    };
    let source = match f[0] {
        "country" | "admin1" | "admin2" => Source::GeoNamesTable,
        "cities500" => Source::Cities500,
        "postal" => Source::Postal,
        other => return Err(format!("line {n}: unknown source {other:?}")),
    };
    let feature = match f[2] {
        "country" => Feature::Country,
        "admin1" => Feature::Admin1,
        "admin2" => Feature::Admin2,
        "populated_place" => Feature::PopulatedPlace,
        other => return Err(format!("line {n}: unknown feature {other:?}")),
    };
    Ok(Row {
        source,
        id: num(1)? as u32,
        feature,
        fcode: f[3].to_string(),
        cc: f[4].to_string(),
        admin1: f[5].to_string(),
        admin2: f[6].to_string(),
        lat: num(7)? as f32,
        lon: num(8)? as f32,
        population: num(9)? as u32,
        accuracy: num(10)? as u8,
        name: f[11].to_string(),
        ascii: f[12].to_string(),
        alternates: list(f[13]),
        demonyms: list(f[14]),
        namesake: num(15)? as u32,
    })
}

/// Type words stripped from division names to get their base ("Kursk
/// Oblast" → "kursk"), folded.
const TYPE_WORDS: &[&str] = &[
    "oblast",
    "region",
    "province",
    "governorate",
    "state",
    "district",
    "raion",
    "rayon",
    "krai",
    "kray",
    "okrug",
    "autonomous",
    "republic",
    "of",
    "municipality",
    "county",
    "city",
    "respublika",
    "oblasts",
    "область",
    "край",
    "район",
    "республика",
    "округ",
    "автономный",
    "автономная",
];

/// Division words that mark a name as a region's (not "city").
const EXPLICIT_WORDS: &[&str] = &[
    "oblast",
    "region",
    "province",
    "governorate",
    "state",
    "krai",
    "kray",
    "okrug",
    "republic",
    "respublika",
    "oblasts",
    "область",
    "край",
    "республика",
    "округ",
    "області",
];

/// Endings of adjectival division names ("Kurskaya", "Kharkivska"), which
/// are not bases for the news forms.
const ADJECTIVAL: &[&str] = &[
    "skaya", "skiy", "skyy", "skij", "skyi", "skoy", "ska", "zka", "tska", "ckaya", "kyi", "aya",
    "aja", "iy", "yy", "ская", "ский", "ська", "цька", "зька", "ая", "ий", "ый",
];

/// Splits a folded division name into its base and whether a type word was
/// removed.
fn strip_type(k: &str) -> (String, bool) {
    let mut had = false;
    let kept: Vec<&str> = k
        .split(' ')
        .filter(|w| {
            let t = TYPE_WORDS.contains(w);
            had |= t;
            !t
        })
        .collect();
    (kept.join(" "), had)
}

fn adjectival(base: &str) -> bool {
    ADJECTIVAL.iter().any(|e| base.ends_with(e))
}

/// The news forms of a division with base name `base` (folded): English
/// "X region / oblast / province / governorate / state / krai / republic",
/// German "Oblast X / Gebiet X / Region X / Provinz X", French "région de
/// X / oblast de X / province de X / gouvernorat de X" (d' before a vowel,
/// folded to "d" + X) and "province / governorate / state of X" for first-level
/// divisions; "X district / raion / rayon / county / municipality",
/// "Rajon X / Kreis X", "district de X / raion de X" for second-level ones.
pub fn region_forms(base: &str, feature: Feature) -> Vec<String> {
    let (suffixes, prefixes, french): (&[&str], &[&str], &[&str]) = match feature {
        Feature::Admin1 => (
            &[
                "region",
                "oblast",
                "province",
                "governorate",
                "state",
                "krai",
                "republic",
            ],
            &[
                "oblast",
                "gebiet",
                "region",
                "provinz",
                "province of",
                "governorate of",
                "state of",
                "republic of",
            ],
            &["region", "oblast", "province", "gouvernorat"],
        ),
        Feature::Admin2 => (
            &["district", "raion", "rayon", "county", "municipality"],
            &["rajon", "kreis"],
            &["district", "raion"],
        ),
        _ => return Vec::new(),
    };
    let mut out = Vec::new();
    for s in suffixes {
        out.push(format!("{base} {s}"));
    }
    for p in prefixes {
        out.push(format!("{p} {base}"));
    }
    let vowel = base.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'h']);
    for p in french {
        out.push(format!("{p} de {base}"));
        if vowel {
            out.push(format!("{p} d{base}"));
        }
    }
    out
}

/// Case forms of a folded Cyrillic division name as Russian and Ukrainian
/// news inflect it: "курская область" → "курской области", "курскую
/// область"; "глушковский район" → "глушковского района", "глушковском
/// районе"; Ukrainian "харківська область" → "харківської області",
/// "бахмутський район" → "бахмутського району", "бахмутському районі".
pub fn cyrillic_case_forms(k: &str) -> Vec<String> {
    let mut out = Vec::new();
    let Some((adj, noun)) = k.rsplit_once(' ') else {
        return out;
    };
    let stem = |ends: &[&str]| ends.iter().find_map(|e| adj.strip_suffix(e));
    match noun {
        "область" => {
            if let Some(st) = stem(&["ая"]) {
                out.push(format!("{st}ой области"));
                out.push(format!("{st}ую область"));
            } else if let Some(st) = stem(&["а"]) {
                out.push(format!("{st}ої області"));
                out.push(format!("{st}у область"));
            }
        }
        "район" | "край" => {
            let ru = noun == "район";
            if let Some(st) = stem(&["ий", "ый", "ой"]) {
                if ru {
                    out.push(format!("{st}ого района"));
                    out.push(format!("{st}ом районе"));
                    out.push(format!("{st}ого району"));
                    out.push(format!("{st}ому районі"));
                } else {
                    out.push(format!("{st}ого края"));
                    out.push(format!("{st}ом крае"));
                }
            }
        }
        _ => {}
    }
    if let Some(rest) = k.strip_prefix("республика ") {
        out.push(format!("республики {rest}"));
        out.push(format!("республике {rest}"));
    }
    out
}

/// Most bases per division for the news forms.
const MAX_BASES: usize = 24;

struct Strings {
    pool: Vec<u8>,
    seen: HashMap<String, u32>,
}

impl Strings {
    fn new() -> Self {
        let mut s = Strings {
            pool: Vec::new(),
            seen: HashMap::new(),
        };
        s.add("");
        s
    }
    fn add(&mut self, s: &str) -> u32 {
        if let Some(&o) = self.seen.get(s) {
            return o;
        }
        let bytes = &s.as_bytes()[..s.len().min(u16::MAX as usize)];
        let o = self.pool.len() as u32;
        self.pool
            .extend_from_slice(&(bytes.len() as u16).to_le_bytes());
        self.pool.extend_from_slice(bytes);
        self.seen.insert(s.to_string(), o);
        o
    }
}

fn lang_hint(name: &str, cc: &str) -> Option<Lang> {
    translit::detect(name).or(match cc {
        "UA" => None,
        _ => Some(Lang::Russian),
    })
}

/// The ASCII name of a row: the data's, or for a Cyrillic name (postal
/// points) its English-news transliteration in title case ("Роботине" →
/// "Robotyne").
fn ascii_name(r: &Row) -> String {
    if r.ascii.is_ascii() || !translit::has_cyrillic(&r.ascii) {
        return r.ascii.clone();
    }
    let lang = lang_hint(&r.name, &r.cc).unwrap_or(Lang::Ukrainian);
    let t = translit::transliterate(&r.name, lang, translit::Scheme::English);
    let mut out = String::with_capacity(t.len());
    let mut start = true;
    for c in t.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// Compiles `places.tsv` text. Errors name the line.
pub fn compile(tsv: &str) -> Result<Compiled, String> {
    let mut rows = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        rows.push(parse_row(line, i + 1)?);
    }
    let by_id: HashMap<u32, usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.feature == Feature::PopulatedPlace)
        .map(|(i, r)| (r.id, i))
        .collect();
    let admin1_index: HashMap<(String, String), usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.feature == Feature::Admin1)
        .map(|(i, r)| ((r.cc.clone(), r.admin1.clone()), i))
        .collect();

    // Keys.
    let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
    let mut add = |k: String, place: usize, kind: KeyKind| {
        if k.chars().count() < 2 {
            return;
        }
        let p = (place as u32) << 4 | kind as u32;
        let v = postings.entry(k).or_default();
        if let Some(old) = v.iter_mut().find(|o| **o >> 4 == place as u32) {
            *old = (*old).min(p);
        } else {
            v.push(p);
        }
    };
    let cyrillic = |cc: &str| CYRILLIC_COUNTRIES.contains(&cc);
    for (i, r) in rows.iter().enumerate() {
        add(key(&r.name), i, KeyKind::Name);
        add(key(&r.ascii), i, KeyKind::Ascii);
        for a in &r.alternates {
            add(key(a), i, KeyKind::Alternate);
        }
        if cyrillic(&r.cc) {
            for n in std::iter::once(&r.name).chain(&r.alternates) {
                if translit::has_cyrillic(n) {
                    for v in translit::variants(n, lang_hint(n, &r.cc)) {
                        add(key(&v), i, KeyKind::Translit);
                    }
                }
            }
        }
        if r.feature == Feature::Country {
            add(key(&r.cc), i, KeyKind::Code);
            for d in &r.demonyms {
                add(key(d), i, KeyKind::Demonym);
            }
        }
        if matches!(r.feature, Feature::Admin1 | Feature::Admin2) {
            let mut bases: Vec<String> = Vec::new();
            let push = |b: String, bases: &mut Vec<String>| {
                if b.chars().count() >= 3
                    && !adjectival(&b)
                    && bases.len() < MAX_BASES
                    && !bases.contains(&b)
                {
                    bases.push(b);
                }
            };
            for n in [&r.name, &r.ascii] {
                push(strip_type(&key(n)).0, &mut bases);
            }
            for a in &r.alternates {
                let (b, had) = strip_type(&key(a));
                if had && b.is_ascii() {
                    push(b, &mut bases);
                }
            }
            if let Some(&c) = by_id.get(&r.namesake).filter(|_| r.namesake != 0) {
                let city = &rows[c];
                push(key(&city.name), &mut bases);
                push(key(&city.ascii), &mut bases);
                // Second-level divisions take only the city's own names
                // ("Glushkovo district"): there are 47k of them.
                let all = r.feature == Feature::Admin1;
                if all && cyrillic(&city.cc) {
                    for n in &city.alternates {
                        if translit::has_cyrillic(n) {
                            for v in translit::variants(n, lang_hint(n, &city.cc)) {
                                push(key(&v), &mut bases);
                            }
                        }
                    }
                }
                for a in city.alternates.iter().filter(|_| all) {
                    let k = key(a);
                    if k.is_ascii() {
                        push(k, &mut bases);
                    }
                }
            }
            for b in &bases {
                for f in region_forms(b, r.feature) {
                    add(f, i, KeyKind::RegionForm);
                }
            }
            for n in std::iter::once(&r.name).chain(&r.alternates) {
                if translit::has_cyrillic(n) {
                    for f in cyrillic_case_forms(&key(n)) {
                        add(f, i, KeyKind::RegionForm);
                    }
                }
            }
        }
    }

    // A news form shared by divisions of one country ("kyiv region": Kyiv
    // Oblast and Kyiv City; "moscow region": Moscow Oblast and the city of
    // Moscow) stays only with those that are named with a division word
    // somewhere in the data, when some are.
    let explicit: Vec<bool> = rows
        .iter()
        .map(|r| {
            std::iter::once(&r.name)
                .chain(&r.alternates)
                .any(|n| key(n).split(' ').any(|w| EXPLICIT_WORDS.contains(&w)))
        })
        .collect();
    for v in postings.values_mut() {
        let forms = |p: &u32| {
            p & 15 == KeyKind::RegionForm as u32
                && rows[(p >> 4) as usize].feature == Feature::Admin1
        };
        if v.iter().filter(|p| forms(p)).count() < 2 {
            continue;
        }
        let mut by_cc: HashMap<&str, (usize, usize)> = HashMap::new();
        for p in v.iter().filter(|p| forms(p)) {
            let i = (p >> 4) as usize;
            let e = by_cc.entry(rows[i].cc.as_str()).or_default();
            e.0 += 1;
            e.1 += usize::from(explicit[i]);
        }
        v.retain(|p| {
            if !forms(p) {
                return true;
            }
            let i = (p >> 4) as usize;
            let (n, x) = by_cc[rows[i].cc.as_str()];
            n < 2 || x == 0 || explicit[i]
        });
    }

    // Place records.
    let mut strings = Strings::new();
    let mut places = Vec::with_capacity(rows.len() * REC);
    let mut per_source: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        *per_source
            .entry(format!("{:?}/{:?}", r.source, r.feature))
            .or_default() += 1;
        let admin1 = admin1_index
            .get(&(r.cc.clone(), r.admin1.clone()))
            .map_or(NONE, |&i| i as u32);
        let mut rec = [0u8; REC];
        rec[0..4].copy_from_slice(&r.id.to_le_bytes());
        rec[4..8].copy_from_slice(&r.lat.to_le_bytes());
        rec[8..12].copy_from_slice(&r.lon.to_le_bytes());
        rec[12..16].copy_from_slice(&r.population.to_le_bytes());
        rec[16..20].copy_from_slice(&strings.add(&r.name).to_le_bytes());
        rec[20..24].copy_from_slice(&strings.add(&ascii_name(r)).to_le_bytes());
        rec[24..28].copy_from_slice(&strings.add(&r.admin2).to_le_bytes());
        rec[28..32].copy_from_slice(&admin1.to_le_bytes());
        rec[32..36].copy_from_slice(&strings.add(&r.admin1).to_le_bytes());
        let cc = r.cc.as_bytes();
        if cc.len() == 2 {
            rec[36..38].copy_from_slice(cc);
        }
        rec[38] = r.feature as u8;
        rec[39] = r.source as u8;
        rec[40] = r.accuracy;
        rec[41] = fcode_index(&r.fcode);
        places.extend_from_slice(&rec);
    }

    // Keys and postings.
    let mut sorted: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut words: Vec<u32> = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let mut per_kind = [0usize; 8];
    let mut pairs = 0usize;
    for (k, mut v) in sorted {
        v.sort_unstable();
        for p in &v {
            per_kind[(p & 15) as usize] += 1;
        }
        pairs += v.len();
        let value = if v.len() == 1 {
            SINGLE | u64::from(v[0])
        } else {
            let at = words.len() as u64;
            words.push(v.len() as u32);
            words.extend_from_slice(&v);
            at
        };
        builder
            .insert(k.as_bytes(), value)
            .map_err(|e| format!("fst: {e}"))?;
    }
    let keys = builder.into_inner().map_err(|e| format!("fst: {e}"))?;
    let key_count = fst::Map::new(keys.clone()).map(|m| m.len()).unwrap_or(0);
    let postings: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();

    let mut stats = String::new();
    let _ = writeln!(stats, "places\t{}", rows.len());
    for (k, v) in &per_source {
        let _ = writeln!(stats, "places {k}\t{v}");
    }
    let _ = writeln!(stats, "distinct keys\t{key_count}");
    let _ = writeln!(stats, "key-place pairs\t{pairs}");
    for kind in KeyKind::ALL {
        let _ = writeln!(stats, "pairs {kind:?}\t{}", per_kind[kind as usize]);
    }
    Ok(Compiled {
        places,
        strings: strings.pool,
        keys,
        postings,
        stats,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_and_forms() {
        assert_eq!(strip_type("kursk oblast"), ("kursk".to_string(), true));
        assert!(adjectival("kurskaya"));
        assert!(adjectival("kharkivska"));
        assert!(adjectival("zaporizka"));
        assert!(!adjectival("kursk"));
        let f = region_forms("kursk", Feature::Admin1);
        for want in [
            "kursk region",
            "oblast kursk",
            "gebiet kursk",
            "region de kursk",
        ] {
            assert!(f.contains(&want.to_string()), "{want}");
        }
        assert!(region_forms("odessa", Feature::Admin1).contains(&"region dodessa".to_string()));
    }

    #[test]
    fn cyrillic_cases() {
        let f = cyrillic_case_forms("курская область");
        assert!(f.contains(&"курской области".to_string()), "{f:?}");
        assert!(f.contains(&"курскую область".to_string()));
        let f = cyrillic_case_forms("харківська область");
        assert!(f.contains(&"харківської області".to_string()), "{f:?}");
        let f = cyrillic_case_forms("глушковский район");
        assert!(f.contains(&"глушковского района".to_string()), "{f:?}");
        assert!(f.contains(&"глушковском районе".to_string()));
        let f = cyrillic_case_forms("бахмутський район");
        assert!(f.contains(&"бахмутському районі".to_string()), "{f:?}");
        let f = cyrillic_case_forms("краснодарский край");
        assert!(f.contains(&"краснодарском крае".to_string()), "{f:?}");
        assert!(cyrillic_case_forms("курск").is_empty());
    }

    #[test]
    fn compiles_a_tiny_table() {
        let tsv = "#header\n\
admin1\t538555\tadmin1\tADM1\tRU\t41\t\t51.7\t36.2\t0\t0\tKursk Oblast\tKursk Oblast\tКурская Область\t\t483166\n\
cities500\t483166\tpopulated_place\tPPL\tRU\t41\t\t51.28\t34.29\t3852\t0\tTëtkino\tTetkino\tТёткино|Tyotkino\t\t0\n";
        let c = compile(tsv).unwrap();
        assert_eq!(c.places.len(), 2 * REC);
        let m = fst::Map::new(c.keys).unwrap();
        assert!(m.get("tjotkino").is_some());
        assert!(m.get("kurskaya oblast").is_some());
        assert!(m.get("gebiet tetkino").is_some());
        assert!(compile("admin1\tx\n").unwrap_err().starts_with("line 1:"));
    }
}
