import { describe, expect, it } from 'vitest';
import type { Findings } from '../../src/core/findings.ts';
import type { DatasetInfo, Message, RecordView } from '../../src/core/messages.ts';
import { buildRecordView, placeDatasets } from '../../src/core/record-view.ts';
import { parseReply } from '../../src/core/replies.ts';
import { request } from '../../src/core/request.ts';
import { bundledDataset, samplePack } from '../sample-data.ts';
import { samplePreview, sampleSubscription } from './channel-fixtures.ts';

const info: DatasetInfo = {
  schemaVersion: 1,
  bundledVersion: '2026.01.10',
  packs: [
    {
      name: 'regional-press',
      contentVersion: '2026.02.01',
      incidents: 0,
      claims: 1,
      publishers: 1,
      authors: 1,
      origin: { packId: 'regional-press', packName: 'regional-press', curator: samplePack().pack!.curator, version: 2, date: '2026-02-01' },
      domains: ['regional-press.example.org'],
      extends: [{ id: 'ishkobod-2019', title: 'Attack', dataset: 'bundled', claims: 1 }],
    },
  ],
  counts: { incidents: 1, claims: 4, publishers: 3, authors: 4 },
  loading: false,
};
const findings: Findings = {
  url: 'https://news.example/a',
  site: 'news.example',
  state: 'done',
  mode: 'on',
  publisher: { id: 'global-research', how: 'domain', detail: 'news.example' },
  mentions: [{ markId: 'm1', kind: 'incident', id: 'ishkobod-2019', text: 'Ishkobod', via: 'name', confidence: 1, evidence: [], badged: true }],
};
const stored = placeDatasets([bundledDataset(), samplePack()]);
const view = (kind: RecordView['kind'], id: string): RecordView => {
  const v = buildRecordView(stored, kind, id);
  if (!v) throw new Error(`no ${kind} ${id} in the sample data`);
  return v;
};
/** What went through a message: plain JSON. */
const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const preview = samplePreview();

const incidentMsg = { type: 'records/get', kind: 'incident', id: 'ishkobod-2019' } as const;
const publisherMsg = { type: 'records/get', kind: 'publisher', id: 'global-research' } as const;

/** For every type: a message, a good reply value, and a value of the wrong shape for it. */
const CASES: [Message, unknown, unknown][] = [
  [incidentMsg, view('incident', 'ishkobod-2019'), { kind: 'incident', claims: [], authors: [] }],
  [publisherMsg, view('publisher', 'global-research'), view('incident', 'ishkobod-2019')],
  [{ type: 'tab/marks', count: 3 }, null, 3],
  [{ type: 'dataset/info' }, info, { ...info, counts: { incidents: -1 } }],
  [
    { type: 'pack/preview', json: '{}' },
    { name: 'regional-press', contentVersion: '2026.02.01', origin: info.packs[0]!.origin, counts: { incidents: 0, claims: 1, publishers: 1, authors: 1 }, domains: [], extends: [] },
    { name: 'regional-press', contentVersion: '2026.02.01', counts: {} },
  ],
  [{ type: 'pack/import', json: '{}' }, info, { packs: [] }],
  [{ type: 'pack/remove', name: 'regional-press' }, info, 'removed'],
  [{ type: 'pack/export' }, bundledDataset(), { ...bundledDataset(), claims: [{ summary: 'no id' }] }],
  [{ type: 'dataset/reset' }, info, null],
  [{ type: 'findings/get' }, findings, { ...findings, state: 'finished' }],
  [{ type: 'findings/reveal', markId: 'm1' }, true, 'yes'],
  [{ type: 'channel/list' }, [sampleSubscription()], { channels: [] }],
  [{ type: 'channel/preview', link: 'https://desk.example/c.json#key=a' }, preview, { ...preview, pack: { id: 'x', version: -1 } }],
  [{ type: 'channel/subscribe', link: 'https://desk.example/c.json#key=a', scope: preview.scope }, [sampleSubscription()], null],
  [{ type: 'channel/update', channel: 'ishkobod-desk' }, [], 'updated'],
  [{ type: 'channel/unsubscribe', channel: 'ishkobod-desk' }, [], {}],
];

/** The reply's error as a type carries it: issues for a pack import, a typed problem for a channel, text otherwise. */
const errorAs = (type: Message['type'], message: string): unknown =>
  type === 'pack/import' || type === 'pack/preview' ? [{ path: '', message }] : type === 'channel/preview' || type === 'channel/subscribe' ? { code: 'network', message, issues: [] } : message;

describe('parseReply', () => {
  it.each(CASES)('passes a good reply to $type', (msg, value) => {
    const reply = parseReply(msg, wire({ ok: true, value }));
    expect(reply.ok).toBe(true);
  });

  it.each(CASES)('turns a malformed value for $type into an error', (msg, _good, bad) => {
    expect(parseReply(msg, wire({ ok: true, value: bad }))).toEqual({ ok: false, error: errorAs(msg.type, `malformed reply to "${msg.type}"`) });
  });

  it.each(CASES)('passes the error of $type on', (msg) => {
    expect(parseReply(msg, { ok: false, error: 'refused: nope' })).toEqual({ ok: false, error: errorAs(msg.type, 'refused: nope') });
  });

  it.each([
    ['no reply at all', undefined, 'no reply'],
    ['a reply that is not a Result', { value: 1 }, 'malformed reply'],
    ['a reply with ok as text', { ok: 'true', value: info }, 'malformed reply'],
    ['a bare value', info, 'malformed reply'],
  ])('turns %s into an error', (_what, raw, error) => {
    expect(parseReply({ type: 'dataset/info' }, raw)).toEqual({ ok: false, error });
  });

  it('keeps every field a popup shows of a record the background built', () => {
    const built = view('incident', 'ishkobod-2019');
    const reply = parseReply(incidentMsg, wire({ ok: true, value: built }));
    const { incident, ...rest } = built;
    expect(reply).toEqual({
      ok: true,
      // Matching data stays with the detection index; no view shows it.
      value: { ...wire(rest), incident: { ...wire(incident), aliases: [], relatedPlaces: [], descriptionRules: [] } },
    });
  });

  it('drops a malformed claim or mention and keeps the rest', () => {
    const built = wire(view('incident', 'ishkobod-2019')) as unknown as { claims: Record<string, unknown>[] };
    built.claims[0]!.kind = 'verdict';
    built.claims[1]!.summary = { html: '<b>x</b>' };
    const reply = parseReply(incidentMsg, { ok: true, value: built });
    expect(reply.ok && reply.value.claims.map((c) => c.id)).toEqual(['analyst-doubt', 'regional-press-veteran-doubt']);

    const found = wire(findings) as unknown as { mentions: unknown[] };
    found.mentions.push({ markId: 'm2', kind: 'author' }, 'junk');
    const got = parseReply({ type: 'findings/get' }, { ok: true, value: found });
    expect(got.ok && got.value.mentions.map((m) => m.markId)).toEqual(['m1']);
  });

  it('refuses a record other than the one asked for', () => {
    expect(parseReply(publisherMsg, { ok: true, value: view('publisher', 'hizb-ut-tahrir-cmo') }).ok).toBe(false);
  });

  it('keeps a channel refusal whole: its code, message and issues', () => {
    const refusal = { code: 'pack-scope', message: 'the pack labels what the channel\'s scope does not include (1 problem)', issues: [{ path: 'publishers[0].domains[0]', message: '"x.example" is outside the channel\'s scope' }] };
    expect(parseReply({ type: 'channel/subscribe', link: 'https://desk.example/c.json#key=a', scope: preview.scope }, { ok: false, error: refusal })).toEqual({ ok: false, error: refusal });
  });

  it('keeps every issue of a refused pack, with its path', () => {
    const issues = [
      { path: 'claims[3].source.url', message: 'must be an http(s) URL' },
      { path: 'name', message: 'is required' },
    ];
    expect(parseReply({ type: 'pack/import', json: '{}' }, { ok: false, error: issues })).toEqual({ ok: false, error: issues });
  });
});

describe('request', () => {
  it('sends the message as given and resolves with the checked reply', async () => {
    const sent: unknown[] = [];
    const reply = await request(async (m) => (sent.push(m), { ok: true, value: info }), { type: 'pack/remove', name: 'regional-press' });
    expect(sent).toEqual([{ type: 'pack/remove', name: 'regional-press' }]);
    expect(reply).toEqual({ ok: true, value: info });
  });

  it('turns a send that fails into an error of the type’s own shape, never a rejection', async () => {
    const gone = async (): Promise<never> => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await expect(request(gone, { type: 'findings/get' })).resolves.toEqual({ ok: false, error: 'Could not establish connection. Receiving end does not exist.' });
    await expect(request(gone, { type: 'pack/import', json: '{}' })).resolves.toEqual({
      ok: false,
      error: [{ path: '', message: 'Could not establish connection. Receiving end does not exist.' }],
    });
  });

  it('turns a malformed answer into an error', async () => {
    await expect(request(async () => ({ ok: true, value: 'yes' }), { type: 'findings/reveal', markId: 'm1' })).resolves.toEqual({
      ok: false,
      error: 'malformed reply to "findings/reveal"',
    });
  });
});
