#!/usr/bin/env python3
"""Makes a big sitrep database for the browser tests' 10k-event check.

Writes generated articles (templated sentences of this script's own, over a
list of places and a year of dates) into a temporary folder and stores them
with `sitrep ingest`. Every sentence is one event at a distinct
(place, date, type), so the store fuses nothing away.

usage: make_big_db.py SITREP_BINARY DB_PATH [EVENTS]
"""
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta

PLACES = [
    "Kharkiv", "Kherson", "Zaporizhzhia", "Odesa", "Mykolaiv", "Dnipro", "Sumy",
    "Chernihiv", "Pokrovsk", "Kramatorsk", "Sloviansk", "Kupiansk", "Belgorod",
    "Kursk", "Bryansk", "Donetsk", "Luhansk", "Mariupol", "Melitopol", "Nikopol",
    "Khartoum", "Omdurman", "El Fasher", "Nyala", "El Obeid", "Kadugli",
    "Goma", "Bunia", "Beni", "Bukavu", "Gao", "Timbuktu", "Mopti", "Kidal",
    "Ouagadougou", "Djibo", "Niamey", "Maiduguri", "Mogadishu", "Kismayo",
    "Aden", "Taiz", "Sanaa", "Marib", "Aleppo", "Idlib", "Homs",
    "Raqqa", "Mosul", "Kirkuk", "Tyre", "Nabatieh", "Baalbek",
    "Sittwe", "Lashio", "Myitkyina", "Port-au-Prince", "Tbilisi", "Kabul",
]

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

# One template per ACLED event type; {p} place, {d} date, {n} a number.
TEMPLATES = [
    ("Battles", "Government troops clashed with rebel fighters near {p} on {d}, the army said."),
    ("Explosions/Remote violence", "Artillery shelled {p} on {d}, killing {n} people, local officials said."),
    ("Violence against civilians", "Armed men abducted {n} civilians in {p} on {d}, residents said."),
    ("Protests", "Hundreds of people protested peacefully in {p} on {d} against the price of bread."),
    ("Riots", "Rioters burned shops and threw stones at police in {p} on {d}."),
    ("Strategic developments", "Soldiers arrested a local mayor in {p} on {d}, his family said."),
]


def spoken(d):
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def write_articles(folder, want):
    """Writes articles holding `want` events into `folder`."""
    rng = random.Random(7)
    start = date(2024, 1, 1)
    combos = [(p, day, t) for p in PLACES for day in range(366) for t in range(len(TEMPLATES))]
    rng.shuffle(combos)
    # Each article reports events of a few consecutive days (the extractor
    # treats events long before the publication date as background).
    combos = sorted(combos[:want], key=lambda c: c[1])
    per_article = 6
    for i in range(0, len(combos), per_article):
        chunk = combos[i:i + per_article]
        last = max(start + timedelta(days=day) for _, day, _ in chunk)
        lines = [f"Daily situation report number {i // per_article + 1}", "",
                 f"Published {spoken(last + timedelta(days=1))}", ""]
        for place, day, t in chunk:
            sentence = TEMPLATES[t][1].format(p=place, d=spoken(start + timedelta(days=day)),
                                              n=rng.randint(2, 9))
            lines.append(sentence)
            lines.append("")
        with open(os.path.join(folder, f"report_{i // per_article:05d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


def main():
    binary, db = sys.argv[1], sys.argv[2]
    want = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    with tempfile.TemporaryDirectory(prefix="sitrep-big-") as tmp:
        write_articles(tmp, want)
        subprocess.run([binary, "ingest", "--db", db, tmp], check=True,
                       stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
