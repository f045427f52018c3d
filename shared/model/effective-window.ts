// Which window applies to a computer, where it comes from, and when automated maintenance runs next.
import { z } from 'zod';
import { Id, IsoTime } from './common.js';
import { Frequency } from './settings.js';

export const WindowSource = z.enum(['group', 'tenant', 'none']);
export type WindowSource = z.infer<typeof WindowSource>;

const Span = z.object({ start: IsoTime, end: IsoTime });

export const EffectiveWindow = z.object({
  computerId: Id,
  windowId: Id.nullable(),
  source: WindowSource,
  /** The group that gives the window (source "group"). */
  groupId: Id.optional(),
  /** The occurrence open now, or else the next one. */
  nextOccurrence: Span.optional(),
  /** Other groups of the computer that have a window but come later in the tenant's order. */
  overriddenGroups: z.array(z.object({ groupId: Id, windowId: Id })),
  automated: z.object({
    enabled: z.boolean(),
    /** The window's frequency override, or the global one. */
    frequency: Frequency,
    /** The occurrence in which the computer will next be served, if any. */
    nextRun: Span.nullable(),
    /** Why there is no next run, or why it is not the next occurrence. */
    note: z.string().nullable(),
  }),
});
export type EffectiveWindow = z.infer<typeof EffectiveWindow>;
