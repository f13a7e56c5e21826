/**
 * The storage.local key of the marks a reader hid (core/dismissals.ts), on its own so the every-page
 * script can watch it without carrying the rest: the list is read, and its rules loaded, only on a
 * page with something to mark.
 */
export const DISMISSALS_KEY = 'dismissals';
