/**
 * The Content Security Policy of the renderer. No `electron` import: the Chromium test of the
 * policy and the web harness can use it without the Electron binary.
 */

/**
 * The renderer's policy: its own scripts and styles only, no network (it reaches the backend
 * through IPC), no frames, no plugins, no forms, no `<base>`. The same policy is in the page's
 * `<meta>` tag; the header covers responses the meta tag cannot (the dev server).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy while developing against the Vite dev server, which needs its own origin for
 * module loading and hot reload, and inline styles for CSS injection. Never used when packaged.
 */
export function devContentSecurityPolicy(devServerUrl: string): string {
  const origin = new URL(devServerUrl).origin;
  const socket = origin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' ${origin}`)
    .replace("style-src 'self'", `style-src 'self' 'unsafe-inline' ${origin}`)
    .replace("connect-src 'none'", `connect-src ${origin} ${socket}`);
}
