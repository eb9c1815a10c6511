/**
 * The simulated Post's parcel events, as they appear in its DataTransfer report 11. Written for
 * the simulator, never imported from `@pickpost/core`.
 *
 * Swiss Post's event numbers are listed in DataTransfer Appendix 3 §3.13, which this project
 * could not read (reference/swiss-post.md §Z): the numbers below are the SAME SCHEMATIC
 * PLACEHOLDERS the SDK's default table assumes [G], so that a round trip through the simulator
 * tests the reader and the mapping, not Swiss Post's real numbering. A shop going live replaces
 * the SDK's table with Swiss Post's list; this one stays the simulator's.
 */
export const PARCEL_EVENTS = {
  posted: { eventNumber: '20', text: 'Aufgegeben / Posted' },
  sorted: { eventNumber: '30', text: 'Sortiert im Paketzentrum / Sorted' },
  atPoint: { eventNumber: '40', text: 'Zur Abholung bereit / Ready for collection' },
  collected: { eventNumber: '50', text: 'Abgeholt / Collected' },
  notCollected: {
    eventNumber: '60',
    text: 'Nicht abgeholt, Rücksendung / Not collected, returned',
  },
  backAtSender: { eventNumber: '70', text: 'Zurück beim Absender / Back at sender' },
  damaged: { eventNumber: '90', text: 'Beschädigt / Damaged' },
} as const;

export type ParcelStage = keyof typeof PARCEL_EVENTS;

/** The stages a parcel passes on its way to a PickPost point, in order. */
export const PICKPOST_JOURNEY: readonly ParcelStage[] = [
  'posted',
  'sorted',
  'atPoint',
  'collected',
];

/** Report numbers [V post.ch Technical DataTransfer support; Appendix 3 table of contents]. */
export const REPORT_NUMBERS = {
  noEvents: 3,
  noAdvanceData: 7,
  processingStatus: 11,
} as const;
