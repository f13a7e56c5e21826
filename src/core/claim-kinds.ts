/**
 * The kinds of claim a dataset can hold, in the order readers see them grouped and counted: the
 * official account first, then claims of responsibility, doubts, alternative accounts, context.
 * One list for everything that needs all the kinds (the UI's grouping and counts, validation).
 */
import type { ClaimKind } from './dataset-types.ts';

export const CLAIM_KINDS = ['official', 'responsibility', 'doubt', 'alternative', 'context'] as const satisfies readonly ClaimKind[];
