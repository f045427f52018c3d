// API handlers: the console itself and the change feed the renderer's replica follows.
import type { Change, SecretStorage, systemApi } from '../../../../shared/api/system.js';
import type { ChangeLog } from '../../store/change-log.js';
import type { Handlers } from '../handlers.js';

export interface SystemInfo {
  version: string;
  consoleId: string;
  agentGatewayUrl: string;
  startedAt: string;
  secretStorage: SecretStorage;
}

/** Looks up the current API view of a changed entity; undefined when it no longer exists. */
export type EntityReader = (kind: string, id: string) => unknown;

export function systemHandlers(s: { changes: ChangeLog; info: () => SystemInfo; read: EntityReader }): Handlers<keyof typeof systemApi> {
  return {
    'system.info': () => s.info(),
    'changes.since': ({ cursor, limit }) => {
      const latest = s.changes.cursor;
      if (cursor > latest) return { changes: [], cursor: latest, more: false, reset: true };
      const rows = s.changes.since(cursor, limit);
      const changes: Change[] = rows.map((row) => {
        const data = row.deleted ? undefined : s.read(row.kind, row.id);
        return { seq: row.seq, kind: row.kind as Change['kind'], id: row.id, deleted: data === undefined, data: data ?? null };
      });
      const next = rows.length > 0 ? rows[rows.length - 1]!.seq : cursor;
      return { changes, cursor: next, more: rows.length === limit, reset: false };
    },
  };
}
