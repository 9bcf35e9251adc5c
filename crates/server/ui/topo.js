// topo.js — turns the shipped TopoJSON basemap into Path2D objects in
// longitude/latitude space (x = lon, y = -lat), drawn later under a
// canvas transform. Only what the basemap files use: quantized arcs,
// Polygon and MultiPolygon geometries. Paths are first written as SVG path
// text and handed to Path2D in one call (much faster in Chromium than one
// call per point).

/** A number of SVG path text, short: `.5` for 0.5, `-.5` for -0.5. */
function short(v) {
  const t = String(v);
  if (t.startsWith('0.')) return t.slice(1);
  if (t.startsWith('-0.')) return `-${t.slice(2)}`;
  return t;
}

/**
 * Collects SVG path commands; coordinates rounded to 1/`per` degree. Lines
 * are relative (`l`, repeated implicitly) from the rounded previous point,
 * so the text is short and the rounding does not drift; points that round
 * to the previous one are left out.
 */
class PathText {
  constructor(per = 1000) {
    this.parts = [];
    this.per = per;
    this.x = 0; // the current point in 1/per degree
    this.y = 0;
    this.start = [0, 0];
    this.inLine = false;
  }

  moveTo(x, y) {
    const k = this.per;
    this.x = Math.round(x * k);
    this.y = Math.round(y * k);
    this.start = [this.x, this.y];
    this.inLine = false;
    this.parts.push(`M${short(this.x / k)}${this.y < 0 ? '' : ' '}${short(this.y / k)}`);
  }

  lineTo(x, y) {
    const k = this.per;
    const rx = Math.round(x * k);
    const ry = Math.round(y * k);
    const dx = rx - this.x;
    const dy = ry - this.y;
    if (dx === 0 && dy === 0) return;
    this.x = rx;
    this.y = ry;
    const head = this.inLine ? (dx < 0 ? '' : ' ') : 'l';
    this.inLine = true;
    this.parts.push(`${head}${short(dx / k)}${dy < 0 ? '' : ' '}${short(dy / k)}`);
  }

  closePath() {
    this.parts.push('Z');
    [this.x, this.y] = this.start;
    this.inLine = false;
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
function meshPath(arcs, used, per = 1000) {
  const path = new PathText(per);
  for (const i of used) {
    const arc = arcs[i];
    path.moveTo(arc[0], -arc[1]);
    for (let k = 2; k < arc.length; k += 2) path.lineTo(arc[k], -arc[k + 1]);
  }
  return path;
}

/**
 * Douglas–Peucker on one decoded arc: keeps its two ends and every point
 * farther than `tol` degrees from the line through the points kept around
 * it. Arcs are shared by neighbouring countries and by the borders, so
 * simplifying arcs (not rings) keeps them all meeting exactly.
 */
function simplifyArc(arc, tol) {
  const n = arc.length / 2;
  if (n <= 2 || !(tol > 0)) return arc;
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const stack = [0, n - 1];
  const tol2 = tol * tol;
  while (stack.length) {
    const b = stack.pop();
    const a = stack.pop();
    const ax = arc[2 * a];
    const ay = arc[2 * a + 1];
    const dx = arc[2 * b] - ax;
    const dy = arc[2 * b + 1] - ay;
    const len2 = dx * dx + dy * dy;
    let far = -1;
    let farD = tol2;
    for (let k = a + 1; k < b; k++) {
      const px = arc[2 * k] - ax;
      const py = arc[2 * k + 1] - ay;
      // Squared distance to the segment (to the point a when a = b: rings).
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d = ex * ex + ey * ey;
      if (d > farD) {
        farD = d;
        far = k;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push(a, far, far, b);
    }
  }
  let m = 0;
  for (let k = 0; k < n; k++) m += keep[k];
  const out = new Float64Array(2 * m);
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (keep[k]) {
      out[j++] = arc[2 * k];
      out[j++] = arc[2 * k + 1];
    }
  }
  return out;
}

/**
 * The country layer of basemap.json as SVG path text: `land` (filled),
 * `borders` (stroked) and the number of countries; with `tolerance` (in
 * degrees) the arcs are simplified first. scripts/basemap/paths writes a
 * simplified one to basemap-paths.json, which the map loads first instead
 * of decoding the topology in the browser; the full detail is built from
 * basemap.json once the map is zoomed in.
 */
export function countriesPathText(topo, tolerance = 0) {
  const arcs = decodeArcs(topo).map((arc) => simplifyArc(arc, tolerance));
  const countries = topo.objects.countries;
  // Coordinates to a tenth of the tolerance (0.001 degree at most).
  const per = tolerance > 0 ? Math.min(1000, 10 ** Math.ceil(Math.log10(10 / tolerance))) : 1000;
  const land = new PathText(per);
  for (const g of countries.geometries) {
    for (const poly of polygonsOf(g)) for (const ring of poly) addRing(land, arcs, ring);
  }
  return {
    land: land.toString(),
    borders: meshPath(arcs, arcIndexes(countries), per).toString(),
    countries: countries.geometries.length,
    tolerance,
  };
}

/** Builds the country layer from basemap.json as Path2Ds. */
export function buildCountries(topo) {
  return fromPathText(countriesPathText(topo));
}

/** The country layer from its path text (basemap-paths.json) as Path2Ds. */
export function fromPathText(text) {
  return {
    land: new Path2D(text.land),
    borders: new Path2D(text.borders),
    countries: text.countries,
    tolerance: text.tolerance || 0,
  };
}

/** Builds the subdivision borders (one stroked Path2D) from admin1.json. */
export function buildAdmin1(topo) {
  return meshPath(decodeArcs(topo), arcIndexes(topo.objects.admin1)).toPath2D();
}
