/**
 * Which JumpCloud groups are bound to the VaultOne application: the export's binding data when it
 * has any, else the admin's list, else every group in the export (and the admin is told so).
 */
import type { BoundSource, Directory, DirectoryGroup } from '../model';
import { AuditInputError, plural } from './errors';

export interface BoundGroups {
  /** Bound group names, as the source spelled them, in the source's order, without repeats. */
  names: string[];
  source: BoundSource;
  /** Lower-cased names, for case-insensitive lookups. */
  lowerNames: Set<string>;
  /** Directory groups whose name is bound. */
  groups: DirectoryGroup[];
  /**
   * Bound names the export does not contain. Only ever non-empty for the export's own binding
   * data: an admin's name that is not in the export is an error.
   */
  unknownNames: string[];
}

/**
 * Picks the bound groups. Throws AuditInputError when the admin named groups the export does not
 * contain (a typo would otherwise make every tenant group an orphan), or when no bound group is
 * left at all.
 */
export function resolveBoundGroups(
  directory: Directory,
  adminNames: string[] | null | undefined,
): BoundGroups {
  const [names, source] = pickSource(directory, adminNames);
  const lowerNames = new Set(names.map((name) => name.toLowerCase()));
  const groups = directory.groups.filter((group) => lowerNames.has(group.name.toLowerCase()));
  const known = new Set(directory.groups.map((group) => group.name.toLowerCase()));
  const unknownNames = names.filter((name) => !known.has(name.toLowerCase()));
  if (source === 'admin' && unknownNames.some((name) => !mayBeEmptyGroup(directory, name))) {
    throw new AuditInputError(
      'unknown-bound',
      `Bound ${unknownNames.length === 1 ? 'group' : 'groups'} not in the export: ` +
        `${unknownNames.map((name) => withSuggestion(name, directory.groups)).join(', ')}. ` +
        'Check the spelling, or export the groups too.',
      unknownNames,
    );
  }
  if (groups.length === 0) {
    throw new AuditInputError(
      'no-bound',
      source === 'export'
        ? `None of the export's bound groups (${names.join(', ')}) is in the export: ` +
            'add the user groups report to the export.'
        : 'No bound group is left: name the groups bound to VaultOne with --bound or --bound-file.',
      unknownNames,
    );
  }
  return { names, source, lowerNames, groups, unknownNames };
}

/**
 * A group-members export (PowerShell, Get-JCBackup) has no rows for an empty group, so a bound
 * name it lacks may be an empty group: tolerated (and reported as unknown) unless it reads like a
 * typo of a group the export has. Every other export lists every group.
 */
function mayBeEmptyGroup(directory: Directory, name: string): boolean {
  return /group-members/.test(directory.format) && closestGroup(name, directory.groups) === null;
}

/** `Enginering (did you mean Engineering?)` when one group name is close enough. */
function withSuggestion(name: string, groups: DirectoryGroup[]): string {
  const close = closestGroup(name, groups);
  return close ? `${name} (did you mean ${close}?)` : name;
}

/** The export's group name closest to `name`, when close enough to be what was meant. */
function closestGroup(name: string, groups: DirectoryGroup[]): string | null {
  const wanted = name.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const group of groups) {
    const distance = editDistance(wanted, group.name.toLowerCase());
    if (!best || distance < best.distance) best = { name: group.name, distance };
  }
  // At most a third of the name may differ: beyond that the suggestion is noise.
  return best && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? best.name : null;
}

/** Levenshtein distance: insertions, deletions and substitutions each count one. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function pickSource(
  directory: Directory,
  adminNames: string[] | null | undefined,
): [string[], BoundSource] {
  const fromExport = cleanNames(directory.boundGroups ?? []);
  if (fromExport.length > 0) return [fromExport, 'export'];
  const fromAdmin = cleanNames(adminNames ?? []);
  if (fromAdmin.length > 0) return [fromAdmin, 'admin'];
  return [cleanNames(directory.groups.map((group) => group.name)), 'all-groups'];
}

function cleanNames(names: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    result.push(name);
  }
  return result;
}

/** Says plainly where the bound groups came from, for the CLI and the app. */
export function describeBoundSource(source: BoundSource, count: number): string {
  switch (source) {
    case 'export':
      return `${plural(count, 'bound group')} taken from the export's binding data.`;
    case 'admin':
      return `${plural(count, 'bound group')} as given by the admin.`;
    case 'all-groups':
      return `The export has no binding data and no bound groups were given: all ${plural(count, 'group')} in the export are treated as bound.`;
  }
}
