// Prometheus metrics of ONE app instance, in a registry of our own (no dependency): counters
// and histograms with fixed label names, rendered in the text exposition format (0.0.4) by
// GET /api/metrics. Every instance is scraped on its own; Prometheus sums across instances.
//
// NOTE: the registry lives on globalThis. Next bundles proxy.ts and the route handlers
// separately, so a module-level Map would exist once per bundle; globalThis is one per process.
// Label values are always from closed sets (outcomes, route templates, host kinds), never from
// the request (a path, a slug, an id): a scraper's memory must not grow with traffic.

type LabelValues = Record<string, string>;

type CounterSeries = { labels: LabelValues; value: number };
type HistogramSeries = { labels: LabelValues; buckets: number[]; sum: number; count: number };

type MetricBase = { name: string; help: string; labelNames: readonly string[] };
type CounterMetric = MetricBase & { type: "counter"; series: Map<string, CounterSeries> };
type HistogramMetric = MetricBase & { type: "histogram"; bounds: readonly number[]; series: Map<string, HistogramSeries> };
type Metric = CounterMetric | HistogramMetric;

type Registry = { metrics: Map<string, Metric>; startedAt: number };

const REGISTRY_KEY = Symbol.for("multisite-sso.metrics-registry");

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[REGISTRY_KEY] ??= { metrics: new Map(), startedAt: Date.now() };
  return holder[REGISTRY_KEY];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function seriesKey(labelNames: readonly string[], labels: LabelValues): string {
  return labelNames.map((name) => labels[name] ?? "").join("\u0000");
}

function register<M extends Metric>(metric: M): M {
  if (!NAME.test(metric.name)) throw new Error(`invalid metric name ${metric.name}`);
  const existing = registry().metrics.get(metric.name);
  if (existing) return existing as M;
  registry().metrics.set(metric.name, metric);
  return metric;
}

export type Counter<L extends string> = { inc: (labels: Record<L, string>, by?: number) => void };
export type Histogram<L extends string> = { observe: (labels: Record<L, string>, value: number) => void };

export function counter<L extends string>(options: { name: string; help: string; labelNames: readonly L[] }): Counter<L> {
  const metric = register<CounterMetric>({ ...options, type: "counter", series: new Map() });
  return {
    inc(labels, by = 1) {
      const key = seriesKey(metric.labelNames, labels);
      const series = metric.series.get(key) ?? { labels: { ...labels }, value: 0 };
      series.value += by;
      metric.series.set(key, series);
    },
  };
}

/** Request latencies: 5 ms to 10 s. */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export function histogram<L extends string>(options: {
  name: string;
  help: string;
  labelNames: readonly L[];
  buckets?: readonly number[];
}): Histogram<L> {
  const bounds = options.buckets ?? LATENCY_BUCKETS_SECONDS;
  const metric = register<HistogramMetric>({ name: options.name, help: options.help, labelNames: options.labelNames, type: "histogram", bounds, series: new Map() });
  return {
    observe(labels, value) {
      const key = seriesKey(metric.labelNames, labels);
      const series = metric.series.get(key) ?? { labels: { ...labels }, buckets: metric.bounds.map(() => 0), sum: 0, count: 0 };
      metric.bounds.forEach((bound, index) => {
        if (value <= bound) series.buckets[index] = (series.buckets[index] ?? 0) + 1;
      });
      series.sum += value;
      series.count += 1;
      metric.series.set(key, series);
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatLabels(labels: LabelValues, extra: LabelValues = {}): string {
  const all = { ...labels, ...extra };
  const parts = Object.entries(all).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function formatNumber(value: number): string {
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  return Number.isInteger(value) ? String(value) : value.toPrecision(12).replace(/\.?0+$/, "");
}

/** The whole registry in Prometheus' text format, plus a few process gauges. */
export function renderMetrics(): string {
  const lines: string[] = [];
  for (const metric of registry().metrics.values()) {
    lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`);
    if (metric.type === "counter") {
      for (const series of metric.series.values()) lines.push(`${metric.name}${formatLabels(series.labels)} ${formatNumber(series.value)}`);
      continue;
    }
    for (const series of metric.series.values()) {
      metric.bounds.forEach((bound, index) => {
        lines.push(`${metric.name}_bucket${formatLabels(series.labels, { le: formatNumber(bound) })} ${series.buckets[index] ?? 0}`);
      });
      lines.push(`${metric.name}_bucket${formatLabels(series.labels, { le: "+Inf" })} ${series.count}`);
      lines.push(`${metric.name}_sum${formatLabels(series.labels)} ${formatNumber(series.sum)}`);
      lines.push(`${metric.name}_count${formatLabels(series.labels)} ${series.count}`);
    }
  }
  const memory = process.memoryUsage();
  lines.push(
    "# HELP process_start_time_seconds Start time of this instance since the Unix epoch.",
    "# TYPE process_start_time_seconds gauge",
    `process_start_time_seconds ${Math.floor(registry().startedAt / 1000)}`,
    "# HELP process_resident_memory_bytes Resident memory of this instance.",
    "# TYPE process_resident_memory_bytes gauge",
    `process_resident_memory_bytes ${memory.rss}`,
    "# HELP nodejs_heap_used_bytes V8 heap in use.",
    "# TYPE nodejs_heap_used_bytes gauge",
    `nodejs_heap_used_bytes ${memory.heapUsed}`,
  );
  return `${lines.join("\n")}\n`;
}
