/**
 * Step 2: which JumpCloud groups are bound to the VaultOne application. Binding data in the
 * export decides when present; else the admin picks (remembered per tenant) or takes them all.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import type { ImportSummary } from '../../../src-main/api/contract';

export type BoundChoice = { mode: 'all' } | { mode: 'pick'; groups: Set<string> };

export function BoundGroupPicker(props: {
  summary: ImportSummary;
  choice: BoundChoice;
  /** Remembered bound groups that this export does not have. */
  absent: string[];
  onChange: (choice: BoundChoice) => void;
}) {
  const { summary, choice, absent, onChange } = props;
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const visible = useMemo(
    () => summary.groupList.filter((g) => g.name.toLowerCase().includes(deferred)),
    [summary, deferred],
  );

  if (summary.boundGroupsFromExport) {
    return (
      <div className="card" data-testid="bound-groups">
        <h2>2. Bound groups</h2>
        <p>
          The export names the bound groups ({summary.boundGroupsFromExport.length}):{' '}
          {summary.boundGroupsFromExport.join(', ')}.
        </p>
      </div>
    );
  }

  const picked = choice.mode === 'pick' ? choice.groups : new Set<string>();
  const setPicked = (groups: Set<string>) => onChange({ mode: 'pick', groups });
  const toggle = (name: string) => {
    const next = new Set(picked);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setPicked(next);
  };

  return (
    <div className="card" data-testid="bound-groups">
      <h2>2. Bound groups</h2>
      <p className="muted">
        This export does not say which groups are bound to VaultOne in JumpCloud. Choose them, or
        treat every group in the export as bound.
      </p>
      <div className="radio-row" role="radiogroup" aria-label="Bound groups">
        <label>
          <input
            type="radio"
            name="bound-mode"
            checked={choice.mode === 'all'}
            onChange={() => onChange({ mode: 'all' })}
            data-testid="bound-all"
          />
          {summary.groupList.length === 1
            ? 'The one group in the export'
            : `All ${summary.groupList.length} groups in the export`}
        </label>
        <label>
          <input
            type="radio"
            name="bound-mode"
            checked={choice.mode === 'pick'}
            onChange={() => setPicked(picked)}
            data-testid="bound-pick"
          />
          Only the groups I pick ({picked.size})
        </label>
      </div>
      {choice.mode === 'pick' && (
        <>
          <div className="toolbar">
            <input
              type="search"
              placeholder="Search groups"
              aria-label="Search groups"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="bound-search"
            />
            <button
              type="button"
              onClick={() => setPicked(new Set([...picked, ...visible.map((g) => g.name)]))}
              data-testid="bound-select-all"
            >
              Select all{deferred ? ' shown' : ''}
            </button>
            <button
              type="button"
              onClick={() => {
                const shown = new Set(visible.map((g) => g.name));
                setPicked(new Set([...picked].filter((n) => !shown.has(n))));
              }}
            >
              Clear{deferred ? ' shown' : ''}
            </button>
          </div>
          {visible.length === 0 ? (
            <p className="empty" data-testid="bound-no-match">
              No group matches the search.
            </p>
          ) : (
            <ul className="group-picker" data-testid="bound-list">
              {visible.map((g) => (
                <li key={g.name}>
                  <label>
                    <input
                      type="checkbox"
                      aria-label={g.name}
                      checked={picked.has(g.name)}
                      onChange={() => toggle(g.name)}
                    />
                    {g.name}
                    <span className="muted">
                      {g.members === null
                        ? ''
                        : ` · ${g.members} ${g.members === 1 ? 'member' : 'members'}`}
                      {g.dynamic ? ' · dynamic' : ''}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {absent.length > 0 && (
            <p className="muted" data-testid="bound-absent">
              Remembered for this tenant but not in this export (kept for the next export, not used
              in this audit): {absent.join(', ')}.
            </p>
          )}
        </>
      )}
    </div>
  );
}
