// What detection last found on each computer, per software item or task: the inventory's source.
import type { Database } from '../store/database.js';
import { text, textOrNull, type Row } from '../store/row.js';
import { TableCache } from '../store/warm-up.js';

export interface Detection {
  itemKind: 'software' | 'task';
  itemId: string;
  /** Detected version (software) or compliance note (task); null when absent. */
  value: string | null;
  detectedAt: string;
}

const PAGE = `SELECT computer_id, item_kind, item_id, value, detected_at FROM detections WHERE (computer_id, item_kind, item_id) > (?, ?, ?)
  ORDER BY computer_id, item_kind, item_id LIMIT ?`;

export class DetectionsRepo {
  /** Per computer, its detections keyed "<itemKind>:<itemId>"; read on first use (or by the warm-up). */
  private readonly table: TableCache<Map<string, Map<string, Detection>>, Row>;

  constructor(private readonly db: Database) {
    this.table = new TableCache({
      empty: () => new Map<string, Map<string, Detection>>(),
      read: (last, limit) => db.prepare(PAGE).all(...(last ? [last.computer_id, last.item_kind, last.item_id] : ['', '', '']), limit),
      add: addRows,
    });
  }

  private load(): Map<string, Map<string, Detection>> {
    return this.table.get();
  }

  /** Fills the cache a page at a time, letting requests run in between (startup warm-up). */
  warm(): Promise<void> {
    return this.table.warm(4000);
  }

  record(computerId: string, detections: Detection[]): void {
    const statement = this.db.prepare(
      `INSERT INTO detections (computer_id, item_kind, item_id, value, detected_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (computer_id, item_kind, item_id) DO UPDATE SET value = excluded.value, detected_at = excluded.detected_at`,
    );
    this.db.tx(() => {
      for (const d of detections) statement.run(computerId, d.itemKind, d.itemId, d.value, d.detectedAt);
    });
    const map = this.load();
    let forComputer = map.get(computerId);
    if (!forComputer) map.set(computerId, (forComputer = new Map<string, Detection>()));
    for (const d of detections) forComputer.set(`${d.itemKind}:${d.itemId}`, d);
  }

  forComputer(computerId: string): Detection[] {
    return [...(this.load().get(computerId)?.values() ?? [])];
  }

  /** A computer's last detections keyed "<itemKind>:<itemId>" (compliance reads them for every row). */
  mapOf(computerId: string): ReadonlyMap<string, Detection> | undefined {
    return this.load().get(computerId);
  }

  latestAt(computerId: string): string | null {
    let latest: string | null = null;
    for (const d of this.forComputer(computerId)) if (latest === null || d.detectedAt > latest) latest = d.detectedAt;
    return latest;
  }

  forgetItem(itemKind: Detection['itemKind'], itemId: string): void {
    this.db.prepare('DELETE FROM detections WHERE item_kind = ? AND item_id = ?').run(itemKind, itemId);
    for (const forComputer of this.load().values()) forComputer.delete(`${itemKind}:${itemId}`);
  }
}

function addRows(map: Map<string, Map<string, Detection>>, rows: readonly Row[]): void {
  for (const r of rows) {
    const computerId = text(r.computer_id);
    let forComputer = map.get(computerId);
    if (!forComputer) map.set(computerId, (forComputer = new Map<string, Detection>()));
    const d: Detection = { itemKind: r.item_kind as Detection['itemKind'], itemId: text(r.item_id), value: textOrNull(r.value), detectedAt: text(r.detected_at) };
    forComputer.set(`${d.itemKind}:${d.itemId}`, d);
  }
}
