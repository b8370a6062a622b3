/** A table that renders only the rows in view, so 50,000 users scroll smoothly. */
import { useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. `2fr` or `120px`. */
  width: string;
  render: (row: T) => ReactNode;
}

const ROW_HEIGHT = 34;

export function VirtualTable<T>(props: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  label: string;
  testId: string;
  empty: ReactNode;
  /** Makes rows focusable; Enter or a click opens the row. */
  onOpen?: (row: T) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const template = props.columns.map((c) => c.width).join(' ');
  const onOpen = props.onOpen;

  if (props.rows.length === 0) return <div className="empty">{props.empty}</div>;

  return (
    <div
      className="vtable"
      role="table"
      aria-label={props.label}
      aria-rowcount={props.rows.length + 1}
      data-testid={props.testId}
    >
      <div className="vrow vhead" role="row" style={{ gridTemplateColumns: template }}>
        {props.columns.map((c) => (
          <div key={c.key} role="columnheader" className="vcell">
            {c.header}
          </div>
        ))}
      </div>
      <div className="vscroll" ref={scroller} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = props.rows[item.index]!;
            return (
              <div
                key={props.rowKey(row, item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={onOpen ? 0 : undefined}
                onClick={onOpen ? () => onOpen(row) : undefined}
                onKeyDown={onOpen ? (event) => event.key === 'Enter' && onOpen(row) : undefined}
                className={onOpen ? 'vrow openable' : 'vrow'}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                {props.columns.map((c) => (
                  <div key={c.key} role="cell" className="vcell">
                    {c.render(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
