/**
 * The reconcile engine: compares a tenant snapshot with a JumpCloud directory and returns every
 * finding, in a stable order, with where the bound groups came from.
 */
import {
  FINDING_KINDS,
  type BoundSource,
  type Directory,
  type Finding,
  type Snapshot,
} from '../model';
import { buildContext, type ReconcileOptions } from './context';
import { groupFindings } from './group-findings';
import { userFindings } from './user-findings';
import { auditWarnings } from './warnings';

export interface ReconcileResult {
  findings: Finding[];
  bound: {
    names: string[];
    source: BoundSource;
    /** Bound names absent from the export: nothing is expected of them. */
    unknownNames: string[];
  };
  /**
   * Plain sentences for the admin, shown with the snapshot's and the export's: what could not
   * be concluded because members were unknown.
   */
  warnings: string[];
}

/** Compares `snapshot` with `directory`. Pure: same inputs, same findings in the same order. */
export function reconcile(
  snapshot: Snapshot,
  directory: Directory,
  options: ReconcileOptions = {},
): ReconcileResult {
  const context = buildContext(snapshot, directory, options);
  const findings = [...groupFindings(context), ...userFindings(context)].sort(compareFindings);
  const { names, source, unknownNames } = context.bound;
  return { findings, bound: { names, source, unknownNames }, warnings: auditWarnings(context) };
}

const KIND_ORDER = new Map<string, number>(FINDING_KINDS.map((kind, index) => [kind, index]));

/** By kind (as listed in FINDING_KINDS), then target name, then id, then detail. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
    compareText(a.target.name.toLowerCase(), b.target.name.toLowerCase()) ||
    compareText(a.target.name, b.target.name) ||
    compareText(a.target.id ?? '', b.target.id ?? '') ||
    compareText(JSON.stringify(a.detail), JSON.stringify(b.detail))
  );
}

// Code-unit order rather than localeCompare: the same on every machine and locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
