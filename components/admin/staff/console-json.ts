// One request from a console page to the console's JSON API, answered as a narrow union: the
// body, or the server's sentence (its error shape), or a sentence about the network.
export type ConsoleAnswer<T> = { ok: true; body: T } | { ok: false; status: number; message: string };

export async function sendConsoleJson<T = unknown>(method: "POST" | "PUT" | "PATCH" | "DELETE", endpoint: string, body?: unknown): Promise<ConsoleAnswer<T>> {
  try {
    const response = await fetch(endpoint, {
      method,
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
    if (response.ok) return { ok: true, body: data as T };
    return { ok: false, status: response.status, message: data?.error?.message ?? `Failed (HTTP ${response.status}).` };
  } catch {
    return { ok: false, status: 0, message: "The console could not reach the server. Check your connection and try again." };
  }
}
