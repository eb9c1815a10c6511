import type { PickupPoint } from './types';

/** Where the ID of the point confirmed last is kept (`localStorage`); nothing else is stored. */
const LAST_POINT_KEY = 'pickpost-point-picker:last-point';

/** The point confirmed last time in this browser, unless the shop opted out (`no-remember`). */
export function lastPointId(host: Element): string | undefined {
  if (host.hasAttribute('no-remember')) return undefined;
  try {
    return localStorage.getItem(LAST_POINT_KEY) ?? undefined;
  } catch {
    // Storage off (privacy settings, sandboxed frames): nothing is remembered.
    return undefined;
  }
}

/** Keeps only the point's ID; `null`, or `no-remember`, forgets what an earlier page kept. */
export function rememberPoint(host: Element, pointId: string | null): void {
  try {
    if (pointId === null || host.hasAttribute('no-remember')) {
      localStorage.removeItem(LAST_POINT_KEY);
    } else {
      localStorage.setItem(LAST_POINT_KEY, pointId);
    }
  } catch {
    // As above: without storage the picker works the same, it only forgets.
  }
}

/** `points` with the one chosen last time first: the shopper who always uses it finds it at once. */
export function lastFirst(points: PickupPoint[], lastId: string | undefined): PickupPoint[] {
  const last = points.find((point) => point.id === lastId);
  return last ? [last, ...points.filter((point) => point !== last)] : points;
}
