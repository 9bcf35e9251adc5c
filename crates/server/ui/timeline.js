// timeline.js — a histogram of events per day (per week when the range is
// longer than about half a year) on a <canvas>, with a brush: drag across
// it to select a date range, click without dragging (or Escape) to clear;
// with the keyboard, arrows move the range and Shift+arrows resize it.
// Dates are handled as whole UTC days since 1970-01-01.

const DAY = 86400000;
const PAD_X = 28;
const PAD_BOTTOM = 18;

const dayCache = new Map(); // ISO date → day number: events share few dates
/** Days since 1970-01-01 of an ISO date (NaN when it does not parse). */
export function toDay(iso) {
  let d = dayCache.get(iso);
  if (d === undefined) {
    d = Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
    if (dayCache.size < 100000) dayCache.set(iso, d);
  }
  return d;
}
export const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

export class Timeline {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {(range: [string, string] | null) => void} onBrush
   */
  constructor(canvas, onBrush) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.onBrush = onBrush;
    this.days = []; // one day number per event
    this.brush = null; // [firstDay, lastDay] inclusive
    this.bindInput();
    new ResizeObserver(() => this.resize()).observe(canvas);
    this.resize();
  }

  /** Sets the events' start dates (ISO strings) and redraws. */
  setDates(isoDates) {
    this.days = isoDates.filter(Boolean).map(toDay).filter((d) => Number.isFinite(d));
    let lo = Infinity;
    let hi = -Infinity;
    for (const d of this.days) {
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    if (!Number.isFinite(lo)) {
      lo = Math.floor(Date.now() / DAY) - 30;
      hi = lo + 30;
    }
    this.lo = lo;
    this.hi = Math.max(hi, lo + 1);
    this.binDays = this.hi - this.lo > 180 ? 7 : 1;
    this.canvas.dataset.bin = this.binDays === 7 ? 'week' : 'day';
    this.draw();
  }

  get width() {
    return this.canvas.clientWidth || 800;
  }

  get height() {
    return this.canvas.clientHeight || 90;
  }

  resize() {
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(this.width * dpr);
    this.canvas.height = Math.round(this.height * dpr);
    this.draw();
  }

  /** x position (CSS px) of the start of a day. */
  xOf(day) {
    const span = this.hi + 1 - this.lo;
    return PAD_X + ((day - this.lo) / span) * (this.width - 2 * PAD_X);
  }

  dayAt(x) {
    const span = this.hi + 1 - this.lo;
    const d = this.lo + Math.floor(((x - PAD_X) / (this.width - 2 * PAD_X)) * span);
    return Math.max(this.lo, Math.min(this.hi, d));
  }

  draw() {
    if (this.lo === undefined) return;
    const ctx = this.ctx;
    const dpr = window.devicePixelRatio || 1;
    const w = this.width;
    const h = this.height;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const nBins = Math.ceil((this.hi + 1 - this.lo) / this.binDays);
    const counts = new Array(nBins).fill(0);
    for (const d of this.days) counts[Math.floor((d - this.lo) / this.binDays)] += 1;
    const max = Math.max(1, ...counts);
    const plotH = h - PAD_BOTTOM - 6;
    for (let i = 0; i < nBins; i++) {
      if (!counts[i]) continue;
      const d0 = this.lo + i * this.binDays;
      const x0 = this.xOf(d0);
      const x1 = this.xOf(d0 + this.binDays);
      const bh = Math.max(1, (counts[i] / max) * plotH);
      const inBrush = !this.brush || (d0 + this.binDays - 1 >= this.brush[0] && d0 <= this.brush[1]);
      ctx.fillStyle = inBrush ? '#3b6ea5' : '#b8c4d0';
      ctx.fillRect(x0, h - PAD_BOTTOM - bh, Math.max(1, x1 - x0 - 1), bh);
    }
    // Axis: the first and last date, and the peak count.
    ctx.fillStyle = '#333';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(toIso(this.lo), PAD_X, h - 4);
    ctx.textAlign = 'right';
    ctx.fillText(toIso(this.hi), w - PAD_X, h - 4);
    ctx.textAlign = 'center';
    ctx.fillText(`per ${this.binDays === 7 ? 'week' : 'day'} · max ${max}`, w / 2, h - 4);
    if (this.brush) {
      const x0 = this.xOf(this.brush[0]);
      const x1 = this.xOf(this.brush[1] + 1);
      ctx.fillStyle = 'rgba(59, 110, 165, 0.15)';
      ctx.fillRect(x0, 0, x1 - x0, h - PAD_BOTTOM);
      ctx.strokeStyle = '#3b6ea5';
      ctx.strokeRect(x0 + 0.5, 0.5, x1 - x0 - 1, h - PAD_BOTTOM - 1);
    }
    this.canvas.dataset.brush = this.brush ? this.range().join('/') : '';
  }

  /** The selected range as ISO dates, or null. */
  range() {
    return this.brush ? [toIso(this.brush[0]), toIso(this.brush[1])] : null;
  }

  clear() {
    this.brush = null;
    this.draw();
    this.onBrush(null);
  }

  bindInput() {
    const cv = this.canvas;
    cv.tabIndex = 0;
    let start = null;
    let moved = false;
    const xOfEvent = (e) => e.clientX - cv.getBoundingClientRect().left;
    cv.addEventListener('pointerdown', (e) => {
      start = this.dayAt(xOfEvent(e));
      moved = false;
      cv.setPointerCapture(e.pointerId);
    });
    cv.addEventListener('pointermove', (e) => {
      if (start === null) return;
      const d = this.dayAt(xOfEvent(e));
      if (d !== start) moved = true;
      if (moved) {
        this.brush = [Math.min(start, d), Math.max(start, d)];
        this.draw();
      }
    });
    cv.addEventListener('pointerup', () => {
      if (start === null) return;
      start = null;
      if (!moved) this.clear();
      else this.onBrush(this.range());
    });
    // Keyboard: arrows move the selected range by one bar (with Shift they
    // move only its end), starting from the last bar; Escape clears.
    cv.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        this.clear();
        return;
      }
      const dir = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
      if (!dir || this.lo === undefined) return;
      e.preventDefault();
      const step = dir * this.binDays;
      const clamp = (d) => Math.max(this.lo, Math.min(this.hi, d));
      if (!this.brush) this.brush = [clamp(this.hi - this.binDays + 1), this.hi];
      else if (e.shiftKey) this.brush = [this.brush[0], Math.max(this.brush[0], clamp(this.brush[1] + step))];
      else if (clamp(this.brush[0] + step) === this.brush[0] + step && clamp(this.brush[1] + step) === this.brush[1] + step) {
        this.brush = [this.brush[0] + step, this.brush[1] + step];
      }
      this.draw();
      this.onBrush(this.range());
    });
  }
}
