// topo.js — turns the shipped TopoJSON basemap into Path2D objects in
// longitude/latitude space (x = lon, y = -lat), drawn later under a
// canvas transform. Only what the basemap files use: quantized arcs,
// Polygon and MultiPolygon geometries. Paths are first written as SVG path
// text and handed to Path2D in one call (much faster in Chromium than one
// call per point).

/** Collects SVG path commands; coordinates rounded to 0.001 degree. */
class PathText {
  constructor() {
    this.parts = [];
  }

  moveTo(x, y) {
    this.parts.push(`M${Math.round(x * 1000) / 1000} ${Math.round(y * 1000) / 1000}`);
  }

  lineTo(x, y) {
    this.parts.push(`L${Math.round(x * 1000) / 1000} ${Math.round(y * 1000) / 1000}`);
  }

  closePath() {
    this.parts.push('Z');
  }

  toString() {
    return this.parts.join('');
  }

  toPath2D() {
    return new Path2D(this.toString());
  }
}

/**
 * Decodes the delta-encoded, quantized arcs into flat Float64Arrays
 * [lon0, lat0, lon1, lat1, …]. A line that crosses the antimeridian (a
 * jump of more than 180 degrees between two points) is unwrapped: the
 * points after the jump are shifted by 360 degrees so no line is drawn
 * across the whole map.
 */
function decodeArcs(topo) {
  const t = topo.transform || { scale: [1, 1], translate: [0, 0] };
  const [sx, sy] = t.scale;
  const [tx, ty] = t.translate;
  const quantized = Boolean(topo.transform);
  return topo.arcs.map((arc) => {
    const out = new Float64Array(arc.length * 2);
    let x = 0;
    let y = 0;
    let shift = 0;
    for (let k = 0; k < arc.length; k++) {
      const p = arc[k];
      if (quantized) {
        x += p[0];
        y += p[1];
      } else {
        x = p[0];
        y = p[1];
      }
      let lon = x * sx + tx;
      if (k > 0) {
        const prev = out[2 * k - 2];
        if (lon + shift - prev > 180) shift -= 360;
        else if (lon + shift - prev < -180) shift += 360;
      }
      lon += shift;
      out[2 * k] = lon;
      out[2 * k + 1] = y * sy + ty;
    }
    return out;
  });
}

/**
 * Appends one ring (a list of arc indexes, ~i meaning reversed) to a path.
 * Each arc is moved by a multiple of 360 degrees when needed to start where
 * the previous one ended, so rings crossing the antimeridian stay whole.
 */
function addRing(path, arcs, ring) {
  let lastX = null;
  for (const i of ring) {
    const arc = arcs[i >= 0 ? i : ~i];
    const n = arc.length / 2;
    const fwd = i >= 0;
    const x0 = fwd ? arc[0] : arc[2 * n - 2];
    const off = lastX === null ? 0 : Math.round((lastX - x0) / 360) * 360;
    for (let k = 0; k < n; k++) {
      const j = fwd ? k : n - 1 - k;
      const x = arc[2 * j] + off;
      const y = -arc[2 * j + 1];
      if (lastX === null) path.moveTo(x, y);
      else if (k > 0) path.lineTo(x, y);
      lastX = x;
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
  const path = new PathText();
  for (const i of used) {
    const arc = arcs[i];
    path.moveTo(arc[0], -arc[1]);
    for (let k = 2; k < arc.length; k += 2) path.lineTo(arc[k], -arc[k + 1]);
  }
  return path;
}

/**
 * The country layer of basemap.json as SVG path text: `land` (filled),
 * `borders` (stroked) and the number of countries. scripts/basemap/paths
 * writes it to basemap-paths.json, which the map loads instead of
 * decoding the topology in the browser.
 */
export function countriesPathText(topo) {
  const arcs = decodeArcs(topo);
  const countries = topo.objects.countries;
  const land = new PathText();
  for (const g of countries.geometries) {
    for (const poly of polygonsOf(g)) for (const ring of poly) addRing(land, arcs, ring);
  }
  return {
    land: land.toString(),
    borders: meshPath(arcs, arcIndexes(countries)).toString(),
    countries: countries.geometries.length,
  };
}

/** Builds the country layer from basemap.json as Path2Ds. */
export function buildCountries(topo) {
  return fromPathText(countriesPathText(topo));
}

/** The country layer from its path text (basemap-paths.json) as Path2Ds. */
export function fromPathText(text) {
  return { land: new Path2D(text.land), borders: new Path2D(text.borders), countries: text.countries };
}

/** Builds the subdivision borders (one stroked Path2D) from admin1.json. */
export function buildAdmin1(topo) {
  return meshPath(decodeArcs(topo), arcIndexes(topo.objects.admin1)).toPath2D();
}
