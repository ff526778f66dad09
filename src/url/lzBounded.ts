/**
 * Decompress lz-string's compressToEncodedURIComponent output with a budget: the format's
 * dictionary lets a short input expand quadratically (a 64 KB link could unpack to hundreds of
 * megabytes and freeze the tab), so this reader stops as soon as the output passes `maxChars`.
 * Same algorithm as lz-string 1.5's _decompress (MIT), with the bit reads in one helper.
 * Returns the text, 'too-large' or null (not a valid lz-string payload).
 */
const URI_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE: Readonly<Record<string, number>> = Object.fromEntries([...URI_SAFE].map((c, i) => [c, i]));

export function decompressBounded(input: string, maxChars: number): string | 'too-large' | null {
  const text = input.replace(/ /g, '+');
  if (text.length === 0) return null;
  for (const c of text) if (!(c in VALUE)) return null;
  const resetValue = 32;
  let val = VALUE[text[0]];
  let position = resetValue;
  let index = 1;
  const read = (bitCount: number): number => {
    let bits = 0;
    for (let power = 1, k = 0; k < bitCount; k++, power *= 2) {
      const b = val & position;
      position >>= 1;
      if (position === 0) {
        position = resetValue;
        val = index < text.length ? VALUE[text[index]] : 0;
        index++;
      }
      if (b > 0) bits += power;
    }
    return bits;
  };
  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let dictSize = 4;
  let numBits = 3;
  const first = read(2);
  if (first === 2) return '';
  if (first !== 0 && first !== 1) return null;
  let w = String.fromCharCode(read(first === 0 ? 8 : 16));
  dictionary[3] = w;
  const result: string[] = [w];
  let total = w.length;
  for (;;) {
    if (index > text.length) return null;
    let c = read(numBits);
    if (c === 2) return result.join('');
    if (c === 0 || c === 1) {
      dictionary[dictSize++] = String.fromCharCode(read(c === 0 ? 8 : 16));
      c = dictSize - 1;
      if (--enlargeIn === 0) enlargeIn = 2 ** numBits++;
    }
    let entry: string;
    if (c < dictionary.length && dictionary[c] !== undefined && c >= 3) entry = dictionary[c];
    else if (c === dictSize) entry = w + w.charAt(0);
    else return null;
    total += entry.length;
    if (total > maxChars) return 'too-large';
    result.push(entry);
    dictionary[dictSize++] = w + entry.charAt(0);
    w = entry;
    if (--enlargeIn === 0) enlargeIn = 2 ** numBits++;
  }
}
