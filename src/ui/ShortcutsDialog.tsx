import { useId } from 'react';
import { useAppStore } from '../store';
import { SHORTCUTS } from './shortcuts';
import { useModalDialog } from './useModalDialog';
import { DialogClose } from './DialogClose';

/** The list of keyboard shortcuts in a modal dialog; Esc or the button closes it. */
export function ShortcutsDialog() {
  const open = useAppStore((s) => s.shortcutsOpen);
  const setOpen = useAppStore((s) => s.setShortcutsOpen);
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby={titleId} data-testid="shortcuts-dialog" onClose={() => setOpen(false)}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <p className="hint">Shortcuts are ignored while you type in a field.</p>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="shortcut-row">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <DialogClose />
    </dialog>
  );
}
