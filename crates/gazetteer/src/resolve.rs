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
    /// Why it won, term by term.
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
/// point of `data/country_points.txt` when it lists the country (the
/// compiled data only has the mean of its cities), else the record's.
pub fn point(place: &Place<'_>) -> (f32, f32) {
    static POINTS: std::sync::OnceLock<HashMap<&'static str, (f32, f32)>> =
        std::sync::OnceLock::new();
    if place.feature != Feature::Country {
        return (place.lat, place.lon);
    }
    let points = POINTS.get_or_init(|| {
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
    });
    points
        .get(place.country)
        .copied()
        .unwrap_or((place.lat, place.lon))
}

/// ACLED geo-precision of a resolved place: 1 for a town, 2 for an area
/// around it ("near X", "outskirts of X") or a village whose coordinates
/// GeoNames only estimates (postal accuracy 1), 3 for a division or a
/// country.
pub fn geo_precision(place: &Place<'_>, near: bool) -> u8 {
    match place.feature {
        Feature::Country | Feature::Admin1 | Feature::Admin2 => 3,
        Feature::PopulatedPlace | Feature::Other => {
            if near || place.accuracy == Some(1) {
                2
            } else {
                1
            }
        }
    }
}

#[derive(Default)]
struct Context {
    countries: HashMap<String, f32>,
    admin1: HashMap<(String, String), f32>,
    total: f32,
    points: Vec<(f32, f32)>,
}

impl Context {
    fn add(&mut self, p: &Place<'_>, w: f32) {
        *self.countries.entry(p.country.to_string()).or_default() += w;
        self.total += w;
        if !p.admin1_code.is_empty() {
            *self
                .admin1
                .entry((p.country.to_string(), p.admin1_code.to_string()))
                .or_default() += w;
        }
        if p.feature != Feature::Country && !self.points.contains(&(p.lat, p.lon)) {
            self.points.push((p.lat, p.lon));
        }
    }
}

impl Gazetteer {
    /// Resolves every mention (same order); `dateline` is the index of the
    /// dateline's mention, when there is one.
    pub fn resolve(
        &self,
        mentions: &[Mention],
        dateline: Option<usize>,
    ) -> Vec<Option<Resolution>> {
        let cands: Vec<Vec<(Place<'_>, f32, Why)>> =
            mentions.iter().map(|m| self.base_candidates(m)).collect();
        // Round 1: areas from their names.
        let mut ctx = Context::default();
        for (i, c) in cands.iter().enumerate() {
            if let Some((p, _, _)) = c.first() {
                let area =
                    matches!(p.feature, Feature::Country | Feature::Admin1) || mentions[i].regional;
                if area || Some(i) == dateline {
                    ctx.add(p, if Some(i) == dateline { 3.0 } else { 1.0 });
                }
            }
        }
        let mut out = self.round(mentions, &cands, &ctx);
        // Round 2: everything resolved so far as context.
        for _ in 0..1 {
            let mut ctx = Context::default();
            for (i, r) in out.iter().enumerate() {
                if let Some(r) = r {
                    let w = if Some(i) == dateline { 3.0 } else { 1.0 };
                    ctx.add(&self.place(r.place), w);
                }
            }
            out = self.round(mentions, &cands, &ctx);
        }
        out
    }

    fn base_candidates(&self, m: &Mention) -> Vec<(Place<'_>, f32, Why)> {
        let mut best: HashMap<PlaceRef, crate::KeyKind> = HashMap::new();
        for h in &m.hits {
            let e = best.entry(h.place).or_insert(h.kind);
            *e = (*e).min(h.kind);
        }
        let mut v: Vec<(Place<'_>, f32, Why)> = best
            .into_iter()
            .map(|(r, k)| {
                let c = score(self.place(r), Why::Key(k), m.regional);
                (c.place, c.score, c.why)
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

    fn round(
        &self,
        mentions: &[Mention],
        cands: &[Vec<(Place<'_>, f32, Why)>],
        ctx: &Context,
    ) -> Vec<Option<Resolution>> {
        // Divisions named per sentence, from their best candidate.
        let mut parents: HashMap<usize, Vec<(String, String)>> = HashMap::new();
        for (m, c) in mentions.iter().zip(cands) {
            if let Some((p, _, _)) = c.first() {
                if (m.regional || p.feature == Feature::Admin1) && !p.admin1_code.is_empty() {
                    parents
                        .entry(m.sentence)
                        .or_default()
                        .push((p.country.to_string(), p.admin1_code.to_string()));
                }
            }
        }
        mentions
            .iter()
            .zip(cands)
            .map(|(m, c)| {
                // Scores every candidate; the explanation is written for
                // the winner only.
                let term = |ci: usize, mut ex: Option<&mut String>| -> f32 {
                    let (p, base, why) = &c[ci];
                    let mut s = *base;
                    let mut note = |t: std::fmt::Arguments<'_>| {
                        if let Some(e) = ex.as_deref_mut() {
                            e.push_str(&t.to_string());
                        }
                    };
                    note(format_args!("{base:.2} {why}"));
                    if ctx.total > 0.0 {
                        let share =
                            ctx.countries.get(p.country).copied().unwrap_or(0.0) / ctx.total;
                        if share > 0.0 {
                            s += 0.6 * share;
                            note(format_args!(", country {} {:+.2}", p.country, 0.6 * share));
                        }
                    }
                    if p.feature != Feature::Country && p.feature != Feature::Admin1 {
                        let a1 = (p.country.to_string(), p.admin1_code.to_string());
                        if ctx.admin1.contains_key(&a1) {
                            s += 0.4;
                            note(format_args!(
                                ", in {} +0.40",
                                p.admin1.unwrap_or(p.admin1_code)
                            ));
                            if parents.get(&m.sentence).is_some_and(|v| v.contains(&a1)) {
                                s += 0.8;
                                note(format_args!(", parent in sentence +0.80"));
                            }
                        }
                    }
                    if p.feature != Feature::Country {
                        let d = ctx
                            .points
                            .iter()
                            .map(|&q| km((p.lat, p.lon), q))
                            .filter(|&d| d > 1.0)
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
                let best = best.map(|(s, ci)| {
                    let mut ex = String::new();
                    term(ci, Some(&mut ex));
                    (s, ci, ex)
                });
                best.map(|(s, ci, ex)| Resolution {
                    place: c[ci].0.index,
                    score: s,
                    explain: format!("{}: {ex} = {s:.2}", c[ci].0.admin_path()),
                })
            })
            .collect()
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
    }

    #[test]
    fn distances() {
        assert!((km((50.0, 30.0), (50.0, 30.0))).abs() < 1e-3);
        let d = km((50.45, 30.52), (50.60, 36.58));
        assert!((420.0..440.0).contains(&d), "{d}");
    }
}
