"use client";
// Pieces shared by the forms of the mailed-link flows (forgot password, new password, sign-in
// link and its code): an announced error, an announced confirmation, and what a JSON answer
// says next. (Forms stay disabled until their script runs: use-hydrated.ts.)

export function FormError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="form-error" data-testid="form-error">
      {message}
    </p>
  );
}

export function FormStatus({ message }: { message: string }) {
  return (
    <p role="status" className="form-status" data-testid="form-status">
      {message}
    </p>
  );
}

function field(body: unknown, name: string): string | null {
  const value = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === "string" ? value : null;
}

/** Where to go after a sign-in: the server's sanitised return path, or home. */
export function returnPathOf(body: unknown): string {
  const value = field(body, "returnTo");
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

/** The sentence of a 202 answer ("If an account uses this address…"). */
export function messageOf(body: unknown): string | null {
  return field(body, "message");
}
