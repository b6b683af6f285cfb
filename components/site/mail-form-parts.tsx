"use client";
// Pieces shared by the forms of the mailed-link flows (forgot password, new password, sign-in
// link and its code): an announced error, an announced confirmation, and the rule that a form
// stays disabled until its script runs (a form posted before hydration would go nowhere).
import { useEffect, useState } from "react";

export function useHydrated(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready;
}

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

/** Where to go after a sign-in: the server's sanitised return path, or home. */
export function returnPathOf(data: Record<string, unknown> | null): string {
  const value = data?.returnTo;
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}
