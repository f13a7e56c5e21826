import { describe, expect, it, vi } from 'vitest';
import { MAX_PACK_BYTES } from '../../src/core/pack-size.ts';
import { getDatasetInfo, importPack, readPackFile } from '../../src/options/options-api.ts';
import { handlers } from '../fake-browser.ts';

describe('readPackFile', () => {
  it('refuses a file over the limit from its size, without reading it', async () => {
    const text = vi.fn(async () => '{}');
    expect(await readPackFile({ size: MAX_PACK_BYTES + 1, text })).toEqual({
      ok: false,
      error: [{ path: '', message: 'too large: 64.0 MiB; packs are limited to 64 MiB' }],
    });
    expect(text).not.toHaveBeenCalled();
  });

  // A text of tens of millions of characters: the time allowed is for a busy machine, not a measure.
  it('refuses a text that would be over the limit as sent, before sending it', { timeout: 60_000 }, async () => {
    const json = `"${'\\"'.repeat(MAX_PACK_BYTES / 3)}"`;
    expect(await readPackFile({ size: json.length, text: async () => json })).toEqual({
      ok: false,
      error: [{ path: '', message: 'too large: 85.3 MiB as sent, with quotes, backslashes and line breaks escaped; packs are limited to 64 MiB' }],
    });
  });

  it('gives the text of a file within the limit, and a read error as an issue', async () => {
    expect(await readPackFile({ size: 2, text: async () => '{}' })).toEqual({ ok: true, value: '{}' });
    const unreadable = async (): Promise<string> => {
      throw new Error('The file could not be read.');
    };
    expect(await readPackFile({ size: 2, text: unreadable })).toEqual({ ok: false, error: [{ path: '', message: 'The file could not be read.' }] });
  });
});

describe('the options page’s requests', () => {
  it('turns a refusal of an import into one issue for the whole pack', async () => {
    handlers.runtime = () => ({ ok: false, error: 'refused: "pack/import" may only be sent from the extension\'s own pages' });
    expect(await importPack('{}')).toEqual({ ok: false, error: [{ path: '', message: 'refused: "pack/import" may only be sent from the extension\'s own pages' }] });
  });

  it('turns a background that cannot be reached into an error, and a malformed reply too', async () => {
    handlers.runtime = () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    expect(await getDatasetInfo()).toEqual({ ok: false, error: 'Could not establish connection. Receiving end does not exist.' });
    handlers.runtime = () => ({ ok: true, value: { counts: 'many' } });
    expect(await getDatasetInfo()).toEqual({ ok: false, error: 'malformed reply to "dataset/info"' });
  });
});
