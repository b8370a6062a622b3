/**
 * Tenant tokens in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
 * Manager on Windows) through keytar: one entry per tenant, account = tenant id. There is no
 * fallback: where no keychain answers, the caller gets a KeychainUnavailableError and nothing is
 * stored anywhere else.
 */

/** The keychain service name; tests point it elsewhere so they never touch a real entry. */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCIM_COMPANION_KEYCHAIN_SERVICE?.trim() || 'scim-companion';
}

/** Where tenant tokens are kept. The app has exactly one implementation: the OS keychain. */
export interface TokenKeychain {
  read(tenantId: string): Promise<string | null>;
  write(tenantId: string, token: string): Promise<void>;
  /** Resolves false when there was no entry. */
  remove(tenantId: string): Promise<boolean>;
}

/** No keychain answered, or it refused; the message says what to install or unlock. */
export class KeychainUnavailableError extends Error {
  override name = 'KeychainUnavailableError';

  constructor(detail: string, options?: ErrorOptions) {
    super(`The OS keychain is not available (${detail}). ${keychainAdvice()}`, options);
  }
}

function keychainAdvice(): string {
  const why = 'SCIM Companion keeps tenant tokens only in the OS keychain, never in a file.';
  if (process.platform === 'darwin') {
    return `${why} Unlock the login keychain in Keychain Access and try again.`;
  }
  if (process.platform === 'win32') {
    return `${why} Make sure Windows Credential Manager is running for your account.`;
  }
  return (
    `${why} Install a Secret Service (gnome-keyring or KWallet) and libsecret ` +
    '(Debian/Ubuntu: sudo apt install gnome-keyring libsecret-1-0), make sure it runs in your ' +
    'session, and unlock the login keyring; then try again.'
  );
}

type Keytar = typeof import('keytar');

// A locked keyring can wait forever on a password prompt nobody sees (a CLI over SSH).
const KEYCHAIN_TIMEOUT_MS = 20_000;

/** The OS keychain through keytar, loaded on first use (it is a native module). */
export class OsKeychain implements TokenKeychain {
  #keytar: Promise<Keytar> | undefined;

  constructor(readonly service: string = keychainService()) {}

  async read(tenantId: string): Promise<string | null> {
    const keytar = await this.#load();
    return this.#call('read', () => keytar.getPassword(this.service, tenantId));
  }

  async write(tenantId: string, token: string): Promise<void> {
    const keytar = await this.#load();
    await this.#call('write', () => keytar.setPassword(this.service, tenantId, token), token);
  }

  async remove(tenantId: string): Promise<boolean> {
    const keytar = await this.#load();
    return this.#call('remove', () => keytar.deletePassword(this.service, tenantId));
  }

  #load(): Promise<Keytar> {
    this.#keytar ??= import('keytar')
      .then((module) => ('default' in module ? (module.default as Keytar) : module))
      .catch((error: unknown) => {
        this.#keytar = undefined;
        throw new KeychainUnavailableError(`keytar could not load: ${messageOf(error)}`, {
          cause: error,
        });
      });
    return this.#keytar;
  }

  async #call<T>(what: string, operation: () => Promise<T>, secret?: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new KeychainUnavailableError(`no answer within 20 s to a ${what}`)),
        KEYCHAIN_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([operation(), timeout]);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      // keytar's messages name the D-Bus or OS failure; scrub the token anyway, never trust.
      const detail = scrub(messageOf(error), secret);
      throw new KeychainUnavailableError(`${what} failed: ${detail}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('[token]') : text;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
