/**
 * User text quoted in a message, cut to `max` characters (whitespace runs shown as one space) with
 * its full length said, so a 30 MB key or value never comes back in full.
 */
export function cutInput(s: string, max = 200): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} characters)` : flat;
}
