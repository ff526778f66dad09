import { cutInput } from '../engine/params/cut';

/** At most this many notices are kept from one link, each at most MAX_NOTICE_CHARS long. */
export const MAX_NOTICES = 12;
export const MAX_NOTICE_CHARS = 300;

/**
 * Notices as shown: every one cut to MAX_NOTICE_CHARS (a 100 KB value in a link gives a short
 * notice, whichever decoder wrote it: the sampler view's or the lab's), at most MAX_NOTICES of them.
 */
export function capNotices(notices: readonly string[]): string[] {
  const cut = notices.map((n) => cutInput(n, MAX_NOTICE_CHARS));
  return cut.length > MAX_NOTICES ? [...cut.slice(0, MAX_NOTICES - 1), `and ${cut.length - MAX_NOTICES + 1} more changes`] : cut;
}
