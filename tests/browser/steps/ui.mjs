// What every step does in the console: sign in (development sign-in), use the menu (also behind the phone-width
// menu button), wait for a page's heading. Elements are found by role and accessible name in the pass's language
// (the console's own strings, by key), or by data-testid where a name carries data.
import { expect } from './expect.mjs';

/** Signs out if needed and signs in as (role, tenant, sub) through the sign-in page. */
export async function signIn(flow, { role, tenant, sub }) {
  const { page, t } = flow;
  await page.goto(flow.baseUrl);
  const signOut = page.getByRole('button', { name: t('app.signOut') });
  const title = page.getByRole('heading', { level: 1, name: t('signIn.title') });
  await expect(signOut.or(title).first(), 'the sign-in page or a signed-in page').toBeVisible();
  if (await signOut.isVisible()) {
    await signOut.click();
  }

  await expect(title, 'the sign-in heading').toBeVisible();
  await control(page, 'combobox', t('app.language')).first().selectOption(flow.lang);
  await control(page, 'combobox', t('signIn.role')).selectOption(role);
  if (role !== 'PlatformAdmin') {
    // A text field, or a list of the active tenants where the service names them (signInOptions).
    const field = control(page, 'combobox', t('signIn.tenant')).or(control(page, 'textbox', t('signIn.tenant')));
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') {
      await field.selectOption(tenant);
    } else {
      await field.fill(tenant);
    }
  }
  await control(page, 'textbox', t('signIn.sub')).fill(sub);
  await page.getByRole('button', { name: t('signIn.submit') }).click();
  await expect(page.getByRole('button', { name: t('app.signOut') }), `signed in as ${role} ${sub}`).toBeVisible();
  flow.allowData(sub, tenant);
}

/**
 * A form control by its role and exact accessible name (the label without the required mark, which is aria-hidden):
 * a substring match would also find a table region or a hint that mentions the word.
 */
export const control = (scope, role, name) => scope.getByRole(role, { name, exact: true });

/** Opens the page whose menu entry is `t(navKey)`, opening the phone menu first when the menu is folded away. */
export async function openFromMenu(flow, navKey) {
  const { page, t } = flow;
  const nav = page.getByRole('navigation', { name: t('app.mainNav') });
  const link = nav.getByRole('link', { name: t(navKey), exact: true });
  if (!(await link.isVisible())) {
    await page.getByRole('button', { name: t('app.menu') }).click();
  }
  await link.click();
}

/** Waits for the page's <h1>. */
export async function heading(flow, key, values) {
  const { page, t } = flow;
  const name = values ? t(key, values) : t(key);
  const h1 = page.getByRole('heading', { level: 1, name, exact: true });
  await expect(h1, `the heading "${name}"`).toBeVisible();
  return h1;
}

/** The main region of the page. */
export const main = (flow) => flow.page.locator('main#main');
