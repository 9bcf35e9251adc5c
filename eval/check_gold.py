#!/usr/bin/env python3
"""Check the hand-written gold annotations in eval/dev and eval/test.

For every NAME.gold.json beside a NAME.txt it checks that:

* the file parses as JSON and has the fields of the contract's gold format
  (published, byline, credits, places, actors, events, claims);
* every event uses an ACLED event type and one of its sub-event types;
* dates are ISO dates with earliest <= latest, coordinates are in range;
* every place "text", every claim keyword and every credit occurs verbatim in
  the article text;
* event actors are name lists (empty when the text does not say), event
  claimants and claim claimants are non-empty name lists;
* the article is 150-450 words long.

Usage: python3 eval/check_gold.py [DIR ...]   (default: eval/dev eval/test)
Exit status 1 if any problem was found.
"""
import datetime
import json
import pathlib
import sys

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
KINDS = {"state_forces", "rebel_group", "militia", "government", "agency", "political", "civilians",
         "media", "person", "other"}
FEATURES = {"country", "admin1", "admin2", "populated_place", "region", "other"}


def is_date(s):
    try:
        datetime.date.fromisoformat(s)
        return True
    except (TypeError, ValueError):
        return False


def is_names(x):
    return isinstance(x, list) and x and all(isinstance(n, str) and n.strip() for n in x)


def check(txt_path, gold_path):
    problems = []
    text = txt_path.read_text(encoding="utf-8")
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        return [f"invalid JSON: {e}"]
    for key in ("published", "byline", "credits", "places", "actors", "events", "claims"):
        if key not in gold:
            problems.append(f"missing field {key}")
    if not is_date(gold.get("published")):
        problems.append(f"bad published date {gold.get('published')!r}")
    words = len(text.split())
    if not 150 <= words <= 450:
        problems.append(f"article has {words} words (want 150-450)")
    for c in gold.get("credits", []):
        if c not in text:
            problems.append(f"credit not in text: {c!r}")
    for p in gold.get("places", []):
        if p.get("text") not in text:
            problems.append(f"place text not in article: {p.get('text')!r}")
        if not (-90 <= p.get("lat", 999) <= 90 and -180 <= p.get("lon", 999) <= 180):
            problems.append(f"bad coordinates for {p.get('text')!r}")
        if p.get("feature") not in FEATURES:
            problems.append(f"bad feature for {p.get('text')!r}: {p.get('feature')!r}")
    for a in gold.get("actors", []):
        if not is_names(a.get("names")) or a.get("kind") not in KINDS:
            problems.append(f"bad actor {a}")
    for i, e in enumerate(gold.get("events", [])):
        where = f"event {i + 1}"
        if e.get("sub_event_type") not in ACLED.get(e.get("event_type"), ()):
            problems.append(f"{where}: bad type {e.get('event_type')!r} / {e.get('sub_event_type')!r}")
        for side in ("actor1", "actor2"):
            if not isinstance(e.get(side), list) or (e[side] and not is_names(e[side])):
                problems.append(f"{where}: {side} must be a list of names (empty when unknown)")
        loc = e.get("location", {})
        if not (isinstance(loc.get("name"), str) and -90 <= loc.get("lat", 999) <= 90
                and -180 <= loc.get("lon", 999) <= 180):
            problems.append(f"{where}: bad location {loc}")
        d = e.get("date", {})
        if not (is_date(d.get("earliest")) and is_date(d.get("latest")) and d["earliest"] <= d["latest"]):
            problems.append(f"{where}: bad date range {d}")
        elif d["latest"] > gold.get("published", "9999"):
            problems.append(f"{where}: date after publication {d}")
        fat = e.get("fatalities")
        if fat is not None and not (isinstance(fat, int) and fat >= 0):
            problems.append(f"{where}: bad fatalities {fat!r}")
        if not all(is_names(c) for c in e.get("claimants", [])):
            problems.append(f"{where}: claimants must be lists of names")
    for i, c in enumerate(gold.get("claims", [])):
        where = f"claim {i + 1}"
        if not is_names(c.get("claimant")):
            problems.append(f"{where}: claimant must be a non-empty list of names")
        if not isinstance(c.get("via"), list) or not all(isinstance(v, str) for v in c["via"]):
            problems.append(f"{where}: via must be a list of single names")
        kws = c.get("keywords", [])
        if not 1 <= len(kws) <= 3:
            problems.append(f"{where}: want 1-3 keywords, got {kws}")
        for k in kws:
            if k not in text:
                problems.append(f"{where}: keyword not in article: {k!r}")
    return problems


def main(argv):
    root = pathlib.Path(__file__).resolve().parent
    dirs = [pathlib.Path(a) for a in argv] or [root / "dev", root / "test"]
    bad = 0
    total = 0
    for d in dirs:
        for gold_path in sorted(d.glob("*.gold.json")):
            total += 1
            txt_path = gold_path.with_name(gold_path.name[: -len(".gold.json")] + ".txt")
            if not txt_path.exists():
                print(f"{gold_path}: no article {txt_path.name}")
                bad += 1
                continue
            for p in check(txt_path, gold_path):
                print(f"{gold_path}: {p}")
                bad += 1
    print(f"{total} gold files checked, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
