// One pass of the browser flow (one language): named steps, each followed by a screenshot, an axe check of the page
// and, in the Chinese pass, the untranslated-English check. The first failing step stops the pass, keeps its
// screenshot and is recorded with it, so the xUnit test can name both.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { findUntranslated } from './untranslated.mjs';

/** A step's own failure, with what to print. */
export class StepFailure extends Error {}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);

/** axe's serious and critical violations of the page, as lines. */
export async function axeViolations(page) {
  // Only violations are read; asking for no other result types spares axe serializing every passing node.
  const result = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.helpUrl.split('?')[0]}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`);
}

export class Flow {
  /**
   * @param {{ page: import('playwright-core').Page, lang: 'en'|'zh', out: string, t: Function, report: object, log: (line: string) => void, progressFile: string }} options
   */
  constructor({ page, lang, out, t, report, log, progressFile }) {
    this.page = page;
    this.lang = lang;
    this.out = out;
    this.t = t;
    this.log = log;
    this.progressFile = progressFile;
    this.count = 0;
    /** Exact data strings the untranslated check lets through (values the test typed, template-provisioned names). */
    this.data = new Set();
    this.pass = { lang, steps: [], ok: true };
    report.passes.push(this.pass);
    this.report = report;
    this.pagesChecked = new Set();
  }

  /** Lets `values` appear as they are on the pages of this pass (they are data, not interface text). */
  allowData(...values) {
    for (const value of values.flat()) {
      if (value) this.data.add(String(value));
    }
  }

  /**
   * Runs one step: `body(page, t)`, then the screenshot, axe (serious/critical fail) and in zh the untranslated check.
   * Throws StepFailure (after recording it) when any of them fails; later steps of the pass are not run.
   */
  async step(name, body) {
    this.count += 1;
    const label = `${this.lang} ${String(this.count).padStart(2, '0')} ${name}`;
    const file = join(this.out, `${this.lang}-${String(this.count).padStart(2, '0')}-${slug(name)}.png`);
    const record = { name, label, screenshot: file, ok: false, ms: 0, url: '' };
    this.pass.steps.push(record);
    this.progress(label);
    this.log(`BROWSER-STEP-START ${label}`);
    const started = Date.now();
    try {
      await body(this.page, this.t);
      const acted = Date.now();
      await this.settle();
      record.url = this.page.url();
      await this.page.screenshot({ path: file, fullPage: true });
      const shot = Date.now();
      await this.checkPage(label);
      record.ok = true;
      record.ms = Date.now() - started;
      const s = (ms) => (ms / 1000).toFixed(1);
      this.log(`BROWSER-STEP-OK ${label} (${s(record.ms)} s: actions ${s(acted - started)}, screenshot ${s(shot - acted)}, checks ${s(Date.now() - shot)}) ${file}`);
    } catch (error) {
      record.ms = Date.now() - started;
      record.url = this.page.url();
      // Playwright's call logs carry terminal colour codes; the test's message is plain text.
      record.error = String(error instanceof StepFailure ? error.message : (error && error.stack) || error).replace(/\u001b\[[0-9;]*m/g, '');
      record.screenshot = file.replace(/\.png$/, '-FAILED.png');
      try {
        await this.page.screenshot({ path: record.screenshot, fullPage: true, timeout: 15000 });
      } catch (shot) {
        record.error += `\n(no screenshot: ${shot.message})`;
      }
      this.pass.ok = false;
      this.report.ok = false;
      this.report.failed = { step: label, screenshot: record.screenshot, url: record.url, error: record.error };
      this.log(`BROWSER-STEP-FAILED ${label}\n  screenshot: ${record.screenshot}\n  url: ${record.url}\n  ${record.error.replace(/\n/g, '\n  ')}`);
      throw new StepFailure(`${label} failed`);
    }
  }

  /**
   * A set-up action without a page of its own (writes over the API): recorded like a step, without screenshot or
   * checks; a failure stops the pass the same way.
   */
  async setup(name, body) {
    this.count += 1;
    const label = `${this.lang} ${String(this.count).padStart(2, '0')} ${name}`;
    const record = { name, label, screenshot: '', ok: false, ms: 0, url: '' };
    this.pass.steps.push(record);
    this.progress(label);
    this.log(`BROWSER-STEP-START ${label}`);
    const started = Date.now();
    try {
      await body();
      record.ok = true;
      record.ms = Date.now() - started;
      this.log(`BROWSER-STEP-OK ${label} (${(record.ms / 1000).toFixed(1)} s)`);
    } catch (error) {
      record.ms = Date.now() - started;
      record.error = String((error && error.stack) || error);
      this.pass.ok = false;
      this.report.ok = false;
      this.report.failed = { step: label, screenshot: '(none: a set-up over the API)', url: '', error: record.error };
      this.log(`BROWSER-STEP-FAILED ${label}\n  ${record.error.replace(/\n/g, '\n  ')}`);
      throw new StepFailure(`${label} failed`);
    }
  }

  /** Waits briefly for the page to be quiet (requests done, fonts laid out); bounded, never fails. */
  async settle() {
    try {
      await this.page.waitForLoadState('networkidle', { timeout: 5000 });
    } catch {
      // A page that keeps a request open (a countdown never does; a poll might) is checked as it is.
    }
  }

  /** axe and, in zh, the untranslated check on the page as it is now. */
  async checkPage(label) {
    const problems = [];
    const violations = await axeViolations(this.page);
    if (violations.length > 0) {
      problems.push(`axe found ${violations.length} serious or critical violation(s) on ${this.page.url()}:\n    ${violations.join('\n    ')}`);
    }

    if (this.lang === 'zh') {
      const { lang, findings } = await findUntranslated(this.page, this.data);
      if (!/^zh/i.test(lang)) {
        problems.push(`the page's <html lang> is '${lang}' in the Chinese pass (expected zh-…, WCAG 3.1.1)`);
      }
      if (findings.length > 0) {
        problems.push(`untranslated English on ${this.page.url()}:\n    ${findings.slice(0, 25).map((f) => `${f.words.join(', ')} — "${f.text}" at ${f.where}`).join('\n    ')}${findings.length > 25 ? `\n    and ${findings.length - 25} more` : ''}`);
      }
    }

    // WCAG 1.4.10 (reflow): at 360 px nothing should need sideways scrolling. Reported, not failed: the elements
    // that stick out are named so the page can be fixed.
    const overflow = await this.page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width + 1) return null;
      const wide = [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && e.children.length === 0)
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.textContent || '').trim().slice(0, 40)}"`);
      return { width, scrollWidth: document.documentElement.scrollWidth, wide };
    });
    if (overflow) {
      const line = `BROWSER-WARN ${label}: the page is ${overflow.scrollWidth} px wide in a ${overflow.width} px window (sideways scrolling, WCAG 1.4.10): ${overflow.wide.join('; ')}`;
      this.log(line);
      (this.report.warnings ??= []).push(line);
    }

    this.pagesChecked.add(new URL(this.page.url()).pathname);
    if (problems.length > 0) {
      throw new StepFailure(problems.join('\n  '));
    }
  }

  progress(label) {
    try {
      writeFileSync(this.progressFile, JSON.stringify({ current: label, at: new Date().toISOString() }));
    } catch {
      // Progress is a help for a timed-out run only.
    }
  }
}
