import type { HeaderInput } from '../types.ts';

/** Lower-cased name to value. Repeated names are joined with ', ', as node:http delivers them. */
export function headerMap(headers: HeaderInput | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (headers === null || typeof headers !== 'object') return map;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || raw === null) continue;
    const value = Array.isArray(raw) ? raw.map(String).join(', ') : String(raw);
    const key = name.toLowerCase();
    const previous = map.get(key);
    map.set(key, previous === undefined ? value : `${previous}, ${value}`);
  }
  return map;
}
