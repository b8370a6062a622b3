/**
 * Group bindings from an export: which user groups are bound to which JumpCloud application.
 * A whole-org backup binds groups to many applications; the one that counts is the one the admin
 * names, else the one whose name says VaultOne, else (said plainly) all of them together.
 */
import { UnknownApplicationError } from './errors';

export class Bindings {
  /** Group slots bound to applications; `app` is null when the data does not say which. */
  private readonly bound: Array<{ group: number; app: string | null }> = [];
  private readonly applicationNames = new Map<string, string[]>();
  private seen = false;

  /** Binding data was read, even if it binds no group (an application with none bound). */
  dataRead(): void {
    this.seen = true;
  }

  bind(group: number, app: string | null): void {
    this.seen = true;
    this.bound.push({ group, app });
  }

  /** Names an application (its label first), so bindings can be chosen and reported by name. */
  nameApplication(id: string, names: string[]): void {
    if (names.length > 0 && !this.applicationNames.has(id)) this.applicationNames.set(id, names);
  }

  /**
   * Names of the bound groups, or null without binding data. `groupName` resolves a group slot;
   * `warn` tells the admin what was chosen.
   */
  groupNames(
    application: string | undefined,
    groupName: (slot: number) => string,
    warn: (message: string) => void,
  ): string[] | null {
    if (!this.seen) return null;
    const apps = this.chooseApplications(application, warn);
    const names = new Set<string>();
    for (const { group, app } of this.bound) if (apps.has(app)) names.add(groupName(group));
    if (names.size === 0) {
      warn(
        'The binding data in this export lists no user groups, so it was not used: ' +
          'pick the bound groups yourself.',
      );
      return null;
    }
    return [...names];
  }

  /** Which applications' bindings count: the one asked for, else VaultOne's, else all. */
  private chooseApplications(
    application: string | undefined,
    warn: (message: string) => void,
  ): Set<string | null> {
    const apps = [...new Set(this.bound.map((b) => b.app))];
    const label = (app: string | null) =>
      app === null ? 'an unnamed application' : (this.applicationNames.get(app)?.[0] ?? app);
    if (application !== undefined) {
      const wanted = application.trim().toLowerCase();
      const chosen = apps.filter(
        (app) =>
          app === wanted ||
          (app !== null && this.applicationNames.get(app)?.some((n) => n.toLowerCase() === wanted)),
      );
      if (chosen.length === 0) {
        throw new UnknownApplicationError(
          '(binding data)',
          null,
          `group bindings for the application "${application}"`,
          apps.length ? `bindings for ${apps.map(label).join(', ')}` : 'no bindings',
        );
      }
      return new Set(chosen);
    }
    if (apps.length <= 1) return new Set(apps);

    const vaultOne = apps.filter((app) => /vault\s*one/i.test(label(app)));
    if (vaultOne.length === 1) {
      warn(
        `The export binds groups to ${apps.length} applications; ` +
          `the bindings of "${label(vaultOne[0])}" were used.`,
      );
      return new Set(vaultOne);
    }
    warn(
      `The export binds groups to ${apps.length} applications (${apps.map(label).join(', ')}); ` +
        'their bound groups were combined. Choose the application to narrow them.',
    );
    return new Set(apps);
  }
}
