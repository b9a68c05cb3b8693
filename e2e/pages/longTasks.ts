// Perf specs: the longest main-thread task over a stretch of work, measured in the page
// (PerformanceObserver 'longtask': tasks over 50 ms).
import type { Page } from '@playwright/test';

/** In the page: from now on, record the longest main-thread task. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number; __longObserver?: PerformanceObserver };
    w.__longObserver?.disconnect();
    w.__longest = 0;
    w.__longObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    });
    w.__longObserver.observe({ type: 'longtask' });
  });
}

/** The longest task since `watchLongTasks` (0: none over 50 ms), after `settleMs` for pending entries. */
export const longestTask = (page: Page, settleMs = 100) =>
  page.evaluate(async (ms) => {
    await new Promise((r) => setTimeout(r, ms));
    const w = window as unknown as { __longest: number; __longObserver?: PerformanceObserver };
    for (const e of w.__longObserver?.takeRecords() ?? []) w.__longest = Math.max(w.__longest, e.duration);
    return w.__longest;
  }, settleMs);
