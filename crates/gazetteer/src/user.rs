//! User gazetteer files (format in the crate docs).

use crate::{key, translit, Feature, Gazetteer, KeyKind, Source, UserPlace, USER_ID_BASE};

/// A user gazetteer file could not be read or parsed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum UserFileError {
    /// The file could not be read.
    #[error("cannot read user gazetteer {path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The error.
        message: String,
    },
    /// A line is malformed.
    #[error("user gazetteer line {line}: {message}")]
    Parse {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

fn feature(s: &str) -> Option<(Feature, String)> {
    Some(match s {
        "" | "populated_place" => (Feature::PopulatedPlace, "PPL".into()),
        "country" => (Feature::Country, "PCLI".into()),
        "admin1" => (Feature::Admin1, "ADM1".into()),
        "admin2" => (Feature::Admin2, "ADM2".into()),
        c if c.starts_with("PPL") => (Feature::PopulatedPlace, c.into()),
        c if c.starts_with("PCL") => (Feature::Country, c.into()),
        "ADM1" => (Feature::Admin1, "ADM1".into()),
        "ADM2" => (Feature::Admin2, "ADM2".into()),
        c if !c.is_empty()
            && c.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) =>
        {
            (Feature::Other, c.into())
        }
        _ => return None,
    })
}

pub(crate) fn add(g: &mut Gazetteer, text: &str) -> Result<(), UserFileError> {
    add_with(g, text, USER_ID_BASE, Source::User)
}

/// Adds the places of `text` (user-file format) with ids `id_base` + line
/// number and the given source. A place that is not a settlement or a
/// division (feature `Other`: a sea, a river) may leave the country empty.
pub(crate) fn add_with(
    g: &mut Gazetteer,
    text: &str,
    id_base: u32,
    source: Source,
) -> Result<(), UserFileError> {
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| UserFileError::Parse { line, message };
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let f: Vec<&str> = l.split('\t').map(str::trim).collect();
        if f.len() == 4 && f[0] == "alias" {
            add_alias(g, f[1], f[2], f[3]).map_err(err)?;
            continue;
        }
        if f.len() != 7 {
            return Err(err(format!(
                "expected 7 tab-separated fields (name, alternates, lat, lon, country, admin1, feature) or an alias line (alias, spelling, target name, target id), found {}",
                f.len()
            )));
        }
        if f[0].is_empty() {
            return Err(err("empty name".into()));
        }
        let lat: f32 = f[2]
            .parse()
            .map_err(|_| err(format!("latitude {:?} is not a number", f[2])))?;
        let lon: f32 = f[3]
            .parse()
            .map_err(|_| err(format!("longitude {:?} is not a number", f[3])))?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(err(format!("coordinates {lat}, {lon} out of range")));
        }
        let (feat, fcode) =
            feature(f[6]).ok_or_else(|| err(format!("unknown feature {:?}", f[6])))?;
        let cc = f[4].to_ascii_uppercase();
        let no_country = cc.is_empty() && feat == Feature::Other;
        if !no_country && (cc.len() != 2 || !cc.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(err(format!(
                "country {:?} is not an ISO alpha-2 code (it may be empty only for a feature that is not a place or division, e.g. SEA)",
                f[4]
            )));
        }
        // admin1: a code ("26", "UA.26") or a name, resolved against the
        // embedded divisions of the country.
        let a1 = f[5];
        let code = a1.strip_prefix(&format!("{cc}.")).unwrap_or(a1).to_string();
        let mut admin1 = None;
        let mut admin1_code = String::new();
        if !a1.is_empty() {
            let base: &Gazetteer = g;
            let by_name = base
                .lookup(a1)
                .into_iter()
                .map(|h| base.place(h.place))
                .find(|p| p.feature == Feature::Admin1 && p.country == cc);
            if let Some(p) = by_name {
                admin1 = Some(p.name.to_string());
                admin1_code = p.admin1_code.to_string();
            } else if let Some(p) = admin1_by_code(base, &cc, &code) {
                admin1 = Some(p.0);
                admin1_code = p.1;
            } else {
                admin1 = Some(a1.to_string());
            }
        }
        let index = (g.base_len() + g.user.len()) as u32;
        g.user.push(UserPlace {
            id: id_base + line as u32,
            name: f[0].to_string(),
            lat,
            lon,
            country: cc.clone(),
            admin1_code,
            admin1,
            feature: feat,
            feature_code: fcode,
            source,
        });
        let mut put = |k: String, kind: KeyKind| put_key(g, k, index, kind);
        let alternates: Vec<&str> = f[1]
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        put(key(f[0]), KeyKind::Name);
        for a in &alternates {
            put(key(a), KeyKind::Alternate);
        }
        for n in std::iter::once(&f[0]).chain(alternates.iter()) {
            for v in translit::variants(n, None) {
                put(key(&v), KeyKind::Translit);
            }
        }
    }
    Ok(())
}

/// Adds key `k` for the place at `index` (keeping the best kind when the
/// pair is already there), with every whole-word prefix for recognition.
fn put_key(g: &mut Gazetteer, k: String, index: u32, kind: KeyKind) {
    if k.is_empty() {
        return;
    }
    let p = index << 4 | kind as u32;
    let mut at = 0;
    while let Some(sp) = k[at..].find(' ') {
        g.user_prefixes.insert(k[..at + sp].to_string());
        at += sp + 1;
    }
    g.user_prefixes.insert(k.clone());
    let v = g.user_keys.entry(k).or_default();
    if let Some(old) = v.iter_mut().find(|o| **o >> 4 == index) {
        *old = (*old).min(p);
    } else {
        v.push(p);
    }
}

/// Adds the alias `spelling` to the place named `target` whose id is `id`
/// (as `sitrep places TARGET` lists it). The spelling becomes a key of kind
/// [`KeyKind::Name`] (aliases are the spellings news uses, so they match as
/// well as a primary name); a first- or second-level division also gets the
/// news forms of the spelling ("Hodeidah province", "Gebiet X").
fn add_alias(g: &mut Gazetteer, spelling: &str, target: &str, id: &str) -> Result<(), String> {
    if spelling.is_empty() || target.is_empty() {
        return Err("an alias needs a spelling and a target name".into());
    }
    let id: u32 = id
        .parse()
        .map_err(|_| format!("alias target id {id:?} is not a number"))?;
    let found = g
        .lookup(target)
        .into_iter()
        .map(|h| g.place(h.place))
        .find(|p| p.id == id)
        .map(|p| (p.index, p.feature));
    let Some((place, feature)) = found else {
        return Err(format!(
            "alias {spelling:?}: no place {target:?} with id {id} (see `sitrep places {target:?}`)"
        ));
    };
    let k = key(spelling);
    if matches!(feature, Feature::Admin1 | Feature::Admin2) {
        for form in crate::compile::region_forms(&k, feature) {
            put_key(g, key(&form), place.0, KeyKind::RegionForm);
        }
    }
    put_key(g, k, place.0, KeyKind::Name);
    Ok(())
}

/// Adds the alias table (`data/aliases.tsv` format: spelling, target name,
/// target id, tab-separated; `#` comments).
pub(crate) fn add_aliases(g: &mut Gazetteer, text: &str) -> Result<(), UserFileError> {
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let f: Vec<&str> = l.split('\t').map(str::trim).collect();
        let err = |message: String| UserFileError::Parse {
            line: i + 1,
            message,
        };
        let [spelling, target, id] = f[..] else {
            return Err(err(format!(
                "expected 3 tab-separated fields (spelling, target name, target id), found {}",
                f.len()
            )));
        };
        add_alias(g, spelling, target, id).map_err(err)?;
    }
    Ok(())
}

/// The name and code of the embedded first-level division `code` of `cc`.
fn admin1_by_code(g: &Gazetteer, cc: &str, code: &str) -> Option<(String, String)> {
    // Divisions come right after the countries; scan their records.
    (0..g.base_len() as u32)
        .map(|i| g.place(crate::PlaceRef(i)))
        .take_while(|p| matches!(p.feature, Feature::Country | Feature::Admin1))
        .find(|p| p.feature == Feature::Admin1 && p.country == cc && p.admin1_code == code)
        .map(|p| (p.name.to_string(), code.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_name_the_line() {
        let e = Gazetteer::with_user_text("# c\n\nX\t\t1\n").unwrap_err();
        assert!(matches!(e, UserFileError::Parse { line: 3, .. }), "{e}");
        let e = Gazetteer::with_user_text("X\t\tnorth\t2\tUA\t\t\n").unwrap_err();
        assert!(e.to_string().contains("line 1: latitude"), "{e}");
        let e = Gazetteer::with_user_text("X\t\t1\t2\tUkraine\t\t\n").unwrap_err();
        assert!(e.to_string().contains("ISO"), "{e}");
        let e = Gazetteer::with_user_text("X\t\t1\t2\tUA\t\tvillage\n").unwrap_err();
        assert!(e.to_string().contains("feature"), "{e}");
        let e = Gazetteer::with_user_text("X\t\t1\t2\t\t\tPPL\n").unwrap_err();
        assert!(e.to_string().contains("ISO"), "{e}");
        assert!(Gazetteer::with_user_text("X Lake\t\t1\t2\t\t\tLK\n").is_ok());
    }

    #[test]
    fn aliases() {
        let g = Gazetteer::embedded();
        // From data/aliases.tsv: GeoNames has no "Hodeidah".
        let c = g.candidates("Hodeidah", None);
        assert_eq!(c[0].place.id, 79415, "Al Hudaydah, the city");
        assert_eq!(c[0].place.country, "YE");
        let c = g.candidates("Hodeidah governorate", None);
        assert_eq!(c[0].place.feature, Feature::Admin1);
        // In a user file, with a user place as the target.
        let u = Gazetteer::with_user_text(
            "Zzyzxville\t\t47.5\t35.8\tUA\t\t\n\
             alias\tZyzyx Town\tZzyzxville\t2000000001\n",
        )
        .unwrap();
        assert_eq!(u.candidates("Zyzyx Town", None)[0].place.name, "Zzyzxville");
        let e = Gazetteer::with_user_text("alias\tFoo\tKursk\t1\n").unwrap_err();
        assert!(
            e.to_string().contains("line 1") && e.to_string().contains("id 1"),
            "{e}"
        );
        let e = Gazetteer::with_user_text("alias\tFoo\tKursk\tnorth\n").unwrap_err();
        assert!(e.to_string().contains("not a number"), "{e}");
        let mut g2 = Gazetteer::with_user_text("").unwrap();
        let e = add_aliases(&mut g2, "Foo\tKursk\n").unwrap_err();
        assert!(e.to_string().contains("3 tab-separated"), "{e}");
    }

    #[test]
    fn user_places_are_found() {
        let g = Gazetteer::with_user_text(
            "# name\talternates\tlat\tlon\tcountry\tadmin1\tfeature\n\
             Zzyzxville\tЗизиксвиль|Zizixville\t47.5\t35.8\tua\t26\tPPL\n\
             Novotestivka\t\t50.1\t36.1\tRU\tBelgorod Oblast\t\n",
        )
        .unwrap();
        let c = g.candidates("Zizixville", None);
        assert_eq!(c[0].place.name, "Zzyzxville");
        assert_eq!(c[0].place.admin1, Some("Zaporizhzhia"));
        assert_eq!(c[0].place.id, USER_ID_BASE + 2);
        assert!(!g.lookup("Sisixwil").is_empty(), "German transliteration");
        let c = g.candidates("novotestivka", Some("RU"));
        assert_eq!(c[0].place.admin1_code, "09");
    }
}
