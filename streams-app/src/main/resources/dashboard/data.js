// The dashboard's copy of the KPI tables: a snapshot from GET /api/kpis/{kpi}, kept current by the SSE stream
// GET /api/stream (event "kpi": {kpi, key, value|null}). Reconnects by itself and reloads the snapshot after every
// (re)connect, because events sent while the page was disconnected are gone.

import { normalizeRecord } from './kpi-math.js';

export const KPIS = ['fill-rate', 'backlog', 'invoice-latency', 'reconciliation'];

/** The scopes each KPI is published in (KPI-SPEC); fetched one by one so that an API defaulting to one scope works. */
const SCOPES = {
  'fill-rate': ['all', 'channel', 'warehouse'],
  backlog: ['all', 'channel'],
  'invoice-latency': ['all', 'channel', 'warehouse'],
  reconciliation: [null],
};

const API = '/api';

export class KpiStore extends EventTarget {
  constructor() {
    super();
    /** kpi → Map key → value */
    this.tables = Object.fromEntries(KPIS.map((k) => [k, new Map()]));
    /** kpi → Map key → client time (ms) the key last changed through the stream */
    this.changedAt = Object.fromEntries(KPIS.map((k) => [k, new Map()]));
    this.state = 'connecting'; // connecting | live | reconnecting
    this.snapshotLoaded = false;
    this.snapshotError = null;
    this.kpiEvents = 0;
    this.lastEventAt = null; // client time of the last kpi event
    this.lastSnapshotAt = null;
    this.connectedAt = null;
    this.attempt = 0;
    this.buffer = null;
    this.loading = null;
    this.es = null;
  }

  /** Records of one KPI, optionally of one scope. */
  values(kpi, scope) {
    const all = [...this.tables[kpi].values()];
    return scope ? all.filter((v) => (v.scope ?? 'all') === scope) : all;
  }

  start() {
    this.connect();
    // The first snapshot does not wait for the stream: a page whose stream is blocked still shows figures.
    this.loadSnapshot();
    // A page left for another may be kept in the back/forward cache, its stream open: over HTTP/1.1 the browser has
    // six connections per host, and a few cached pages whose streams stay quiet (no KPI changing) held them all, so
    // the page on screen waited forever for its requests. Close the stream on leaving; reconnect when restored
    // (the open reloads the snapshot, as after any reconnect).
    window.addEventListener('pagehide', () => this.disconnect());
    window.addEventListener('pageshow', (e) => { if (e.persisted) this.connect(); });
  }

  disconnect() {
    if (this.es) this.es.close();
    this.es = null;
    this.setState('reconnecting');
  }

  connect() {
    if (this.es) this.es.close();
    const es = new EventSource(`${API}/stream`);
    this.es = es;
    // Every (re)connection reloads the snapshot: changes made while disconnected were not streamed. (On "open", not on
    // the "hello" event: a browser does not dispatch an SSE event that has no data line.)
    es.onopen = () => {
      const reconnect = this.connectedAt !== null;
      this.connectedAt = Date.now();
      this.attempt = 0;
      this.setState('live');
      if (reconnect || this.snapshotLoaded) this.loadSnapshot();
    };
    es.addEventListener('kpi', (e) => {
      let msg;
      try { msg = JSON.parse(e.data); } catch { return; }
      if (this.state !== 'live') this.setState('live');
      this.apply(msg, true);
      if (this.buffer) this.buffer.push(msg);
      this.changed();
    });
    es.onerror = () => {
      this.setState('reconnecting');
      // The browser retries network errors itself; an HTTP error (a 503 while the app restarts) closes the source
      // for good, so retry ourselves with a capped backoff.
      if (es.readyState === EventSource.CLOSED) {
        this.attempt += 1;
        const delay = Math.min(15_000, 1_000 * 2 ** Math.min(this.attempt - 1, 4));
        setTimeout(() => { if (this.es === es) this.connect(); }, delay);
      } else {
        this.attempt += 1;
      }
    };
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new Event('state'));
  }

  apply({ kpi, key, value }, live) {
    const table = this.tables[kpi];
    if (!table || !key) return;
    if (value === null || value === undefined) table.delete(key);
    else table.set(key, normalizeRecord(value));
    if (live) {
      this.kpiEvents += 1;
      this.lastEventAt = Date.now();
      this.changedAt[kpi].set(key, this.lastEventAt);
    }
  }

  /** Replaces the tables with a fresh snapshot, then re-applies stream events that arrived while it loaded. */
  async loadSnapshot() {
    if (this.loading) {
      this.reloadPending = true;
      return this.loading;
    }
    this.buffer = [];
    this.loading = (async () => {
      try {
        const fresh = Object.fromEntries(KPIS.map((k) => [k, new Map()]));
        const requests = [];
        for (const kpi of KPIS) {
          for (const scope of SCOPES[kpi]) {
            const url = `${API}/kpis/${kpi}${scope ? `?scope=${scope}` : ''}`;
            requests.push(fetchJson(url).then((body) => {
              for (const item of body.items || []) if (item && item.key && item.value) fresh[kpi].set(item.key, normalizeRecord(item.value));
            }));
          }
        }
        await Promise.all(requests);
        this.tables = fresh;
        for (const msg of this.buffer) this.apply(msg, false);
        this.snapshotLoaded = true;
        this.snapshotError = null;
        this.lastSnapshotAt = Date.now();
      } catch (e) {
        this.snapshotError = e;
        setTimeout(() => this.loadSnapshot(), 5_000);
      } finally {
        this.buffer = null;
        this.loading = null;
      }
      this.changed();
      if (this.reloadPending) {
        this.reloadPending = false;
        this.loadSnapshot();
      }
    })();
    return this.loading;
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }
}

export async function fetchJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    const err = new Error(`${url}: HTTP ${res.status}`);
    err.status = res.status;
    try { err.body = await res.json(); } catch { /* not JSON */ }
    throw err;
  }
  return res.json();
}
