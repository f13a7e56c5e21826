/**
 * A DOM walk that approximates the accessibility tree, for Firefox (where the test driver has no
 * accessibility API): ARIA roles (explicit, or implicit for the common elements), accessible names
 * (aria-label, aria-labelledby, labels, content), checked/disabled states, and visible text. It
 * enters shadow roots, closed ones included: the driver hands them in as arguments, obtained
 * through WebDriver BiDi, which serializes closed roots that page scripts cannot reach.
 *
 * Runs in the page: self-contained, no outer variables.
 */
import type { PerceivedNode } from './perceived.ts';

export interface PerceiveArgs {
  /** After the walk, scroll the first control with this role and name into view and report its centre. */
  scrollTo: { role: string; name: string } | null;
}

export function perceiveDom(args: PerceiveArgs, ...roots: ShadowRoot[]): PerceivedNode {
  const closed = new Map<Element, ShadowRoot>();
  for (const r of roots) if (r && r.host) closed.set(r.host, r);
  const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
  const implicit: Record<string, string> = {
    dialog: 'dialog', button: 'button', nav: 'navigation', main: 'main', article: 'article', aside: 'complementary',
    ul: 'list', ol: 'list', li: 'listitem', h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading',
    h6: 'heading', select: 'combobox', textarea: 'textbox', img: 'img', form: 'form', table: 'table', p: 'paragraph',
    dl: 'list', section: 'region', header: 'banner', footer: 'contentinfo', summary: 'button', details: 'group',
  };
  const nameFromContent = new Set(['button', 'link', 'heading', 'switch', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'cell', 'listitem']);
  const roleOf = (el: Element): string => {
    const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
    if (explicit) return explicit;
    const tag = el.localName;
    if (tag === 'a') return el.hasAttribute('href') ? 'link' : 'generic';
    if (tag === 'input') {
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'button' || type === 'submit' || type === 'reset') return 'button';
      if (type === 'hidden') return 'none';
      return 'textbox';
    }
    return implicit[tag] ?? 'generic';
  };
  const isHidden = (el: Element): boolean => {
    if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
    if (['script', 'style', 'template', 'noscript'].includes(el.localName)) return true;
    const cs = getComputedStyle(el);
    return cs.display === 'none' || cs.visibility === 'hidden';
  };
  const childrenOf = (node: Node): Node[] => {
    if (node instanceof Element) {
      const root = node.shadowRoot ?? closed.get(node);
      if (root) return Array.from(root.childNodes);
      if (node.localName === 'slot') {
        const assigned = (node as HTMLSlotElement).assignedNodes({ flatten: true });
        return assigned.length ? assigned : Array.from(node.childNodes);
      }
    }
    return Array.from(node.childNodes);
  };
  const plainText = (n: PerceivedNode): string => {
    const parts: string[] = [];
    const walk = (x: PerceivedNode): void => {
      if (x.role === 'text' && x.text) parts.push(x.text);
      x.children.forEach(walk);
    };
    walk(n);
    return collapse(parts.join(' '));
  };
  const elements = new Map<PerceivedNode, Element>();

  const build = (node: Node): PerceivedNode | null => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = collapse(node.nodeValue ?? '');
      return text ? { role: 'text', name: text, text, children: [] } : null;
    }
    if (!(node instanceof Element) || isHidden(node)) return null;
    const role = roleOf(node);
    const out: PerceivedNode = { role, name: '', children: [] };
    for (const c of childrenOf(node)) {
      const b = build(c);
      if (b) out.children.push(b);
    }
    const labelledby = node.getAttribute('aria-labelledby');
    const scope = node.getRootNode() as Document | ShadowRoot;
    if (node.getAttribute('aria-label')) out.name = node.getAttribute('aria-label') ?? '';
    else if (labelledby) out.name = labelledby.split(/\s+/).map((id) => scope.getElementById(id)?.textContent ?? '').join(' ');
    else if ((node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) && node.labels?.length)
      out.name = Array.from(node.labels).map((l) => l.textContent ?? '').join(' ');
    else if (nameFromContent.has(role)) out.name = plainText(out);
    else if (node.getAttribute('title')) out.name = node.getAttribute('title') ?? '';
    out.name = collapse(out.name);
    const ariaChecked = node.getAttribute('aria-checked') ?? node.getAttribute('aria-pressed');
    if (ariaChecked === 'mixed') out.checked = 'mixed';
    else if (ariaChecked === 'true' || ariaChecked === 'false') out.checked = ariaChecked === 'true';
    else if (node instanceof HTMLInputElement && (node.type === 'checkbox' || node.type === 'radio')) out.checked = node.checked;
    if ((node as HTMLButtonElement).disabled === true || node.getAttribute('aria-disabled') === 'true') out.disabled = true;
    if (role !== 'generic' && role !== 'text') {
      const r = node.getBoundingClientRect();
      out.center = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
    elements.set(out, node);
    return out;
  };

  const tree = build(document.documentElement) ?? { role: 'none', name: '', children: [] };
  if (args.scrollTo) {
    const want = args.scrollTo;
    const find = (n: PerceivedNode): PerceivedNode | null => {
      if (n.role === want.role && n.name === want.name) return n;
      for (const c of n.children) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const hit = find(tree);
    const el = hit ? elements.get(hit) : undefined;
    if (hit && el) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      hit.center = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
  }
  return tree;
}
