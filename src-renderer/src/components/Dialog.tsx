/**
 * A modal dialog: focus moves in on open (to the element marked `data-autofocus`, else the first
 * field or button), Escape closes, and focus returns to the opener, or to `fallbackFocus` when
 * the opener is gone (its tenant was just removed).
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const fallbackFocus = useRef(props.fallbackFocus);
  fallbackFocus.current = props.fallbackFocus;

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    const first =
      dialog?.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => {
      const target = opener?.isConnected ? opener : fallbackFocus.current?.();
      target?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={props.title}
      data-testid={props.testId}
      // The native dialog closes itself on Escape; keep React's state in step.
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <h2>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
