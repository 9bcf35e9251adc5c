//! The embedded gazetteer finds the places conflict news names.
use sitrep_gazetteer::{Candidate, Feature, Gazetteer, KeyKind, Source, Why};

fn top<'a>(name: &str, scope: Option<&str>) -> Candidate<'a> {
    let g = Gazetteer::embedded();
    let c = g.candidates(name, scope);
    assert!(!c.is_empty(), "no candidate for {name:?}");
    c[0].clone()
}

fn near(c: &Candidate<'_>, lat: f32, lon: f32, tol: f32) -> bool {
    (c.place.lat - lat).abs() <= tol && (c.place.lon - lon).abs() <= tol
}

#[test]
fn tyotkino_in_every_spelling() {
    for name in [
        "Tyotkino",
        "Tetkino",
        "Tjotkino",
        "Tiotkino",
        "Tëtkino",
        "Тёткино",
    ] {
        let c = top(name, None);
        assert_eq!(c.place.name, "Tëtkino", "{name}");
        assert!(near(&c, 51.28, 34.29, 0.01), "{name}: {:?}", c.place);
        assert_eq!(c.place.country, "RU");
        assert_eq!(c.place.admin1, Some("Kursk Oblast"));
    }
}

#[test]
fn grayvoron_ranked_first() {
    for name in [
        "Grajvoron",
        "Graiworon",
        "Grayvoron",
        "Graivoron",
        "Graïvoron",
    ] {
        let c = top(name, None);
        assert_eq!(c.place.name, "Grayvoron", "{name}");
        assert!(near(&c, 50.48, 35.68, 0.01), "{name}");
        assert_eq!(c.place.admin1, Some("Belgorod Oblast"));
    }
}

#[test]
fn kursk_region_forms() {
    for name in [
        "Kursk region",
        "Kursk Oblast",
        "Kurskaya oblast",
        "Kurskaya oblast'",
        "Oblast Kursk",
        "Gebiet Kursk",
        "région de Koursk",
        "oblast de Koursk",
        "Курская область",
        "Курской области",
    ] {
        let c = top(name, None);
        assert_eq!(c.place.feature, Feature::Admin1, "{name}: {:?}", c.place);
        assert_eq!(c.place.name, "Kursk Oblast", "{name}");
        assert_eq!((c.place.country, c.place.admin1_code), ("RU", "41"));
    }
}

#[test]
fn other_region_forms() {
    for (name, want) in [
        ("Belgorod region", "Belgorod Oblast"),
        ("Belgorodskaya oblast", "Belgorod Oblast"),
        ("Kharkiv region", "Kharkivs’ka Oblast’"),
        ("Kharkivska oblast", "Kharkivs’ka Oblast’"),
        ("Gebiet Charkiw", "Kharkivs’ka Oblast’"),
        ("Zaporizhzhia region", "Zaporizhzhia"),
        ("Zaporizka oblast", "Zaporizhzhia"),
        ("Gebiet Saporischschja", "Zaporizhzhia"),
        ("Donetsk Oblast", "Donetsk"),
        ("Kyiv region", "Kiev"),
        ("Kiev oblast", "Kiev"),
        ("Moscow region", "Moscow Oblast"),
        ("Харьковской области", "Kharkivs’ka Oblast’"),
        ("Запорізької області", "Zaporizhzhia"),
        ("Белгородской области", "Belgorod Oblast"),
    ] {
        let c = top(name, None);
        assert_eq!(c.place.feature, Feature::Admin1, "{name}: {:?}", c.place);
        assert_eq!(c.place.name, want, "{name}");
    }
}

#[test]
fn capitals_and_big_cities() {
    for name in ["Kyiv", "Kiev", "Kiew", "Київ", "Киев"] {
        let c = top(name, None);
        assert_eq!(c.place.name, "Kyiv", "{name}: {:?}", c.place);
        assert_eq!(c.place.feature, Feature::PopulatedPlace, "{name}");
    }
    for name in ["Kharkiv", "Kharkov", "Charkiw", "Charkow", "Харків"] {
        let c = top(name, None);
        assert_eq!(c.place.name, "Kharkiv", "{name}");
        assert_eq!(c.place.feature, Feature::PopulatedPlace, "{name}");
    }
    for name in ["Zaporizhzhia", "Saporischschja", "Zaporozhye", "Zaporijjia"] {
        let c = top(name, None);
        // GeoNames calls the city Zaporizhzhya (id 687700).
        assert_eq!(c.place.id, 687700, "{name}: {:?}", c.place);
        assert_eq!(c.place.country, "UA", "{name}");
    }
    let m = top("Moscow", None);
    assert_eq!((m.place.name, m.place.country), ("Moscow", "RU"));
    assert!(near(&m, 55.75, 37.62, 0.1));
}

#[test]
fn robotyne_from_the_postal_dump() {
    for name in ["Robotyne", "Роботине"] {
        let c = top(name, None);
        assert_eq!(c.place.source, Source::Postal, "{name}");
        assert_eq!(c.place.country, "UA");
        assert_eq!(c.place.admin1, Some("Zaporizhzhia"), "{name}");
        assert!(near(&c, 47.45, 35.83, 0.05), "{name}");
        assert!(c.place.accuracy.is_some());
        assert_eq!(c.place.ascii_name, "Robotyne");
    }
}

#[test]
fn countries_and_demonyms() {
    for (name, cc) in [
        ("Russia", "RU"),
        ("Russian Federation", "RU"),
        ("Russland", "RU"),
        ("Russie", "RU"),
        ("Россия", "RU"),
        ("Ukraine", "UA"),
        ("Україна", "UA"),
        ("Sudan", "SD"),
    ] {
        let c = top(name, None);
        assert_eq!(c.place.feature, Feature::Country, "{name}");
        assert_eq!(c.place.country, cc, "{name}");
    }
    let g = Gazetteer::embedded();
    let hits = g.lookup("Russian");
    assert!(hits.iter().any(|h| h.kind == KeyKind::Demonym
        && g.place(h.place).feature == Feature::Country
        && g.place(h.place).country == "RU"));
    let c = top("Russian", None);
    assert_eq!(c.why, Why::Key(KeyKind::Demonym));
    assert_eq!(c.place.feature, Feature::Country);
    assert!(
        hits.iter()
            .all(|h| g.place(h.place).feature != Feature::PopulatedPlace
                || h.kind != KeyKind::Demonym)
    );
    assert_eq!(top("Sudanese", None).place.country, "SD");
    assert_eq!(top("Ukrainian", None).place.country, "UA");
}

#[test]
fn fuzzy_only_in_scope_and_for_long_names() {
    let g = Gazetteer::embedded();
    // One edit from "grayvoron" is too short (9 chars is enough, 7 is not).
    assert!(g.fuzzy("Sudzhe", 1, Some("RU")).is_empty());
    let c = g.candidates("Graivoronn", Some("RU"));
    assert_eq!(c[0].place.name, "Grayvoron");
    assert_eq!(c[0].why, Why::Fuzzy(1));
    assert!(g.candidates("Graivoronn", None).is_empty());
    let c = g.candidates("Tyotkinno", Some("RU.41"));
    assert_eq!(c[0].place.name, "Tëtkino");
}

#[test]
fn scope_filters_countries() {
    let c = Gazetteer::embedded().candidates("Pokrovsk", Some("UA"));
    assert!(!c.is_empty());
    assert!(c.iter().all(|c| c.place.country == "UA"));
}

#[test]
fn user_file_adds_places() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.tsv");
    std::fs::write(
        &path,
        "# name\talternates\tlat\tlon\tcountry\tadmin1\tfeature\n\
         Testivka-Nova\tТестівка Нова|Testowka\t47.45\t35.83\tUA\tUA.26\tpopulated_place\n",
    )
    .unwrap();
    let g = Gazetteer::with_user_file(&path).unwrap();
    assert_eq!(g.len(), Gazetteer::embedded().len() + 1);
    for name in [
        "Testivka Nova",
        "testivka-nova",
        "Testowka",
        "Testiwka Nowa",
    ] {
        let c = g.candidates(name, Some("UA"));
        assert_eq!(c[0].place.name, "Testivka-Nova", "{name}");
        assert_eq!(c[0].place.source, Source::User);
        assert_eq!(c[0].place.admin1, Some("Zaporizhzhia"));
    }
    // The embedded gazetteer is unchanged.
    assert!(Gazetteer::embedded().lookup("Testowka").is_empty());
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "ok\t\t1\t2\tUA\t\t\nbroken line\n").unwrap();
    let e = Gazetteer::with_user_file(&bad).unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
    assert!(Gazetteer::with_user_file(dir.path().join("missing.tsv")).is_err());
}

#[test]
fn loads_fast() {
    let t = std::time::Instant::now();
    let g = Gazetteer::with_user_text("").unwrap();
    let hits = g.lookup("Tyotkino");
    assert!(!hits.is_empty());
    assert!(
        t.elapsed() < std::time::Duration::from_millis(100),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn district_forms_from_the_namesake_town() {
    for (name, want) in [
        ("Glushkovo district", "Glushkovskiy Rayon"),
        ("Grayvoron district", "Grayvoronskiy Rayon"),
        ("Sudzha district", "Sudzhanskiy Rayon"),
        ("Bakhmut Raion", "Bakhmut Raion"),
    ] {
        let c = top(name, None);
        assert_eq!(c.place.feature, Feature::Admin2, "{name}");
        assert_eq!(c.place.name, want, "{name}");
    }
}
