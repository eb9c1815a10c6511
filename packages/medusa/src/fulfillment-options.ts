/**
 * The options the admin picks from when creating a shipping option; the chosen one becomes the
 * shipping option's `data` (and `optionData` in every later call). `kind` is the kind of point
 * a selection must name for it.
 */
export const FULFILLMENT_OPTIONS = [
  { id: 'pickpost-point', name: 'PickPost pick-up point', kind: 'pickpost' },
  { id: 'pickpost-mypost24', name: 'My Post 24 parcel terminal', kind: 'mypost24' },
  { id: 'pickpost-return', name: 'PickPost return', is_return: true },
] as const;

const IDS: ReadonlySet<unknown> = new Set(FULFILLMENT_OPTIONS.map((option) => option.id));

/** Whether shipping option data is one of {@link FULFILLMENT_OPTIONS}. */
export function isPickPostOption(data: unknown): boolean {
  return typeof data === 'object' && data !== null && IDS.has((data as { id?: unknown }).id);
}
