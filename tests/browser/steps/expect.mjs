// A small waiting assertion over playwright-core locators (the test runner's `expect` is not part of playwright-core).
// Each check polls until it holds or its bound passes, then fails with what was expected and what was seen.
import { StepFailure } from '../lib/flow.mjs';

const DEFAULT_BOUND = 20_000;

async function poll(check, bound) {
  const until = Date.now() + bound;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last.ok) return last;
    } catch (error) {
      last = { ok: false, seen: error.message.split('\n')[0] };
    }
    if (Date.now() > until) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * @param {import('playwright-core').Locator} locator
 * @param {string} what a description for the failure message
 */
export function expect(locator, what) {
  const fail = (expectation, seen) => {
    throw new StepFailure(`Expected ${what} ${expectation}${seen === undefined ? '' : `; saw ${seen}`}`);
  };
  return {
    async toBeVisible({ timeout = DEFAULT_BOUND } = {}) {
      try {
        await locator.first().waitFor({ state: 'visible', timeout });
      } catch {
        fail(`to be visible within ${timeout / 1000} s`, `${await locator.count()} matching element(s), none visible`);
      }
    },
    async toBeHidden({ timeout = DEFAULT_BOUND } = {}) {
      try {
        await locator.first().waitFor({ state: 'hidden', timeout });
      } catch {
        fail(`to be hidden within ${timeout / 1000} s`);
      }
    },
    async toContainText(pattern, { timeout = DEFAULT_BOUND } = {}) {
      const result = await poll(async () => {
        const text = (await locator.first().innerText({ timeout: 1000 })).replace(/\s+/g, ' ');
        return { ok: typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text), seen: JSON.stringify(text.slice(0, 300)) };
      }, timeout);
      if (!result.ok) fail(`to contain ${pattern}`, result.seen);
    },
    async toHaveAttribute(name, value, { timeout = DEFAULT_BOUND } = {}) {
      const result = await poll(async () => {
        const seen = await locator.first().getAttribute(name, { timeout: 1000 });
        return { ok: seen === value, seen: seen === null ? `no ${name} attribute` : `${name}="${seen}"` };
      }, timeout);
      if (!result.ok) fail(`to have ${name}="${value}"`, result.seen);
    },
    async notToContainText(pattern) {
      const text = (await locator.first().innerText()).replace(/\s+/g, ' ');
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) {
        fail(`not to contain ${pattern}`, JSON.stringify(text.slice(0, 300)));
      }
    },
    async toBeDisabled({ timeout = DEFAULT_BOUND } = {}) {
      const result = await poll(async () => ({ ok: await locator.first().isDisabled({ timeout: 1000 }), seen: 'enabled' }), timeout);
      if (!result.ok) fail('to be disabled', result.seen);
    },
    async toBeChecked({ timeout = DEFAULT_BOUND } = {}) {
      const result = await poll(async () => ({ ok: await locator.first().isChecked({ timeout: 1000 }), seen: 'not checked' }), timeout);
      if (!result.ok) fail('to be checked', result.seen);
    },
    async toHaveCount(count, { timeout = DEFAULT_BOUND } = {}) {
      const result = await poll(async () => {
        const n = await locator.count();
        return { ok: n === count, seen: `${n}` };
      }, timeout);
      if (!result.ok) fail(`to match ${count} element(s)`, result.seen);
    },
  };
}
