/**
 * The snapshot bar while a slow tenant is read, in the real UI against the real backend: it
 * names the per-group member reads with their count, and the bar is full only once they are
 * done, not when the group list is.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt, openQuirkTenantUi, type QuirkTenantUi } from './support';

interface Sample {
  text: string;
  /** Null while the bar is indeterminate. */
  value: number | null;
  max: number;
}

declare global {
  interface Window {
    progressSamples?: Sample[];
  }
}

/** Records the snapshot bar's text and value at every change, from before the page loads. */
function recordProgress(): void {
  const samples: Sample[] = [];
  window.progressSamples = samples;
  new MutationObserver(() => {
    const bar = document.querySelector('[data-testid="snapshot-progress"]');
    const progress = bar?.querySelector('progress');
    if (!bar || !progress) return;
    const text = bar.querySelector('span')?.textContent ?? '';
    const value = progress.hasAttribute('value') ? progress.value : null;
    const last = samples.at(-1);
    if (last?.text === text && last.value === value) return;
    samples.push({ text, value, max: progress.max });
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

describe('snapshot progress in the UI', () => {
  let setup: QuirkTenantUi;
  let page: Page;
  const groups = 20;

  beforeAll(async () => {
    ensureRendererBuilt('Reading members of groups');
    // Every answer waits, so each phase (and each group's member read) is seen on screen.
    setup = await openQuirkTenantUi(
      'e2e-progress-',
      {
        seed: { users: 100, groups, membersPerGroup: 5 },
        quirks: { latencyMs: 250, advertisedMaxResults: 50 },
      },
      { beforeLoad: (p) => void p.addInitScript(recordProgress) },
    );
    page = setup.page;
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('counts the member reads, and is full only when they are done', async () => {
    await page.getByTestId('open-demo').click();
    await page.getByTestId('snapshot-progress').waitFor();
    await page.getByTestId('snapshot-state').getByText('Snapshot of').waitFor();
    const samples = (await page.evaluate(() => window.progressSamples ?? [])) as Sample[];

    const members = samples.filter((s) => s.text.startsWith('Reading members of groups…'));
    expect(members.map((s) => s.text)).toContainEqual(
      expect.stringMatching(new RegExp(`^Reading members of groups… ${groups} of ${groups} · `)),
    );
    const groupList = samples.filter((s) => s.text.startsWith('Reading groups…'));
    expect(groupList.map((s) => s.text)).toContainEqual(
      expect.stringMatching(new RegExp(`^Reading groups… ${groups} of ${groups} · `)),
    );
    // Before the member reads, the bar is never full; it only grows.
    for (const sample of [
      ...samples.filter((s) => s.text.startsWith('Reading users…')),
      ...groupList,
    ]) {
      expect(sample.value === null || sample.value < sample.max).toBe(true);
    }
    const values = samples.map((s) => s.value).filter((v): v is number => v !== null);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('ran without script errors or CSP violations', () => {
    expect(setup.ui.pageErrors).toEqual([]);
  });
});
