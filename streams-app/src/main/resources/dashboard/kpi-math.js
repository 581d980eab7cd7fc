// Pure KPI arithmetic and formatting for the o2c-pulse dashboard: no DOM, no network, so node --test can run it.
// Values are the JSON forms of the KPI Avro records (docs/KPI-SPEC): counts are numbers, money is a decimal string
// with two places ("1234.50"), days are "YYYY-MM-DD".

// ---------------------------------------------------------------------------------------------------------------
// Days

const DAY_MS = 86_400_000;

/** Days since the epoch of a "YYYY-MM-DD" business day (calendar arithmetic in UTC, independent of the browser zone). */
export function dayNumber(day) {
  const [y, m, d] = String(day).split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The "YYYY-MM-DD" day n days after day (n may be negative). */
export function addDays(day, n) {
  return new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a, b) {
  return dayNumber(b) - dayNumber(a);
}

/**
 * A KPI record as the dashboard reads it. The contract sends days as "YYYY-MM-DD"; an Avro date that arrives as days
 * since the epoch (a raw Avro-to-JSON encoding) is turned into that form so that every comparison stays a string one.
 */
export function normalizeRecord(value) {
  if (value && typeof value.day === 'number') return { ...value, day: addDays('1970-01-01', value.day) };
  return value;
}

/** The newest day among values that carry one, or null. Days compare as strings. */
export function latestDay(values) {
  let latest = null;
  for (const v of values) {
    if (v && v.day && (latest === null || v.day > latest)) latest = v.day;
  }
  return latest;
}

/** The inclusive window of n days ending on today: {from, to}. */
export function trailingWindow(today, n) {
  return { from: addDays(today, -(n - 1)), to: today };
}

export function inWindow(day, win) {
  return !!day && day >= win.from && day <= win.to;
}

/** The days from..to inclusive, in order. */
export function daysOf(win) {
  const out = [];
  for (let d = win.from; d <= win.to; d = addDays(d, 1)) out.push(d);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Rates and sums

/** num/den, or null when den is 0 (the spec's rule for rates). */
export function ratio(num, den) {
  return den > 0 ? num / den : null;
}

const num = (x) => (typeof x === 'number' ? x : Number(x ?? 0)) || 0;

/** Fill-rate counts summed over records, rates recomputed from the sums (never averaged). */
export function sumFillRate(values) {
  const s = { linesShipped: 0, linesFilled: 0, unitsOrdered: 0, unitsFilled: 0, ordersShipped: 0, ordersFilled: 0 };
  let updatedAt = null;
  for (const v of values) {
    for (const k of Object.keys(s)) s[k] += num(v[k]);
    updatedAt = laterInstant(updatedAt, v.updatedAt);
  }
  return {
    ...s,
    lineFillRate: ratio(s.linesFilled, s.linesShipped),
    unitFillRate: ratio(s.unitsFilled, s.unitsOrdered),
    orderFillRate: ratio(s.ordersFilled, s.ordersShipped),
    updatedAt,
  };
}

/** Invoice-latency counts and histograms summed over records, percentiles recomputed from the summed histogram. */
export function sumLatency(values) {
  const s = { shipments: 0, invoiced: 0, notInvoiced: 0, overSla: 0, latencySumSeconds: 0 };
  const histogram = new Map();
  let updatedAt = null;
  for (const v of values) {
    for (const k of Object.keys(s)) s[k] += num(v[k]);
    for (const [bucket, count] of Object.entries(v.histogram || {})) {
      const b = Number(bucket);
      histogram.set(b, (histogram.get(b) || 0) + num(count));
    }
    updatedAt = laterInstant(updatedAt, v.updatedAt);
  }
  return {
    ...s,
    histogram,
    p50Seconds: percentile(histogram, 50),
    p90Seconds: percentile(histogram, 90),
    p99Seconds: percentile(histogram, 99),
    meanSeconds: ratio(s.latencySumSeconds, s.invoiced),
    overSlaShare: ratio(s.overSla, s.invoiced),
    updatedAt,
  };
}

/**
 * Nearest-rank percentile over a histogram (Map or object: bucket value → count): the smallest bucket whose
 * cumulative count reaches rank = ceil(p/100 × n), at least 1. Null when the histogram is empty.
 * Integer arithmetic: 90/100 × 10 in floating point is 9.000000000000002, whose ceiling would be 10.
 */
export function percentile(histogram, p) {
  const entries = (histogram instanceof Map ? [...histogram.entries()] : Object.entries(histogram || {}))
    .map(([b, c]) => [Number(b), num(c)])
    .filter(([, c]) => c > 0)
    .sort((a, b) => a[0] - b[0]);
  const n = entries.reduce((acc, [, c]) => acc + c, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.floor((p * n + 99) / 100));
  let cumulative = 0;
  for (const [bucket, count] of entries) {
    cumulative += count;
    if (cumulative >= rank) return bucket;
  }
  return entries[entries.length - 1][0];
}

// ---------------------------------------------------------------------------------------------------------------
// Money: exact decimal strings with scale 2, summed as BigInt cents

/** "1234.5" / "-0.07" / 12 → BigInt cents (scale 2; extra digits are truncated, which the API never sends). */
export function toCents(decimal) {
  if (decimal === null || decimal === undefined || decimal === '') return 0n;
  const s = String(decimal).trim();
  const negative = s.startsWith('-');
  const [whole, frac = ''] = s.replace(/^[-+]/, '').split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -cents : cents;
}

/** BigInt cents → "1234.50". */
export function centsToDecimal(cents) {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Backlog and aging

export const AGING_BUCKETS = [
  { id: 'd0-1', label: '0–1 d', min: 0, max: 1 },
  { id: 'd2-3', label: '2–3 d', min: 2, max: 3 },
  { id: 'd4-7', label: '4–7 d', min: 4, max: 7 },
  { id: 'd8+', label: '>7 d', min: 8, max: Infinity },
];

/** The aging bucket id of an order day seen from today (days in the future count as 0). */
export function agingBucket(orderDay, today) {
  const age = Math.max(0, daysBetween(orderDay, today));
  return AGING_BUCKETS.find((b) => age >= b.min && age <= b.max).id;
}

/**
 * Backlog records (any days) summed per currency, with aging buckets by order day relative to today.
 * Returns {currencies: [{currency, openOrders, openLines, openUnits, openValue (decimal string), openValueCents,
 * backorderedUnits, aging: {bucketId: {openOrders, openValueCents, openValue}}}] sorted by open orders descending,
 * totals: {openOrders, openLines, openUnits, backorderedUnits, aging: {bucketId: {openOrders}}}, updatedAt}.
 */
export function sumBacklog(values, today) {
  const byCurrency = new Map();
  const emptyAging = () => Object.fromEntries(AGING_BUCKETS.map((b) => [b.id, { openOrders: 0, openValueCents: 0n }]));
  const totals = { openOrders: 0, openLines: 0, openUnits: 0, backorderedUnits: 0, aging: emptyAging() };
  let updatedAt = null;
  for (const v of values) {
    const cur = v.currency || '???';
    if (!byCurrency.has(cur)) {
      byCurrency.set(cur, { currency: cur, openOrders: 0, openLines: 0, openUnits: 0, openValueCents: 0n,
        backorderedUnits: 0, aging: emptyAging() });
    }
    const c = byCurrency.get(cur);
    const cents = toCents(v.openValue);
    for (const k of ['openOrders', 'openLines', 'openUnits', 'backorderedUnits']) {
      c[k] += num(v[k]);
      totals[k] += num(v[k]);
    }
    c.openValueCents += cents;
    const bucket = today ? agingBucket(v.day, today) : AGING_BUCKETS[0].id;
    c.aging[bucket].openOrders += num(v.openOrders);
    c.aging[bucket].openValueCents += cents;
    totals.aging[bucket].openOrders += num(v.openOrders);
    updatedAt = laterInstant(updatedAt, v.updatedAt);
  }
  const currencies = [...byCurrency.values()]
    .map((c) => ({
      ...c,
      openValue: centsToDecimal(c.openValueCents),
      aging: Object.fromEntries(Object.entries(c.aging)
        .map(([id, a]) => [id, { ...a, openValue: centsToDecimal(a.openValueCents) }])),
    }))
    .sort((a, b) => b.openOrders - a.openOrders || (b.openValueCents > a.openValueCents ? 1 : -1));
  return { currencies, totals, updatedAt };
}

// ---------------------------------------------------------------------------------------------------------------
// Grouping

/** Records grouped by scopeValue: Map scopeValue → records. */
export function groupByScopeValue(values) {
  const groups = new Map();
  for (const v of values) {
    const k = v.scopeValue ?? '*';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(v);
  }
  return groups;
}

/** Records grouped by day: Map day → records. */
export function groupByDay(values) {
  const groups = new Map();
  for (const v of values) {
    if (!groups.has(v.day)) groups.set(v.day, []);
    groups.get(v.day).push(v);
  }
  return groups;
}

/** Reconciliation records summed: {total, byType: [{type, count}] sorted by count desc, updatedAt}. */
export function sumReconciliation(values) {
  const byType = new Map();
  let updatedAt = null;
  for (const v of values) {
    byType.set(v.type, (byType.get(v.type) || 0) + num(v.count));
    updatedAt = laterInstant(updatedAt, v.updatedAt);
  }
  const list = [...byType.entries()].map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return { total: list.reduce((a, b) => a + b.count, 0), byType: list, updatedAt };
}

// ---------------------------------------------------------------------------------------------------------------
// Instants

/** Milliseconds since the epoch of an ISO-8601 instant or epoch-millis number; null when absent or unparseable. */
export function instantMs(x) {
  if (x === null || x === undefined || x === '') return null;
  if (typeof x === 'number') return x;
  const ms = Date.parse(x);
  return Number.isNaN(ms) ? null : ms;
}

/** The later of two instants (either form), as given; nulls lose. */
export function laterInstant(a, b) {
  const ma = instantMs(a);
  const mb = instantMs(b);
  if (mb === null) return a ?? null;
  if (ma === null) return b;
  return mb > ma ? b : a;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting for people

/** "3 h 40 m", "12 m 5 s", "45 s", "2 d 4 h"; the two largest non-zero units, "—" for null. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  let s = Math.round(Math.abs(seconds));
  const sign = seconds < 0 ? '−' : '';
  if (s < 60) return `${sign}${s} s`;
  const units = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  const parts = [];
  for (const [label, size] of units) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0 || parts.length > 0) parts.push([n, label]);
    if (parts.length === 2) break;
  }
  return sign + parts.filter(([n], i) => i === 0 || n > 0).map(([n, l]) => `${n} ${l}`).join(' ');
}

/** "93.4 %"-style share with one decimal, "—" for null. */
export function formatPercent(rate, locale, digits = 1) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits,
    maximumFractionDigits: digits }).format(rate);
}

/** Whole numbers with thousands separators, "—" for null. */
export function formatCount(n, locale) {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * Money in its currency. decimal: a decimal string, number or BigInt cents. compact: "$1.24M" from a million on
 * (headline tiles); otherwise whole units with separators ("$126,094"), or cents when cents: true.
 */
export function formatMoney(decimal, currency, locale, { compact = false, cents = false } = {}) {
  if (decimal === null || decimal === undefined) return '—';
  const value = typeof decimal === 'bigint' ? Number(decimal) / 100 : Number(decimal);
  let opts = { style: 'currency', currency, maximumFractionDigits: cents ? 2 : 0,
    minimumFractionDigits: cents ? 2 : 0 };
  if (compact && Math.abs(value) >= 1_000_000) {
    opts = { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 2, minimumFractionDigits: 0 };
  }
  try {
    return new Intl.NumberFormat(locale, opts).format(value);
  } catch (e) { // unknown currency code
    return `${currency} ${new Intl.NumberFormat(locale, { maximumFractionDigits: cents ? 2 : 0 }).format(value)}`;
  }
}

/** A difference of two rates in percentage points with an arrow: "▲ 1.2 pts", "▼ 0.4 pts", "= 0.0 pts". */
export function formatPointsDelta(delta, locale) {
  if (delta === null || delta === undefined || Number.isNaN(delta)) return '';
  const pts = delta * 100;
  const text = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(Math.abs(pts));
  if (text === new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).format(0)) return `= ${text} pts`;
  return `${pts > 0 ? '▲' : '▼'} ${text} pts`;
}

/** "just now", "12 s ago", "4 m ago", "2 h 5 m ago" for an age in milliseconds. */
export function formatAge(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 5_000) return 'just now';
  return `${formatDuration(Math.floor(ms / 1000))} ago`;
}

/** "1 order", "1,204 orders" (English nouns; the number in the locale's format). */
export function countOf(n, one, other, locale) {
  const rule = new Intl.PluralRules('en-US').select(Number(n));
  return `${formatCount(n, locale)} ${rule === 'one' ? one : other}`;
}

/** "ORPHAN_EVENT" → "Orphan event". */
export function humanize(constant) {
  const s = String(constant || '').toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
