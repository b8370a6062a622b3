/** A table that renders only the rows in view, so 50,000 users scroll smoothly. */
import { isValidElement, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface Column<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. `2fr` or `120px`. */
  width: string;
  render: (row: T) => ReactNode;
}

const ROW_HEIGHT = 34;

/** The text of a rendered cell: strings and numbers, also inside plain elements like `<code>`. */
function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/**
 * Keys that open a row as they would press a button. Enter acts on keydown and Space on keyup,
 * and the default of both is prevented: otherwise the same keypress reaches the opened dialog's
 * first button (its Close) when focus moves there, and the dialog shuts at once.
 */
function openKeys<T>(row: T, onOpen: (row: T) => void) {
  return {
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      if (event.key === 'Enter' && !event.repeat) onOpen(row);
    },
    onKeyUp: (event: KeyboardEvent) => {
      if (event.key !== ' ') return;
      event.preventDefault();
      onOpen(row);
    },
  };
}

export function VirtualTable<T>(props: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T, index: number) => string;
  label: string;
  testId: string;
  empty: ReactNode;
  /** Makes rows focusable; Enter, Space or a click opens the row. */
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
                {...(onOpen ? openKeys(row, onOpen) : {})}
                className={onOpen ? 'vrow openable' : 'vrow'}
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                {props.columns.map((c) => {
                  const content = c.render(row);
                  // Cells cut long values off with an ellipsis: the tooltip has all of it.
                  const title = textOf(content);
                  return (
                    <div key={c.key} role="cell" className="vcell" title={title || undefined}>
                      {content}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
