/**
 * The one limit on a pack's size: 64 MiB of UTF-8, what Chromium accepts for one extension message
 * (a pack travels from the options page to the background in one). The options page checks a file's
 * size before reading it; the background checks the text a message carries; the pack checker checks
 * a file on disk. All three count UTF-8 bytes against this one value and say so in the same words.
 */
export const MAX_PACK_BYTES = 64 * 1024 * 1024;

/**
 * UTF-8 length of `text`, counted code unit by code unit rather than by encoding a copy (a pack can
 * be tens of megabytes). A lone surrogate counts 3 bytes, as the encoder writes U+FFFD for it.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: two code units, four bytes.
      bytes += 2;
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** Why a pack of `bytes` UTF-8 bytes is refused, or null when it is within the limit. */
export function packSizeProblem(bytes: number): string | null {
  return bytes > MAX_PACK_BYTES ? `too large: ${mib(bytes)} MiB; packs are limited to ${MAX_PACK_BYTES / 1024 / 1024} MiB` : null;
}

/** `packSizeProblem` for a pack's text; counts bytes only when the text could be over the limit. */
export function packTextProblem(text: string): string | null {
  // Every UTF-16 code unit is 1 to 3 UTF-8 bytes, so most texts are settled by their length alone.
  if (text.length * 3 <= MAX_PACK_BYTES) return null;
  return packSizeProblem(utf8Length(text));
}
