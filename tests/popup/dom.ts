/**
 * Finding controls the way a user (or a screen reader) does: by role and accessible name. A small
 * subset of the accessible-name rules, enough for the panel and options markup. For use in tests.
 */
import { act } from 'preact/test-utils';

const ROLE_SELECTORS: Record<string, string> = {
  switch: '[role="switch"]',
  checkbox: 'input[type="checkbox"]:not([role])',
  combobox: 'select',
  button: 'button',
  link: 'a[href]',
  heading: 'h1, h2, h3, h4, h5, h6',
  searchbox: 'input[type="search"]',
  textbox: 'input[type="text"]',
  slider: 'input[type="range"]',
  status: '[role="status"]',
  alert: '[role="alert"]',
  list: 'ul, ol',
};

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Text of `el`, leaving out form controls (whose values are not part of a label) and hidden parts. */
function textOf(el: Element, skip: Element): string {
  let out = '';
  for (const node of Array.from(el.childNodes)) {
    if (node.nodeType === 3) out += node.textContent ?? '';
    else if (node.nodeType === 1) {
      const child = node as Element;
      if (child === skip || child.matches('select, input, textarea, [aria-hidden="true"]')) continue;
      out += ` ${textOf(child, skip)} `;
    }
  }
  return out;
}

export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return squash(by.split(/\s+/).map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '').join(' '));
  if (el.matches('input, select, textarea')) {
    const wrap = el.closest('label');
    if (wrap) return squash(textOf(wrap, el));
    const id = el.getAttribute('id');
    const forLabel = id ? el.ownerDocument.querySelector(`label[for="${id}"]`) : null;
    return forLabel ? squash(textOf(forLabel, el)) : '';
  }
  return squash(textOf(el, el));
}

export function queryAllByRole(root: ParentNode, role: string, name?: string | RegExp): Element[] {
  const sel = ROLE_SELECTORS[role];
  if (!sel) throw new Error(`unknown role ${role}`);
  return Array.from(root.querySelectorAll(sel)).filter((el) => {
    if (name === undefined) return true;
    const n = accessibleName(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

export function getByRole<T extends Element = HTMLElement>(root: ParentNode, role: string, name?: string | RegExp): T {
  const found = queryAllByRole(root, role, name);
  if (found.length !== 1) {
    const all = queryAllByRole(root, role).map(accessibleName);
    throw new Error(`expected one ${role} named ${String(name)}, found ${found.length}; ${role}s: ${JSON.stringify(all)}`);
  }
  return found[0] as T;
}

/** Run `check` until it stops throwing (letting promises and timers run), or fail after `ms`. */
export async function waitFor<T>(check: () => T, ms = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (e) {
      if (Date.now() - start > ms) throw e;
    }
    await act(async () => {
      await new Promise((r) => setTimeout(r, 10));
    });
  }
}
