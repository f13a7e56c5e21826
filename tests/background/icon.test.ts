import { describe, expect, it, vi } from 'vitest';
import { BADGE_COLOR, badgeText, clearCountsOnNavigation, setTabCount } from '../../src/background/icon.ts';
import { badgeCalls, fakeBrowser } from '../fake-browser.ts';

const textsFor = (tabId: number): unknown[] =>
  badgeCalls.filter((c) => c.method === 'setBadgeText' && c.details.tabId === tabId).map((c) => c.details.text);

describe('toolbar badge', () => {
  it.each([
    [0, ''],
    [1, '1'],
    [42, '42'],
    [999, '999'],
    [1500, '999+'],
  ])('shows %i marks as "%s"', (count, text) => {
    expect(badgeText(count)).toBe(text);
  });

  it('sets the count on the sending tab only, with the badge colour', async () => {
    await setTabCount(7, 3);
    expect(badgeCalls).toContainEqual({ method: 'setBadgeText', details: { tabId: 7, text: '3' } });
    expect(badgeCalls).toContainEqual({ method: 'setBadgeBackgroundColor', details: { tabId: 7, color: BADGE_COLOR } });
    expect(badgeCalls.every((c) => c.details.tabId === 7)).toBe(true);
  });

  it('clears a tab’s count when it starts loading a page, not when it finishes', async () => {
    clearCountsOnNavigation();
    const [onUpdated] = fakeBrowser.tabs.onUpdated.listeners;
    await setTabCount(4, 5);
    onUpdated!(4, { status: 'complete' });
    expect(textsFor(4)).toEqual(['5']);
    onUpdated!(4, { status: 'loading' });
    await vi.waitFor(() => expect(textsFor(4)).toEqual(['5', '']));
  });

  it('ignores a tab that closed before its count arrived', async () => {
    const spy = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValueOnce(new Error('No tab with id: 9.'));
    await expect(setTabCount(9, 2)).resolves.toBeUndefined();
    spy.mockRestore();
  });
});
