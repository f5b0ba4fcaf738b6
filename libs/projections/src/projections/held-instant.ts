import { canonicalInstantMs, isoText } from '../replay/iso-instant';

/**
 * Instants a replayer holds for rows it writes later, as numbers rather than text: an
 * instant held as epoch milliseconds takes a boxed double instead of a 24-character string.
 * Only text that `toISOString()` writes back exactly (YYYY-MM-DDTHH:mm:ss.sssZ, a real date
 * and time) becomes a number; any other value is held as it is (a number boxed in an array,
 * so that it is not mistaken for an instant), and written back unchanged.
 */
export type HeldInstant = number | [number] | string | null | undefined;

export function holdInstant(value: unknown): HeldInstant {
  if (typeof value === 'string') {
    const ms = canonicalInstantMs(value);
    return ms === ms ? ms : value;
  }
  return typeof value === 'number' ? [value] : (value as null | undefined);
}

/** The value a held instant stands for: its ISO text, or the value held as it was. */
export function instantValue(held: HeldInstant): unknown {
  if (typeof held === 'number') return isoText(held);
  return Array.isArray(held) ? held[0] : held;
}
