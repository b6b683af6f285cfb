// Same-origin JSON POSTs from the site's own pages (the browser adds Origin and cookies).
import { tooManySignInsMessage } from "@/lib/format/duration-words";
import { WRONG_CREDENTIALS_MESSAGE } from "@/lib/auth/field-messages";

export async function postJson(path: string, body: unknown = {}): Promise<{ ok: boolean; status: number; message: string | null; body: unknown }> {
  try {
    const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: response.ok, status: response.status, message: data?.error?.message ?? null, body: data };
  } catch {
    return { ok: false, status: 0, message: "The network is unavailable. Try again.", body: null };
  }
}

/** next-auth's Credentials flow from a form: CSRF token, then the provider's callback. */
export async function submitCredentials(
  provider: "credentials" | "register",
  fields: Record<string, string>,
): Promise<{ ok: true; next?: string } | { ok: false; message: string }> {
  try {
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await fetch(`/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken, json: "true" }),
    });
    const data = (await response.json().catch(() => null)) as { url?: string; status?: string; error?: { message?: string } } | null;
    // A registration that must be confirmed by mail (or whose address already had an account: the same answer).
    if (response.ok && data?.status === "check_email" && data.url) return { ok: true, next: data.url };
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get("retry-after"));
      // The server's sentence says why (this address, this account, registrations) and what to do; the wait alone is the fallback.
      return { ok: false, message: data?.error?.message ?? (Number.isFinite(retryAfter) && retryAfter > 0 ? tooManySignInsMessage(retryAfter) : "Too many attempts. Try again later.") };
    }
    // A refusal of ours after the password was right (the device limit): its sentence says what to do.
    if (!response.ok && data?.error?.message) return { ok: false, message: data.error.message };
    const error = data?.url ? new URL(data.url, window.location.href).searchParams.get("error") : "unknown";
    if (!response.ok || error) {
      if (error === "CredentialsSignin") return { ok: false, message: WRONG_CREDENTIALS_MESSAGE };
      // Our own providers' messages are sentences for the reader (lib/auth); next-auth's own
      // codes (CamelCase words such as "MissingCSRF") are not.
      if (error && /\s/.test(error)) return { ok: false, message: error };
      if (error === "MissingCSRF" || error === "Verification") return { ok: false, message: "Your session on this page expired. Reload the page and try again." };
      return { ok: false, message: "Something went wrong on our side. Try again in a moment." };
    }
    return { ok: true };
  } catch {
    return { ok: false, message: "The network is unavailable. Try again." };
  }
}
