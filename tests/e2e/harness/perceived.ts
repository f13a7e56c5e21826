/**
 * A browser-neutral view of what a user perceives: roles, accessible names, states and text. The
 * Chromium driver builds it from the real accessibility tree; the Firefox driver from a DOM walk
 * that enters closed shadow roots (see firefox.ts). Tests then ask the same questions of both.
 */
import type { ControlState, DialogInfo } from './driver.ts';

export interface PerceivedNode {
  role: string;
  name: string;
  /** Text of a text leaf (role 'text'). */
  text?: string;
  checked?: boolean | 'mixed';
  disabled?: boolean;
  /** Where a mouse click would land, in viewport pixels, when known. */
  center?: { x: number; y: number };
  /** Driver-specific handle (Chromium: backend DOM node id). */
  ref?: number;
  children: PerceivedNode[];
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** All text under `node`, in order. */
export function textOf(node: PerceivedNode): string {
  const parts: string[] = [];
  const walk = (n: PerceivedNode): void => {
    if (n.role === 'text' && n.text) parts.push(n.text);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return collapse(parts.join(' '));
}

export function* walkPerceived(node: PerceivedNode): Generator<PerceivedNode> {
  yield node;
  for (const c of node.children) yield* walkPerceived(c);
}

export function findDialogs(root: PerceivedNode): DialogInfo[] {
  const out: DialogInfo[] = [];
  for (const n of walkPerceived(root)) {
    if (n.role === 'dialog' || n.role === 'alertdialog') out.push({ name: collapse(n.name), text: textOf(n) });
  }
  return out;
}

export function findControl(root: PerceivedNode, role: string, name: string): PerceivedNode | null {
  for (const n of walkPerceived(root)) if (n.role === role && collapse(n.name) === name) return n;
  return null;
}

export function controlState(n: PerceivedNode): ControlState {
  const s: ControlState = { role: n.role, name: collapse(n.name) };
  if (n.checked !== undefined) s.checked = n.checked;
  if (n.disabled !== undefined) s.disabled = n.disabled;
  return s;
}

/** For failure messages: the roles and names present, so a wrong name is easy to spot. */
export function describeControls(root: PerceivedNode, limit = 40): string {
  const seen: string[] = [];
  for (const n of walkPerceived(root)) {
    if (n.role !== 'text' && n.role !== 'generic' && n.role !== 'none' && n.name) seen.push(`${n.role} "${collapse(n.name)}"`);
    if (seen.length >= limit) break;
  }
  return seen.join(', ');
}
