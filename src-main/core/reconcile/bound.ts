/**
 * Which JumpCloud groups are bound to the VaultOne application: the export's binding data when it
 * has any, else the admin's list, else every group in the export (and the admin is told so).
 */
import type { BoundSource, Directory, DirectoryGroup } from '../model';

export interface BoundGroups {
  /** Bound group names, as the source spelled them, in the source's order, without repeats. */
  names: string[];
  source: BoundSource;
  /** Lower-cased names, for case-insensitive lookups. */
  lowerNames: Set<string>;
  /** Directory groups whose name is bound. */
  groups: DirectoryGroup[];
  /** Bound names the export does not contain: nothing can be expected of them. */
  unknownNames: string[];
}

export function resolveBoundGroups(
  directory: Directory,
  adminNames: string[] | null | undefined,
): BoundGroups {
  const [names, source] = pickSource(directory, adminNames);
  const lowerNames = new Set(names.map((name) => name.toLowerCase()));
  const groups = directory.groups.filter((group) => lowerNames.has(group.name.toLowerCase()));
  const known = new Set(directory.groups.map((group) => group.name.toLowerCase()));
  const unknownNames = names.filter((name) => !known.has(name.toLowerCase()));
  return { names, source, lowerNames, groups, unknownNames };
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
      return `${count} bound group(s) taken from the export's binding data.`;
    case 'admin':
      return `${count} bound group(s) as given by the admin.`;
    case 'all-groups':
      return `The export has no binding data and no bound groups were given: all ${count} group(s) in the export are treated as bound.`;
  }
}
