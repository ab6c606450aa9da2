#!/usr/bin/env node
// The console's browser tests (issue "Tests"; docs/testing.md "browser"): playwright-core drives Debian's Chromium
// against a running silo — the English flow, then the same flow in Chinese at phone width — with a screenshot per
// step, axe after each step (serious or critical violations fail it) and, in Chinese, no visible untranslated English.
//
//   node tests/browser/run.mjs --base-url http://127.0.0.1:5080/ [--out DIR] [--lang en,zh] [--chromium PATH]
//   node tests/browser/run.mjs --self-test     # the harness's own checks, no silo needed
//
// It prints `BROWSER-SCREENSHOTS <dir>` first, one `BROWSER-STEP-OK|FAILED` line per step, and writes
// `<dir>/result.json` ({ ok, failed: { step, screenshot, url, error }, passes, firstLoad }). Exit code 0 when every
// step passed, 1 when a step failed, 2 when it could not run (no Chromium, bad arguments).
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadStrings, translator } from './lib/strings.mjs';
import { Flow, StepFailure } from './lib/flow.mjs';
import { measureFirstLoad, kb, BUDGET_BYTES } from './lib/firstload.mjs';
import { selfTest } from './lib/selftest.mjs';
import { runFlow } from './steps/flow.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

function parseArguments(argv) {
  const options = {
    baseUrl: process.env.CAREGRID_BASE_URL ?? '',
    out: '',
    langs: ['en', 'zh'],
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    strings: join(repoRoot, 'src', 'Web', 'src', 'i18n', 'strings'),
    selfTest: false,
    timeoutMinutes: 15,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [name, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--base-url': options.baseUrl = value(); break;
      case '--out': options.out = value(); break;
      case '--lang': options.langs = value().split(',').map((l) => l.trim()).filter(Boolean); break;
      case '--chromium': options.chromium = value(); break;
      case '--strings': options.strings = value(); break;
      case '--timeout-minutes': options.timeoutMinutes = Number(value()); break;
      case '--self-test': options.selfTest = true; break;
      case '--help':
        console.log('node tests/browser/run.mjs --base-url URL [--out DIR] [--lang en,zh] [--chromium PATH] [--strings DIR] [--timeout-minutes N] | --self-test');
        process.exit(0);
        break;
      default:
        if (!name.startsWith('--') && !options.baseUrl) { options.baseUrl = name; break; }
        console.error(`Unknown argument '${argv[i]}' (see --help).`);
        process.exit(2);
    }
  }
  if (!options.selfTest && !/^https?:\/\//.test(options.baseUrl)) {
    console.error('Give the silo\'s base URL: --base-url http://127.0.0.1:5080/ (or --self-test).');
    process.exit(2);
  }
  if (options.langs.some((l) => l !== 'en' && l !== 'zh')) {
    console.error(`--lang takes en and/or zh, not '${options.langs.join(',')}'.`);
    process.exit(2);
  }
  options.out ||= join(tmpdir(), 'caregrid-browser', new Date().toISOString().replace(/[:.]/g, '-'));
  options.out = resolve(options.out);
  return options;
}

const VIEWPORTS = {
  // The English pass at a desk; the Chinese pass on a phone (grid workers are in the field; the console works at 360 px).
  en: { viewport: { width: 1280, height: 900 } },
  // A 360 px wide window, not a phone emulation: a page wider than 360 px scrolls sideways (reported, see Flow.checkPage)
  // instead of being zoomed out as a mobile browser would.
  zh: { viewport: { width: 360, height: 780 } },
};

async function main() {
  const options = parseArguments(process.argv.slice(2));
  mkdirSync(options.out, { recursive: true });
  const log = (line) => console.log(line);
  log(`BROWSER-SCREENSHOTS ${options.out}`);
  if (!existsSync(options.chromium)) {
    console.error(`BROWSER-NO-CHROMIUM Chromium was not found at ${options.chromium}. Install Debian's package (apt-get install -y chromium) or pass --chromium PATH / set CHROMIUM_PATH.`);
    process.exit(2);
  }

  const started = Date.now();
  const watchdog = setTimeout(() => {
    console.error(`BROWSER-TIMEOUT the run took over ${options.timeoutMinutes} min; see ${join(options.out, 'progress.json')} for the step it was in.`);
    process.exit(1);
  }, options.timeoutMinutes * 60_000);
  watchdog.unref();

  const browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    // Root in CI has no user namespaces for Chromium's sandbox; /dev/shm is small in containers.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--lang=en-US'],
  });
  const report = { ok: true, baseUrl: options.baseUrl, out: options.out, passes: [], firstLoad: null, seconds: 0 };
  try {
    if (options.selfTest) {
      await selfTest(browser, { out: options.out, log });
      log('BROWSER-SELF-TEST-OK');
      return 0;
    }

    const strings = loadStrings(options.strings);
    log(`strings: ${strings.en.size} en / ${strings.zh.size} zh texts from ${options.strings}`);
    const run = { id: Date.now().toString(36).slice(-6), repoRoot, baseUrl: new URL(options.baseUrl).toString() };
    for (const lang of options.langs) {
      const context = await browser.newContext({ ...VIEWPORTS[lang], locale: lang === 'zh' ? 'zh-CN' : 'en-US', timezoneId: 'Asia/Shanghai' });
      context.setDefaultTimeout(20_000);
      try {
        if (report.firstLoad === null) {
          try {
            report.firstLoad = await measureFirstLoad(context, run.baseUrl);
          } catch (error) {
            report.ok = false;
            report.failed = { step: `first load of ${run.baseUrl}`, screenshot: '(none: the page did not load)', url: run.baseUrl, error: plain(error.message) };
            log(`BROWSER-STEP-FAILED first load\n  ${report.failed.error}`);
            break;
          }
          const fl = report.firstLoad;
          log(`BROWSER-FIRST-LOAD ${fl.scripts.length} scripts: ${kb(fl.gzip)} gzip (budget ${kb(BUDGET_BYTES)}), ${kb(fl.served)} as served, ${kb(fl.raw)} uncompressed`);
        }
        const page = await context.newPage();
        watchPage(page, log);
        const flow = new Flow({ page, lang, out: options.out, t: translator(strings, lang, options.strings), report, log, progressFile: join(options.out, 'progress.json') });
        await runFlow(flow, run);
      } catch (error) {
        if (!(error instanceof StepFailure)) throw error;
      } finally {
        await context.close();
      }
      if (!report.ok) break;
    }

    if (report.firstLoad && !report.firstLoad.withinBudget) {
      report.ok = false;
      report.failed ??= { step: 'first load', screenshot: '', url: options.baseUrl, error: `The console's first load is ${kb(report.firstLoad.gzip)} of gzip-compressed JavaScript, over the budget of ${kb(BUDGET_BYTES)}: ${report.firstLoad.scripts.map((s) => `${new URL(s.url).pathname} ${kb(s.gzip)}`).join(', ')}` };
      log(`BROWSER-STEP-FAILED first load\n  ${report.failed.error}`);
    }
    return report.ok ? 0 : 1;
  } catch (error) {
    report.ok = false;
    throw error;
  } finally {
    report.seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(join(options.out, 'result.json'), JSON.stringify(report, null, 2));
    await browser.close();
    log(`BROWSER-DONE ${report.ok ? 'passed' : 'failed'} in ${report.seconds} s; screenshots and result.json in ${options.out}`);
  }
}

/** Console errors, failed requests and GraphQL errors go to the log: the first thing to read when a step fails. */
function watchPage(page, log) {
  page.on('pageerror', (error) => log(`  [page error] ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') log(`  [console] ${message.text()}`); });
  page.on('requestfailed', (request) => log(`  [request failed] ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', async (response) => {
    if (!/\/graphql(\?|$)/.test(response.url())) return;
    try {
      const body = await response.json();
      for (const error of body?.errors ?? []) {
        log(`  [graphql] ${error.extensions?.code ?? '?'}: ${error.message}`);
      }
    } catch {
      // Not JSON (a redirect, an aborted request).
    }
  });
}

/** Playwright's messages carry terminal colour codes; the test's message is plain text. */
function plain(text) {
  return String(text).replace(/\u001b\[[0-9;]*m/g, '');
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`BROWSER-ERROR ${plain(error && error.stack ? error.stack : error)}`);
    process.exit(2);
  },
);
