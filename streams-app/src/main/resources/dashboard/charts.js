// Trend charts (uPlot from its WebJar, loaded by index.html as the global uPlot) and tile sparklines (plain SVG).
import * as m from './kpi-math.js';
import { h } from './dom.js';

const TREND_DAYS = 30;
/** Series styles: colour plus a dash pattern and a legend label, so colour is never the only difference. */
const STYLE = {
  line: { stroke: '#1d4ed8', width: 2.5 },
  unit: { stroke: '#0f766e', width: 2, dash: [8, 4] },
  order: { stroke: '#a21caf', width: 2, dash: [2, 3] },
  p50: { stroke: '#1d4ed8', width: 2.5 },
  p90: { stroke: '#c2410c', width: 2, dash: [8, 4] },
  p99: { stroke: '#6b7280', width: 1.5, dash: [2, 3] },
  shipments: { stroke: '#1d4ed8', width: 2.5 },
  invoiced: { stroke: '#0f766e', width: 2, dash: [8, 4] },
};

export class Charts {
  constructor({ locale, tv }) {
    this.locale = locale;
    this.tv = tv;
    this.plots = {};
    this.signature = {};
    if (typeof ResizeObserver !== 'undefined') {
      this.resize = new ResizeObserver((entries) => {
        for (const e of entries) {
          const plot = this.plots[e.target.id];
          if (plot) plot.setSize(this.size(e.target));
        }
      });
    }
  }

  size(el) {
    // Wall screens narrower than 1800 px (1600 × 1000) need lower charts to keep the page on one screen.
    const tvHeight = window.innerWidth <= 1800 ? 125 : 180;
    return { width: Math.max(240, Math.floor(el.clientWidth)), height: this.tv ? tvHeight : 200 };
  }

  update(store, view, intraday, openedAt) {
    if (typeof window.uPlot === 'undefined') {
      for (const id of ['chart-fill', 'chart-latency', 'chart-intraday']) {
        const el = document.getElementById(id);
        if (!el.dataset.missing) {
          el.dataset.missing = 'true';
          el.replaceChildren(h('p', { class: 'muted' }, 'Charts unavailable: the uPlot WebJar did not load.'));
        }
      }
      return;
    }
    if (!view.today) return;
    const days = m.daysOf({ from: m.addDays(view.today, -(TREND_DAYS - 1)), to: view.today });
    const firstDay = earliestDay(store);
    const shown = days.filter((d) => !firstDay || d >= firstDay);
    const xs = shown.map((d) => m.dayNumber(d) * 86_400);
    const dayLabels = JSON.stringify(shown.map((d) => new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
      .format(new Date(m.dayNumber(d) * 86_400_000))));
    for (const id of ['chart-fill', 'chart-latency']) document.getElementById(id).dataset.days = dayLabels;

    const fillByDay = m.groupByDay(store.values('fill-rate', 'all'));
    const fills = shown.map((d) => m.sumFillRate(fillByDay.get(d) || []));
    const pct = (r) => (r === null ? null : Math.round(r * 1000) / 10);
    this.draw('chart-fill', [xs, fills.map((f) => pct(f.lineFillRate)), fills.map((f) => pct(f.unitFillRate)),
      fills.map((f) => pct(f.orderFillRate))], () => ({
      series: [{ value: (u, v) => (v == null ? '—' : this.dayLabel(v)) },
        { label: 'Line fill', ...STYLE.line, value: (u, v) => (v == null ? '—' : `${v} %`) },
        { label: 'Unit fill', ...STYLE.unit, value: (u, v) => (v == null ? '—' : `${v} %`) },
        { label: 'Order fill', ...STYLE.order, value: (u, v) => (v == null ? '—' : `${v} %`) }],
      axes: [this.dayAxis(), { ...this.axisStyle(), values: (u, vals) => vals.map((v) => `${v} %`), size: 56 }],
      scales: { x: { time: true, range: Charts.dayRange }, y: { range: (u, min, max) => [Math.max(0, Math.floor(Math.min(min ?? 80, 80) / 5) * 5), 100] } },
    }));

    const latByDay = m.groupByDay(store.values('invoice-latency', 'all'));
    const lats = shown.map((d) => m.sumLatency(latByDay.get(d) || []));
    const hours = (s) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
    this.draw('chart-latency', [xs, lats.map((l) => hours(l.p50Seconds)), lats.map((l) => hours(l.p90Seconds)),
      lats.map((l) => hours(l.p99Seconds))], () => ({
      series: [{ value: (u, v) => (v == null ? '—' : this.dayLabel(v)) },
        { label: 'p50', ...STYLE.p50, value: (u, v) => (v == null ? '—' : m.formatDuration(v * 3600)) },
        { label: 'p90', ...STYLE.p90, value: (u, v) => (v == null ? '—' : m.formatDuration(v * 3600)) },
        { label: 'p99', ...STYLE.p99, value: (u, v) => (v == null ? '—' : m.formatDuration(v * 3600)) }],
      axes: [this.dayAxis(), { ...this.axisStyle(), values: (u, vals) => vals.map((v) => `${v} h`), size: 56 }],
      scales: { x: { time: true, range: Charts.dayRange }, y: { range: (u, min, max) => [0, Math.max(1, Math.ceil((max ?? 1) * 1.1))] } },
    }));

    const title = document.getElementById('intraday-title');
    title.textContent = `Today (${this.dayLabel(m.dayNumber(view.today) * 86_400)}) since ${new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(openedAt))}`;
    const pts = intraday.filter((s) => s.today === view.today);
    // uPlot needs at least one point; repeat the first sample "now" so a quiet page still shows a flat line.
    const series = pts.length ? [...pts, { ...pts[pts.length - 1], t: Math.max(Date.now(), pts[pts.length - 1].t + 1) }] : [];
    this.draw('chart-intraday', [series.map((s) => s.t / 1000), series.map((s) => s.values.shipments),
      series.map((s) => s.values.invoiced)], () => ({
      series: [{ value: (u, v) => (v == null ? '—' : new Date(v * 1000).toLocaleTimeString(this.locale)) },
        { label: 'Shipments today', ...STYLE.shipments, paths: window.uPlot.paths.stepped({ align: 1 }),
          value: (u, v) => (v == null ? '—' : m.formatCount(v, this.locale)) },
        { label: 'of which invoiced', ...STYLE.invoiced, paths: window.uPlot.paths.stepped({ align: 1 }),
          value: (u, v) => (v == null ? '—' : m.formatCount(v, this.locale)) }],
      axes: [{ ...this.axisStyle(), space: this.tv ? 130 : 95, values: (u, vals) => {
        const span = vals.length > 1 ? vals[vals.length - 1] - vals[0] : 0;
        const f = new Intl.DateTimeFormat(this.locale, span < 600 ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        return vals.map((v) => f.format(new Date(v * 1000)));
      } },
        { ...this.axisStyle(), values: (u, vals) => vals.map((v) => m.formatCount(v, this.locale)), size: 64 }],
      scales: { x: { time: true, range: (u, min, max) => [min, Math.max(max, min + 120)] },
        y: { range: (u, min, max) => [0, Math.max(5, Math.ceil((max ?? 5) * 1.1))] } },
    }));
  }

  dayLabel(epochSeconds) {
    return new Intl.DateTimeFormat(this.locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
      .format(new Date(epochSeconds * 1000));
  }

  axisStyle() {
    const dark = this.tv;
    return {
      stroke: dark ? '#cbd5e1' : '#475569',
      grid: { stroke: dark ? 'rgba(148,163,184,0.18)' : 'rgba(15,23,42,0.08)', width: 1 },
      ticks: { show: false },
      font: `${this.tv ? 15 : 12}px system-ui, sans-serif`,
    };
  }

  /**
   * One tick per day of data, never one between days (uPlot's time ticks would label hours with their date, so one
   * day read "Dec 1, Jun 1, Dec 1…"); when the days do not fit, every n-th day, always today. The labels are also
   * written to data-day-ticks for the browser test.
   */
  dayAxis() {
    const format = new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const space = this.tv ? 80 : 60;
    return { ...this.axisStyle(), space,
      splits: (u) => {
        const days = u.data[0];
        const step = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(u.width / space))));
        return days.filter((_, i) => (days.length - 1 - i) % step === 0);
      },
      values: (u, vals) => {
        const labels = vals.map((v) => format.format(new Date(v * 1000)));
        u.root.parentElement.dataset.dayTicks = JSON.stringify(labels);
        return labels;
      } };
  }

  /** Half a day on either side of the first and last day, so that one day of data is a tick in the middle. */
  static dayRange(u, min, max) {
    return [min - 43_200, max + 43_200];
  }

  /** Creates the plot on first use, then only swaps its data (keeps zoom-free, cheap updates). */
  draw(id, data, options) {
    const el = document.getElementById(id);
    const signature = JSON.stringify(data);
    if (this.signature[id] === signature) return;
    this.signature[id] = signature;
    el.dataset.points = String(data[0].length);
    if (!this.plots[id]) {
      const opts = { ...this.size(el), cursor: { drag: { x: false, y: false } }, legend: { live: false }, ...options() };
      el.replaceChildren();
      this.plots[id] = new window.uPlot(opts, data, el);
      if (this.resize) this.resize.observe(el);
    } else {
      this.plots[id].setData(data);
    }
  }
}

function earliestDay(store) {
  let first = null;
  for (const v of store.values('fill-rate', 'all').concat(store.values('invoice-latency', 'all'))) {
    if (v.day && (first === null || v.day < first)) first = v.day;
  }
  return first;
}

/** A small SVG line of [time, value] points, with the change since the first point as text. */
export function sparkline(el, points, { label }) {
  if (!el) return;
  const W = 160;
  const H = 28;
  if (points.length < 2) {
    el.replaceChildren(h('span', { class: 'spark-label' }, `${label}: no movement yet`));
    return;
  }
  const t0 = points[0][0];
  const t1 = points[points.length - 1][0];
  const vs = points.map(([, v]) => v);
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const x = (t) => (t1 === t0 ? W : ((t - t0) / (t1 - t0)) * W);
  const y = (v) => (hi === lo ? H / 2 : H - 2 - ((v - lo) / (hi - lo)) * (H - 4));
  const path = points.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const first = vs[0];
  const last = vs[vs.length - 1];
  const isRate = Math.abs(hi) <= 1 && Math.abs(lo) <= 1 && !Number.isInteger(last + first);
  const diff = last - first;
  const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '=';
  const text = isRate ? `${arrow} ${Math.abs(diff * 100).toFixed(1)} pts` : `${arrow} ${m.formatCount(Math.abs(diff))}`;
  el.replaceChildren(
    h('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, preserveAspectRatio: 'none', class: 'spark-svg' },
      h('polyline', { points: path, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' })),
    h('span', { class: 'spark-label' }, `${label}: ${text}`));
}
