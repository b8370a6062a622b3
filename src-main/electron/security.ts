/**
 * The session-wide rules of the shell: a strict Content Security Policy on every response, every
 * permission request refused, and external links opened only when they are `https:`.
 */
import { shell, type Session } from 'electron';
import { log } from '../core/log';

export { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './csp';

/** Sets the policy header on every response the session receives, replacing any other. */
export function installContentSecurityPolicy(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}

/**
 * The one permission the page may use: writing plain text to the clipboard (the "copy curl
 * command" buttons), and only from our own page's main frame. Reading the clipboard is refused.
 */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/**
 * Refuses every permission (camera, microphone, notifications, geolocation, clipboard read,
 * HID, serial, USB, ...) except sanitized clipboard writes from the main frame of our page.
 */
export function restrictPermissions(session: Session, isOurPage: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted =
      permission === ALLOWED_PERMISSION && details.isMainFrame && isOurPage(details.requestingUrl);
    if (!granted) log.warn({ permission }, 'permission request refused');
    callback(granted);
  });
  session.setPermissionCheckHandler(
    (_contents, permission, _origin, details) =>
      permission === ALLOWED_PERMISSION &&
      details.isMainFrame &&
      isOurPage(details.requestingUrl ?? ''),
  );
  session.setDevicePermissionHandler(() => false);
}

/** True for a URL the app may hand to the OS browser: `https:` only, no credentials inside. */
export function isSafeExternalUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && !parsed.username && !parsed.password;
}

/** Opens an `https:` URL in the OS browser; anything else is refused and logged. */
export function openExternalSafely(url: string): boolean {
  if (!isSafeExternalUrl(url)) {
    log.warn({ scheme: URL.canParse(url) ? new URL(url).protocol : 'invalid' }, 'link refused');
    return false;
  }
  void shell.openExternal(url);
  return true;
}
