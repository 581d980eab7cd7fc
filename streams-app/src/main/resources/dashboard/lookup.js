// Order lookup by correlationId: GET /api/orders/{id} → the OrderStatus record, shown as milestones, lines and
// open exceptions. Deep link: #order=SO-000123 (also when changed on an open page). Recent and matching orders come
// from GET /api/orders?prefix=.
import * as m from './kpi-math.js';
import { $, h } from './dom.js';
import { fetchJson } from './data.js';

const STATUS = {
  ACCEPTED: ['○', 'Accepted', 'waiting for allocation'],
  ALLOCATED: ['◔', 'Allocated', 'waiting to ship'],
  PARTIALLY_SHIPPED: ['◑', 'Partially shipped', 'some units still to ship'],
  SHIPPED: ['◕', 'Shipped', 'waiting for invoice'],
  PARTIALLY_INVOICED: ['◕', 'Partially invoiced', 'some shipped units not billed'],
  INVOICED: ['●', 'Invoiced', 'complete'],
  CANCELLED: ['⊘', 'Cancelled', ''],
};

export class OrderLookup {
  constructor({ locale }) {
    this.locale = locale;
    this.current = null;
    this.timer = null;
  }

  start() {
    const input = $('#order-id');
    $('#order-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const id = input.value.trim();
      if (id) this.find(id);
    });
    input.addEventListener('input', () => {
      clearTimeout(this.suggestTimer);
      this.suggestTimer = setTimeout(() => this.suggest(input.value.trim()), 200);
    });
    // A changed #order= on an open page (a pasted deep link, a recent-order link, Back) looks the order up.
    window.addEventListener('hashchange', () => this.findFromLocation());
    if (!this.findFromLocation()) this.showRecent();
    this.suggest('');
  }

  /** Looks up the order named by #order= or ?order=; false when the address names none. */
  findFromLocation() {
    const id = new URLSearchParams(location.hash.slice(1)).get('order') || new URLSearchParams(location.search).get('order');
    if (!id) return false;
    if (id !== this.current) {
      $('#order-id').value = id;
      this.find(id);
    }
    return true;
  }

  /** Orders whose id starts with what was typed, offered under the input (GET /api/orders?prefix=). */
  async suggest(prefix) {
    try {
      const body = await fetchJson(`/api/orders?prefix=${encodeURIComponent(prefix)}&limit=10`);
      const items = body.items || [];
      $('#order-suggestions').replaceChildren(...items.map((o) => h('option', { value: o.correlationId },
        `${o.correlationId} · ${(STATUS[o.status] || [null, o.status])[1]}`)));
      if (!prefix && items.length) $('#order-id').placeholder = `Order id, e.g. ${items[0].correlationId}`;
    } catch { /* suggestions are a convenience: the lookup works without them */ }
  }

  /** While nothing is looked up: the most recent orders as links, so that a first visit has something to open. */
  async showRecent() {
    const result = $('#order-result');
    if (result.dataset.state !== 'empty') return;
    let items = [];
    try {
      items = (await fetchJson('/api/orders?limit=5')).items || [];
    } catch { /* retried below */ }
    if (result.dataset.state !== 'empty') return;
    if (!items.length) {
      this.recentTimer = setTimeout(() => this.showRecent(), 5_000);
      return;
    }
    result.replaceChildren(
      h('p', { class: 'muted' }, 'Enter an order’s correlation id to follow it from order to invoice, or open a recent order:'),
      h('ul', { class: 'recent-orders', id: 'recent-orders' }, items.map((o) => h('li', {},
        h('a', { href: `#order=${encodeURIComponent(o.correlationId)}`, dataset: { correlationId: o.correlationId } }, o.correlationId),
        h('span', { class: 'muted' }, ` ${(STATUS[o.status] || [null, o.status])[1]} · ordered ${o.orderDay || '—'}`)))));
  }

  async find(id, { quiet = false } = {}) {
    const result = $('#order-result');
    this.current = id;
    clearTimeout(this.timer);
    if (!quiet) {
      result.dataset.state = 'loading';
      result.replaceChildren(h('p', { class: 'muted' }, `Looking up ${id}…`));
    }
    try {
      const body = await fetchJson(`/api/orders/${encodeURIComponent(id)}`);
      if (this.current !== id) return;
      const order = body && body.value && body.value.status ? body.value : body;
      this.render(id, order);
      history.replaceState(null, '', `${location.pathname}${location.search}#order=${encodeURIComponent(id)}`);
      // Keep an open order current while it is on screen.
      this.timer = setTimeout(() => this.find(id, { quiet: true }), 15_000);
    } catch (e) {
      if (this.current !== id) return;
      if (e.status === 404) {
        result.dataset.state = 'not-found';
        result.replaceChildren(h('p', { class: 'notice', role: 'alert' }, h('span', { 'aria-hidden': 'true' }, '⚠ '),
          `No order ${id} is known yet. Check the id, or wait: events for an order can arrive before the order itself.`));
      } else {
        result.dataset.state = 'error';
        result.replaceChildren(h('p', { class: 'notice', role: 'alert' }, `⚠ Lookup failed: ${e.message}`));
      }
    }
  }

  render(id, o) {
    const result = $('#order-result');
    const count = (n) => m.formatCount(n, this.locale);
    const [icon, label, note] = STATUS[o.status] || ['?', o.status, ''];
    const lines = o.lines || [];
    const totalCents = lines.reduce((acc, l) => acc + m.toCents(l.unitPrice) * BigInt(l.ordered || 0), 0n);
    const sum = (f) => lines.reduce((a, l) => a + (Number(l[f]) || 0), 0);
    const placed = m.instantMs(o.placedAt);

    const milestones = [
      ['placed', 'Ordered', o.placedAt, `${count(sum('ordered'))} units`],
      ['allocated', 'Allocated', o.firstAllocatedAt, `${count(sum('allocated'))} units${sum('backordered') ? `, ${count(sum('backordered'))} backordered` : ''}`],
      ['shipped', 'Shipped', o.firstShippedAt, `${count(sum('shipped'))} of ${count(sum('ordered'))} units`],
      ['invoiced', 'Invoiced', o.firstInvoicedAt, `${count(sum('invoiced'))} of ${count(sum('shipped'))} shipped units`],
    ];
    if (o.cancelledAt) milestones.push(['cancelled', 'Cancelled', o.cancelledAt, '']);

    const steps = h('ol', { class: 'milestones', id: 'order-milestones' }, milestones.map(([key, name, at, detail]) => {
      const ms = m.instantMs(at);
      const done = ms !== null;
      return h('li', { class: done ? 'done' : 'pending', dataset: { milestone: key, at: at || '' } },
        h('span', { class: 'ms-icon', 'aria-hidden': 'true' }, done ? '✓' : '○'),
        h('div', {},
          h('div', { class: 'ms-name' }, name, done ? '' : h('span', { class: 'sr-only' }, ' (not yet)')),
          h('div', { class: 'ms-time' }, done ? this.time(ms) : 'not yet'),
          done && key !== 'placed' && placed !== null ? h('div', { class: 'ms-after' }, `${m.formatDuration(Math.max(0, (ms - placed) / 1000))} after order`) : null,
          h('div', { class: 'ms-detail' }, detail)));
    }));

    const table = h('table', { class: 'breakdown order-lines', id: 'order-lines' },
      h('thead', {}, h('tr', {}, ['Line', 'SKU', 'Ordered', 'Allocated', 'Backordered', 'Shipped', 'Invoiced', 'Unit price', 'Progress']
        .map((c, i) => h('th', { scope: 'col', class: i < 2 ? 'key' : 'num' }, c)))),
      h('tbody', {}, lines.map((l) => {
        const ordered = Number(l.ordered) || 0;
        const shipped = Number(l.shipped) || 0;
        const invoiced = Number(l.invoiced) || 0;
        const shipPct = ordered ? Math.min(100, (100 * shipped) / ordered) : 0;
        const invPct = ordered ? Math.min(100, (100 * invoiced) / ordered) : 0;
        const problems = [];
        if (shipped > ordered) problems.push('over-shipped');
        if (invoiced > shipped) problems.push('over-invoiced');
        if (l.backordered > 0) problems.push('backordered');
        return h('tr', { dataset: { lineId: l.lineId } },
          h('th', { scope: 'row', class: 'key' }, l.lineId),
          h('td', { class: 'key' }, l.sku),
          h('td', { class: 'num', dataset: { col: 'ordered' } }, count(ordered)),
          h('td', { class: 'num', dataset: { col: 'allocated' } }, count(l.allocated)),
          h('td', { class: `num${l.backordered > 0 ? ' flag-watch' : ''}`, dataset: { col: 'backordered' } }, count(l.backordered)),
          h('td', { class: `num${shipped > ordered ? ' flag-alert' : ''}`, dataset: { col: 'shipped' } }, count(shipped)),
          h('td', { class: `num${invoiced > shipped ? ' flag-alert' : ''}`, dataset: { col: 'invoiced' } }, count(invoiced)),
          h('td', { class: 'num' }, o.currency ? m.formatMoney(l.unitPrice, o.currency, this.locale, { cents: true }) : l.unitPrice),
          h('td', { class: 'progress-cell' },
            h('div', { class: 'progress', title: `${Math.round(shipPct)}% shipped, ${Math.round(invPct)}% invoiced` },
              h('div', { class: 'progress-ship', style: `width:${shipPct}%` }),
              h('div', { class: 'progress-inv', style: `width:${invPct}%` })),
            h('span', { class: 'progress-text' }, problems.length ? `⚠ ${problems.join(', ')}`
              : shipped >= ordered && invoiced >= ordered ? '✓ done' : `${Math.round(shipPct)}% shipped`)));
      })));

    const exceptions = o.openExceptions || [];
    const exc = h('div', { id: 'order-exceptions', class: 'exceptions', dataset: { count: exceptions.length } },
      h('h3', {}, 'Open exceptions'),
      exceptions.length === 0 ? h('p', { class: 'ok-text' }, '✓ None')
        : h('ul', {}, exceptions.map((x) => {
          const [type, ...subject] = String(x).split(':');
          return h('li', { class: 'flag-alert' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), h('strong', {}, m.humanize(type)),
            subject.length ? ` — ${subject.join(':')}` : '');
        })));

    result.dataset.state = 'found';
    result.dataset.correlationId = o.correlationId || id;
    result.replaceChildren(
      h('div', { class: 'order-head' },
        h('div', { class: 'order-id' }, o.correlationId || id),
        h('span', { class: `badge status-${String(o.status).toLowerCase()}`, id: 'order-status', dataset: { value: o.status } },
          h('span', { 'aria-hidden': 'true' }, `${icon} `), label),
        note ? h('span', { class: 'muted' }, note) : null,
        h('dl', { class: 'order-facts' },
          fact('Channel', o.channel ? m.humanize(o.channel).replace(/\bEdi\b/, 'EDI') : '—'),
          fact('Customer', o.customerId || '—'),
          fact('Order day', o.orderDay || '—'),
          fact('Order value', o.currency ? m.formatMoney(totalCents, o.currency, this.locale, { cents: true }) : '—'),
          // An answer's updatedAt is when it was answered, not when the order last changed (KPI-DEFINITIONS).
          fact('As of', o.updatedAt ? this.time(m.instantMs(o.updatedAt)) : '—'))),
      steps, table, exc);
  }

  time(ms) {
    if (ms === null) return '—';
    return new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
      timeZone: 'UTC', timeZoneName: 'short' }).format(new Date(ms));
  }
}

function fact(name, value) {
  return h('div', {}, h('dt', {}, name), h('dd', {}, value));
}
