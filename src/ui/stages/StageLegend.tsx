import type { LegendItem } from './stageLegend';
import { STAGE_INK } from './stagePictures';

/** A mark drawn as in the picture, 22 x 14 CSS pixels on a dark chip (the marks are meant for viridis). */
function Swatch({ item }: { item: LegendItem }) {
  const c = item.colours[0];
  const halo = STAGE_INK.edge;
  switch (item.mark) {
    case 'dot':
      return <circle cx="11" cy="7" r="3.5" fill={c} stroke={halo} strokeWidth="0.75" />;
    case 'ring':
      return <circle cx="11" cy="7" r="3.5" fill="none" stroke={c} strokeWidth="1.2" />;
    case 'marked':
      return (
        <>
          <circle cx="11" cy="7" r="3.5" fill={c} stroke="#fff" strokeWidth="0.75" />
          <circle cx="11" cy="7" r="6" fill="none" stroke={c} strokeWidth="1.5" />
        </>
      );
    case 'arrow':
      return <path d="M3 7h14M13 4l4 3-4 3" fill="none" stroke={c} strokeWidth="1.6" />;
    case 'cross':
      return <path d="M8 4l6 6M8 10l6-6" stroke={c} strokeWidth="1.3" />;
    case 'line':
      return <path d="M2 7h18" stroke={c} strokeWidth="1.6" />;
    case 'dash':
      return <path d="M2 7h18" stroke={c} strokeWidth="1.6" strokeDasharray="4 3" />;
    default:
      return null;
  }
}

/** A gradient bar with its end labels. */
function Ramp({ item, id }: { item: LegendItem; id: string }) {
  return (
    <>
      <span className="stages-legend-end">{item.ends?.[0]}</span>
      <svg width="64" height="12" aria-hidden="true">
        <defs>
          <linearGradient id={id}>
            {item.colours.map((c, k) => (
              <stop key={k} offset={k / Math.max(1, item.colours.length - 1)} stopColor={c} />
            ))}
          </linearGradient>
        </defs>
        <rect width="64" height="12" rx="2" fill={`url(#${id})`} />
      </svg>
      <span className="stages-legend-end">{item.ends?.[1]}</span>
    </>
  );
}

/** The legend under a stage picture: every mark it draws, in words. */
export function StageLegend({ items, stage }: { items: readonly LegendItem[]; stage: number }) {
  return (
    <ul className="stages-legend" data-testid="stages-legend" aria-label="Legend">
      {items.map((it, k) => (
        <li key={it.label}>
          {it.mark === 'ramp' || it.mark === 'density' ? (
            <Ramp item={it.mark === 'density' ? { ...it, ends: undefined } : it} id={`stage-${stage}-ramp-${k}`} />
          ) : (
            <svg className="stages-legend-chip" width="22" height="14" aria-hidden="true">
              <Swatch item={it} />
            </svg>
          )}
          <span>{it.label}</span>
        </li>
      ))}
    </ul>
  );
}
