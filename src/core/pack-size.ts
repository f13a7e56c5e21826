/**
 * The one limit on a pack's size: it must fit in one extension message, which Chromium caps at
 * 64 MiB of the message's JSON in UTF-8 (a pack travels from the options page to the background in
 * one `pack/import`). Firefox sets no such cap; the background applies the same one so that a pack
 * accepted in one browser is accepted in the other, and the pack checker applies it on disk.
 *
 * Where it is checked: the options page refuses a file from its size before reading it (a file's
 * bytes are never more than what is sent), then the text before sending it; the background's pack
 * parser (`parsePackJson`) refuses the text before parsing it; the pack checker refuses a file from
 * its size before reading it, then checks the text with the same parser.
 */
export const MAX_PACK_BYTES = 64 * 1024 * 1024;

/** The `pack/import` message around a pack's text, less the text: `{"type":"pack/import","json":""}`. */
const ENVELOPE = JSON.stringify({ type: 'pack/import', json: '' }).length;

/**
 * Bytes of the message carrying `text`, as Chromium counts them: the message as JSON, in UTF-8. JSON
 * writes a quote, a backslash or a line break with a backslash before it, other control characters
 * and lone surrogates as `\uXXXX`. Counted code unit by code unit rather than by building the JSON
 * and encoding it (a pack can be tens of megabytes).
 */
export function packMessageBytes(text: string): number {
  let bytes = ENVELOPE + text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0x22 || c === 0x5c) bytes += 1;
      else if (c < 0x20) bytes += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 1 : 5;
    } else if (c < 0x800) {
      bytes += 1;
    } else if ((c & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two code units, four bytes.
      bytes += 2;
      i++;
    } else {
      bytes += (c & 0xf800) === 0xd800 ? 5 : 2;
    }
  }
  return bytes;
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const LIMIT = `packs are limited to ${MAX_PACK_BYTES / 1024 / 1024} MiB`;

/** Why a pack file of `bytes` bytes is refused, or null when it may fit. */
export function packSizeProblem(bytes: number): string | null {
  return bytes > MAX_PACK_BYTES ? `too large: ${mib(bytes)} MiB; ${LIMIT}` : null;
}

/** Why a pack's text is refused, or null when it fits in one message. */
export function packTextProblem(text: string): string | null {
  // At most six bytes a code unit: most texts are settled by their length alone.
  if (ENVELOPE + text.length * 6 <= MAX_PACK_BYTES) return null;
  const bytes = packMessageBytes(text);
  return bytes > MAX_PACK_BYTES ? `too large: ${mib(bytes)} MiB as sent, with quotes, backslashes and line breaks escaped; ${LIMIT}` : null;
}
