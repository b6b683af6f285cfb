// The product's metrics (README, "Operations"). Defined in one place so they can be reviewed
// together and so every label set is closed.
import { counter, histogram } from "./metrics";

/** Every request a route handler (or the proxy itself) answered. `route` is a template, never a raw path. */
export const httpRequests = counter({
  name: "mss_http_requests_total",
  help: "HTTP requests answered, by host kind, route template, method and status code.",
  labelNames: ["part", "route", "method", "status"] as const,
});

export const httpRequestDuration = histogram({
  name: "mss_http_request_duration_seconds",
  help: "Time to answer an HTTP request (route handlers, and responses the proxy gives itself).",
  labelNames: ["part", "route", "method"] as const,
});

/** A site (or an external site's kit, which we cannot see) sent a browser to the auth domain. */
export const handshakesStarted = counter({
  name: "mss_sso_handshakes_started_total",
  help: "Handshakes started by this app's sites (redirects to the auth domain).",
  labelNames: [] as const,
});

/** The auth domain's answer to GET /sso/handshake. */
export const handshakesAnswered = counter({
  name: "mss_sso_handshakes_total",
  help: "Handshakes answered by the auth domain: an OTT minted (minted) or refused (with the error code).",
  labelNames: ["outcome", "site_kind"] as const,
});

export const ottRedemptions = counter({
  name: "mss_sso_ott_redemptions_total",
  help: "OTT redemptions by channel (callback: a site of this app; exchange: an external site) and outcome.",
  labelNames: ["channel", "outcome"] as const,
});

export const statusRequests = counter({
  name: "mss_sso_status_requests_total",
  help: "SSO status requests by channel (site: GET /api/sso/status; external: POST /sso/session/status) and answer.",
  labelNames: ["channel", "status"] as const,
});

export const signIns = counter({
  name: "mss_sign_ins_total",
  help: "Site sessions signed in, by method (password, register, sso_auto, sso_opt_in).",
  labelNames: ["method"] as const,
});

export const signInFailures = counter({
  name: "mss_sign_in_failures_total",
  help: "Password sign-ins refused (invalid_credentials or throttled).",
  labelNames: ["reason"] as const,
});

export const clientAuthFailures = counter({
  name: "mss_external_client_auth_failures_total",
  help: "Server-to-server calls refused because the external site's client credentials were wrong.",
  labelNames: [] as const,
});
