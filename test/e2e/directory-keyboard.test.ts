/**
 * The Users and Groups pages from the keyboard and for the eye, in the real UI against the real
 * backend (demo tenant): a group row opens its members with Enter or Space and the dialog stays
 * open, cut-off cells carry their full value as a tooltip, the status pill is readable, and a
 * search that matches nothing says so.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoOrganisation } from '../../src-main/core/demo';
import { openBackendUi, shoot, type BackendUi } from './support';

/** WCAG contrast of two computed CSS `rgb(…)` colours. */
function contrast(foreground: string, background: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('Users and Groups from the keyboard', () => {
  let setup: BackendUi;
  let page: Page;
  const byTestId = (id: string) => page.getByTestId(id);
  const org = buildDemoOrganisation();
  const dialog = () => byTestId('group-members');

  beforeAll(async () => {
    setup = await openBackendUi('e2e-keyboard-', 'bound-no-match');
    page = setup.page;
    await byTestId('open-demo').click();
    await byTestId('snapshot-state').waitFor();
  });

  afterAll(async () => {
    await setup?.close();
  });

  /** Lets every event of the key press, and what React does about them, run out. */
  async function settle(): Promise<void> {
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50))),
    );
  }

  /** Tabs from the search box until a group row has the focus; returns its group's name. */
  async function tabToFirstGroupRow(): Promise<string> {
    await byTestId('search').focus();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      const row = await page.evaluate(() => {
        const active = document.activeElement;
        return active?.getAttribute('role') === 'row' ? active.textContent : null;
      });
      if (row !== null) return row;
    }
    throw new Error('Tab never reached a group row');
  }

  async function expectDialogStaysOpen(): Promise<void> {
    await dialog().waitFor({ timeout: 2000 });
    await settle();
    await expect(dialog().evaluate((d) => (d as HTMLDialogElement).open)).resolves.toBe(true);
    const focusInside = await dialog().evaluate((d) => d.contains(document.activeElement));
    expect(focusInside).toBe(true);
  }

  it('opens a group with Enter, and the dialog stays open', async () => {
    await byTestId('nav-groups').click();
    await byTestId('groups-table').waitFor();
    const first = [...org.tenant.groups].sort((a, b) =>
      a.displayName.localeCompare(b.displayName),
    )[0]!;
    const row = await tabToFirstGroupRow();
    expect(row).toContain(first.displayName);

    await page.keyboard.press('Enter');
    await expectDialogStaysOpen();
    await expect(dialog().getByRole('heading').innerText()).resolves.toBe(first.displayName);
    await shoot(page, 'group-members-keyboard');

    // Escape closes it and gives the focus back to the row.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
    expect(focused).toBe('row');
  });

  it('opens a group with Space, and the dialog stays open', async () => {
    await page.keyboard.press('Space');
    await expectDialogStaysOpen();

    // Close, from the keyboard, still closes it.
    await dialog().getByRole('button', { name: 'Close' }).press('Enter');
    await dialog().waitFor({ state: 'detached' });
  });

  it('says so when the group search matches nothing', async () => {
    await byTestId('search').fill('no group is called this');
    await page.getByText('No group matches the search.').waitFor();
    await byTestId('search').fill('');
  });

  it('gives cut-off cells their full value as a tooltip', async () => {
    await byTestId('nav-users').click();
    const user = org.tenant.users.find((u) => u.email && u.email.length > 30)!;
    await byTestId('search').fill(user.userName);
    const table = byTestId('users-table');
    await table.getByRole('cell', { name: user.email!, exact: true }).waitFor();
    const email = table.getByRole('cell', { name: user.email!, exact: true });
    await expect(email.getAttribute('title')).resolves.toBe(user.email);
    const externalId = table.locator('[role="cell"]', { has: page.locator('code') }).first();
    const idText = await externalId.innerText();
    await expect(externalId.getAttribute('title')).resolves.toBe(idText);
  });

  it('shows the status pills with a contrast of at least 4.5:1', async () => {
    await byTestId('search').fill('');
    const total = org.tenant.users.length;
    await expect.poll(() => byTestId('row-count').innerText()).toBe(`${total} of ${total} users`);
    for (const pill of ['.pill.ok', '.pill.off']) {
      const colours = await byTestId('users-table')
        .locator(pill)
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el);
          return { color: style.color, background: style.backgroundColor };
        });
      expect({ pill, ok: contrast(colours.color, colours.background) >= 4.5 }).toEqual({
        pill,
        ok: true,
      });
    }
  });

  it('ran without script errors or CSP violations', () => {
    expect(setup.ui.pageErrors).toEqual([]);
  });
});
