/**
 * Unit-test setup, run before every test file: `webextension-polyfill` is the one fake browser
 * (fake-browser.ts), and it starts clean before each test, so no test sees another's storage,
 * listeners or handlers.
 */
import { beforeEach, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from './fake-browser.ts';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

beforeEach(() => resetFakeBrowser());
