/** A modal dialog: focus moves in on open, Escape closes, focus returns to the opener. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    return () => opener?.focus();
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
