// Screenshots of whole pages for the docs (npm run screenshots and the console's own scripts).
import type { Page } from "@playwright/test";

/** Full-page capture with the viewport as tall as the page, so sticky bars sit where they belong. */
export async function captureFullPage(page: Page, path: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 1280;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: Math.max(height, 600) });
  await page.screenshot({ path });
  await page.setViewportSize({ width, height: 900 });
}
