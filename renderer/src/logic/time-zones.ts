// Time zones for the window editor and the planner: the technician's own zone, the list to pick
// from, and times shown in a given zone. Pure (Intl only).

/** The zone this browser or desktop runs in: the planner shows times in it. */
export function technicianZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

let names: string[] | null = null;

/** Every IANA zone Intl lists, plus UTC (which the list leaves out). */
export function zoneNames(): string[] {
  if (!names) {
    const listed = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    names = ['UTC', ...listed.filter((z) => z !== 'UTC')];
  }
  return names;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    formats.set(key, f);
  }
  return f;
}

/** "02:30" in the zone. */
export function timeIn(ms: number, zone: string): string {
  return format(zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** "Sun 8 Mar, 03:00" in the zone. */
export function dayTimeIn(ms: number, zone: string): string {
  return format(zone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** "Sun 8 Mar" in the zone. */
export function dayIn(ms: number, zone: string): string {
  return format(zone, { weekday: 'short', day: 'numeric', month: 'short' }).format(ms);
}

/** The zone's short name at that instant: "CET", "GMT+5:30". */
export function zoneLabel(ms: number, zone: string): string {
  return format(zone, { timeZoneName: 'short' }).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** "02:30–04:00 (Sun 8 Mar)" style span in a zone, saying when it ends on another day. */
export function spanIn(start: number, end: number, zone: string): string {
  const sameDay = dayIn(start, zone) === dayIn(end, zone);
  return sameDay ? `${dayIn(start, zone)}, ${timeIn(start, zone)}–${timeIn(end, zone)}` : `${dayTimeIn(start, zone)} – ${dayTimeIn(end, zone)}`;
}
