import { useEffect, useRef } from 'react';

/** A <dialog> shown modally while `open` (focus trapped, Esc closes it and fires onClose), scrolled to its top. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // showModal focuses the Close button at the end of a long card and scrolls there: start at the top.
      d.scrollTop = 0;
    }
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
