/**
 * Content code never throws into the page: every promise it starts and does not await ends here.
 * An invalidated extension context (the extension was updated or removed while the page stayed open)
 * is a quiet stop; anything else is logged once per message at debug level, attributed to us.
 */
const logged = new Set<string>();

export function reportQuietly(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('Extension context invalidated') || logged.has(message)) return;
  logged.add(message);
  console.debug('[Source Context]', message);
}

export function quietly(work: Promise<unknown> | undefined): void {
  work?.catch(reportQuietly);
}
