import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../../fakes/electron'));

const electron = await import('../../fakes/electron');
const {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  installContentSecurityPolicy,
  isSafeExternalUrl,
  openExternalSafely,
  restrictPermissions,
} = await import('../../../src-main/electron/security');

beforeEach(() => electron.resetFakeElectron());

/** The policy's directives as a map, parsed independently of how the code builds it. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('Content Security Policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it('denies by default and allows only the app’s own scripts and styles', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
  });

  it('has no inline code, eval, network, frames, plugins or forms', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|http:|https:/);
    for (const name of ['connect-src', 'object-src', 'frame-src', 'base-uri', 'form-action']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is set on every response, replacing a server’s own policy whatever its casing', () => {
    const session = electron.session.defaultSession;
    installContentSecurityPolicy(session as never, CONTENT_SECURITY_POLICY);

    let headers: Record<string, string[]> = {};
    session.headersListener!(
      {
        responseHeaders: {
          'content-security-policy': ["script-src 'unsafe-inline'"],
          'Content-Type': ['text/html'],
        },
      },
      (response) => (headers = response.responseHeaders),
    );

    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('relaxes only for the dev server’s own origin', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('script-src')).toEqual(["'self'", 'http://localhost:5173']);
    expect(dev.get('connect-src')).toEqual(['http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
  });

  it('matches the page’s meta policy in the parts that matter', () => {
    const html = readFileSync(join(__dirname, '../../../src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'index.html has a CSP meta tag').toBeTruthy();
    const page = directives(meta!);
    expect(page.get('script-src')).toEqual(["'self'"]);
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(page.get('object-src')).toEqual(["'none'"]);
  });
});

describe('permissions', () => {
  const ours = 'file:///opt/app/out/renderer/index.html';
  const isOurPage = (url: string) => url === ours;

  function request(permission: string, details: { isMainFrame: boolean; requestingUrl: string }) {
    let answer: boolean | undefined;
    electron.session.defaultSession.permissionRequestHandler!(
      {},
      permission,
      (granted) => {
        answer = granted;
      },
      details,
    );
    return answer;
  }

  it('refuses every request and check, from our page too', () => {
    restrictPermissions(electron.session.defaultSession as never, isOurPage);
    const main = { isMainFrame: true, requestingUrl: ours };
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid']) {
      expect(request(permission, main), permission).toBe(false);
      expect(
        electron.session.defaultSession.permissionCheckHandler!({}, permission, 'file://', main),
      ).toBe(false);
    }
    expect(electron.session.defaultSession.devicePermissionHandler!({ deviceType: 'usb' })).toBe(
      false,
    );
  });

  it('lets only our page’s main frame write text to the clipboard', () => {
    restrictPermissions(electron.session.defaultSession as never, isOurPage);
    const write = 'clipboard-sanitized-write';
    expect(request(write, { isMainFrame: true, requestingUrl: ours })).toBe(true);
    expect(request(write, { isMainFrame: false, requestingUrl: ours })).toBe(false);
    expect(request(write, { isMainFrame: true, requestingUrl: 'https://evil.example.com' })).toBe(
      false,
    );
    const check = electron.session.defaultSession.permissionCheckHandler!;
    expect(check({}, write, 'file://', { isMainFrame: true, requestingUrl: ours })).toBe(true);
    expect(check({}, write, 'https://x', { isMainFrame: true, requestingUrl: 'https://x/' })).toBe(
      false,
    );
  });
});

describe('external links', () => {
  it.each([
    ['https://www.rfc-editor.org/rfc/rfc7644', true],
    ['http://example.com', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://server/share', false],
    ['https://user:pass@example.com', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isSafeExternalUrl(url)).toBe(allowed);
    expect(openExternalSafely(url)).toBe(allowed);
    expect(electron.fake.openedExternally).toEqual(allowed ? [url] : []);
  });
});
