// The harness checks itself in the real browser, without a silo: the untranslated-English check finds what it must
// and lets through what it must, axe reports a known violation, and a failing step is recorded with its screenshot.
// A check that could never fail would prove nothing about the console.
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { englishWords, findUntranslated } from './untranslated.mjs';
import { axeViolations, Flow, StepFailure } from './flow.mjs';

const WORD_CASES = [
  ['请在 2026-12-02 前完成 PHQ-9 量表', []],
  ['已导入 S2024-0211 林小雨（ext-S2024-0211）', []],
  ['psych@school-zh.example 已登录', []],
  ['案例 case-school-1 属于 queue:level-3', []],
  ['C-SSRS、K10、GAD-7、GraphQL、CSV 与 XLSX', []],
  ['下载 statistics.csv 或 /t/demo-school/graphql', []],
  ['截止 2026/12/02 09:30 UTC+8', []],
  ['Save 保存', ['Save']],
  ['后续 Follow-up 计划', ['Follow', 'up']],
  ['租户标识，例如 demo-school（见 docs/demo.md）', []],
  ['风险 HIGH', ['HIGH']],
  ['Due in 3 h', ['Due', 'in']],
  ['ＳＡＶＥ（全角）', ['SAVE']],
  ["It's overdue", ['It', 'overdue']],
];

const ZH_PAGE = `<!doctype html><html lang="zh-CN"><head><title>案例队列</title></head><body><main>
<h1>案例队列</h1>
<button type="button">Save</button>
<p>学生 S2024-0211 的 PHQ-9 得分 12，截止 2026-12-02。</p>
<label>搜索 <input aria-label="Search people" placeholder="姓名或学号"></label>
<div hidden>Hidden English</div>
<p style="display:none">Not shown</p>
<p style="visibility:hidden">Invisible text</p>
<p><span lang="en">English</span> / <span>中文</span></p>
<label>风险 <select><option>高</option><option>LOW</option></select></label>
<code>query CaseQueue</code>
<p>单位：Counselling centre (psychology teachers)</p>
</main></body></html>`;

const BAD_A11Y_PAGE = `<!doctype html><html lang="en"><head><title>Bad</title></head><body><main>
<h1>Form</h1><input type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
</main></body></html>`;

const GOOD_A11Y_PAGE = `<!doctype html><html lang="en"><head><title>Good</title></head><body><main>
<h1>Form</h1><label for="n">Name</label><input id="n" type="text"><button type="submit">Send</button>
</main></body></html>`;

/**
 * Runs every self-check; throws (assert) on the first that does not hold.
 * @param {import('playwright-core').Browser} browser
 * @param {{ out: string, log: (line: string) => void }} options
 */
export async function selfTest(browser, { out, log }) {
  for (const [text, expected] of WORD_CASES) {
    assert.deepEqual(englishWords(text), expected, `englishWords(${JSON.stringify(text)})`);
  }
  assert.deepEqual(englishWords('单位 Counselling centre', ['Counselling centre']), [], 'data strings are let through');
  log(`self-test: ${WORD_CASES.length + 1} word cases hold`);

  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  try {
    await page.setContent(ZH_PAGE);
    const { lang, findings } = await findUntranslated(page, ['Counselling centre (psychology teachers)']);
    const words = findings.flatMap((f) => f.words).sort();
    assert.equal(lang, 'zh-CN');
    assert.deepEqual(words, ['LOW', 'Save', 'Search', 'people'].sort(), `untranslated words found on the fixture page: ${JSON.stringify(findings)}`);
    log('self-test: the untranslated check finds Save, Search people (aria-label) and LOW (an option); not hidden, lang="en", code or data text');

    await page.setContent(BAD_A11Y_PAGE);
    const bad = await axeViolations(page);
    assert.ok(bad.some((v) => v.includes(' label:')) && bad.some((v) => v.includes(' image-alt:')), `axe should report label and image-alt: ${bad.join('; ')}`);
    await page.setContent(GOOD_A11Y_PAGE);
    assert.deepEqual(await axeViolations(page), [], 'axe on a clean page');
    log('self-test: axe reports an unlabelled input and an image without alt, and nothing on a clean page');

    const report = { ok: true, passes: [] };
    const flow = new Flow({ page, lang: 'zh', out, t: () => '', report, log, progressFile: `${out}/self-test-progress.json` });
    await flow.step('a clean Chinese page', (p) => p.setContent(ZH_PAGE.replace(/Save|LOW|Search people/g, '保存')
      .replace('Counselling centre (psychology teachers)', '心理辅导中心')));
    let failed = false;
    try {
      await flow.step('a page with English left', (p) => p.setContent(ZH_PAGE));
    } catch (error) {
      failed = error instanceof StepFailure;
    }
    assert.ok(failed, 'the step with English left must fail');
    assert.equal(report.ok, false);
    assert.match(report.failed.step, /zh 02 a page with English left/);
    assert.match(report.failed.error, /untranslated English/);
    assert.ok(existsSync(report.failed.screenshot), `the failed step's screenshot ${report.failed.screenshot} exists`);
    assert.ok(existsSync(report.passes[0].steps[0].screenshot), 'the passing step has its screenshot');
    log(`self-test: a failing step is named with its screenshot (${report.failed.screenshot})`);
  } finally {
    await context.close();
  }
}
