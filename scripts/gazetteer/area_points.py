#!/usr/bin/env python3
"""Representative points of countries and first-level divisions.

Reads the Natural Earth admin-1 polygons that the web UI already commits
(crates/server/ui/admin1.json, TopoJSON built by scripts/basemap/build;
Natural Earth is public domain), matches each division to its GeoNames
admin1 code by name (admin1CodesASCII.txt from ../shared/data/geonames),
and writes crates/gazetteer/data/area_points.tsv:

    CC <tab> admin1 code ('' for the country) <tab> lat <tab> lon <tab> how

For each division (and each country, the union of its divisions) the point
is the area-weighted centroid of its polygons (longitudes scaled by the
cosine of the latitude, so that high-latitude areas are not overweighted);
when the centroid falls outside every polygon (crescents, archipelagos), the
point inside the polygons nearest to the centroid (among the polygons' own
centroids and a 60 x 60 grid over the bounding box of each of the 20 largest)
is used instead ("how" says which).

Standard library only; deterministic. Usage:

    python3 scripts/gazetteer/area_points.py [--geonames DIR] [--out FILE]
"""

import argparse
import json
import math
import os
import sys
import unicodedata
from difflib import SequenceMatcher

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Words that name the kind of division, dropped before names are compared.
KIND_WORDS = {
    "oblast", "oblast'", "region", "province", "provincia", "state", "governorate",
    "city", "municipality", "department", "departement", "prefecture", "county",
    "district", "voivodeship", "autonomous", "republic", "of", "the", "krai", "kray",
    "okrug", "territory", "federal", "capital", "muhafazat", "wilayah", "vilayet",
    "velayat", "province", "regiao", "estado", "division", "canton", "parish",
    "governate", "mohafazat", "ostan", "shahri", "raion", "rayon", "special",
    "metropolitan", "respublika", "avtonomnyy", "avtonomnaya", "kraj", "oblasti",
    "oblasts'", "oblasts", "obl", "prov", "emirate", "gouvernorat", "wilaya",
    "ka", "ska", "s'ka", "s’ka", "kyy", "sk",
}


def fold(name):
    """Lower-case ASCII letters and digits, words separated by one space."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", "").replace("’", "").replace("`", "")
    s = "".join(c if c.isalnum() else " " for c in s)
    return " ".join(s.split())


def core(name):
    """The folded name without division-kind words."""
    words = [w for w in fold(name).split() if w not in KIND_WORDS]
    return " ".join(words) or fold(name)


def decode_arcs(topo):
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, idx):
    pts = []
    for i in idx:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(a if not pts else a[1:])
    # Unwrap longitudes across the antimeridian.
    out = [pts[0]]
    for lon, lat in pts[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        out.append((lon, lat))
    return out


def polygons(geom, arcs):
    if geom["type"] == "Polygon":
        return [[ring(arcs, r) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in p] for p in geom["arcs"]]
    return []


def ring_area_centroid(r, k):
    """Signed area and centroid of a ring in (lon * k, lat) coordinates."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
        x0, x1 = x0 * k, x1 * k
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    a /= 2
    if a == 0:
        return 0.0, (0.0, 0.0)
    return a, (cx / (6 * a) / k, cy / (6 * a))


def inside(polys, lon, lat):
    for poly in polys:
        hit = False
        for r in poly:
            for (x0, y0), (x1, y1) in zip(r, r[1:] + r[:1]):
                if (y0 > lat) != (y1 > lat):
                    x = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
                    if x > lon:
                        hit = not hit
        if hit:
            return True
    return False


def representative(polys):
    """(lat, lon, how) for a set of polygons (each: outer ring, holes)."""
    # Bring every polygon next to the largest one in longitude.
    sized = []
    for p in polys:
        a, c = ring_area_centroid(p[0], math.cos(math.radians(p[0][0][1])))
        sized.append((abs(a), c, p))
    sized.sort(key=lambda t: -t[0])
    ref = sized[0][1][0]
    shifted = []
    for _, c, p in sized:
        d = 0.0
        while c[0] + d - ref > 180:
            d -= 360
        while c[0] + d - ref < -180:
            d += 360
        shifted.append([[(x + d, y) for x, y in r] for r in p])
    lats = [y for p in shifted for x, y in p[0]]
    k = math.cos(math.radians((min(lats) + max(lats)) / 2))
    k = max(k, 0.05)
    area = sx = sy = 0.0
    for p in shifted:
        for r in p:
            a, (cx, cy) = ring_area_centroid(r, k)
            # Holes are wound the other way: their signed area subtracts.
            area += a
            sx += a * cx
            sy += a * cy
    if area == 0:
        return None
    lon, lat = sx / area, sy / area
    how = "centroid"
    if not inside(shifted, lon, lat):
        # Candidates: each polygon's own centroid and a 60 x 60 grid over
        # the bounding box of each of the (up to 20) largest polygons.
        cands = []
        for p in shifted:
            a, (cx, cy) = ring_area_centroid(p[0], k)
            if a:
                cands.append((cx, cy))
        n = 60
        for p in shifted[:20]:
            xs = [x for x, _ in p[0]]
            ys = [y for _, y in p[0]]
            for i in range(n + 1):
                for j in range(n + 1):
                    cands.append(
                        (min(xs) + (max(xs) - min(xs)) * i / n, min(ys) + (max(ys) - min(ys)) * j / n)
                    )
        cands.sort(key=lambda c: ((c[0] - lon) * k) ** 2 + (c[1] - lat) ** 2)
        best = next((c for c in cands if inside(shifted, c[0], c[1])), None)
        if best is None:
            return None
        lon, lat, how = best[0], best[1], "interior"
    while lon > 180:
        lon -= 360
    while lon < -180:
        lon += 360
    return round(lat, 4), round(lon, 4), how


def match(ne_names, gn):
    """Natural Earth division names of one country → GeoNames admin1 codes.

    Exact match on the folded name or its core first, then the most similar
    remaining GeoNames core (ratio at least 0.8), one to one."""
    out = {}
    by_fold = {}
    for code, names in gn.items():
        for n in names:
            by_fold.setdefault(fold(n), set()).add(code)
            by_fold.setdefault(core(n), set()).add(code)
    used = set()
    rest = []
    for ne in ne_names:
        codes = by_fold.get(fold(ne)) or by_fold.get(core(ne))
        if codes and len(codes) == 1:
            out[ne] = next(iter(codes))
            used.add(out[ne])
        else:
            rest.append(ne)
    pairs = []
    for ne in rest:
        for code, names in gn.items():
            if code in used:
                continue
            r = max(SequenceMatcher(None, core(ne), core(n)).ratio() for n in names)
            if r >= 0.8:
                pairs.append((r, ne, code))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    for r, ne, code in pairs:
        if ne in out or code in used:
            continue
        out[ne] = code
        used.add(code)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--geonames", default=os.path.join(ROOT, "..", "shared", "data", "geonames"))
    ap.add_argument("--admin1", default=os.path.join(ROOT, "crates", "server", "ui", "admin1.json"))
    ap.add_argument("--out", default=os.path.join(ROOT, "crates", "gazetteer", "data", "area_points.tsv"))
    a = ap.parse_args()

    gn = {}
    with open(os.path.join(a.geonames, "admin1CodesASCII.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 3:
                continue
            cc, code = p[0].split(".", 1)
            gn.setdefault(cc, {})[code] = {p[1], p[2]}

    topo = json.load(open(a.admin1, encoding="utf-8"))
    arcs = decode_arcs(topo)
    by_cc = {}
    for g in topo["objects"]["admin1"]["geometries"]:
        props = g.get("properties") or {}
        cc, name = props.get("cc") or "", props.get("name") or ""
        gid = g.get("id") or ""
        if not cc and fold(name) in {fold(n) for n in gn.get("US", {}).get(gid, ())}:
            # US states carry no country, and their postal code as id
            # (which is also their GeoNames admin1 code).
            cc = "US"
        polys = polygons(g, arcs)
        if not cc or not polys:
            continue
        by_cc.setdefault(cc, []).append((name, polys))

    rows = []
    matched = total = 0
    for cc in sorted(by_cc):
        divs = by_cc[cc]
        pt = representative([p for _, ps in divs for p in ps])
        if pt:
            rows.append((cc, "", pt[0], pt[1], pt[2]))
        m = match(sorted({n for n, _ in divs}), gn.get(cc, {}))
        groups = {}
        for name, ps in divs:
            total += 1
            if name in m:
                matched += 1
                groups.setdefault(m[name], []).extend(ps)
        for code in sorted(groups):
            pt = representative(groups[code])
            if pt:
                rows.append((cc, code, pt[0], pt[1], pt[2]))

    with open(a.out, "w", encoding="utf-8") as f:
        f.write(
            "# Representative points of countries (empty admin1 code) and GeoNames\n"
            "# first-level divisions, computed by scripts/gazetteer/area_points.py from\n"
            "# Natural Earth admin-1 polygons (public domain). Generated: do not edit.\n"
            "# cc\tadmin1\tlat\tlon\thow\n"
        )
        for r in rows:
            f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\t{r[4]}\n")
    gn_total = sum(len(v) for v in gn.values())
    covered = sum(1 for r in rows if r[1])
    print(
        f"{len(by_cc)} countries; {matched} of {total} Natural Earth divisions matched; "
        f"{covered} of {gn_total} GeoNames admin1 codes have a point -> {a.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
