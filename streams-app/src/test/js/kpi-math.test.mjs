// node --test streams-app/src/test/js/ — the dashboard's pure KPI arithmetic and formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as m from '../../main/resources/dashboard/kpi-math.js';

test('day arithmetic is calendar arithmetic', () => {
  assert.equal(m.addDays('2026-11-21', 1), '2026-11-22');
  assert.equal(m.addDays('2026-03-01', -1), '2026-02-28');
  assert.equal(m.addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(m.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(m.daysBetween('2026-11-14', '2026-11-21'), 7);
  assert.deepEqual(m.trailingWindow('2026-11-21', 7), { from: '2026-11-15', to: '2026-11-21' });
  assert.deepEqual(m.daysOf({ from: '2026-11-30', to: '2026-12-02' }), ['2026-11-30', '2026-12-01', '2026-12-02']);
  assert.equal(m.latestDay([{ day: '2026-11-02' }, { day: '2026-11-21' }, {}, null, { day: '2026-10-30' }]),
    '2026-11-21');
  assert.equal(m.latestDay([]), null);
});

test('fill rates over a window are recomputed from summed counts, not averaged', () => {
  const s = m.sumFillRate([
    { linesShipped: 1, linesFilled: 1, unitsOrdered: 10, unitsFilled: 10, ordersShipped: 1, ordersFilled: 1 },
    { linesShipped: 9, linesFilled: 0, unitsOrdered: 90, unitsFilled: 45, ordersShipped: 3, ordersFilled: 0 },
  ]);
  assert.equal(s.linesShipped, 10);
  assert.equal(s.lineFillRate, 0.1); // the average of the two day rates would be 0.5
  assert.equal(s.unitFillRate, 0.55);
  assert.equal(s.orderFillRate, 0.25);
  const empty = m.sumFillRate([]);
  assert.equal(empty.lineFillRate, null);
  assert.equal(m.sumFillRate([{ linesShipped: 2, linesFilled: 2 }]).orderFillRate, null);
});

test('nearest-rank percentiles from a histogram', () => {
  // ten values 1..10: p50 rank 5, p90 rank 9 (not 10: 0.9 × 10 is 9.000000000000002 in floating point), p99 rank 10
  const h = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i + 1), 1]));
  assert.equal(m.percentile(h, 50), 5);
  assert.equal(m.percentile(h, 90), 9);
  assert.equal(m.percentile(h, 99), 10);
  assert.equal(m.percentile({ 1240: 3 }, 50), 1240);
  assert.equal(m.percentile({}, 50), null);
  assert.equal(m.percentile({ 5: 1, 100: 1 }, 50), 5);
  assert.equal(m.percentile({ 5: 1, 100: 1 }, 51), 100);
  // keys sort numerically, not as strings
  assert.equal(m.percentile({ 900: 1, 1000: 1, 10000: 1 }, 34), 1000);
});

test('latency over a window sums histograms and recomputes percentiles and the SLA share', () => {
  const s = m.sumLatency([
    { shipments: 4, invoiced: 3, notInvoiced: 1, overSla: 1, latencySumSeconds: 100_000, histogram: { 600: 2, 98_800: 1 } },
    { shipments: 2, invoiced: 2, notInvoiced: 0, overSla: 0, latencySumSeconds: 7_000, histogram: { 3_500: 2 } },
  ]);
  assert.equal(s.shipments, 6);
  assert.equal(s.notInvoiced, 1);
  assert.equal(s.invoiced, 5);
  assert.equal(s.p50Seconds, 3_500); // sorted 600, 600, 3500, 3500, 98800: rank 3
  assert.equal(s.p90Seconds, 98_800); // rank 5
  assert.equal(s.p99Seconds, 98_800);
  assert.equal(s.overSlaShare, 0.2);
  assert.equal(s.meanSeconds, 21_400);
  assert.equal(m.sumLatency([{ shipments: 1, notInvoiced: 1, histogram: {} }]).p50Seconds, null);
});

test('a single record recomputes to its own percentiles', () => {
  const v = { invoiced: 7, histogram: { 120: 1, 3600: 3, 7200: 2, 90_000: 1 }, p50Seconds: 3600, p90Seconds: 90_000,
    p99Seconds: 90_000 };
  const s = m.sumLatency([v]);
  assert.equal(s.p50Seconds, v.p50Seconds);
  assert.equal(s.p90Seconds, v.p90Seconds);
  assert.equal(s.p99Seconds, v.p99Seconds);
});

test('money is summed exactly in cents', () => {
  assert.equal(m.toCents('1234.50'), 123450n);
  assert.equal(m.toCents('0.07'), 7n);
  assert.equal(m.toCents('-12.3'), -1230n);
  assert.equal(m.toCents('5'), 500n);
  assert.equal(m.centsToDecimal(m.toCents('0.10') + m.toCents('0.20')), '0.30');
  assert.equal(m.centsToDecimal(-5n), '-0.05');
  assert.equal(m.centsToDecimal(m.toCents('99999999999999999.99') + 1n), '100000000000000000.00');
});

test('backlog sums per currency with aging buckets from the order day', () => {
  const today = '2026-11-21';
  const b = m.sumBacklog([
    { day: '2026-11-21', currency: 'USD', openOrders: 2, openLines: 3, openUnits: 10, openValue: '100.10', backorderedUnits: 0 },
    { day: '2026-11-20', currency: 'USD', openOrders: 1, openLines: 1, openUnits: 5, openValue: '0.20', backorderedUnits: 5 },
    { day: '2026-11-19', currency: 'USD', openOrders: 1, openLines: 1, openUnits: 1, openValue: '1.00', backorderedUnits: 0 },
    { day: '2026-11-14', currency: 'EUR', openOrders: 4, openLines: 4, openUnits: 4, openValue: '40.00', backorderedUnits: 0 },
    { day: '2026-11-13', currency: 'USD', openOrders: 1, openLines: 1, openUnits: 1, openValue: '9.99', backorderedUnits: 1 },
  ], today);
  assert.equal(b.totals.openOrders, 9);
  assert.deepEqual(b.currencies.map((c) => c.currency), ['USD', 'EUR']);
  const usd = b.currencies[0];
  assert.equal(usd.openValue, '111.29');
  assert.equal(usd.openOrders, 5);
  assert.equal(usd.backorderedUnits, 6);
  assert.equal(usd.aging['d0-1'].openOrders, 3);
  assert.equal(usd.aging['d0-1'].openValue, '100.30');
  assert.equal(usd.aging['d2-3'].openOrders, 1);
  assert.equal(usd.aging['d8+'].openOrders, 1);
  assert.equal(b.currencies[1].aging['d4-7'].openOrders, 4); // 7 days old
  assert.equal(b.totals.aging['d8+'].openOrders, 1);
});

test('aging bucket edges', () => {
  const t = '2026-11-21';
  assert.equal(m.agingBucket('2026-11-21', t), 'd0-1');
  assert.equal(m.agingBucket('2026-11-20', t), 'd0-1');
  assert.equal(m.agingBucket('2026-11-19', t), 'd2-3');
  assert.equal(m.agingBucket('2026-11-18', t), 'd2-3');
  assert.equal(m.agingBucket('2026-11-17', t), 'd4-7');
  assert.equal(m.agingBucket('2026-11-14', t), 'd4-7');
  assert.equal(m.agingBucket('2026-11-13', t), 'd8+');
  assert.equal(m.agingBucket('2026-11-25', t), 'd0-1');
});

test('reconciliation totals by type', () => {
  const r = m.sumReconciliation([{ type: 'UNKNOWN_LINE', count: 2 }, { type: 'ORPHAN_EVENT', count: 5 }]);
  assert.equal(r.total, 7);
  assert.deepEqual(r.byType.map((x) => x.type), ['ORPHAN_EVENT', 'UNKNOWN_LINE']);
  assert.equal(m.humanize('INVOICED_BEFORE_SHIPPED'), 'Invoiced before shipped');
});

test('durations read like people write them', () => {
  assert.equal(m.formatDuration(13_200), '3 h 40 m');
  assert.equal(m.formatDuration(13_259), '3 h 40 m');
  assert.equal(m.formatDuration(3_600), '1 h');
  assert.equal(m.formatDuration(45), '45 s');
  assert.equal(m.formatDuration(0), '0 s');
  assert.equal(m.formatDuration(725), '12 m 5 s');
  assert.equal(m.formatDuration(187_200), '2 d 4 h');
  assert.equal(m.formatDuration(null), '—');
  assert.equal(m.formatAge(2_000), 'just now');
  assert.equal(m.formatAge(75_000), '1 m 15 s ago');
});

test('numbers, percentages and money are formatted for people', () => {
  assert.equal(m.formatCount(1234567, 'en-US'), '1,234,567');
  assert.equal(m.formatCount(null, 'en-US'), '—');
  assert.equal(m.formatPercent(0.9345, 'en-US'), '93.5%');
  assert.equal(m.formatPercent(null, 'en-US'), '—');
  assert.equal(m.formatMoney('12345.67', 'USD', 'en-US'), '$12,346');
  assert.equal(m.formatMoney('12345.67', 'USD', 'en-US', { cents: true }), '$12,345.67');
  assert.equal(m.formatMoney('1240000.00', 'USD', 'en-US', { compact: true }), '$1.24M');
  assert.equal(m.formatMoney('126093.85', 'USD', 'en-US', { compact: true }), '$126,094');
  assert.equal(m.formatMoney(123456n, 'EUR', 'en-US', { cents: true }), '€1,234.56');
  assert.match(m.formatMoney('10', 'XQQ', 'en-US'), /XQQ/);
  assert.equal(m.formatPointsDelta(0.012, 'en-US'), '▲ 1.2 pts');
  assert.equal(m.formatPointsDelta(-0.004, 'en-US'), '▼ 0.4 pts');
  assert.equal(m.formatPointsDelta(0.0001, 'en-US'), '= 0.0 pts');
  assert.equal(m.formatPointsDelta(null, 'en-US'), '');
});

test('instants compare whatever their form', () => {
  assert.equal(m.laterInstant('2026-11-21T10:00:00Z', '2026-11-21T09:00:00Z'), '2026-11-21T10:00:00Z');
  assert.equal(m.laterInstant(null, '2026-11-21T09:00:00Z'), '2026-11-21T09:00:00Z');
  assert.equal(m.laterInstant(5, null), 5);
  assert.equal(m.instantMs('garbage'), null);
});

test('counted nouns agree with their number', () => {
  assert.equal(m.countOf(1, 'order', 'orders', 'en-US'), '1 order');
  assert.equal(m.countOf(0, 'order', 'orders', 'en-US'), '0 orders');
  assert.equal(m.countOf(1204, 'order', 'orders', 'en-US'), '1,204 orders');
});

test('records with an Avro day number read as ISO days', () => {
  assert.equal(m.normalizeRecord({ day: 20_778, x: 1 }).day, '2026-11-21');
  assert.equal(m.normalizeRecord({ day: '2026-11-21' }).day, '2026-11-21');
  assert.equal(m.normalizeRecord({ type: 'ORPHAN_EVENT' }).day, undefined);
});
