/**
 * Where a JSON text stops being JSON. Engines word `JSON.parse` errors differently and some give no
 * position at all (V8: `Unexpected token '}', "…" is not valid JSON`), so a pack author would not
 * know where to look; this scanner finds the offset itself, the same in every browser. It runs only
 * after `JSON.parse` has failed, and keeps its own stack so deep nesting cannot overflow the call stack.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Offset (UTF-16 units) of the first character that breaks JSON syntax, or -1 when the text is valid. */
export function findJsonErrorOffset(s: string): number {
  const n = s.length;
  let i = 0;
  const stack: number[] = []; // 123 '{' or 91 '['

  const skipSpace = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const readString = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 92) {
        const next = s[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && HEX4.test(s.slice(i + 2, i + 6))) i += 6;
        else return false;
      } else i++;
    }
    return false;
  };
  const readScalar = (): boolean => {
    const c = s[i];
    if (c === '"') return readString();
    for (const word of ['true', 'false', 'null']) {
      if (s.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(s)) {
      i = NUMBER.lastIndex;
      return true;
    }
    return false;
  };

  // States: a value is expected; a value has ended; an object key is expected.
  let state: 'value' | 'after' | 'key' = 'value';
  for (;;) {
    skipSpace();
    if (state === 'value') {
      const c = s.charCodeAt(i);
      if (c === 123 || c === 91) {
        stack.push(c);
        i++;
        skipSpace();
        const close = c === 123 ? 125 : 93;
        if (s.charCodeAt(i) === close) {
          stack.pop();
          i++;
          state = 'after';
        } else state = c === 123 ? 'key' : 'value';
        continue;
      }
      if (!readScalar()) return Math.min(i, n);
      state = 'after';
    } else if (state === 'key') {
      if (s.charCodeAt(i) !== 34 || !readString()) return Math.min(i, n);
      skipSpace();
      if (s.charCodeAt(i) !== 58) return Math.min(i, n);
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : -1;
      const c = s.charCodeAt(i);
      if (c === 44) {
        i++;
        state = top === 123 ? 'key' : 'value';
      } else if ((top === 123 && c === 125) || (top === 91 && c === 93)) {
        stack.pop();
        i++;
      } else return Math.min(i, n);
    }
  }
}

/** 1-based line and column of an offset, counting `\n` as the line break. */
export function lineAndColumn(s: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let j = s.indexOf('\n'); j !== -1 && j < offset; j = s.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The engine's explanation without its own position wording (ours replaces it). */
export function engineReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw
    .replace(/^JSON\.parse:\s*/, '')
    .replace(/\s+at line \d+ column \d+ of the JSON data$/, '')
    .replace(/\s+in JSON at position \d+.*$/s, '')
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .slice(0, 200);
}
