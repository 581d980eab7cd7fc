// o2c-pulse dashboard: headline tiles, trends, breakdowns and order lookup over the KPI API and its SSE stream.
import * as m from './kpi-math.js';
import { $, h, setFigure } from './dom.js';
import { KpiStore, fetchJson } from './data.js';
import { Charts, sparkline } from './charts.js';
import { Breakdowns } from './breakdown.js';
import { OrderLookup } from './lookup.js';

const params = new URLSearchParams(location.search);
const TV = params.get('tv') === '1';
export const LOCALE = params.get('lang') || navigator.language || 'en-US';

/**
 * Targets behind the status words on the tiles. KPI-SPEC sets none; these are common distribution targets and can
 * be changed per screen: ?fillTarget=0.97&slaShareTarget=0.03&staleAfter=60.
 */
const TARGETS = {
  fill: numParam('fillTarget', 0.95), // at or above: on target; within 5 points below: watch; further: below target
  slaShare: numParam('slaShareTarget', 0.05), // share of invoiced shipments over the SLA
};
/** Seconds without a KPI change after which the page warns that its figures may be stale. */
const STALE_AFTER_S = numParam('staleAfter', 120);

function numParam(name, fallback) {
  const v = Number(params.get(name));
  return params.has(name) && Number.isFinite(v) ? v : fallback;
}

if (TV) {
  document.body.classList.add('tv');
  const toggle = $('#tv-toggle');
  toggle.href = location.pathname;
  toggle.textContent = 'Laptop layout';
}

const store = new KpiStore();
const charts = new Charts({ locale: LOCALE, tv: TV });
const breakdowns = new Breakdowns({ locale: LOCALE, targets: TARGETS });
const lookup = new OrderLookup({ locale: LOCALE });
const openedAt = Date.now();
const intraday = []; // samples of today's figures since the page opened: {t, today, values}
let view = null;
let info = null; // GET /api/info, once loaded

window.__o2cPageId = `${openedAt}-${Math.random().toString(36).slice(2)}`; // survives only while the page is not reloaded

// ---------------------------------------------------------------------------------------------------------------
// The view model: everything the tiles show, computed from the store with kpi-math.

function computeView() {
  const fill = store.values('fill-rate', 'all');
  const latency = store.values('invoice-latency', 'all');
  const backlog = store.values('backlog', 'all');
  const recon = store.values('reconciliation');
  const today = m.latestDay([...fill, ...latency, ...backlog]);
  if (!today) return { today: null, recon: m.sumReconciliation(recon) };
  const day = { from: today, to: today };
  const week = m.trailingWindow(today, 7);
  const pick = (values, win) => values.filter((v) => m.inWindow(v.day, win));
  const latencyAll = m.sumLatency(latency);
  const latency7 = m.sumLatency(pick(latency, week));
  return {
    today,
    week,
    fillToday: m.sumFillRate(pick(fill, day)),
    fill7: m.sumFillRate(pick(fill, week)),
    latencyToday: m.sumLatency(pick(latency, day)),
    latency7,
    notInvoicedOlder: latencyAll.notInvoiced - latency7.notInvoiced,
    latencyUpdatedAt: latencyAll.updatedAt,
    backlog: m.sumBacklog(backlog, today),
    recon: m.sumReconciliation(recon),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

const fmt = {
  pct: (r) => m.formatPercent(r, LOCALE),
  count: (n) => m.formatCount(n, LOCALE),
  dur: (s) => m.formatDuration(s),
};

function render() {
  view = computeView();
  document.body.dataset.snapshot = store.snapshotLoaded ? 'loaded' : (store.snapshotError ? 'error' : 'loading');
  document.body.dataset.kpiEvents = String(store.kpiEvents);
  renderAsOf();
  renderFill('line-fill', 'lineFillRate', 'linesFilled', 'linesShipped', 'lines');
  renderFill('unit-fill', 'unitFillRate', 'unitsFilled', 'unitsOrdered', 'units');
  renderFill('order-fill', 'orderFillRate', 'ordersFilled', 'ordersShipped', 'orders');
  renderNotInvoiced();
  renderBacklog();
  renderLatency();
  renderRecon();
  if (!store.snapshotLoaded) {
    // Nothing is known yet: say so rather than "no shipments" or "no exceptions".
    for (const id of TILES) status(`${id}-status`, 'none', 'Waiting for figures…');
  }
  sampleIntraday();
  charts.update(store, view, intraday, openedAt);
  breakdowns.update(store, view);
  renderFreshness();
}

function renderAsOf() {
  const el = $('#as-of');
  if (!view.today) {
    el.dataset.today = '';
    el.textContent = store.snapshotError ? `Cannot load figures (${store.snapshotError.message}); retrying…`
      : (store.snapshotLoaded ? 'No figures yet: waiting for the first orders to ship.' : 'Loading figures…');
    return;
  }
  el.dataset.today = view.today;
  const long = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    timeZone: 'UTC' }).format(new Date(m.dayNumber(view.today) * 86_400_000));
  const catchingUp = info && info.businessToday > view.today;
  el.dataset.catchingUp = String(Boolean(catchingUp));
  el.replaceChildren('As of ', h('strong', {}, long),
    h('span', { class: 'as-of-note' }, ' · “today” is the latest business day in the data; 7 days = ',
      shortDay(view.week.from), ' – ', shortDay(view.week.to)),
    catchingUp ? h('span', { class: 'as-of-note', id: 'catching-up' }, ` · catching up: the data has not reached ${shortDay(info.businessToday)} yet`) : '');
}

function shortDay(day) {
  return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' })
    .format(new Date(m.dayNumber(day) * 86_400_000));
}

function status(id, level, text, detail) {
  const icons = { ok: '✓', watch: '◐', alert: '✕', info: 'ℹ', none: '' };
  const el = document.getElementById(id);
  el.dataset.level = level;
  el.replaceChildren(h('span', { class: 'status-icon', 'aria-hidden': 'true' }, icons[level] || ''), ' ', text,
    ...(detail ? [h('span', { class: 'status-detail' }, ' ', detail)] : []));
}

function fillLevel(rate) {
  if (rate === null) return 'none';
  if (rate >= TARGETS.fill) return 'ok';
  return rate >= TARGETS.fill - 0.05 ? 'watch' : 'alert';
}

function renderFill(prefix, rateField, numField, denField, noun) {
  const t = view.today ? view.fillToday : null;
  const w = view.today ? view.fill7 : null;
  const rt = t ? t[rateField] : null;
  const rw = w ? w[rateField] : null;
  setFigure(`${prefix}-today`, fmt.pct(rt), rt, t && { title: `${fmt.count(t[numField])} of ${fmt.count(t[denField])} ${noun} today` });
  setFigure(`${prefix}-7d`, fmt.pct(rw), rw, w && { title: `${fmt.count(w[numField])} of ${fmt.count(w[denField])} ${noun} in 7 days` });
  const delta = rt !== null && rw !== null ? rt - rw : null;
  const d = document.getElementById(`${prefix}-delta`);
  d.textContent = delta === null ? '' : `${m.formatPointsDelta(delta, LOCALE)} vs 7 d`;
  d.dataset.dir = delta === null ? '' : delta > 0.0005 ? 'better' : delta < -0.0005 ? 'worse' : 'same';
  const level = fillLevel(rt ?? rw);
  const words = { ok: 'On target', watch: 'Watch', alert: 'Below target', none: 'No shipments yet today' };
  status(`${prefix}-status`, level, words[level], level === 'none' ? null
    : `target ${m.formatPercent(TARGETS.fill, LOCALE, 0)} · ${fmt.count(t ? t[denField] : 0)} ${noun} today`);
  document.getElementById(`tile-${prefix}`).dataset.updatedAt = (w && w.updatedAt) || '';
}

function renderNotInvoiced() {
  const t = view.today ? view.latencyToday : null;
  const w = view.today ? view.latency7 : null;
  setFigure('not-invoiced-today', fmt.count(t ? t.notInvoiced : null), t ? t.notInvoiced : null,
    t && { title: `${fmt.count(t.notInvoiced)} of ${fmt.count(t.shipments)} shipments of today not invoiced yet` });
  setFigure('not-invoiced-7d', fmt.count(w ? w.notInvoiced : null), w ? w.notInvoiced : null);
  const older = view.today ? view.notInvoicedOlder : null;
  setFigure('not-invoiced-older', fmt.count(older), older, { title: 'Shipped before the 7-day window and still not invoiced' });
  if (!w) return status('not-invoiced-status', 'none', 'No shipments yet');
  if (older > 0) status('not-invoiced-status', 'alert', `${fmt.count(older)} older than 7 days`, 'unbilled revenue at risk');
  else if (w.notInvoiced - (t ? t.notInvoiced : 0) > 0) status('not-invoiced-status', 'watch', 'Earlier days still open', m.countOf(w.notInvoiced - (t ? t.notInvoiced : 0), 'shipment', 'shipments', LOCALE));
  else status('not-invoiced-status', 'ok', 'Billing keeps up', 'only today’s shipments open');
  document.getElementById('tile-not-invoiced').dataset.updatedAt = view.latencyUpdatedAt || '';
}

function renderBacklog() {
  const b = view.today ? view.backlog : null;
  const cur = b ? b.currencies : [];
  const main = cur[0];
  setFigure('backlog-value-main', main ? m.formatMoney(main.openValue, main.currency, LOCALE, { compact: true }) : '—',
    main ? main.openValue : null, main && { title: m.formatMoney(main.openValue, main.currency, LOCALE, { cents: true }) });
  const mainEl = document.getElementById('backlog-value-main');
  mainEl.dataset.currency = main ? main.currency : '';
  const list = $('#backlog-values');
  list.replaceChildren(...cur.slice(1).map((c) => h('span', {
    class: 'currency', id: `backlog-value-${c.currency}`, dataset: { value: c.openValue, currency: c.currency },
    title: `${fmt.count(c.openOrders)} open orders in ${c.currency}`,
  }, m.formatMoney(c.openValue, c.currency, LOCALE, { compact: true }))));
  if (main) list.prepend(h('span', { class: 'currency main-currency', id: `backlog-value-${main.currency}`,
    dataset: { value: main.openValue, currency: main.currency } }, `${main.currency} · ${m.countOf(main.openOrders, 'order', 'orders', LOCALE)}`));
  const tot = b ? b.totals : null;
  setFigure('backlog-open-orders', fmt.count(tot ? tot.openOrders : null), tot ? tot.openOrders : null);
  setFigure('backlog-open-lines', fmt.count(tot ? tot.openLines : null), tot ? tot.openLines : null);
  setFigure('backlog-open-units', fmt.count(tot ? tot.openUnits : null), tot ? tot.openUnits : null);
  setFigure('backlog-backordered', fmt.count(tot ? tot.backorderedUnits : null), tot ? tot.backorderedUnits : null);
  // Aging by open orders (comparable across currencies), with the main currency's value in the tooltip.
  const bar = $('#aging-bar');
  const total = tot ? tot.openOrders : 0;
  bar.replaceChildren(...m.AGING_BUCKETS.map((bk) => {
    const n = tot ? tot.aging[bk.id].openOrders : 0;
    const pct = total ? (100 * n) / total : 0;
    return h('div', { class: `seg seg-${bk.id.replace('+', 'p')}`, style: `flex-basis:${pct}%`,
      title: `${bk.label}: ${m.countOf(n, 'order', 'orders', LOCALE)}` }, pct >= 8 ? `${Math.round(pct)}%` : '');
  }));
  for (const bk of m.AGING_BUCKETS) {
    const n = tot ? tot.aging[bk.id].openOrders : null;
    const value = main ? main.aging[bk.id].openValue : null;
    setFigure(`backlog-aging-${bk.id.replace('+', '')}`, n === null ? '—' : m.countOf(n, 'order', 'orders', LOCALE), n,
      main && { title: `${m.formatMoney(value, main.currency, LOCALE)} open in ${main.currency}` });
  }
  if (!tot) return status('backlog-status', 'none', 'No open orders');
  const old = tot.aging['d8+'].openOrders;
  const mid = tot.aging['d4-7'].openOrders;
  if (old > 0) status('backlog-status', 'alert', `${m.countOf(old, 'order', 'orders', LOCALE)} open for more than 7 days`);
  else if (mid > 0) status('backlog-status', 'watch', `${m.countOf(mid, 'order', 'orders', LOCALE)} open 4–7 days`);
  else status('backlog-status', 'ok', 'Nothing older than 3 days');
  document.getElementById('tile-backlog').dataset.updatedAt = b.updatedAt || '';
}

function renderLatency() {
  const t = view.today ? view.latencyToday : null;
  const w = view.today ? view.latency7 : null;
  const durTitle = (s) => (s === null || s === undefined ? undefined : { title: `${fmt.count(s)} s` });
  setFigure('latency-p50-today', fmt.dur(t && t.p50Seconds), t && t.p50Seconds, durTitle(t && t.p50Seconds));
  for (const [suffix, x] of [['today', t], ['7d', w]]) {
    const cellP50 = suffix === 'today' ? 'latency-p50-today-cell' : 'latency-p50-7d';
    setFigure(cellP50, fmt.dur(x && x.p50Seconds), x && x.p50Seconds, durTitle(x && x.p50Seconds));
    setFigure(`latency-p90-${suffix}`, fmt.dur(x && x.p90Seconds), x && x.p90Seconds, durTitle(x && x.p90Seconds));
    setFigure(`latency-p99-${suffix}`, fmt.dur(x && x.p99Seconds), x && x.p99Seconds, durTitle(x && x.p99Seconds));
    setFigure(`latency-over-sla-${suffix}`, fmt.pct(x ? x.overSlaShare : null), x ? x.overSlaShare : null,
      x && { title: `${fmt.count(x.overSla)} of ${fmt.count(x.invoiced)} invoiced shipments over the SLA` });
  }
  const share = t && t.invoiced ? t.overSlaShare : (w ? w.overSlaShare : null);
  if (share === null) return status('latency-status', 'none', 'Nothing invoiced yet');
  const which = t && t.invoiced ? 'today' : '7 days';
  if (share <= TARGETS.slaShare) status('latency-status', 'ok', `${fmt.pct(share)} over SLA ${which}`, `target ≤ ${m.formatPercent(TARGETS.slaShare, LOCALE, 0)}`);
  else if (share <= 2 * TARGETS.slaShare) status('latency-status', 'watch', `${fmt.pct(share)} over SLA ${which}`, `target ≤ ${m.formatPercent(TARGETS.slaShare, LOCALE, 0)}`);
  else status('latency-status', 'alert', `${fmt.pct(share)} over SLA ${which}`, `target ≤ ${m.formatPercent(TARGETS.slaShare, LOCALE, 0)}`);
  document.getElementById('tile-latency').dataset.updatedAt = view.latencyUpdatedAt || '';
}

function renderRecon() {
  const r = view.recon;
  const known = store.snapshotLoaded;
  setFigure('recon-total', known ? fmt.count(r.total) : '—', known ? r.total : null);
  $('#recon-types').replaceChildren(...r.byType.filter((x) => x.count > 0).map((x) => h('li', {},
    h('span', { class: 'recon-type' }, m.humanize(x.type)),
    h('span', { class: 'recon-count', id: `recon-${x.type}`, dataset: { value: x.count } }, fmt.count(x.count)))));
  if (r.total === 0) status('recon-status', 'ok', 'No open exceptions');
  else status('recon-status', 'alert', `${fmt.count(r.total)} need attention`, 'see order lookup for details');
  document.getElementById('tile-recon').dataset.updatedAt = r.updatedAt || '';
}

// ---------------------------------------------------------------------------------------------------------------
// Intraday movement: today's figures sampled whenever they change, since the page opened

const SPARK_FIELDS = {
  'line-fill': (v) => v.fillToday && v.fillToday.lineFillRate,
  'unit-fill': (v) => v.fillToday && v.fillToday.unitFillRate,
  'order-fill': (v) => v.fillToday && v.fillToday.orderFillRate,
  'not-invoiced': (v) => v.latencyToday && v.latencyToday.notInvoiced,
};

function sampleIntraday() {
  if (!view.today) return;
  const values = {
    ...Object.fromEntries(Object.entries(SPARK_FIELDS).map(([k, f]) => [k, f(view)])),
    shipments: view.latencyToday.shipments,
    invoiced: view.latencyToday.invoiced,
    linesShipped: view.fillToday.linesShipped,
  };
  const last = intraday[intraday.length - 1];
  const now = Date.now();
  if (last && last.today !== view.today) intraday.length = 0; // a new business day starts a new line
  const prev = intraday[intraday.length - 1];
  if (prev && JSON.stringify(prev.values) === JSON.stringify(values) && now - prev.t < 60_000) return;
  intraday.push({ t: now, today: view.today, values });
  if (intraday.length > 5_000) intraday.splice(0, intraday.length - 5_000);
  for (const key of Object.keys(SPARK_FIELDS)) {
    const el = document.getElementById(`${key}-spark`);
    const pts = intraday.map((s) => [s.t, s.values[key]]).filter(([, v]) => v !== null && v !== undefined);
    sparkline(el, pts, { label: `since ${clock(openedAt)}` });
  }
}

function clock(ms) {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));
}

// ---------------------------------------------------------------------------------------------------------------
// Freshness: per tile "updated … ago" from the records' updatedAt, a connection badge, and a stale warning

const TILES = ['line-fill', 'unit-fill', 'order-fill', 'not-invoiced', 'backlog', 'latency', 'recon'];

function renderFreshness() {
  const now = Date.now();
  for (const id of TILES) {
    const tile = document.getElementById(`tile-${id}`);
    const at = m.instantMs(tile.dataset.updatedAt);
    const el = document.getElementById(`${id}-fresh`);
    el.textContent = at ? `Changed ${m.formatAge(Math.max(0, now - at))}` : '';
    el.title = at ? new Date(at).toLocaleString(LOCALE) : '';
  }
  const conn = $('#conn-status');
  const lastChange = Math.max(store.lastEventAt || 0, store.lastSnapshotAt || 0) || null;
  const quietFor = lastChange ? now - Math.max(lastChange, store.connectedAt || 0) : 0;
  const stale = store.state === 'live' && store.snapshotLoaded && quietFor > STALE_AFTER_S * 1000;
  conn.dataset.state = stale ? 'stale' : store.state;
  const labels = {
    connecting: ['◌', 'Connecting…'],
    live: ['●', `Live · ${store.lastEventAt ? `last change ${m.formatAge(now - store.lastEventAt)}` : 'waiting for changes'}`],
    stale: ['‖', `No changes for ${m.formatDuration(Math.floor(quietFor / 1000))}`],
    reconnecting: ['↻', `Reconnecting${store.attempt > 1 ? ` (attempt ${store.attempt})` : ''}…`],
  };
  const [icon, text] = labels[conn.dataset.state];
  conn.replaceChildren(h('span', { class: 'conn-icon', 'aria-hidden': 'true' }, icon), ' ', h('span', { class: 'conn-text' }, text));

  const banner = $('#stale-banner');
  const asOf = lastChange ? clock(lastChange) : null;
  let state = 'fresh';
  let message = '';
  if (store.state === 'reconnecting') {
    state = 'offline';
    message = `⚠ Connection to o2c-pulse lost — reconnecting automatically. Figures below are as of ${asOf || 'page load'} and may be out of date.`;
  } else if (stale) {
    state = 'stale';
    message = `⚠ No KPI has changed for ${m.formatDuration(Math.floor(quietFor / 1000))} (since ${asOf}). The pipeline may be paused or idle; treat the figures as possibly stale.`;
  } else if (store.snapshotError && !store.snapshotLoaded) {
    state = 'offline';
    message = `⚠ Figures could not be loaded (${store.snapshotError.message}). Retrying…`;
  }
  banner.dataset.state = state;
  banner.hidden = state === 'fresh';
  banner.textContent = message;
  document.body.classList.toggle('is-stale', state !== 'fresh');
  $('#foot-snapshot').textContent = store.lastSnapshotAt ? `Snapshot loaded ${clock(store.lastSnapshotAt)} · ${fmt.count(store.kpiEvents)} live updates since` : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Wiring

let renderTimer = null;
function scheduleRender() {
  if (renderTimer) return;
  renderTimer = setTimeout(() => { renderTimer = null; render(); }, 250);
}

store.addEventListener('change', scheduleRender);
store.addEventListener('state', () => { renderFreshness(); });
setInterval(renderFreshness, 1_000);
render();
store.start();
lookup.start();
loadInfo();

/**
 * GET /api/info: the build, KPI definitions, SLA and business zone behind the figures (in the footer), and the
 * business day by the server's clock, which tells a catching-up simulation (data still on an earlier day) apart.
 */
async function loadInfo() {
  try {
    info = await fetchJson('/api/info');
  } catch {
    setTimeout(loadInfo, 10_000);
    return;
  }
  $('#foot-info').textContent = `o2c-pulse ${info.version} · ${info.kpiDefinitions} · invoice SLA ${m.formatDuration(info.invoiceSlaSeconds)}`
    + ` · business zone ${info.businessZone}`;
  document.body.dataset.businessToday = info.businessToday;
  scheduleRender();
}
