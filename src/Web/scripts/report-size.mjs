// Reports the JavaScript the console's first load needs (index.html's entry script and the chunks it preloads,
// gzip-compressed) against the 300 KB budget (docs/console.md); GraphiQL and charts load only on their own pages.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const size = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
const firstBytes = first.reduce((n, f) => n + size(f), 0);
const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const allBytes = all.reduce((n, f) => n + size(`assets/${f}`), 0);
const budget = 300 * 1024;
console.log(`console first load: ${(firstBytes / 1024).toFixed(1)} KB of compressed JavaScript in ${first.length} file(s) (budget 300 KB); all chunks ${(allBytes / 1024).toFixed(1)} KB in ${all.length}`);
if (firstBytes > budget) {
  console.error('The first load is over its 300 KB budget: move what the first page does not need behind a lazy import.');
  process.exit(1);
}
