/**
 * Keeps the store and the address bar in step: on load the link (its query and its fragment, see
 * linkParts.ts) is decoded into the store
 * (before the first session is built), then every change to the experiment rewrites the URL with
 * history.replaceState, debounced, never pushState (Back leaves the playground, it does not
 * undo settings one by one).
 */
import { useAppStore } from '../store';
import { decodeExperiment } from './decode';
import { encodeExperiment } from './encode';
import { URL_VERSION, type Experiment } from './schema';
import { applyExperiment, experimentOf, sameShared, sharedParts } from './storeBridge';
import { useLabStore } from '../store/labStore';
import { decodeLab, encodeLab } from './labCodec';
import { experimentQuery, linkParts, pageKeys } from './linkParts';

export const URL_DEBOUNCE_MS = 250;

/** The query string of the current experiment (without '?'). */
export const currentQuery = (): string => {
  const lab = useLabStore.getState();
  // The lab's link describes the lab alone.
  if (lab.view === 'lab') return `v=${URL_VERSION}&${encodeLab(lab.config)}`;
  return encodeExperiment(experimentOf(sharedParts(useAppStore.getState())));
};

/** This page's address with `query` in its query, or in its fragment when long. */
const linkOf = (query: string): string => {
  const { search, hash } = linkParts(query);
  return `${location.origin}${location.pathname}${search}${hash}`;
};

/** The link of the current experiment: this page's address with the experiment in the query, or in the fragment when long. */
export function currentLink(): string {
  return linkOf(currentQuery());
}

/** The current experiment (sampler view) in another layout: `embed` for an iframe, `full` for "open in the playground". */
export function linkInLayout(mode: 'embed' | 'full'): string {
  const e = experimentOf(sharedParts(useAppStore.getState()));
  return linkOf(encodeExperiment({ ...e, view: { mode, hide: [] } }));
}

/**
 * The HTML that embeds the current experiment in a course page or slides: an iframe of its
 * embed-mode link (only the panels, play / pause and a link to the full playground).
 */
export function embedCode(link = linkInLayout('embed')): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${attr(link)}" title="ETD Playground" width="960" height="600" style="border:0;max-width:100%" loading="lazy" allow="cross-origin-isolated; fullscreen"></iframe>`;
}

/** Decode this page's link (query and fragment) into the store and show what had to be changed. Call before the controller starts. */
export function loadFromUrl(): void {
  const query = experimentQuery(location.search, location.hash);
  const { experiment, notices } = decodeExperiment(query);
  applyExperiment(experiment, { view: true });
  const lab = decodeLab(query);
  useLabStore.setState({ view: lab.view, config: lab.config });
  useAppStore.getState().setUrlNotices([...notices, ...lab.notices]);
}

/** Open an experiment given as a query string (a named preset): decoded like any link, layout kept. */
export function openQuery(query: string): readonly string[] {
  const { experiment, notices } = decodeExperiment(query);
  applyExperiment(experiment, { view: false });
  useAppStore.getState().setUrlNotices(notices);
  return notices;
}

/** Replace the address bar's query (or fragment, for a long experiment) now, keeping the page's own fragment keys; no new history entry. */
function writeUrl(query: string): void {
  const { search, hash } = linkParts(query, pageKeys(location.hash));
  const url = `${location.pathname}${search}${hash}`;
  if (`${location.pathname}${location.search}${location.hash}` === url) return;
  history.replaceState(history.state, '', url);
}

/** Start mirroring the store into the URL; returns a stop function. */
export function startUrlSync(): () => void {
  let last = sharedParts(useAppStore.getState());
  let timer: ReturnType<typeof setTimeout> | undefined;
  writeUrl(currentQuery()); // the canonical form of the link that opened the page
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => writeUrl(currentQuery()), URL_DEBOUNCE_MS);
  };
  const unsubscribe = useAppStore.subscribe((s) => {
    const parts = sharedParts(s);
    if (sameShared(parts, last)) return;
    last = parts;
    schedule();
  });
  const unsubscribeLab = useLabStore.subscribe((s, prev) => {
    if (s.view !== prev.view || s.config !== prev.config) schedule();
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
    unsubscribeLab();
  };
}

export type { Experiment };
