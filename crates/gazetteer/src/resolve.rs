//! Resolution of recognised mentions in the context of the whole article,
//! with a transparent score and an explanation per choice.
//!
//! Each candidate of a mention starts from its [`Gazetteer::candidates`]
//! score (match quality, feature, population). Two rounds then add context:
//! the first scores countries and divisions from their names alone and
//! collects the article's countries and divisions (the dateline's counts
//! three times); the second scores every mention with
//!
//! - +0.6 × the share of the article's area mentions in the candidate's
//!   country (the dominant country wins), +0.4 when its first-level division
//!   is one the article names;
//! - +0.8 for an explicit parent in the same sentence ("Tyotkino, Kursk
//!   region", "Grajvoron in the Belgorod region");
//! - up to +0.3 for closeness to places already resolved (within 50, 150
//!   or 400 km).
//!
//! The round is run twice, the second time with the countries of towns in
//! the context too.

use crate::recognize::Mention;
use crate::{score, Feature, Gazetteer, Place, PlaceRef, Why};
use std::collections::HashMap;

/// A mention's chosen place.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolution {
    /// The place.
    pub place: PlaceRef,
    /// Its total score.
    pub score: f32,
    /// Why it won, term by term; filled by
    /// [`Gazetteer::resolve_explained`] only (empty from
    /// [`Gazetteer::resolve`], which spends no time on words).
    pub explain: String,
}

/// Candidates kept per mention.
const MAX_CANDIDATES: usize = 400;

/// Great-circle distance in kilometres.
pub fn km(a: (f32, f32), b: (f32, f32)) -> f32 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The point to report for a place: for a country the representative
/// point of `data/country_points.txt` (GeoNames' country centres,
/// hand-written for the countries most often in the news) when it lists the
/// country, else, like every other place, the record's coordinates (for a
/// division, its namesake city).
///
/// [`area_point`] holds better points for countries and divisions; reports
/// do not use them yet (docs/ACCURACY.md, session 4: they raised resolved
/// places but moved one held-out event out of its gold radius).
pub fn point(place: &Place<'_>) -> (f32, f32) {
    match place.feature {
        Feature::Country => country_points()
            .get(place.country)
            .copied()
            .unwrap_or((place.lat, place.lon)),
        _ => (place.lat, place.lon),
    }
}

/// The Natural Earth point of a country or first-level division (its
/// area-weighted centroid, or the interior point nearest to it; written by
/// `scripts/gazetteer/area_points.py` into `data/area_points.tsv`), when the
/// division could be matched to its GeoNames code.
pub fn area_point(place: &Place<'_>) -> Option<(f32, f32)> {
    match place.feature {
        Feature::Country => area_points().get(&(place.country, "")).copied(),
        Feature::Admin1 => area_points()
            .get(&(place.country, place.admin1_code))
            .copied(),
        _ => None,
    }
}

fn country_points() -> &'static HashMap<&'static str, (f32, f32)> {
    static POINTS: std::sync::OnceLock<HashMap<&'static str, (f32, f32)>> =
        std::sync::OnceLock::new();
    POINTS.get_or_init(|| {
        include_str!("../data/country_points.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split_whitespace();
                let cc = f.next()?;
                let lat = f.next()?.parse().ok()?;
                let lon = f.next()?.parse().ok()?;
                Some((cc, (lat, lon)))
            })
            .collect()
    })
}

/// `(country, admin1 code)` → point; the country's own row has an empty
/// code.
type AreaPoints = HashMap<(&'static str, &'static str), (f32, f32)>;

fn area_points() -> &'static AreaPoints {
    static POINTS: std::sync::OnceLock<AreaPoints> = std::sync::OnceLock::new();
    POINTS.get_or_init(|| {
        include_str!("../data/area_points.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let mut f = l.split('\t');
                let cc = f.next()?;
                let code = f.next()?;
                let lat = f.next()?.parse().ok()?;
                let lon = f.next()?.parse().ok()?;
                Some(((cc, code), (lat, lon)))
            })
            .collect()
    })
}

/// ACLED geo-precision of a resolved place: 1 for a town, 2 for an area
/// around it ("near X", "outskirts of X") or a village whose coordinates
/// GeoNames only estimates (postal accuracy 1), 3 for a division or a
/// country; for a body of water or other feature, [`feature_precision`].
pub fn geo_precision(place: &Place<'_>, near: bool) -> u8 {
    match place.feature {
        Feature::Country | Feature::Admin1 | Feature::Admin2 => 3,
        Feature::Other if feature_precision(place.feature_code).is_some() => {
            feature_precision(place.feature_code).unwrap_or(3)
        }
        Feature::PopulatedPlace | Feature::Other => {
            if near || place.accuracy == Some(1) {
                2
            } else {
                1
            }
        }
    }
}

/// ACLED geo-precision of a non-settlement feature by its GeoNames feature
/// code: 2 for a strait or canal (a narrow place: an event there is "near"
/// its point), 3 for a sea, gulf, bay, river, reservoir or lake (an area
/// whose point stands for a region); `None` for other codes.
pub fn feature_precision(code: &str) -> Option<u8> {
    match code {
        "STRT" | "CNL" | "CHN" => Some(2),
        "SEA" | "GULF" | "BAY" | "STM" | "RSV" | "LK" | "OCN" => Some(3),
        _ => None,
    }
}

/// One place the article names, as context for the others: its mention's
/// group (mentions with the same key form one group) and its weight.
#[derive(Clone, Copy)]
struct Entry<'a> {
    group: usize,
    country: &'a str,
    admin1: &'a str,
    w: f32,
    point: Option<(f32, f32)>,
}

/// String equality written out: country and division codes are two or
/// three bytes, for which a call to `memcmp` costs more than the compare.
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// [`same`] for a (country, admin1 code) pair.
#[inline]
fn same2(a: (&str, &str), b: (&str, &str)) -> bool {
    same(a.0, b.0) && same(a.1, b.1)
}

/// The article's areas as seen from one mention: every entry but those of
/// the mention's own group, so that a name does not vouch for itself ("Douglas
/// County" is no parent of itself, and eight "Mansfield"s resolved to one
/// town do not put that town's state in the context). An article names few:
/// plain vectors beat hashing.
///
/// Divisions and points carry how many entries put them there, so that the
/// context of a group is the whole article's minus the group's own entries
/// (weights are whole numbers, 1 or 3, so the subtraction is exact) rather
/// than rebuilt from every other entry for each group.
#[derive(Default)]
struct Context<'a> {
    countries: Vec<(&'a str, f32)>,
    admin1: Vec<((&'a str, &'a str), u32)>,
    total: f32,
    points: Vec<((f32, f32), u32)>,
}

impl<'a> Context<'a> {
    fn add(&mut self, e: &Entry<'a>) {
        match self.countries.iter_mut().find(|c| same(c.0, e.country)) {
            Some(c) => c.1 += e.w,
            None => self.countries.push((e.country, e.w)),
        }
        self.total += e.w;
        let a1 = (e.country, e.admin1);
        if !e.admin1.is_empty() {
            match self.admin1.iter_mut().find(|c| same2(c.0, a1)) {
                Some(c) => c.1 += 1,
                None => self.admin1.push((a1, 1)),
            }
        }
        if let Some(pt) = e.point {
            match self.points.iter_mut().find(|c| c.0 == pt) {
                Some(c) => c.1 += 1,
                None => self.points.push((pt, 1)),
            }
        }
    }

    /// Takes back an entry [`Context::add`] put in.
    fn remove(&mut self, e: &Entry<'a>) {
        if let Some(c) = self.countries.iter_mut().find(|c| same(c.0, e.country)) {
            c.1 -= e.w;
        }
        self.total -= e.w;
        let a1 = (e.country, e.admin1);
        if !e.admin1.is_empty() {
            if let Some(c) = self.admin1.iter_mut().find(|c| same2(c.0, a1)) {
                c.1 -= 1;
            }
        }
        if let Some(pt) = e.point {
            if let Some(c) = self.points.iter_mut().find(|c| c.0 == pt) {
                c.1 -= 1;
            }
        }
    }

    /// The context of all `entries`.
    fn of(entries: &[Entry<'a>]) -> Context<'a> {
        let mut c = Context::default();
        for e in entries {
            c.add(e);
        }
        c
    }

    /// Whether an entry of the context is in this first-level division.
    fn has_admin1(&self, a1: (&str, &str)) -> bool {
        self.admin1.iter().any(|c| c.1 > 0 && same2(c.0, a1))
    }

    /// The points of the context's entries (each once).
    fn points(&self) -> impl Iterator<Item = (f32, f32)> + '_ {
        self.points.iter().filter(|c| c.1 > 0).map(|c| c.0)
    }
}

/// What resolution reads of a candidate: a copy of the few fields scoring
/// in context uses (the whole [`Place`] is three times its size, and the
/// candidates of a common name are many and get sorted).
#[derive(Clone, Copy, Debug)]
struct Cand<'a> {
    index: PlaceRef,
    country: &'a str,
    admin1_code: &'a str,
    feature: Feature,
    lat: f32,
    lon: f32,
}

impl<'a> Cand<'a> {
    fn of(p: &Place<'a>) -> Cand<'a> {
        Cand {
            index: p.index,
            country: p.country,
            admin1_code: p.admin1_code,
            feature: p.feature,
            lat: p.lat,
            lon: p.lon,
        }
    }
}

/// The context entry of a place (`None` for a sea or river of several
/// countries: it says nothing of the country).
fn entry<'a>(p: &Cand<'a>, group: usize, w: f32) -> Option<Entry<'a>> {
    if p.country.is_empty() {
        return None;
    }
    Some(Entry {
        group,
        country: p.country,
        admin1: p.admin1_code,
        w,
        point: (p.feature != Feature::Country).then_some((p.lat, p.lon)),
    })
}

impl Gazetteer {
    /// Resolves every mention (same order); `dateline` is the index of the
    /// dateline's mention, when there is one. [`Resolution::explain`] is
    /// left empty.
    pub fn resolve(
        &self,
        mentions: &[Mention],
        dateline: Option<usize>,
    ) -> Vec<Option<Resolution>> {
        self.resolve_with(mentions, dateline, false)
    }

    /// [`Gazetteer::resolve`], with [`Resolution::explain`] written: the
    /// winner's scoring terms, one by one.
    pub fn resolve_explained(
        &self,
        mentions: &[Mention],
        dateline: Option<usize>,
    ) -> Vec<Option<Resolution>> {
        self.resolve_with(mentions, dateline, true)
    }

    fn resolve_with(
        &self,
        mentions: &[Mention],
        dateline: Option<usize>,
        explain: bool,
    ) -> Vec<Option<Resolution>> {
        let cands: Vec<Vec<(Cand<'_>, f32, Why)>> =
            mentions.iter().map(|m| self.base_candidates(m)).collect();
        // Mentions with the same key form a group.
        let mut groups: Vec<usize> = Vec::with_capacity(mentions.len());
        for (i, m) in mentions.iter().enumerate() {
            let g = mentions[..i]
                .iter()
                .position(|o| o.key == m.key)
                .map_or(i, |j| groups[j]);
            groups.push(g);
        }
        // Round 1: areas from their names.
        let mut entries = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            if let Some((p, _, _)) = c.first() {
                let area =
                    matches!(p.feature, Feature::Country | Feature::Admin1) || mentions[i].regional;
                if area || Some(i) == dateline {
                    let w = if Some(i) == dateline { 3.0 } else { 1.0 };
                    entries.extend(entry(p, groups[i], w));
                }
            }
        }
        let first = self.round(mentions, &groups, &cands, &entries, false);
        // Round 2: everything resolved so far as context.
        let mut entries = Vec::new();
        for (i, r) in first.iter().enumerate() {
            if let Some(r) = r {
                let w = if Some(i) == dateline { 3.0 } else { 1.0 };
                entries.extend(entry(&Cand::of(&self.place_unnamed(r.place)), groups[i], w));
            }
        }
        self.round(mentions, &groups, &cands, &entries, explain)
    }

    fn base_candidates(&self, m: &Mention) -> Vec<(Cand<'_>, f32, Why)> {
        // The best key kind per place.
        let mut best: Vec<(PlaceRef, crate::KeyKind)> =
            m.hits.iter().map(|h| (h.place, h.kind)).collect();
        best.sort_unstable();
        best.dedup_by_key(|h| h.0);
        let mut v: Vec<(Cand<'_>, f32, Why)> = best
            .into_iter()
            .map(|(r, k)| {
                let c = score(self.place_unnamed(r), Why::Key(k), m.regional);
                (Cand::of(&c.place), c.score, c.why)
            })
            .collect();
        if m.regional
            && v.iter()
                .any(|c| matches!(c.0.feature, Feature::Admin1 | Feature::Admin2))
        {
            v.retain(|c| matches!(c.0.feature, Feature::Admin1 | Feature::Admin2));
        }
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.index.cmp(&b.0.index)));
        v.truncate(MAX_CANDIDATES);
        v
    }

    fn round<'a>(
        &'a self,
        mentions: &[Mention],
        groups: &[usize],
        cands: &[Vec<(Cand<'a>, f32, Why)>],
        entries: &[Entry<'a>],
        explain: bool,
    ) -> Vec<Option<Resolution>> {
        // Divisions named per sentence, from their best candidate, with
        // their mention's group.
        let mut parents: Vec<(usize, &str, &str, usize)> = Vec::new();
        for ((m, c), &g) in mentions.iter().zip(cands).zip(groups) {
            if let Some((p, _, _)) = c.first() {
                if (m.regional || p.feature == Feature::Admin1) && !p.admin1_code.is_empty() {
                    parents.push((m.sentence, p.country, p.admin1_code, g));
                }
            }
        }
        // Each mention is scored against the article's context without
        // its own group's entries: taken out for the group's mentions and
        // put back after them (exactly: weights are whole numbers), which
        // costs no allocation per group.
        let mut ctx = Context::of(entries);
        let choose = |m: &Mention,
                      c: &Vec<(Cand<'a>, f32, Why)>,
                      group: usize,
                      ctx: &Context<'a>|
         -> Option<Resolution> {
            // Scores every candidate; the explanation is written for
            // the winner only.
            let term = |ci: usize, mut ex: Option<&mut String>| -> f32 {
                let (p, base, why) = &c[ci];
                let mut s = *base;
                let explaining = ex.is_some();
                let mut note = |t: std::fmt::Arguments<'_>| {
                    if let Some(e) = ex.as_deref_mut() {
                        e.push_str(&t.to_string());
                    }
                };
                if explaining {
                    let terms = crate::score_terms(&self.place(p.index), *why, m.regional);
                    let list: Vec<String> =
                        terms.iter().map(|(w, v)| format!("{w} {v:+.2}")).collect();
                    note(format_args!("{}", list.join(", ")));
                }
                if ctx.total > 0.0 {
                    let share = ctx
                        .countries
                        .iter()
                        .find(|c| same(c.0, p.country))
                        .map_or(0.0, |c| c.1)
                        / ctx.total;
                    if share > 0.0 {
                        s += 0.6 * share;
                        note(format_args!(", country {} {:+.2}", p.country, 0.6 * share));
                    }
                }
                if p.feature != Feature::Country && p.feature != Feature::Admin1 {
                    let a1 = (p.country, p.admin1_code);
                    if ctx.has_admin1(a1) {
                        s += 0.4;
                        if explaining {
                            let named = self.place(p.index);
                            note(format_args!(
                                ", in {} +0.40",
                                named.admin1.unwrap_or(p.admin1_code)
                            ));
                        }
                        if parents
                            .iter()
                            .any(|q| q.0 == m.sentence && same2((q.1, q.2), a1) && q.3 != group)
                        {
                            s += 0.8;
                            note(format_args!(", parent in sentence +0.80"));
                        }
                    }
                }
                if p.feature != Feature::Country {
                    // Only points within 400 km score, and a degree of
                    // latitude is 111 km: skip the others unmeasured.
                    // The mention's own group is not in the context,
                    // so a place another name already put there (d =
                    // 0: "Saporischschja" and "Zaporizhzhia") scores
                    // as closest.
                    let d = ctx
                        .points()
                        .filter(|q| (q.0 - p.lat).abs() < 3.7)
                        .map(|q| km((p.lat, p.lon), q))
                        .fold(f32::INFINITY, f32::min);
                    let bonus = if d < 50.0 {
                        0.3
                    } else if d < 150.0 {
                        0.2
                    } else if d < 400.0 {
                        0.1
                    } else {
                        0.0
                    };
                    if bonus > 0.0 {
                        s += bonus;
                        note(format_args!(", {d:.0} km from another place +{bonus:.2}"));
                    }
                }
                s
            };
            let mut best: Option<(f32, usize)> = None;
            for ci in 0..c.len() {
                let s = term(ci, None);
                if best.is_none_or(|b| s > b.0) {
                    best = Some((s, ci));
                }
            }
            best.map(|(s, ci)| Resolution {
                place: c[ci].0.index,
                score: s,
                explain: if explain {
                    let mut ex = String::new();
                    term(ci, Some(&mut ex));
                    format!("{}: {ex} = {s:.2}", self.place(c[ci].0.index).admin_path())
                } else {
                    String::new()
                },
            })
        };
        let mut out: Vec<Option<Resolution>> = vec![None; mentions.len()];
        for group in 0..mentions.len() {
            if groups[group] != group {
                continue;
            }
            for e in entries.iter().filter(|e| e.group == group) {
                ctx.remove(e);
            }
            for i in group..mentions.len() {
                if groups[i] == group {
                    out[i] = choose(&mentions[i], &cands[i], group, &ctx);
                }
            }
            for e in entries.iter().filter(|e| e.group == group) {
                ctx.add(e);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognize::SentenceIn;

    fn resolve(text: &str) -> Vec<(String, String, Option<String>)> {
        let g = Gazetteer::embedded();
        let seg = sitrep_text::segment(text);
        let ins = SentenceIn::all(&seg);
        let ms = g.recognize(text, &ins);
        let rs = g.resolve(&ms, None);
        ms.iter()
            .zip(rs)
            .map(|(m, r)| {
                let p = g.place(r.unwrap().place);
                (
                    m.span.slice(text).to_string(),
                    p.country.to_string(),
                    p.admin1.map(str::to_string),
                )
            })
            .collect()
    }

    #[test]
    fn parents_in_the_sentence() {
        let r = resolve("There was fighting in Tyotkino and in Grajvoron in the Belgorod region.");
        assert_eq!(r[0].1, "RU");
        assert_eq!(r[1].2.as_deref(), Some("Belgorod Oblast"));
        assert_eq!(r[2].2.as_deref(), Some("Belgorod Oblast"));
    }

    #[test]
    fn country_points() {
        let g = Gazetteer::embedded();
        let ru = &g.candidates("Russia", None)[0].place;
        assert_eq!(point(ru), (60.0, 100.0));
        let kursk = &g.candidates("Kursk", None)[0].place;
        assert_eq!(point(kursk), (kursk.lat, kursk.lon));
        // Kursk Oblast: reported at its record's point (the city); its
        // Natural Earth centroid is known as `area_point`.
        let oblast = &g.candidates("Kursk Oblast", None)[0].place;
        assert_eq!(oblast.feature, Feature::Admin1);
        assert_eq!(point(oblast), (oblast.lat, oblast.lon));
        let (lat, lon) = area_point(oblast).unwrap();
        assert!(
            (lat - 51.7).abs() < 0.5 && (lon - 36.1).abs() < 1.0,
            "{lat} {lon}"
        );
        // A country not in the hand-written table has a Natural Earth point.
        let mali = g
            .candidates("Mali", None)
            .into_iter()
            .find(|c| c.place.feature == Feature::Country)
            .unwrap();
        let (lat, lon) = area_point(&mali.place).unwrap();
        assert!(
            (lat - 17.5).abs() < 2.0 && (lon + 4.0).abs() < 2.5,
            "{lat} {lon}"
        );
        assert_eq!(area_point(kursk), None);
    }

    #[test]
    fn precision_of_features() {
        let g = Gazetteer::embedded();
        let p = |n: &str| geo_precision(&g.candidates(n, None)[0].place, false);
        assert_eq!(p("Black Sea"), 3);
        assert_eq!(p("Kerch Strait"), 2);
        assert_eq!(p("Euphrates"), 3);
        assert_eq!(p("Kursk region"), 3);
        assert_eq!(p("Tetkino"), 1);
    }

    #[test]
    fn a_group_is_taken_out_of_the_context_exactly() {
        let e = |group, country, admin1, w, point| Entry {
            group,
            country,
            admin1,
            w,
            point,
        };
        let entries = [
            e(0, "RU", "41", 1.0, Some((51.7, 36.2))),
            e(1, "UA", "07", 3.0, Some((50.0, 36.2))),
            e(0, "RU", "41", 1.0, Some((51.7, 36.2))),
            e(2, "RU", "09", 1.0, None),
        ];
        let mut ctx = Context::of(&entries);
        for e in entries.iter().filter(|e| e.group == 0) {
            ctx.remove(e);
        }
        // What the context of the other groups alone holds.
        let others = Context::of(&entries[1..2]);
        let mut others2 = others;
        others2.add(&entries[3]);
        assert_eq!(ctx.total, others2.total);
        assert!(!ctx.has_admin1(("RU", "41")));
        assert!(ctx.has_admin1(("RU", "09")) && ctx.has_admin1(("UA", "07")));
        assert_eq!(ctx.points().collect::<Vec<_>>(), [(50.0, 36.2)]);
        let share = |c: &Context, cc| c.countries.iter().find(|x| x.0 == cc).map_or(0.0, |x| x.1);
        assert_eq!(share(&ctx, "RU"), 1.0);
        assert_eq!(share(&ctx, "UA"), 3.0);
        // Put back, it is the whole article's again.
        for e in entries.iter().filter(|e| e.group == 0) {
            ctx.add(e);
        }
        assert!(ctx.has_admin1(("RU", "41")));
        assert_eq!(ctx.points().count(), 2);
        assert_eq!(ctx.total, 6.0);
        assert!(same("RU", "RU") && !same("RU", "UA") && !same("R", "RU"));
    }

    #[test]
    fn distances() {
        assert!((km((50.0, 30.0), (50.0, 30.0))).abs() < 1e-3);
        let d = km((50.45, 30.52), (50.60, 36.58));
        assert!((420.0..440.0).contains(&d), "{d}");
    }
}
