//! Lists gazetteer candidates for a name, like the planned `sitrep places`:
//! `places NAME [--country CC] [--gazetteer FILE] [--limit N]`.
use sitrep_gazetteer::Gazetteer;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut name = Vec::new();
    let mut country = None;
    let mut file = None;
    let mut limit = 10usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--country" => country = args.next(),
            "--gazetteer" => file = args.next(),
            "--limit" => limit = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            _ => name.push(a),
        }
    }
    let name = name.join(" ");
    let t = Instant::now();
    let owned;
    let g = match file {
        Some(f) => {
            owned = Gazetteer::with_user_file(&f).unwrap_or_else(|e| {
                eprintln!("{e}");
                std::process::exit(1)
            });
            &owned
        }
        None => Gazetteer::embedded(),
    };
    let load = t.elapsed();
    let t = Instant::now();
    let c = g.candidates(&name, country.as_deref());
    let look = t.elapsed();
    println!(
        "{} candidates for {name:?} (key {:?}); load {load:?}, lookup {look:?}",
        c.len(),
        sitrep_gazetteer::key(&name)
    );
    for c in c.iter().take(limit) {
        let p = &c.place;
        println!(
            "{:6.3}  {:<40} {:9.4} {:9.4}  {:<8} {:<14} pop {:<9} id {}  [{}]",
            c.score,
            p.admin_path(),
            p.lat,
            p.lon,
            p.feature_code,
            format!("{:?}", p.source),
            p.population,
            p.id,
            c.why
        );
    }
}
