// topo.js — turns the shipped TopoJSON basemap into Path2D objects in
// longitude/latitude space (x = lon, y = -lat), drawn later under a
// canvas transform. Only what basemap.json uses: quantized arcs,
// Polygon and MultiPolygon geometries.

/** Decodes the delta-encoded, quantized arcs into [lon, lat] arrays. */
function decodeArcs(topo) {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      if (t) {
        x += p[0];
        y += p[1];
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      }
      return [p[0], p[1]];
    });
  });
}

/** Appends one ring (a list of arc indexes, ~i meaning reversed) to a path. */
function addRing(path, arcs, ring) {
  let first = true;
  for (const i of ring) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    for (let k = 0; k < arc.length; k++) {
      const [x, y] = arc[k];
      if (first) {
        path.moveTo(x, -y);
        first = false;
      } else if (k > 0) {
        path.lineTo(x, -y);
      }
    }
  }
  path.closePath();
}

function polygonsOf(g) {
  if (g.type === 'Polygon') return [g.arcs];
  if (g.type === 'MultiPolygon') return g.arcs;
  return [];
}

/** Arc indexes used by an object's geometries (each once). */
function arcIndexes(obj) {
  const used = new Set();
  for (const g of obj.geometries) {
    for (const poly of polygonsOf(g)) {
      for (const ring of poly) for (const i of ring) used.add(i >= 0 ? i : ~i);
    }
  }
  return used;
}

/** A path of every arc in `used`, each drawn once: the borders. */
function meshPath(arcs, used) {
  const path = new Path2D();
  for (const i of used) {
    const arc = arcs[i];
    path.moveTo(arc[0][0], -arc[0][1]);
    for (let k = 1; k < arc.length; k++) path.lineTo(arc[k][0], -arc[k][1]);
  }
  return path;
}

/**
 * Builds { land, borders, admin1 } Path2Ds and the count of features.
 * `land` is filled, `borders` and `admin1` are stroked.
 */
export function buildBasemap(topo) {
  const arcs = decodeArcs(topo);
  const countries = topo.objects.countries;
  const admin = topo.objects.admin1;
  const land = new Path2D();
  for (const g of countries.geometries) {
    for (const poly of polygonsOf(g)) for (const ring of poly) addRing(land, arcs, ring);
  }
  return {
    land,
    borders: meshPath(arcs, arcIndexes(countries)),
    admin1: admin ? meshPath(arcs, arcIndexes(admin)) : new Path2D(),
    countries: countries.geometries.length,
    subdivisions: admin ? admin.geometries.length : 0,
  };
}
