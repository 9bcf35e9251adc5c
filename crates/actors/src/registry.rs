//! The actor registry: entries read from tab-separated data files, state
//! actors generated from the country table, and the compiled matcher over
//! their folded aliases.

pub(crate) use sitrep_text::wordhash::{Fast, FastMap, WordMap};
use std::sync::OnceLock;

/// What kind of actor an entry is (the contract's `kind` values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Armed, police or security forces of a state.
    StateForces,
    /// An organised non-state armed group fighting a government.
    RebelGroup,
    /// A pro-government, communal or criminal armed group.
    Militia,
    /// A government, ministry or administration.
    Government,
    /// An intelligence service, UN body, NGO or commission.
    Agency,
    /// A party or political organisation.
    Political,
    /// Unarmed people.
    Civilians,
    /// A news outlet or agency.
    Media,
    /// A named individual.
    Person,
    /// Anything else (protesters, rioters, mercenaries, unnamed groups).
    Other,
}

impl Kind {
    /// Every kind, in the contract's order.
    pub const ALL: [Kind; 10] = [
        Kind::StateForces,
        Kind::RebelGroup,
        Kind::Militia,
        Kind::Government,
        Kind::Agency,
        Kind::Political,
        Kind::Civilians,
        Kind::Media,
        Kind::Person,
        Kind::Other,
    ];

    /// The contract's name of the kind ("state_forces").
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::StateForces => "state_forces",
            Kind::RebelGroup => "rebel_group",
            Kind::Militia => "militia",
            Kind::Government => "government",
            Kind::Agency => "agency",
            Kind::Political => "political",
            Kind::Civilians => "civilians",
            Kind::Media => "media",
            Kind::Person => "person",
            Kind::Other => "other",
        }
    }

    /// The kind named `s`, if any.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// True for organised armed groups outside the state (the usual referents
    /// of "the militants", "the group", "gunmen").
    pub fn is_non_state_armed(self) -> bool {
        matches!(self, Kind::RebelGroup | Kind::Militia)
    }
}

/// ACLED's actor categories (the `category` column).
pub const CATEGORIES: [&str; 8] = [
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
];

/// One actor of the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Canonical name, in ACLED's style ("Military Forces of Russia").
    pub name: String,
    /// What kind of actor.
    pub kind: Kind,
    /// ACLED actor category, one of [`CATEGORIES`].
    pub category: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// The canonical name of the actor it belongs to or is affiliated with.
    pub parent: Option<String>,
    /// Other names: forms used in text, translations, transliterations,
    /// acronyms. The canonical name is always matched too.
    pub aliases: Vec<String>,
}

/// A row of the country table (`data/countries.tsv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// The name as used after "of" in ACLED names ("the United States").
    pub acled: String,
    /// The short name used in "Civilians (X)".
    pub short: String,
    /// Adjectives of the country ("Russian").
    pub demonyms: Vec<String>,
    /// Capitals and other names standing for the state ("Moscow", "Kremlin").
    pub others: Vec<String>,
}

/// A malformed line in a registry file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LoadError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Per word, an upper bound of the number of tokens of the patterns that
/// start with it, in a direct-mapped table of 2^16 one-byte slots indexed
/// by the word's hash (64 KB, stays in cache). A slot holds the largest
/// length over the words that fall in it, so a word that starts no pattern
/// mostly finds 0 and costs one hash and one load; a collision only costs
/// a few lookups in the pattern table that find nothing.
#[derive(Clone, Debug)]
pub(crate) struct FirstWords(Box<[u8]>);

impl FirstWords {
    /// The slot of `word`: a multiplicative hash of its length and its
    /// first and last four bytes (two loads; every token of an article is
    /// looked up here, and a collision only costs a lookup in the pattern
    /// table that finds nothing).
    fn slot(word: &str) -> usize {
        let b = word.as_bytes();
        let n = b.len();
        let (lo, hi) = if n >= 4 {
            (
                u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]),
            )
        } else {
            let mut v = 0u32;
            for (i, &x) in b.iter().enumerate() {
                v |= u32::from(x) << (8 * i);
            }
            (v, 0)
        };
        let h =
            (u64::from(lo).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(hi) ^ (n as u64) << 40)
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        (h >> 48) as usize
    }

    /// The table of `(first word, tokens)` pairs.
    pub(crate) fn new<'w>(words: impl IntoIterator<Item = (&'w str, usize)>) -> FirstWords {
        let mut slots = vec![0u8; 1 << 16].into_boxed_slice();
        for (w, n) in words {
            let s = &mut slots[Self::slot(w)];
            *s = (*s).max(u8::try_from(n).unwrap_or(u8::MAX));
        }
        FirstWords(slots)
    }

    /// The most tokens a pattern starting with `word` may have (0: no
    /// pattern starts with it).
    pub(crate) fn max_tokens(&self, word: &str) -> usize {
        usize::from(self.0[Self::slot(word)])
    }
}

/// A state-relative generic mention ("the army", "police", "civilians"): the
/// actor is that of the article's country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Rel {
    Military,
    Police,
    Defence,
    Interior,
    Government,
    AirForce,
    AirDefence,
    Civilians,
    Protesters,
    Rioters,
    Opposition,
}

impl Rel {
    pub(crate) const ALL: [Rel; 11] = [
        Rel::Military,
        Rel::Police,
        Rel::Defence,
        Rel::Interior,
        Rel::Government,
        Rel::AirForce,
        Rel::AirDefence,
        Rel::Civilians,
        Rel::Protesters,
        Rel::Rioters,
        Rel::Opposition,
    ];

    /// The canonical name of this actor for `c`.
    pub(crate) fn name(self, c: &Country) -> String {
        let of = &c.acled;
        match self {
            Rel::Military => format!("Military Forces of {of}"),
            Rel::Police => format!("Police Forces of {of}"),
            Rel::Defence => format!("Ministry of Defence of {of}"),
            Rel::Interior => format!("Ministry of Internal Affairs of {of}"),
            Rel::Government => format!("Government of {of}"),
            Rel::AirForce => format!("Air Force of {of}"),
            Rel::AirDefence => format!("Air Defence Forces of {of}"),
            Rel::Civilians => format!("Civilians ({})", c.short),
            Rel::Protesters => format!("Protesters ({})", c.short),
            Rel::Rioters => format!("Rioters ({})", c.short),
            Rel::Opposition => format!("Opposition ({})", c.short),
        }
    }

    fn kind(self) -> (Kind, Option<&'static str>) {
        match self {
            Rel::Military | Rel::Police | Rel::AirForce | Rel::AirDefence => {
                (Kind::StateForces, Some("State forces"))
            }
            Rel::Defence | Rel::Interior | Rel::Government => (Kind::Government, None),
            Rel::Civilians => (Kind::Civilians, Some("Civilians")),
            Rel::Protesters => (Kind::Other, Some("Protesters")),
            Rel::Rioters => (Kind::Other, Some("Rioters")),
            Rel::Opposition => (Kind::Political, None),
        }
    }

    /// Alias templates: `{D}` a demonym, `{S}` the short name, `{O}` another
    /// name of the state (capital, "Kremlin").
    fn templates(self) -> &'static [&'static str] {
        match self {
            Rel::Military => &[
                "{D} forces",
                "{D} troops",
                "{D} army",
                "{D} military",
                "{D} soldiers",
                "{D} armed forces",
                "{D} military forces",
                "{D} servicemen",
                "{D} navy",
                "{D} marines",
                "{D} units",
                "{D} army troops",
                "{D} government forces",
                "{D} government troops",
                "{D} security forces",
                "{D} junta",
                "{D} military junta",
                "{D} assaults",
                "{D} attacks",
                "{D} strikes",
                "{D} airstrikes",
                "{D} air strikes",
                "{D} shelling",
                "{D} drones",
                "{D} missiles",
                "{D} artillery",
                "{D} warplanes",
                "{D} jets",
                "{D} helicopters",
                "{D} positions",
                "{D} military personnel",
                "armed forces of {S}",
                "army of {S}",
                "{S}'s army",
                "{S}'s military",
                "{S}'s forces",
                "{S}'s armed forces",
                "{S}'s troops",
                "{S} army",
                "{O}'s forces",
                "{O}'s troops",
                "{O}'s army",
                "{O}'s military",
            ],
            Rel::Police => &[
                "{D} police",
                "{D} police officers",
                "{D} policemen",
                "{D} riot police",
                "{D} police force",
                "{D} national police",
                "{S} police",
                "{S}'s police",
                "police of {S}",
            ],
            Rel::Defence => &[
                "{D} defence ministry",
                "{D} defense ministry",
                "{D} ministry of defence",
                "{D} ministry of defense",
                "ministry of defence of {S}",
                "ministry of defense of {S}",
                "{S}'s defence ministry",
                "{S}'s defense ministry",
                "defence ministry in {O}",
                "defense ministry in {O}",
                "ministry of defence in {O}",
                "ministry of defense in {O}",
            ],
            Rel::Interior => &[
                "{D} interior ministry",
                "{D} ministry of interior",
                "{D} ministry of the interior",
                "{D} ministry of internal affairs",
                "ministry of internal affairs of {S}",
                "{S}'s interior ministry",
                "interior ministry in {O}",
            ],
            Rel::Government => &[
                "{D} government",
                "{D} authorities",
                "{S}'s government",
                "government of {S}",
                "{O} government",
            ],
            Rel::AirForce => &["{D} air force", "{S}'s air force", "air force of {S}"],
            Rel::AirDefence => &[
                "{D} air defences",
                "{D} air defenses",
                "{D} air defence",
                "{D} air defense",
                "{D} air defence systems",
                "{D} air defense systems",
            ],
            Rel::Civilians => &["{D} civilians", "{D} residents", "{D} villagers"],
            Rel::Protesters => &["{D} protesters", "{D} protestors", "{D} demonstrators"],
            Rel::Rioters => &["{D} rioters"],
            Rel::Opposition => &["{D} opposition", "{D} opposition parties"],
        }
    }

    /// Forms naming the actor without its country; resolved to the country
    /// of the article.
    fn generic(self) -> &'static [&'static str] {
        match self {
            Rel::Military => &[
                "troops",
                "soldiers",
                "armed forces",
                "security forces",
                "government forces",
                "government troops",
                "federal forces",
                "federal troops",
                "servicemen",
                "army troops",
                "junta",
                "junta forces",
                "military junta",
                "regime troops",
                "regime forces",
                "military regime",
                "military council",
                "national army",
                "military personnel",
            ],
            Rel::Police => &[
                "police",
                "police officers",
                "police officer",
                "policemen",
                "riot police",
                "police force",
            ],
            Rel::Defence => &[
                "defence ministry",
                "defense ministry",
                "ministry of defence",
                "ministry of defense",
                "verteidigungsministerium",
            ],
            Rel::Interior => &[
                "interior ministry",
                "ministry of interior",
                "ministry of the interior",
                "ministry of internal affairs",
            ],
            Rel::Government => &["federal government"],
            Rel::AirForce => &["air force"],
            Rel::AirDefence => &[
                "air defences",
                "air defenses",
                "air defence",
                "air defense",
                "air defence systems",
                "air defense systems",
                "air defence system",
                "air defense system",
            ],
            Rel::Civilians => &[
                "civilians",
                "residents",
                "villagers",
                "displaced people",
                "inhabitants",
                "civilian population",
                "a civilian",
                "patients",
                "workers",
                "children",
                "women and children",
                "traders",
                "herders",
                "farmers",
                "passengers",
                "the driver",
                "worshippers",
                "pupils",
                "fishermen",
                "shoppers",
                "displaced persons",
                "the displaced",
                "internally displaced people",
            ],
            Rel::Protesters => &[
                "protesters",
                "protestors",
                "demonstrators",
                "angry youths",
                "protesting youths",
            ],
            Rel::Rioters => &["rioters"],
            Rel::Opposition => &["opposition parties", "the opposition", "opposition"],
        }
    }
}

/// Generic descriptions that stand for a non-state armed group.
pub(crate) const ARMED: &[&str] = &[
    "gunmen",
    "armed men",
    "militants",
    "insurgents",
    "jihadists",
    "jihadist group",
    "jihadist fighters",
    "rebels",
    "rebel fighters",
    "extremists",
    "terrorists",
    "attackers",
    "assailants",
    "militias",
    "militiamen",
    "paramilitaries",
    "armed groups",
    "armed group",
    "partisans",
    "partisan movement",
    "terrorist formations",
    "sabotage groups",
    "gangs",
    "armed gangs",
    "gang members",
];

/// Head nouns that, after "the", refer back to a named organisation.
pub(crate) const HEADS: &[&str] = &[
    "legion",
    "battalion",
    "brigade",
    "corps",
    "front",
    "movement",
    "ministry",
    "mission",
    "commission",
    "committee",
    "council",
    "coalition",
    "agency",
    "service",
    "directorate",
    "alliance",
    "division",
    "command",
    "network",
    "militia",
    "group",
    "organisation",
    "organization",
    "party",
];

/// How the case of a pattern's token must look in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Case {
    /// Any case.
    Any,
    /// Starts with a capital.
    Capital,
    /// Every letter a capital (acronyms: "AA", "IS", "AP").
    Upper,
}

/// What a pattern names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An entry of the registry.
    Entry(usize),
    /// A state actor of the article's country.
    Rel(Rel),
    /// A non-state armed group described, not named.
    Armed,
    /// "the <head>": back to the last organisation with that head noun.
    Anaphor(String),
    /// "she" / "it" for an organisation in translated text.
    Pronoun,
    /// "a spokesman for": the actor that follows.
    Spokes,
    /// "the UN mission": the UN mission named next to it, or the last one.
    UnMission,
    /// "its forces": the armed forces of the state named last in the
    /// sentence ("Moscow insisted its forces …").
    PossMilitary,
    /// "the army" / "the military" / "the government": a state actor of the
    /// article's country, only with the article before it.
    DefiniteRel(Rel),
}

/// One way of writing an actor.
#[derive(Clone, Debug)]
pub(crate) struct Alt {
    pub(crate) cases: Vec<Case>,
    pub(crate) target: Target,
}

/// A compiled registry: entries, countries and the table of every folded
/// alias.
#[derive(Debug)]
pub struct Registry {
    entries: Vec<Entry>,
    countries: Vec<Country>,
    by_name: WordMap<usize>,
    /// Per folded pattern, the alternatives in priority order.
    pub(crate) alts: Vec<Vec<Alt>>,
    /// Folded pattern (tokens joined by single spaces) → its index in
    /// `alts`. Matching looks up the key text of a run of tokens, so
    /// building the registry costs one hash insertion per pattern (an
    /// automaton over all patterns took most of a one-article run's
    /// start-up).
    pub(crate) patterns: WordMap<u32>,
    /// The first tokens of all patterns with the most tokens of a pattern
    /// starting with each: only tokens among them can start a match, and
    /// no run longer than that needs looking up.
    pub(crate) first_words: FirstWords,
    /// Folded demonyms, country names and capitals → country index.
    pub(crate) country_words: WordMap<usize>,
    /// Folded words that cannot be part of a person's name: country words
    /// and the given stop words and titles (see [`Registry::set_not_names`]).
    pub(crate) not_names: std::collections::HashSet<String, Fast>,
}

/// The embedded registry file.
pub const ACTORS_TSV: &str = include_str!("../data/actors.tsv");
/// The embedded country table.
pub const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

impl Registry {
    /// The embedded registry, compiled once per process.
    pub fn embedded() -> &'static Registry {
        static R: OnceLock<Registry> = OnceLock::new();
        R.get_or_init(|| {
            Registry::build(Vec::new()).expect("the embedded registry files are well formed")
        })
    }

    /// The embedded registry with the entries of a user file (same format
    /// as `data/actors.tsv`) added; a user entry with the canonical name of
    /// an existing one replaces it.
    pub fn with_user_file(text: &str) -> Result<Registry, LoadError> {
        let user = parse_entries(text)?;
        Registry::build(user)
    }

    fn build(user: Vec<Entry>) -> Result<Registry, LoadError> {
        let countries = parse_countries(COUNTRIES_TSV)?;
        let mut entries: Vec<Entry> = Vec::new();
        let mut by_name: WordMap<usize> = WordMap::default();
        // Generated state actors first; then the registry merges aliases into
        // them; then user entries replace.
        for c in &countries {
            for rel in Rel::ALL {
                let (kind, category) = rel.kind();
                let mut aliases = Vec::new();
                for t in rel.templates() {
                    expand(t, c, &mut aliases);
                }
                let name = rel.name(c);
                by_name.insert(name.clone(), entries.len());
                entries.push(Entry {
                    name,
                    kind,
                    category: category.map(str::to_string),
                    country: Some(c.iso2.clone()),
                    parent: None,
                    aliases,
                });
            }
        }
        let mut generated = entries.len();
        for e in parse_entries(ACTORS_TSV)? {
            match by_name.get(&e.name) {
                Some(&i) => {
                    // Merged entries move to the registry file's priority.
                    let last = generated - 1;
                    if i != last {
                        entries.swap(i, last);
                        by_name.insert(entries[i].name.clone(), i);
                    }
                    by_name.insert(entries[last].name.clone(), last);
                    generated -= 1;
                    let old = &mut entries[last];
                    old.aliases.extend(e.aliases);
                    old.kind = e.kind;
                    old.category = e.category.or(old.category.take());
                    old.country = e.country.or(old.country.take());
                    old.parent = e.parent.or(old.parent.take());
                }
                None => {
                    by_name.insert(e.name.clone(), entries.len());
                    entries.push(e);
                }
            }
        }
        let mut user_ids = Vec::new();
        for e in user {
            match by_name.get(&e.name) {
                Some(&i) => {
                    entries[i] = e;
                    user_ids.push(i);
                }
                None => {
                    by_name.insert(e.name.clone(), entries.len());
                    user_ids.push(entries.len());
                    entries.push(e);
                }
            }
        }

        // Patterns: user entries first so they win ties, then the others.
        let mut index: WordMap<usize> = WordMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut alts: Vec<Vec<Alt>> = Vec::new();
        let mut add = |form: &str, target: Target, exact_case: bool| {
            let Some((key, cases)) = fold_pattern(form, exact_case) else {
                return;
            };
            let i = *index.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                alts.push(Vec::new());
                alts.len() - 1
            });
            if !alts[i]
                .iter()
                .any(|a| a.target == target && a.cases == cases)
            {
                alts[i].push(Alt { cases, target });
            }
        };
        // Priority: user entries, then the registry file's, then generated.
        let mut order: Vec<usize> = user_ids.clone();
        order.extend((generated..entries.len()).filter(|i| !user_ids.contains(i)));
        order.extend((0..generated).filter(|i| !user_ids.contains(i)));
        for &i in &order {
            let e = &entries[i];
            add(&e.name, Target::Entry(i), true);
            for a in &e.aliases {
                add(a, Target::Entry(i), true);
            }
        }
        for rel in Rel::ALL {
            for g in rel.generic() {
                add(g, Target::Rel(rel), false);
            }
        }
        for (form, rel) in [
            ("the army", Rel::Military),
            ("the military", Rel::Military),
            ("the government", Rel::Government),
        ] {
            add(form, Target::DefiniteRel(rel), false);
        }
        for a in ARMED {
            add(a, Target::Armed, false);
            add(&format!("the {a}"), Target::Armed, false);
        }
        for h in HEADS {
            add(
                &format!("the {h}"),
                Target::Anaphor((*h).to_string()),
                false,
            );
        }
        add(
            "the paramilitary force",
            Target::Anaphor("paramilitary".into()),
            false,
        );
        add(
            "the paramilitary",
            Target::Anaphor("paramilitary".into()),
            false,
        );
        for f in [
            "its forces",
            "its troops",
            "its units",
            "its soldiers",
            "its army",
        ] {
            add(f, Target::PossMilitary, false);
        }
        add("she", Target::Pronoun, false);
        for f in [
            "un mission",
            "u.n. mission",
            "un peacekeeping mission",
            "united nations mission",
            "un peacekeepers",
            "peacekeeping mission",
        ] {
            add(f, Target::UnMission, false);
        }
        for s in ["spokesman", "spokeswoman", "spokesperson"] {
            for d in ["a", "the"] {
                for p in ["for", "of"] {
                    add(&format!("{d} {s} {p}"), Target::Spokes, false);
                }
            }
        }
        let first_words = FirstWords::new(
            patterns
                .iter()
                .map(|p| (p.split(' ').next().unwrap_or(""), p.split(' ').count())),
        );
        let mut table: WordMap<u32> = WordMap::default();
        table.reserve(patterns.len());
        for (i, p) in patterns.into_iter().enumerate() {
            let i = u32::try_from(i).map_err(|_| LoadError {
                line: 0,
                message: "too many actor aliases".into(),
            })?;
            table.insert(p, i);
        }
        let mut country_words = WordMap::default();
        for (i, c) in countries.iter().enumerate() {
            for w in c
                .demonyms
                .iter()
                .chain(&c.others)
                .chain(std::iter::once(&c.short))
            {
                country_words.insert(fold_word(w), i);
            }
        }
        let mut reg = Registry {
            entries,
            countries,
            by_name,
            alts,
            patterns: table,
            first_words,
            not_names: country_words.keys().cloned().collect(),
            country_words,
        };
        reg.set_not_names(crate::recognize::NOT_NAMES);
        reg.set_not_names(crate::recognize::TITLES);
        reg.set_not_names(crate::recognize::ROLES);
        Ok(reg)
    }

    /// Adds words that are never part of a person's name.
    pub(crate) fn set_not_names(&mut self, words: &[&str]) {
        self.not_names.extend(words.iter().map(|w| w.to_string()));
    }

    /// Every entry (generated state actors included).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with canonical name `name`.
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.by_name.get(name).map(|&i| &self.entries[i])
    }

    /// The country table.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The index of the country with ISO code `iso2`.
    pub(crate) fn country_index(&self, iso2: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.iso2 == iso2)
    }

    pub(crate) fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    pub(crate) fn entry_id(&self, name: &str) -> Option<usize> {
        self.by_name.get(name).copied()
    }
}

fn expand(template: &str, c: &Country, out: &mut Vec<String>) {
    let mut forms = vec![template.to_string()];
    for (key, values) in [
        ("{D}", &c.demonyms),
        ("{O}", &c.others),
        ("{S}", &vec![c.short.clone()]),
    ] {
        if !template.contains(key) {
            continue;
        }
        forms = forms
            .iter()
            .flat_map(|f| values.iter().map(move |v| f.replace(key, v)))
            .collect();
    }
    out.extend(forms);
}

/// Lower-case, diacritic-free form of one word, as in the folded view.
pub(crate) fn fold_word(w: &str) -> String {
    sitrep_text::normalize(w).as_str().to_string()
}

/// True for the quote characters matching ignores.
pub(crate) fn is_quote(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "«" | "»" | "„" | "“" | "”" | "‘" | "’" | "‚" | "‹" | "›" | "`"
    )
}

/// The folded pattern of `form` (its tokens' folded forms joined by single
/// spaces, quotes left out) and the case each token needs. With
/// `exact_case`, tokens written in capitals must be capitals in the text
/// (acronyms entirely, names at their first letter).
pub(crate) fn fold_pattern(form: &str, exact_case: bool) -> Option<(String, Vec<Case>)> {
    let seg = sitrep_text::segment(form);
    let norm = sitrep_text::normalize(form);
    let mut key = String::new();
    let mut cases = Vec::new();
    for t in &seg.tokens {
        let raw = t.span.slice(form);
        if is_quote(raw) {
            continue;
        }
        let folded = norm.from_original(t.span).slice(norm.as_str());
        if folded.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(folded);
        let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        let case = if !exact_case || upper == 0 {
            Case::Any
        } else if upper == letters.len() && letters.len() >= 2 {
            Case::Upper
        } else if cases.is_empty() && raw.chars().next().is_some_and(char::is_uppercase) {
            Case::Capital
        } else {
            Case::Any
        };
        cases.push(case);
    }
    (!key.is_empty()).then_some((key, cases))
}

fn fields(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads registry entries from the tab-separated format of
/// `data/actors.tsv` (see `data/README.md`).
pub fn parse_entries(text: &str) -> Result<Vec<Entry>, LoadError> {
    let mut out = Vec::new();
    let mut header = false;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let err = |message: String| LoadError {
            line: line_no,
            message,
        };
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let f = fields(line.trim_end_matches('\r'));
        if !header {
            if f.first() == Some(&"name") {
                header = true;
                continue;
            }
            return Err(err(
                "expected the header line \"name\tkind\tcategory\tcountry\tparent\taliases\""
                    .into(),
            ));
        }
        if f.len() != 6 {
            return Err(err(format!(
                "expected 6 tab-separated columns (name, kind, category, country, parent, aliases), found {}",
                f.len()
            )));
        }
        if f[0].is_empty() {
            return Err(err("the name is empty".into()));
        }
        let kind = Kind::parse(f[1]).ok_or_else(|| {
            err(format!(
                "unknown kind {:?} (expected one of {})",
                f[1],
                Kind::ALL.map(Kind::as_str).join(", ")
            ))
        })?;
        if !f[2].is_empty() && !CATEGORIES.contains(&f[2]) {
            return Err(err(format!(
                "unknown category {:?} (expected one of {})",
                f[2],
                CATEGORIES.join(", ")
            )));
        }
        let iso2 = f[3].len() == 2 && f[3].bytes().all(|b| b.is_ascii_uppercase());
        if !f[3].is_empty() && !iso2 {
            return Err(err(format!(
                "country {:?} is not an ISO 3166-1 alpha-2 code",
                f[3]
            )));
        }
        out.push(Entry {
            name: f[0].to_string(),
            kind,
            category: opt(f[2]),
            country: opt(f[3]),
            parent: opt(f[4]),
            aliases: f[5]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_string)
                .collect(),
        });
    }
    Ok(out)
}

/// Reads the country table (`data/countries.tsv`).
pub fn parse_countries(text: &str) -> Result<Vec<Country>, LoadError> {
    let mut out = Vec::new();
    let mut header = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let f = fields(line);
        if !header {
            header = true;
            continue;
        }
        if f.len() != 5 {
            return Err(LoadError {
                line: n + 1,
                message: format!("expected 5 columns, found {}", f.len()),
            });
        }
        let list = |s: &str| -> Vec<String> {
            s.split('|')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect()
        };
        out.push(Country {
            iso2: f[0].to_string(),
            acled: f[1].to_string(),
            short: f[2].to_string(),
            demonyms: list(f[3]),
            others: list(f[4]),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_files_parse() {
        let r = Registry::embedded();
        assert!(r.entries().len() > 700);
        let ru = r.get("Military Forces of Russia").unwrap();
        assert_eq!(ru.country.as_deref(), Some("RU"));
        assert!(ru.aliases.iter().any(|a| a == "Russian troops"));
        assert!(ru.aliases.iter().any(|a| a == "Moscow's forces"));
        assert!(ru.aliases.iter().any(|a| a == "Russian Armed Forces"));
        assert_eq!(r.get("RSF"), None);
        assert_eq!(
            r.get("Rapid Support Forces").unwrap().kind,
            Kind::RebelGroup
        );
        for e in r.entries() {
            if let Some(c) = &e.category {
                assert!(CATEGORIES.contains(&c.as_str()), "{e:?}");
            }
        }
    }

    #[test]
    fn every_pattern_is_reachable_from_its_first_word() {
        let r = Registry::embedded();
        assert!(r.patterns.len() > 1000);
        for (p, &i) in &r.patterns {
            let first = p.split(' ').next().unwrap();
            assert!(
                r.first_words.max_tokens(first) >= p.split(' ').count(),
                "{p:?}"
            );
            assert!(!r.alts[i as usize].is_empty());
        }
    }

    #[test]
    fn first_word_slots_spread_the_registry() {
        // The first words of all patterns fall in distinct slots nearly
        // always, so a word starting no pattern mostly finds 0.
        let reg = Registry::embedded();
        let firsts: std::collections::HashSet<&str> = reg
            .patterns
            .keys()
            .map(|k| k.split(' ').next().unwrap_or(""))
            .collect();
        let slots: std::collections::HashSet<usize> =
            firsts.iter().map(|w| FirstWords::slot(w)).collect();
        assert!(
            slots.len() * 100 >= firsts.len() * 97,
            "{} of {}",
            slots.len(),
            firsts.len()
        );
        let words = [
            "was", "were", "had", "has", "been", "with", "and", "at", "into", "after",
        ];
        let zero = words
            .iter()
            .filter(|w| !firsts.contains(*w) && reg.first_words.max_tokens(w) == 0)
            .count();
        assert!(zero >= 7, "{zero}");
    }

    #[test]
    fn word_hasher_spreads_short_words() {
        use std::hash::BuildHasher;
        let h = |w: &str| (Fast::default().hash_one(w) >> 57) as u8;
        let words = [
            "the", "of", "and", "a", "in", "to", "said", "army", "police", "forces",
        ];
        let tops: std::collections::HashSet<u8> = words.iter().map(|w| h(w)).collect();
        assert!(tops.len() >= 7, "{tops:?}");
    }

    #[test]
    fn patterns_fold_and_keep_case_rules() {
        let (k, c) = fold_pattern("Legion „Freiheit für Russland“", true).unwrap();
        assert_eq!(k, "legion freiheit fur russland");
        assert_eq!(c[0], Case::Capital);
        let (k, c) = fold_pattern("AA", true).unwrap();
        assert_eq!((k.as_str(), c[0]), ("aa", Case::Upper));
        let (_, c) = fold_pattern("al-Shabaab", true).unwrap();
        assert_eq!(c[0], Case::Any);
    }

    #[test]
    fn user_file_good_and_malformed() {
        let good = "# mine\nname\tkind\tcategory\tcountry\tparent\taliases\n\
                    Night Wolves Unit\tmilitia\tPolitical militia\tRU\t\tNWU|the Wolves\n\
                    Newsweek\tmedia\t\tGB\t\tNW magazine\n";
        let r = Registry::with_user_file(good).unwrap();
        assert_eq!(r.get("Night Wolves Unit").unwrap().kind, Kind::Militia);
        assert_eq!(r.get("Newsweek").unwrap().country.as_deref(), Some("GB"));

        let bad_kind = "name\tkind\tcategory\tcountry\tparent\taliases\nX\tarmy\t\t\t\t\n";
        let e = Registry::with_user_file(bad_kind).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("unknown kind \"army\""), "{e}");

        let short = "name\tkind\tcategory\tcountry\tparent\taliases\n\nX\tmedia\n";
        let e = Registry::with_user_file(short).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("6 tab-separated columns"));

        let bad_country =
            "name\tkind\tcategory\tcountry\tparent\taliases\nX\tmedia\t\tRussia\t\t\n";
        assert_eq!(Registry::with_user_file(bad_country).unwrap_err().line, 2);
        let no_header = "X\tmedia\t\t\t\t\n";
        assert_eq!(Registry::with_user_file(no_header).unwrap_err().line, 1);
        let bad_cat = "name\tkind\tcategory\tcountry\tparent\taliases\nX\tmedia\tPress\t\t\t\n";
        assert!(Registry::with_user_file(bad_cat)
            .unwrap_err()
            .message
            .contains("unknown category"));
    }
}
