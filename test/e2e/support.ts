/**
 * What the browser end-to-end tests share: the built renderer, Debian's Chromium started with
 * the project's flags, the browser harness serving the real backend, and screenshots into
 * `test-results/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createBackend, type Backend } from '../../src-main/api/backend';
import { demoAuditInputs } from '../../src-main/core/demo';
import { startHarness, type Harness } from '../harness/server';
import { startQuirkServer, type QuirkServer } from '../servers/quirk-server';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'out/renderer');
const RESULTS = join(ROOT, 'test-results');

/** Headless, and nothing that would reach the network or update itself during a test. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Builds the renderer when there is none, or when `marker` (a string the wanted pages contain)
 * is in none of its scripts, i.e. the build predates those pages.
 */
export function ensureRendererBuilt(marker?: string): void {
  if (existsSync(join(RENDERER, 'index.html')) && (!marker || builtWith(marker))) return;
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('electron-vite build failed');
}

function builtWith(marker: string): boolean {
  const assets = join(RENDERER, 'assets');
  return (
    existsSync(assets) &&
    readdirSync(assets).some(
      (f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes(marker),
    )
  );
}

/** The UI open in Chromium; `pageErrors` collects script errors and CSP violations. */
export interface BrowserUi {
  harness: Harness;
  browser: Browser;
  page: Page;
  pageErrors: string[];
  /** Closes the browser and the harness (not the backend, which the test made). */
  close(): Promise<void>;
}

export interface OpenUiOptions {
  viewport?: { width: number; height: number };
  /** Runs before the page loads, to listen to responses or dialogs from the start. */
  beforeLoad?: (page: Page) => void;
  /** Land on the demo tenant, as `npm run web` does. */
  openDemo?: boolean;
}

/** Serves `backend` through the browser harness and opens its UI in a new Chromium page. */
export async function openUi(backend: Backend, options: OpenUiOptions = {}): Promise<BrowserUi> {
  const harness = await startHarness({
    backend,
    rendererDir: RENDERER,
    openDemo: options.openDemo,
  });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') pageErrors.push(msg.text());
    });
    options.beforeLoad?.(page);
    await page.goto(harness.launchUrl);
    return { harness, browser, page, pageErrors, close: closing(browser, harness) };
  } catch (error) {
    // The test's afterAll never sees a half-opened UI, so nothing may be left running.
    await browser?.close();
    await harness.close();
    throw error;
  }
}

function closing(browser: Browser, harness: Harness): () => Promise<void> {
  return async () => {
    await browser.close();
    await harness.close();
  };
}

/** A full-page screenshot as `test-results/<name>.png`, for a human to look at. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true });
}

/** A backend of its own on a temporary data folder, with its UI open in Chromium. */
export interface BackendUi {
  dir: string;
  backend: Backend;
  ui: BrowserUi;
  page: Page;
  /** Closes the UI and the backend and removes the data folder. */
  close(): Promise<void>;
}

/** `marker`: a string the pages under test contain (see `ensureRendererBuilt`). */
export async function openBackendUi(prefix: string, marker: string): Promise<BackendUi> {
  ensureRendererBuilt(marker);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const backend = createBackend({ dataDir: dir });
  const ui = await openUi(backend, { viewport: { width: 1360, height: 900 } });
  return {
    dir,
    backend,
    ui,
    page: ui.page,
    close: async () => {
      await ui.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the demo tenant and audits it with the bundled export and its bound groups. */
export async function auditDemoInUi(page: Page): Promise<void> {
  const byTestId = (id: string) => page.getByTestId(id);
  await byTestId('open-demo').click();
  await byTestId('snapshot-state').waitFor();
  await byTestId('nav-reconcile').click();
  await byTestId('export-input').setInputFiles(demoAuditInputs().exportFiles);
  await byTestId('import-summary').waitFor();
  await page.locator('[data-testid="bound-pick"]:checked').waitFor();
  await byTestId('run-audit').click();
  await byTestId('findings').waitFor();
}

/**
 * A quirk server standing in for the demo tenant (the backend opens it as "the demo"), with a
 * backend of its own and its UI open: for reads slow or large enough to watch or cancel.
 */
export interface QuirkTenantUi extends BackendUi {
  server: QuirkServer;
}

export async function openQuirkTenantUi(
  prefix: string,
  serverOptions: Parameters<typeof startQuirkServer>[0],
  uiOptions: OpenUiOptions = {},
): Promise<QuirkTenantUi> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startQuirkServer(serverOptions);
  const backend = createBackend({
    dataDir: dir,
    startDemo: async () => ({
      baseUrl: server.baseUrl,
      token: server.token,
      boundGroups: [],
      close: async () => undefined,
    }),
  });
  const ui = await openUi(backend, uiOptions);
  return {
    dir,
    server,
    backend,
    ui,
    page: ui.page,
    close: async () => {
      await ui.close();
      await backend.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
