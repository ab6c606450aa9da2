// The console's first load: the JavaScript a browser fetches to show `/` (the sign-in page) — the budget is
// 300 KB of compressed JavaScript (GraphiQL and the chart library load only on their own pages). Measured two ways:
// the bytes as served (encodedBodySize: compressed if the server compresses), and each script gzip-compressed here
// (level 9), which does not depend on the server's settings.
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 300 * 1024;

/**
 * Loads `url` in a fresh page of `context` and measures its scripts.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @returns {Promise<{ scripts: { url: string, served: number, raw: number, gzip: number }[], served: number, raw: number, gzip: number, withinBudget: boolean }>}
 */
export async function measureFirstLoad(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    try {
      await page.waitForLoadState('networkidle', { timeout: 10000 });
    } catch {
      // Measured as far as it got.
    }

    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource')
        .filter((e) => /\.m?js(\?|#|$)/.test(new URL(e.name).pathname))
        .map((e) => ({ url: e.name, served: e.encodedBodySize || e.transferSize || 0 })));
    const scripts = [];
    for (const entry of entries) {
      const response = await page.request.get(entry.url);
      const body = await response.body();
      scripts.push({ ...entry, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    }

    const sum = (key) => scripts.reduce((total, s) => total + s[key], 0);
    const gzip = sum('gzip');
    return { scripts, served: sum('served'), raw: sum('raw'), gzip, withinBudget: gzip <= BUDGET_BYTES };
  } finally {
    await page.close();
  }
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
