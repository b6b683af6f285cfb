import { describe, expect, it } from "vitest";
import { counter, histogram, renderMetrics } from "./metrics";
import { checkMetricsAccess } from "./metrics-access";

describe("the metrics registry", () => {
  it("renders counters and histograms in Prometheus' text format, cumulative buckets and +Inf included", () => {
    const requests = counter({ name: "test_requests_total", help: "Test requests.", labelNames: ["route"] as const });
    const latency = histogram({ name: "test_latency_seconds", help: "Test latency.", labelNames: ["route"] as const, buckets: [0.1, 1] });
    requests.inc({ route: "/a" });
    requests.inc({ route: "/a" }, 2);
    requests.inc({ route: 'we"ird\\' });
    latency.observe({ route: "/a" }, 0.05);
    latency.observe({ route: "/a" }, 0.5);
    latency.observe({ route: "/a" }, 5);
    const text = renderMetrics();
    expect(text).toContain("# HELP test_requests_total Test requests.\n# TYPE test_requests_total counter\n");
    expect(text).toContain('test_requests_total{route="/a"} 3\n');
    expect(text).toContain('test_requests_total{route="we\\"ird\\\\"} 1\n');
    expect(text).toContain('test_latency_seconds_bucket{route="/a",le="0.1"} 1\n');
    expect(text).toContain('test_latency_seconds_bucket{route="/a",le="1"} 2\n');
    expect(text).toContain('test_latency_seconds_bucket{route="/a",le="+Inf"} 3\n');
    expect(text).toContain('test_latency_seconds_sum{route="/a"} 5.55\n');
    expect(text).toContain('test_latency_seconds_count{route="/a"} 3\n');
    expect(text.endsWith("\n")).toBe(true);
  });

  it("returns the same metric when it is defined twice (one registry per process, shared by every bundle)", () => {
    const a = counter({ name: "test_shared_total", help: "Shared.", labelNames: [] as const });
    const b = counter({ name: "test_shared_total", help: "Shared.", labelNames: [] as const });
    a.inc({});
    b.inc({});
    expect(renderMetrics()).toContain("test_shared_total 2\n");
  });
});

describe("checkMetricsAccess", () => {
  it("does not exist without a configured token, and wants exactly the token as a bearer", () => {
    expect(checkMetricsAccess("Bearer anything", { token: undefined })).toBe("not_configured");
    expect(checkMetricsAccess(null, { token: "t0ken-t0ken-t0ken" })).toBe("denied");
    expect(checkMetricsAccess("Basic t0ken-t0ken-t0ken", { token: "t0ken-t0ken-t0ken" })).toBe("denied");
    expect(checkMetricsAccess("Bearer t0ken-t0ken-t0ke", { token: "t0ken-t0ken-t0ken" })).toBe("denied");
    expect(checkMetricsAccess("Bearer t0ken-t0ken-t0ken", { token: "t0ken-t0ken-t0ken" })).toBe("granted");
    expect(checkMetricsAccess("bearer t0ken-t0ken-t0ken", { token: "t0ken-t0ken-t0ken" })).toBe("granted");
  });
});
