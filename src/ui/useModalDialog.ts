import { useEffect, useRef } from 'react';

/** A <dialog> shown modally while `open` (focus trapped, Esc closes it and fires onClose). */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return ref;
}
