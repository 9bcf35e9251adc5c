// map.js — the events map: a <canvas> with the shipped basemap drawn in an
// equirectangular projection (x = longitude, y = latitude, both linear, so
// the basemap paths are built once and drawn under a canvas transform),
// pan (drag, arrow keys), zoom (wheel, +/- buttons and keys), and markers
// coloured by event type, clustered on a screen grid at the current zoom.

import { colourOf } from './types.js';

const CELL = 36; // px: events closer than about this are clustered
const MIN_SCALE = 2; // px per degree
const MAX_SCALE = 4000;
// px per degree past which the simplified countries (basemap-paths.json,
// 0.1 degree tolerance) would be off by more than a pixel: the full detail
// is loaded then.
const DETAIL_SCALE = 10;

/** Marker radius (px) of a cluster of n events. */
function radius(n) {
  return n === 1 ? 5 : Math.min(22, 8 + Math.log2(n) * 2.5);
}

export class EventMap {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{onOpen: (id: string) => void, tooltip: HTMLElement}} opts
   */
  constructor(canvas, opts) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.onOpen = opts.onOpen;
    this.tooltip = opts.tooltip;
    this.base = null; // country Path2Ds from topo.js (simplified)
    this.detail = null; // the same in full detail, loaded on first zoom-in
    this.loadDetail = opts.loadDetail; // () => Promise<{land, borders}>
    this.detailPending = false;
    this.admin1 = null; // subdivision borders, loaded on first zoom-in
    this.loadAdmin1 = opts.loadAdmin1; // () => Promise<Path2D>
    this.admin1Pending = false;
    this.points = []; // {id, lon, lat, type, label, date}
    this.clusters = [];
    this.view = { lon: 20, lat: 30, scale: 4 };
    this.frame = 0;
    this.onDrawn = null; // called once after the first draw with events
    this.bindInput();
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  setBasemap(base) {
    this.base = base;
    this.requestDraw();
  }

  /** Replaces the markers; `points` is an array of {id, lon, lat, type, ...}. */
  setPoints(points) {
    this.points = points;
    this.requestDraw();
  }

  /** Zooms to show every point (or the world when there are none). */
  fit(points = this.points) {
    const w = this.width;
    const h = this.height;
    if (!points.length) {
      this.view = { lon: 15, lat: 25, scale: Math.max(MIN_SCALE, w / 360) };
      this.requestDraw();
      return;
    }
    let minX = 180;
    let maxX = -180;
    let minY = 90;
    let maxY = -90;
    for (const p of points) {
      if (p.lon < minX) minX = p.lon;
      if (p.lon > maxX) maxX = p.lon;
      if (p.lat < minY) minY = p.lat;
      if (p.lat > maxY) maxY = p.lat;
    }
    const spanX = Math.max(maxX - minX, 4);
    const spanY = Math.max(maxY - minY, 3);
    const scale = Math.min((w * 0.85) / spanX, (h * 0.85) / spanY, 200);
    this.view = { lon: (minX + maxX) / 2, lat: (minY + maxY) / 2, scale: Math.max(scale, MIN_SCALE) };
    this.requestDraw();
  }

  get width() {
    return this.canvas.clientWidth || 800;
  }

  get height() {
    return this.canvas.clientHeight || 500;
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.requestDraw();
  }

  /** Screen position (CSS px) of a longitude/latitude. */
  project(lon, lat) {
    const v = this.view;
    return [this.width / 2 + (lon - v.lon) * v.scale, this.height / 2 - (lat - v.lat) * v.scale];
  }

  unproject(x, y) {
    const v = this.view;
    return [v.lon + (x - this.width / 2) / v.scale, v.lat - (y - this.height / 2) / v.scale];
  }

  /** Zooms by `factor` keeping the point under (x, y) still. */
  zoomAt(factor, x = this.width / 2, y = this.height / 2) {
    const [lon, lat] = this.unproject(x, y);
    const v = this.view;
    v.scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, v.scale * factor));
    v.lon = lon - (x - this.width / 2) / v.scale;
    v.lat = lat + (y - this.height / 2) / v.scale;
    this.clampView();
    this.requestDraw();
  }

  panBy(dx, dy) {
    this.view.lon -= dx / this.view.scale;
    this.view.lat += dy / this.view.scale;
    this.clampView();
    this.requestDraw();
  }

  clampView() {
    const v = this.view;
    v.lon = Math.max(-180, Math.min(180, v.lon));
    v.lat = Math.max(-85, Math.min(85, v.lat));
  }

  requestDraw() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Groups points into screen-grid clusters for the current view. */
  cluster() {
    const cells = new Map();
    const w = this.width;
    const h = this.height;
    // project(), inlined: this loop runs over every event on each draw.
    const { lon: lon0, lat: lat0, scale } = this.view;
    const hw = w / 2;
    const hh = h / 2;
    for (const p of this.points) {
      const x = hw + (p.lon - lon0) * scale;
      const y = hh - (p.lat - lat0) * scale;
      if (x < -CELL || y < -CELL || x > w + CELL || y > h + CELL) continue;
      // A number, not a string: y cells stay far below a million.
      const key = Math.floor(x / CELL) * 1e6 + Math.floor(y / CELL);
      let c = cells.get(key);
      if (!c) {
        c = { x: 0, y: 0, n: 0, byType: new Map(), first: p };
        cells.set(key, c);
      }
      c.x += x;
      c.y += y;
      c.n += 1;
      c.byType.set(p.type, (c.byType.get(p.type) || 0) + 1);
    }
    // Second pass: grid cells next to each other can still give circles
    // that overlap; merge each smaller cluster into a bigger one it touches
    // (biggest first; a spatial hash keeps this linear).
    const sorted = [...cells.values()].sort((a, b) => b.n - a.n);
    const merged = [];
    const near = new Map();
    const BIN = 2 * radius(Infinity);
    for (const c of sorted) {
      c.x /= c.n;
      c.y /= c.n;
      const bx = Math.floor(c.x / BIN);
      const by = Math.floor(c.y / BIN);
      let host = null;
      for (let dx = -1; dx <= 1 && !host; dx++) {
        for (let dy = -1; dy <= 1 && !host; dy++) {
          for (const a of near.get(`${bx + dx},${by + dy}`) || []) {
            if (Math.hypot(a.x - c.x, a.y - c.y) < radius(a.n) + radius(c.n) - 2) {
              host = a;
              break;
            }
          }
        }
      }
      if (host) {
        host.n += c.n;
        for (const [t, n] of c.byType) host.byType.set(t, (host.byType.get(t) || 0) + n);
        continue;
      }
      merged.push(c);
      const key = `${bx},${by}`;
      if (!near.has(key)) near.set(key, []);
      near.get(key).push(c);
    }
    const out = [];
    for (const c of merged) {
      let top = null;
      let topN = -1;
      for (const [t, n] of c.byType) {
        if (n > topN) {
          top = t;
          topN = n;
        }
      }
      out.push({ x: c.x, y: c.y, n: c.n, type: top, first: c.first, types: c.byType.size });
    }
    return out;
  }

  draw() {
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    const w = this.width;
    const h = this.height;
    const v = this.view;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#dde8f0'; // sea
    ctx.fillRect(0, 0, w, h);
    if (this.base) {
      // Degrees to pixels: x = w/2 + (lon - v.lon) s, y = h/2 + (-lat + v.lat) s.
      ctx.save();
      ctx.setTransform(dpr * v.scale, 0, 0, dpr * v.scale,
        dpr * (w / 2 - v.lon * v.scale), dpr * (h / 2 + v.lat * v.scale));
      let countries = this.base;
      if (v.scale > DETAIL_SCALE && this.base.tolerance > 0) {
        if (this.detail) countries = this.detail;
        else if (!this.detailPending && this.loadDetail) {
          this.detailPending = true;
          this.loadDetail().then((detail) => {
            this.detail = detail;
            this.requestDraw();
          }, () => {});
        }
      }
      ctx.fillStyle = '#f7f5ef';
      ctx.fill(countries.land, 'evenodd');
      if (v.scale > 6) {
        if (this.admin1) {
          ctx.strokeStyle = '#c9c3b5';
          ctx.lineWidth = 0.6 / v.scale;
          ctx.stroke(this.admin1);
        } else if (!this.admin1Pending && this.loadAdmin1) {
          this.admin1Pending = true;
          this.loadAdmin1().then((path) => {
            this.admin1 = path;
            this.requestDraw();
          }, () => {});
        }
      }
      ctx.strokeStyle = '#8c8577';
      ctx.lineWidth = 1 / v.scale;
      ctx.stroke(countries.borders);
      ctx.restore();
    }
    this.clusters = this.cluster();
    let drawn = 0;
    ctx.lineWidth = 1;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = 'bold 11px system-ui, sans-serif';
    for (const c of this.clusters) {
      const r = radius(c.n);
      ctx.beginPath();
      ctx.arc(c.x, c.y, r, 0, Math.PI * 2);
      ctx.fillStyle = colourOf(c.type);
      ctx.globalAlpha = c.n === 1 ? 0.9 : 0.8;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = c.types > 1 ? '#222' : '#fff';
      ctx.stroke();
      if (c.n > 1) {
        ctx.fillStyle = '#fff';
        ctx.fillText(String(c.n), c.x, c.y);
      }
      drawn += c.n;
    }
    this.canvas.dataset.eventsDrawn = String(drawn);
    this.canvas.dataset.clusters = String(this.clusters.length);
    this.canvas.dataset.basemap = this.base ? String(this.base.countries) : '0';
    this.canvas.dataset.admin1 = this.admin1 && v.scale > 6 ? 'drawn' : '';
    this.canvas.dataset.detail = this.detail && v.scale > DETAIL_SCALE ? 'drawn' : '';
    if (this.onDrawn && this.base) {
      const cb = this.onDrawn;
      this.onDrawn = null;
      cb(drawn);
    }
  }

  /** The cluster under a screen point, if any. */
  hit(x, y) {
    let best = null;
    let bestD = Infinity;
    for (const c of this.clusters) {
      const r = Math.max(8, radius(c.n));
      const d = Math.hypot(c.x - x, c.y - y);
      if (d <= r && d < bestD) {
        best = c;
        bestD = d;
      }
    }
    return best;
  }

  bindInput() {
    const cv = this.canvas;
    cv.tabIndex = 0;
    let drag = null;
    cv.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, moved: 0 };
      cv.setPointerCapture(e.pointerId);
    });
    cv.addEventListener('pointermove', (e) => {
      const r = cv.getBoundingClientRect();
      if (drag) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        drag.moved += Math.abs(dx) + Math.abs(dy);
        drag.x = e.clientX;
        drag.y = e.clientY;
        this.panBy(dx, dy);
        return;
      }
      this.showTip(this.hit(e.clientX - r.left, e.clientY - r.top), e.clientX - r.left, e.clientY - r.top);
    });
    cv.addEventListener('pointerup', (e) => {
      const wasClick = drag && drag.moved < 4;
      drag = null;
      if (!wasClick) return;
      const r = cv.getBoundingClientRect();
      const x = e.clientX - r.left;
      const y = e.clientY - r.top;
      const c = this.hit(x, y);
      if (!c) return;
      if (c.n === 1) this.onOpen(c.first.id);
      else this.zoomAt(3, c.x, c.y);
    });
    cv.addEventListener('pointerleave', () => this.showTip(null));
    cv.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.showTip(null);
      const r = cv.getBoundingClientRect();
      this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    }, { passive: false });
    cv.addEventListener('keydown', (e) => {
      const step = 60;
      const keys = {
        ArrowLeft: () => this.panBy(step, 0),
        ArrowRight: () => this.panBy(-step, 0),
        ArrowUp: () => this.panBy(0, step),
        ArrowDown: () => this.panBy(0, -step),
        '+': () => this.zoomAt(1.5),
        '=': () => this.zoomAt(1.5),
        '-': () => this.zoomAt(1 / 1.5),
      };
      if (keys[e.key]) {
        e.preventDefault();
        keys[e.key]();
      }
    });
  }

  /** Shows a small tooltip naming the event or the cluster size. */
  showTip(c, x, y) {
    const tip = this.tooltip;
    if (!c) {
      tip.hidden = true;
      return;
    }
    tip.textContent = c.n === 1
      ? `${c.first.date || ''} ${c.first.type}: ${c.first.label || ''}`
      : `${c.n} events — click to zoom in`;
    tip.style.left = `${x + 12}px`;
    tip.style.top = `${y + 12}px`;
    tip.hidden = false;
  }
}
