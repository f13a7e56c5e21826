import { describe, expect, it } from 'vitest';
import type { PackOrigin } from '../../src/core/origin.ts';
import { buildReport, contactOf } from '../../src/ui/report.ts';

const origin = (contact: string): PackOrigin => ({
  packId: 'valley-notes',
  packName: 'Valley notes',
  curator: { name: 'Lirona Vashtukova', homepage: 'https://valley-notes.example/', contact },
  version: 3,
  date: '2026-11-12',
});
const input = (contact: string, includeAddress: boolean) => ({
  kind: 'incident' as const,
  id: 'sarbandkhor-2021',
  name: 'Attack on the Sarbandkhor border post',
  text: 'Sarbandkhor',
  origin: origin(contact),
  pageUrl: 'https://news.example/story?id=7',
  includeAddress,
});

describe('the report to a pack’s curator', () => {
  it('says what was marked and which record, and leaves the page address out unless ticked', () => {
    const r = buildReport(input('desk@valley-notes.example', false));
    expect(r?.subject).toBe('Source Context report: sarbandkhor-2021');
    expect(r?.body).toBe(
      'On this page, the marked text is not about “Attack on the Sarbandkhor border post”.\nMarked text: “Sarbandkhor”\nRecord: sarbandkhor-2021 (pack “Valley notes”, version 3)',
    );
    expect(r?.href).not.toContain('news.example');
  });

  it('adds the page address only when ticked', () => {
    const r = buildReport(input('desk@valley-notes.example', true));
    expect(r?.body.split('\n').at(-1)).toBe('Page address: https://news.example/story?id=7');
    expect(decodeURIComponent(r?.href ?? '')).toContain('Page address: https://news.example/story?id=7');
  });

  it('opens an e-mail to the curator with the report as subject and body', () => {
    const r = buildReport(input('desk@valley-notes.example', false));
    expect(r?.via).toBe('email');
    const url = new URL(r!.href);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('desk@valley-notes.example');
    expect(url.searchParams.get('subject')).toBe(r?.subject);
    expect(url.searchParams.get('body')).toBe(r?.body);
  });

  it('points to the curator’s https page, where the reader pastes the text', () => {
    const r = buildReport(input('https://valley-notes.example/contact', false));
    expect(r).toMatchObject({ via: 'page', href: 'https://valley-notes.example/contact' });
  });

  it.each([
    ['a contact that is neither an e-mail address nor an https page', 'javascript:alert(1)'],
    ['an address carrying its own query', 'desk@valley-notes.example?cc=someone@else.example'],
    ['an http page', 'http://valley-notes.example/contact'],
  ])('offers nothing for %s', (_what, contact) => {
    expect(contactOf(origin(contact))).toBeNull();
    expect(buildReport(input(contact, false))).toBeNull();
  });

  it('offers nothing for a record without a curator (bundled, or a pack stored before identities)', () => {
    expect(contactOf(undefined)).toBeNull();
    expect(contactOf({ packId: '', packName: 'old pack' })).toBeNull();
  });
});
