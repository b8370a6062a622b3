/** The Reconcile page: import an export, settle the bound groups, run the audit, read findings. */
import { useEffect, useState } from 'react';
import { exportGap } from '../../../src-main/api/export-gap';
import { api } from '../bridge/companion';
import { useApp } from '../store';
import { BoundGroupPicker, type BoundChoice } from './BoundGroupPicker';
import { Findings } from './Findings';
import { ImportPanel } from './ImportPanel';

export function ReconcilePage({ tenantId }: { tenantId: string }) {
  const imported = useApp((s) => s.imported);
  const snapshot = useApp((s) => s.snapshot);
  const audit = useApp((s) => s.audit);
  const setAudit = useApp((s) => s.setAudit);
  const showError = useApp((s) => s.showError);
  const tenantChanged = useApp((s) => s.tenantChanged);
  const run = useApp((s) => s.run);
  const [choice, setChoice] = useState<BoundChoice>({ mode: 'all' });
  // Remembered bound groups this export does not have: kept, and shown, never dropped.
  const [absent, setAbsent] = useState<string[]>([]);
  const [running, setRunning] = useState(false);

  // The remembered pick of this tenant: the groups this export has are ticked, the others listed.
  useEffect(() => {
    setAbsent([]);
    if (!imported) return;
    let current = true;
    api()
      .getBoundGroups({ tenantId })
      .then(({ groups }) => {
        if (!current) return;
        const names = new Set(imported.groupList.map((g) => g.name));
        const kept = (groups ?? []).filter((g) => names.has(g));
        setAbsent((groups ?? []).filter((g) => !names.has(g)));
        setChoice(
          groups && groups.length > 0 ? { mode: 'pick', groups: new Set(kept) } : { mode: 'all' },
        );
      })
      .catch(showError);
    return () => {
      current = false;
    };
  }, [imported, tenantId, showError]);

  async function runAudit() {
    setRunning(true);
    try {
      const boundGroups = choice.mode === 'pick' ? [...choice.groups].sort() : null;
      setAudit(await api().runAudit({ tenantId, boundGroups }));
    } catch (error) {
      // A refused audit shows no findings: the earlier ones would read as this audit's.
      setAudit(null);
      showError(error);
    } finally {
      setRunning(false);
    }
  }

  const pickEmpty =
    choice.mode === 'pick' && choice.groups.size === 0 && !imported?.boundGroupsFromExport;
  const gap = imported ? exportGap(imported) : null;
  const blocker = run
    ? 'Wait for the read of the tenant to finish.'
    : !snapshot
      ? 'Read the tenant first: the audit needs a complete snapshot.'
      : tenantChanged && !tenantChanged.snapshotFresh
        ? 'The tenant changed since it was read: refresh the snapshot first.'
        : !imported
          ? 'Import a JumpCloud export first.'
          : gap
            ? 'This export cannot be audited on its own: add the missing file (see above).'
            : pickEmpty
              ? 'Pick at least one bound group, or choose all groups.'
              : null;

  return (
    <section className="page" aria-labelledby="reconcile-title">
      <h1 id="reconcile-title">Reconcile</h1>
      <ImportPanel tenantId={tenantId} />
      {gap && (
        <div className="card warning" role="alert" data-testid="export-gap">
          <strong>This export cannot be audited yet.</strong> {gap.message}
        </div>
      )}
      {imported && !gap && (
        <BoundGroupPicker summary={imported} choice={choice} absent={absent} onChange={setChoice} />
      )}
      <div className="card run-audit">
        <button
          type="button"
          className="primary"
          disabled={blocker !== null || running}
          onClick={() => void runAudit()}
          data-testid="run-audit"
        >
          {running ? 'Comparing…' : audit ? 'Run the audit again' : 'Run the audit'}
        </button>
        {blocker && <span className="muted">{blocker}</span>}
      </div>
      {audit && tenantChanged?.auditStale && (
        <div className="card warning" data-testid="audit-stale">
          These findings are from before the last repair or undo run. Run the audit again to see the
          tenant as it is now.
        </div>
      )}
      {audit && !gap && <Findings audit={audit} />}
    </section>
  );
}
