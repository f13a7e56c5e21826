/**
 * The background's handler for each message type it serves. Each returns a `Result`; the work is in
 * the loader (dataset), the channels (curator channels) and the icon (badge count).
 */
import { err, ok } from '../core/result.ts';
import { setTabCount } from './icon.ts';
import type { Channels } from './channels.ts';
import type { DatasetLoader } from './loader.ts';
import type { BackgroundHandlers } from '../core/messages.ts';

export function createHandlers(loader: DatasetLoader, channels: Channels): BackgroundHandlers {
  return {
    'records/get': (msg) => loader.recordView(msg.kind, msg.id),
    'tab/marks': async (msg, sender) => {
      // Only a tab's own content script reports its count (the router has checked it comes from a tab).
      if (sender.tabId === undefined) return err('refused: a mark count must come from a tab');
      await setTabCount(sender.tabId, msg.count);
      return ok(null);
    },
    'dataset/info': () => loader.info(),
    'pack/preview': (msg) => loader.previewPack(msg.json),
    'pack/import': (msg) => loader.importPack(msg.json),
    'pack/remove': (msg) => loader.removePack(msg.name),
    'pack/export': () => loader.exportMerged(),
    'dataset/reset': () => loader.reset(),
    'channel/list': () => channels.list(),
    'channel/preview': (msg) => channels.preview(msg.link),
    'channel/subscribe': (msg) => channels.subscribe(msg.link, msg.scope),
    'channel/update': (msg) => channels.update(msg.channel),
    'channel/unsubscribe': (msg) => channels.unsubscribe(msg.channel),
  };
}
