"use client";
// The rule of every form and action button on a site's pages: disabled until its script runs.
// A form submitted before hydration would go nowhere useful (or GET its password into the
// address bar), and an early click would be silently lost.
import { useEffect, useState } from "react";

export function useHydrated(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready;
}
