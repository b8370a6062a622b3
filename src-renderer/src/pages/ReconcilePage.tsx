/** The Reconcile page: import an export, settle the bound groups, run the audit, read findings. */
import { useEffect, useState } from 'react';
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
  const [choice, setChoice] = useState<BoundChoice>({ mode: 'all' });
  const [running, setRunning] = useState(false);

  // The remembered pick of this tenant, narrowed to the groups this export has.
  useEffect(() => {
    if (!imported) return;
    let current = true;
    api()
      .getBoundGroups({ tenantId })
      .then(({ groups }) => {
        if (!current) return;
        const names = new Set(imported.groupList.map((g) => g.name));
        const kept = (groups ?? []).filter((g) => names.has(g));
        setChoice(
          groups && kept.length > 0 ? { mode: 'pick', groups: new Set(kept) } : { mode: 'all' },
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
      showError(error);
    } finally {
      setRunning(false);
    }
  }

  const pickEmpty =
    choice.mode === 'pick' && choice.groups.size === 0 && !imported?.boundGroupsFromExport;
  const blocker = !snapshot
    ? 'Read the tenant first: the audit needs a complete snapshot.'
    : !imported
      ? 'Import a JumpCloud export first.'
      : pickEmpty
        ? 'Pick at least one bound group, or choose all groups.'
        : null;

  return (
    <section className="page" aria-labelledby="reconcile-title">
      <h1 id="reconcile-title">Reconcile</h1>
      <ImportPanel tenantId={tenantId} />
      {imported && <BoundGroupPicker summary={imported} choice={choice} onChange={setChoice} />}
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
      {audit && <Findings audit={audit} />}
    </section>
  );
}
