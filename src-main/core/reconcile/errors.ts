/**
 * Why an audit refuses its inputs. Each is raised before any finding is made, because a wrong
 * input here (an empty export, a mistyped bound group) would turn every tenant user or group into
 * a deprovision or delete finding.
 */

/** What is wrong with the audit's inputs; the app and the CLI can tell them apart. */
export type AuditInputProblem = 'no-users' | 'no-groups' | 'unknown-bound' | 'no-bound';

/** The export or the bound groups cannot support an audit; nothing was concluded. */
export class AuditInputError extends Error {
  override readonly name: string = 'AuditInputError';

  constructor(
    readonly problem: AuditInputProblem,
    message: string,
    /** For `unknown-bound`: the bound names the export does not contain. */
    readonly unknownNames: string[] = [],
  ) {
    super(message);
  }
}

/** `1 member`, `2 members`: a count with its noun in the right number. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
