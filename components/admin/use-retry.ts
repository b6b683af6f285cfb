"use client";
// "Try again" on an error page: fetch the page from the server again (router.refresh) and
// re-render the failed segment (reset) together — reset alone would re-render what failed.
import { useRouter } from "next/navigation";
import { startTransition } from "react";

export function useRetry(reset: () => void): () => void {
  const router = useRouter();
  return () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
}
