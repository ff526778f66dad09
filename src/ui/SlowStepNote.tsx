import { memo, useEffect, useRef } from 'react';
import { controller } from '../run/controller';

const REFRESH_MS = 100;

/**
 * "computing step… 2.3 s" over a panel whose worker has not answered for more than half a
 * second while it runs or steps (a slow ETD step at large N): the elapsed time counts up,
 * outside React, while `active` (playing or a command in flight).
 */
export const SlowStepNote = memo(function SlowStepNote({ panel, active }: { panel: number; active: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const show = () => {
      const since = controller.slowSince(panel);
      if (el.hidden !== (since === null)) el.hidden = since === null;
      if (since === null) return;
      const text = `computing step… ${((performance.now() - since) / 1000).toFixed(1)} s`;
      if (el.textContent !== text) el.textContent = text;
    };
    show();
    if (!active) return;
    const timer = setInterval(show, REFRESH_MS);
    return () => {
      clearInterval(timer);
      el.hidden = true;
    };
  }, [panel, active]);
  return <div ref={ref} className="plot-note slow-step" data-testid={`panel-computing-${panel}`} role="status" hidden />;
});
