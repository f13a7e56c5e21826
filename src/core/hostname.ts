/**
 * One hostname normalisation for every place that compares hosts: the pack validator (is this
 * domain already someone's?), the index compiler (which host keys a publisher), the link labeller
 * and the page's own host (which publisher a host belongs to) and site keys (which setting applies).
 * When these disagreed, a pack could list `www.` plus a bundled publisher's domain: the validator
 * saw two different strings, the compiler saw one host, and the pack's publisher took it over.
 *
 * The normal form: lower case, no trailing dot, one leading `www.` removed, international names
 * in their ASCII (punycode) form, the form browsers give in `location.hostname` and `a.hostname`:
 * `WWW.Example.COM.` → `example.com`, `пример.рф` → `xn--e1afmkfd.xn--p1ai`.
 */

/** Characters that would make `http://` + the text parse as something other than a bare host. */
const NOT_IN_HOST = /[\s/\\?#@:%[\]]/;
/** Already in normal form apart from the steps done by string work (the common case: no URL parse). */
const ASCII_HOST = /^[a-z0-9.-]+$/;

/**
 * Case, trailing dot and `www.` only, by string work: for text that may not be a hostname at all
 * (what a user types into a search box). Prefer `normalizeHost` for anything that is compared.
 */
export function foldHost(text: string): string {
  let h = text.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h.startsWith('www.')) h = h.slice(4);
  return h;
}

/**
 * The normal form of a hostname (see the file comment), or null when `text` is not a bare
 * hostname: empty, or with a scheme, port, path, user or spaces, or not a name the URL parser
 * accepts. Says nothing about whether the name is one a pack may claim (see the validator).
 */
export function normalizeHost(text: string): string | null {
  const h = foldHost(text);
  if (h === '' || NOT_IN_HOST.test(h)) return null;
  if (ASCII_HOST.test(h)) return h;
  let parsed: string;
  try {
    // The URL parser applies IDNA (UTS #46) in browsers and in Node alike: mapping, then punycode.
    parsed = new URL(`http://${h}/`).hostname;
  } catch {
    return null;
  }
  // The mapping can produce a trailing dot or `www.` of its own (a full-width dot, capital letters).
  const again = foldHost(parsed);
  return again === '' ? null : again;
}
