// Sortable breakdown tables by channel and by warehouse over today or the trailing 7 days.
import * as m from './kpi-math.js';
import { $, $$, h } from './dom.js';

export class Breakdowns {
  constructor({ locale, targets }) {
    this.locale = locale;
    this.targets = targets;
    this.days = 7;
    this.sort = { 'by-channel': { col: 'shipments', dir: 'desc' }, 'by-warehouse': { col: 'shipments', dir: 'desc' } };
    this.last = null;
    for (const b of $$('.segmented button')) {
      b.addEventListener('click', () => {
        this.days = Number(b.dataset.window);
        for (const o of $$('.segmented button')) o.setAttribute('aria-pressed', String(o === b));
        if (this.last) this.update(...this.last);
      });
    }
  }

  update(store, view) {
    this.last = [store, view];
    if (!view.today) return;
    const win = this.days === 1 ? { from: view.today, to: view.today } : m.trailingWindow(view.today, 7);
    const pick = (values) => values.filter((v) => m.inWindow(v.day, win));
    const fmt = this.formatters();

    // By channel: fill rate, invoice latency, backlog (backlog is state, so all order days).
    const fillC = m.groupByScopeValue(pick(store.values('fill-rate', 'channel')));
    const latC = m.groupByScopeValue(pick(store.values('invoice-latency', 'channel')));
    const backC = m.groupByScopeValue(store.values('backlog', 'channel'));
    const channels = union(fillC, latC, backC);
    const currencyOrder = view.backlog.currencies.map((c) => c.currency);
    const mainCurrency = currencyOrder[0] || null;
    const byCurrencyOrder = (a, b) => rank(currencyOrder, a.currency) - rank(currencyOrder, b.currency);
    const channelRows = channels.map((c) => {
      const f = m.sumFillRate(fillC.get(c) || []);
      const l = m.sumLatency(latC.get(c) || []);
      const b = m.sumBacklog(backC.get(c) || [], view.today);
      b.currencies.sort(byCurrencyOrder);
      const mainValue = b.currencies.find((x) => x.currency === mainCurrency);
      return { key: c, ordersShipped: f.ordersShipped, lineFillRate: f.lineFillRate, unitFillRate: f.unitFillRate,
        orderFillRate: f.orderFillRate, shipments: l.shipments, notInvoiced: l.notInvoiced, p50: l.p50Seconds,
        p90: l.p90Seconds, overSlaShare: l.overSlaShare, openOrders: b.totals.openOrders,
        openValue: mainValue ? Number(mainValue.openValue) : 0, backlog: b };
    });
    this.table('by-channel', [
      { id: 'key', label: 'Channel', text: (r) => prettyKey(r.key), cls: 'key' },
      { id: 'ordersShipped', label: 'Orders shipped', tvHide: true, text: (r) => fmt.count(r.ordersShipped) },
      { id: 'lineFillRate', label: 'Line fill', text: (r) => fmt.rate(r.lineFillRate), flag: (r) => this.fillFlag(r.lineFillRate) },
      { id: 'unitFillRate', label: 'Unit fill', tvHide: true, text: (r) => fmt.rate(r.unitFillRate), flag: (r) => this.fillFlag(r.unitFillRate) },
      { id: 'orderFillRate', label: 'Order fill', text: (r) => fmt.rate(r.orderFillRate), flag: (r) => this.fillFlag(r.orderFillRate) },
      { id: 'shipments', label: 'Shipments', tvHide: true, text: (r) => fmt.count(r.shipments) },
      { id: 'notInvoiced', label: 'Not invoiced', text: (r) => fmt.count(r.notInvoiced) },
      { id: 'p50', label: 'Invoice p50', text: (r) => m.formatDuration(r.p50) },
      { id: 'p90', label: 'Invoice p90', tvHide: true, text: (r) => m.formatDuration(r.p90) },
      { id: 'overSlaShare', label: 'Over SLA', text: (r) => fmt.rate(r.overSlaShare), flag: (r) => this.slaFlag(r.overSlaShare) },
      { id: 'openOrders', label: 'Open orders', tvHide: true, text: (r) => fmt.count(r.openOrders) },
      { id: 'openValue', label: 'Open value', text: (r) => r.backlog.currencies.map((c) => m.formatMoney(c.openValue, c.currency, this.locale, { compact: true })).join(' · ') || '—',
        title: (r) => r.backlog.currencies.map((c) => m.formatMoney(c.openValue, c.currency, this.locale, { cents: true })).join(' · ') },
    ], channelRows);

    // By warehouse: fill rate (lines and units) and invoice latency; the backlog has no warehouse scope.
    const fillW = m.groupByScopeValue(pick(store.values('fill-rate', 'warehouse')));
    const latW = m.groupByScopeValue(pick(store.values('invoice-latency', 'warehouse')));
    const warehouseRows = union(fillW, latW).map((w) => {
      const f = m.sumFillRate(fillW.get(w) || []);
      const l = m.sumLatency(latW.get(w) || []);
      return { key: w, linesShipped: f.linesShipped, lineFillRate: f.lineFillRate, unitFillRate: f.unitFillRate,
        shipments: l.shipments, notInvoiced: l.notInvoiced, p50: l.p50Seconds, p90: l.p90Seconds,
        overSlaShare: l.overSlaShare };
    });
    this.table('by-warehouse', [
      { id: 'key', label: 'Warehouse', text: (r) => r.key, cls: 'key' },
      { id: 'linesShipped', label: 'Lines shipped', tvHide: true, text: (r) => fmt.count(r.linesShipped) },
      { id: 'lineFillRate', label: 'Line fill', text: (r) => fmt.rate(r.lineFillRate), flag: (r) => this.fillFlag(r.lineFillRate) },
      { id: 'unitFillRate', label: 'Unit fill', tvHide: true, text: (r) => fmt.rate(r.unitFillRate), flag: (r) => this.fillFlag(r.unitFillRate) },
      { id: 'shipments', label: 'Shipments', tvHide: true, text: (r) => fmt.count(r.shipments) },
      { id: 'notInvoiced', label: 'Not invoiced', text: (r) => fmt.count(r.notInvoiced) },
      { id: 'p50', label: 'Invoice p50', text: (r) => m.formatDuration(r.p50) },
      { id: 'p90', label: 'Invoice p90', tvHide: true, text: (r) => m.formatDuration(r.p90) },
      { id: 'overSlaShare', label: 'Over SLA', text: (r) => fmt.rate(r.overSlaShare), flag: (r) => this.slaFlag(r.overSlaShare) },
    ], warehouseRows);
  }

  formatters() {
    return { count: (n) => m.formatCount(n, this.locale), rate: (r) => m.formatPercent(r, this.locale) };
  }

  fillFlag(rate) {
    if (rate === null) return null;
    if (rate < this.targets.fill - 0.05) return ['alert', '✕', 'below target'];
    if (rate < this.targets.fill) return ['watch', '◐', 'near target'];
    return null;
  }

  slaFlag(share) {
    if (share === null) return null;
    if (share > 2 * this.targets.slaShare) return ['alert', '✕', 'far over SLA target'];
    if (share > this.targets.slaShare) return ['watch', '◐', 'over SLA target'];
    return null;
  }

  table(id, columns, rows) {
    const table = document.getElementById(id);
    const sort = this.sort[id];
    const col = columns.find((c) => c.id === sort.col) || columns[0];
    const sign = sort.dir === 'asc' ? 1 : -1;
    rows.sort((a, b) => {
      const x = a[col.id];
      const y = b[col.id];
      if (x === null || x === undefined) return (y === null || y === undefined) ? a.key.localeCompare(b.key) : 1;
      if (y === null || y === undefined) return -1;
      const c = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return c !== 0 ? sign * c : a.key.localeCompare(b.key);
    });
    const head = h('thead', {}, h('tr', {}, columns.map((c) => {
      const active = c.id === sort.col;
      return h('th', { scope: 'col', 'aria-sort': active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
        dataset: { sort: c.id }, class: `${c.cls === 'key' ? 'key' : 'num'}${c.tvHide ? ' tv-hide' : ''}` },
      h('button', { type: 'button', onclick: () => this.toggleSort(id, c.id) }, c.label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕')));
    })));
    const body = h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, 'No figures in this period yet.'))
      : rows.map((r) => h('tr', { dataset: { key: r.key } }, columns.map((c) => {
        const flag = c.flag ? c.flag(r) : null;
        const raw = r[c.id];
        return h(c.cls === 'key' ? 'th' : 'td', {
          class: [c.cls === 'key' ? 'key' : 'num', flag ? `flag-${flag[0]}` : '', c.tvHide ? 'tv-hide' : ''].join(' ').trim(),
          scope: c.cls === 'key' ? 'row' : null, dataset: { col: c.id, value: raw === null || raw === undefined ? '' : String(raw) },
          title: c.title ? c.title(r) : (flag ? flag[2] : null),
        }, flag ? h('span', { class: 'flag-icon', 'aria-label': flag[2] }, flag[1], ' ') : null, c.text(r));
      }))));
    // A live update rebuilds the table: keep the keyboard focus on the same sort button.
    const focusedSort = table.contains(document.activeElement) ? document.activeElement.closest('th[data-sort]') : null;
    table.replaceChildren(head, body);
    if (focusedSort) {
      const again = table.querySelector(`th[data-sort="${focusedSort.dataset.sort}"] button`);
      if (again) again.focus();
    }
  }

  toggleSort(id, col) {
    const s = this.sort[id];
    if (s.col === col) s.dir = s.dir === 'asc' ? 'desc' : 'asc';
    else { s.col = col; s.dir = col === 'key' ? 'asc' : 'desc'; }
    if (this.last) this.update(...this.last);
    const th = $(`#${id} th[data-sort="${col}"] button`);
    if (th) th.focus();
  }
}

function rank(list, x) {
  const i = list.indexOf(x);
  return i < 0 ? list.length : i;
}

function union(...maps) {
  const keys = new Set();
  for (const mp of maps) for (const k of mp.keys()) keys.add(k);
  return [...keys];
}

function prettyKey(key) {
  return m.humanize(key).replace(/\bEdi\b/, 'EDI');
}
