/**
 * Where a link carries the experiment: the query for short links (readable, `?v=1&t=u3&n=250...`),
 * the fragment for long ones (drawings, long formulas, anything over LINK_QUERY_MAX characters)
 * and for those holding a user's own data (the logistic-regression view's points).
 * A fragment never reaches a server, so no host, CDN or proxy can refuse or cut it (request lines
 * are commonly capped at 8 KB; `vite preview` answers HTTP 431 near 16 KB). Old links with the
 * experiment in the query still open. Keys reserved for the page itself (FRAGMENT_ONLY_KEYS, such
 * as `debug=faults` for the fault-injection tests) live in the fragment and are never part of the
 * experiment. Pure: no DOM.
 */

/** Longest query written; a longer experiment goes into the fragment whole. */
export const LINK_QUERY_MAX = 1024;

/** Fragment keys that belong to the page, not to the experiment. */
export const FRAGMENT_ONLY_KEYS = ['debug'] as const;

/**
 * Keys that hold a user's own data (the points of the logistic-regression view): an experiment
 * with one of them is written whole into the fragment, whatever its length.
 */
export const FRAGMENT_DATA_KEYS = ['lr'] as const;

const holdsData = (query: string): boolean => {
  const keys = new URLSearchParams(query);
  return FRAGMENT_DATA_KEYS.some((k) => keys.has(k));
};

const isPageKey = (k: string): boolean => (FRAGMENT_ONLY_KEYS as readonly string[]).includes(k);

/**
 * The experiment's query text from a page's search and hash: the query's keys, then the fragment's
 * (a key in both takes the fragment's value, which is where this page writes), page keys left out.
 * URLSearchParams reads a malformed escape such as `50%off` as the literal text, never throwing.
 */
export function experimentQuery(search: string, hash: string): string {
  const merged = new Map<string, string[]>();
  const add = (text: string, fromFragment: boolean) => {
    const seen = new Set<string>();
    for (const [k, v] of new URLSearchParams(text)) {
      if (fromFragment && isPageKey(k)) continue;
      if (fromFragment && !seen.has(k)) merged.delete(k); // the fragment's values replace the query's
      seen.add(k);
      merged.set(k, [...(merged.get(k) ?? []), v]);
    }
  };
  add(search.replace(/^\?/, ''), false);
  add(hash.replace(/^#/, ''), true);
  const out = new URLSearchParams();
  for (const [k, vs] of merged) for (const v of vs) out.append(k, v);
  return out.toString();
}

/** The page keys of a hash (e.g. `debug=faults`), kept when the page rewrites its address. */
export function pageKeys(hash: string): string {
  const out = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(hash.replace(/^#/, ''))) if (isPageKey(k)) out.append(k, v);
  return out.toString();
}

/**
 * Where to write an experiment's query: short ones in the query, long ones and those holding a
 * user's data (FRAGMENT_DATA_KEYS) in the fragment (with
 * `pageKeysText`, the page keys to keep, after them). Returns the search and hash parts, each with
 * its leading '?' or '#', or empty.
 */
export function linkParts(query: string, pageKeysText = ''): { search: string; hash: string } {
  const join = (...parts: string[]) => parts.filter((p) => p !== '').join('&');
  if (query.length <= LINK_QUERY_MAX && !holdsData(query)) {
    return { search: query ? `?${query}` : '', hash: pageKeysText ? `#${pageKeysText}` : '' };
  }
  return { search: '', hash: `#${join(query, pageKeysText)}` };
}
