/**
 * User text quoted in a message, on one line (line breaks shown as spaces) and cut to `max`
 * characters with its full length said, so a 30 MB key or value never comes back in full.
 */
export function cutInput(s: string, max = 200): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}… (${flat.length} characters)` : flat;
}
