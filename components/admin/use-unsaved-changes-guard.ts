"use client";
// While a form has unsaved changes: the browser's own "Leave site?" prompt on reload, close or
// typed address (beforeunload), and a confirm before any in-app link navigates away. Links are
// intercepted in the capture phase on the document, before Next's <Link> sees the click, so a
// "stay" cancels the navigation for both. Hash links within the page are let through.
import { useEffect } from "react";

const UNSAVED_CHANGES_QUESTION = "Leave this page? Your changes are not saved.";

function leavesThePage(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return false;
  const to = new URL(anchor.href, window.location.href);
  const here = new URL(window.location.href);
  return !(to.origin === here.origin && to.pathname === here.pathname && to.search === here.search);
}

export function useUnsavedChangesGuard(isDirty: boolean): void {
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (!leavesThePage(event) || window.confirm(UNSAVED_CHANGES_QUESTION)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [isDirty]);
}
