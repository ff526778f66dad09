import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { cutInput } from '../engine/params/cut';

/** Largest config file read (bytes): a run's own JSON output with its config is far smaller. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Deepest nesting of arrays and objects a config may have (a drawing's bumps are 3 deep). */
export const MAX_CONFIG_DEPTH = 16;

/**
 * Read a --config file into a plain object, refusing before it is all read or parsed: more than
 * MAX_CONFIG_BYTES (read in chunks, so /dev/zero or a FIFO stops at the cap), not UTF-8 JSON,
 * nested deeper than MAX_CONFIG_DEPTH, or not a JSON object. Each refusal is one sentence naming
 * the file; nothing of the file's text is echoed beyond what cutInput leaves.
 */
export function readConfigFile(path: string): Record<string, unknown> {
  const text = readBounded(path, MAX_CONFIG_BYTES);
  const depth = nestingDepth(text);
  if (depth > MAX_CONFIG_DEPTH) throw new Error(`config file ${cutInput(path)} is nested ${depth > 1000 ? 'more than 1000' : depth} levels deep (at most ${MAX_CONFIG_DEPTH})`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`config file ${cutInput(path)} is not JSON: ${cutInput((e as Error).message)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`config file ${cutInput(path)} must hold a JSON object ({ "target": ..., "sampler": ... }), not ${kindOf(value)}`);
  return value as Record<string, unknown>;
}

/** What a JSON value is, in words ("an array", "null", "a number"). */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function readBounded(path: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`cannot read config file ${cutInput(path)}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a directory' : code ? ` (${code})` : ''}`);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new Error(`cannot read config file ${cutInput(path)}: it is a directory`);
    if (info.isFile() && info.size > maxBytes) throw new Error(`config file ${cutInput(path)} is larger than ${maxBytes / 1024 / 1024} MB (${(info.size / 1024 / 1024).toFixed(1)} MB): not read`);
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(`cannot read config file ${cutInput(path)}${code === 'EISDIR' ? ': it is a directory' : code ? ` (${code})` : ''}`);
      }
      if (got === 0) break;
      total += got;
      if (total > maxBytes) throw new Error(`config file ${cutInput(path)} is larger than ${maxBytes / 1024 / 1024} MB: not read`);
      chunks.push(Buffer.from(chunk.subarray(0, got)));
    }
    const bytes = Buffer.concat(chunks);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch (e) {
    if (e instanceof TypeError) throw new Error(`config file ${cutInput(path)} is not UTF-8 text`);
    throw e;
  } finally {
    closeSync(fd);
  }
}

/** Deepest bracket nesting of JSON text, counted outside strings (so JSON.parse never recurses deeper). */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > 1000) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}
