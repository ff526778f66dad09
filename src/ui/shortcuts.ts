import { runToStep } from '../run/runToStep';
import { useEffect } from 'react';
import { reset, stepOnce, toggleFastForward, togglePlay } from '../run/controller';
import { useAppStore } from '../store';

export type ShortcutAction =
  | { readonly kind: 'play' }
  | { readonly kind: 'step' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'fastForward' }
  | { readonly kind: 'focusPanel'; readonly panel: number }
  | { readonly kind: 'help' };

/** The list the help dialog shows, in order. */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['Space', 'Play / pause (on a focused button: press it)'],
  ['S', 'One step of every panel'],
  ['R', 'Reset every panel to iteration 0'],
  ['F', 'Fast-forward on / off (compute without drawing)'],
  ['1 – 6', 'Go to panel 1 – 6'],
  ['?', 'Show this list'],
  ['Esc', 'Close this list'],
];

/** Elements where keys mean typing, not commands. */
const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
/** Elements that Space presses (the browser's own keyboard access): Space is theirs, not play / pause. */
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);
const PRESSABLE_ROLES = new Set(['button', 'checkbox', 'switch', 'tab', 'menuitem', 'option', 'link']);

/** What a key press means, or null (typing in a field, modifier held, or not a shortcut). */
export function shortcutFor(
  ev: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>,
  target: { tagName?: string; isContentEditable?: boolean; getAttribute?: (name: string) => string | null } | null,
): ShortcutAction | null {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return null;
  if (target && (TYPING.has(target.tagName ?? '') || target.isContentEditable)) return null;
  switch (ev.key) {
    case ' ':
      if (target && (PRESSABLE.has(target.tagName ?? '') || PRESSABLE_ROLES.has(target.getAttribute?.('role') ?? ''))) return null;
      return { kind: 'play' };
    case 's':
    case 'S':
      return { kind: 'step' };
    case 'r':
    case 'R':
      return { kind: 'reset' };
    case 'f':
    case 'F':
      return { kind: 'fastForward' };
    case '?':
      return { kind: 'help' };
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
      return { kind: 'focusPanel', panel: Number(ev.key) - 1 };
    default:
      return null;
  }
}

/** Scroll panel i into view and focus its first control. */
export function focusPanel(i: number): void {
  const el = document.querySelector<HTMLElement>(`[data-testid="panel-${i}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  const first = el.querySelector<HTMLElement>('button, select, input, [tabindex]:not([tabindex="-1"])');
  (first ?? el).focus({ preventScroll: true });
}

function run(action: ShortcutAction): void {
  switch (action.kind) {
    case 'play':
      return togglePlay();
    case 'step':
      return stepOnce();
    case 'reset':
      return void reset();
    case 'fastForward':
      return toggleFastForward();
    case 'focusPanel':
      return focusPanel(action.panel);
    case 'help':
      return useAppStore.getState().setShortcutsOpen(true);
  }
}

/** Listen for the page's keyboard shortcuts while mounted (not while a dialog is open). */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (ev: KeyboardEvent) => {
      if (ev.defaultPrevented || ev.repeat || useAppStore.getState().shortcutsOpen) return;
      const action = shortcutFor(ev, ev.target instanceof HTMLElement ? ev.target : null);
      if (!action) return;
      ev.preventDefault(); // e.g. space must not also scroll the page
      runToStep.cancel(); // a key that moves the run takes over from "run all to step K"
      run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
