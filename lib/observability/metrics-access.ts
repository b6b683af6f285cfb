// Who may read GET /api/metrics: whoever presents METRICS_TOKEN as a bearer token, compared in
// constant time. With no token configured the endpoint does not exist (404): metrics name
// traffic patterns, and an operator who has not chosen a token has not chosen to expose them.
import { env } from "@/lib/env";
import { secretsEqual } from "@/lib/security/secrets";

export type MetricsAccess = "granted" | "not_configured" | "denied";

export function checkMetricsAccess(authorization: string | null, options: { token: string | undefined } = { token: env.METRICS_TOKEN }): MetricsAccess {
  const { token } = options;
  if (!token) return "not_configured";
  const match = /^Bearer (\S{1,512})$/i.exec(authorization?.trim() ?? "");
  return match?.[1] !== undefined && secretsEqual(match[1], token) ? "granted" : "denied";
}
