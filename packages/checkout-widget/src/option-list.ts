import { h, keepRanges } from './dom';
import { formatAddress, formatDistance, formatOpenNow, formatToday } from './format';
import type { Messages } from './messages';
import type { Lang, PickupPoint, PointKind, Weekday } from './types';

export const KIND_LABELS: Record<PointKind, string> = {
  pickpost: 'PickPost',
  mypost24: 'My Post 24',
};

/** What one rendering of the list needs besides the points. */
export interface OptionContext {
  lang: Lang;
  m: Messages;
  today: Weekday;
  /** `HH:MM` in Switzerland. */
  time: string;
  /** The point the shopper chose last time, marked "last used". */
  lastId: string | undefined;
  /** The index of the option in the tab order. */
  active: number;
  chosenId: string | undefined;
}

// Read aloud between the parts of an option's name; invisible, so the visible text stays the
// name's (WCAG 2.5.3) and a screen reader still pauses between name, type and address.
const pause = () => h('span', { class: 'sr' }, ', ');

/**
 * One `option` per point. Its accessible name is its whole visible text, in reading order:
 * name, type, distance, address and today's hours; so options are told apart by more than a
 * name two counters of one town may share.
 */
export function renderOptions(points: readonly PickupPoint[], context: OptionContext) {
  const { lang, m, today, time, active, chosenId, lastId } = context;
  return points.map((point, index) => {
    const hours = formatToday(point, m, today);
    const now = formatOpenNow(point, m, today, time);
    const distance = point.distanceMeters;
    return h(
      'li',
      {
        role: 'option',
        id: `o${index}`,
        part: 'option',
        tabindex: index === active ? '0' : '-1',
        'aria-selected': String(point.id === chosenId),
        'data-index': String(index),
        'data-point-id': point.id,
      },
      h(
        'span',
        { class: 'head' },
        h('span', { class: 'name', part: 'option-name' }, point.name),
        pause(),
        h(
          'span',
          { class: `badge ${point.kind}`, part: `badge badge-${point.kind}` },
          KIND_LABELS[point.kind],
        ),
        ...(point.id === lastId
          ? [pause(), h('span', { class: 'badge last', part: 'last-used' }, m.lastUsed)]
          : []),
        ...(distance === undefined
          ? []
          : [
              pause(),
              h('span', { class: 'distance', part: 'distance' }, formatDistance(distance, lang)),
            ]),
      ),
      pause(),
      h('span', { class: 'address', part: 'address' }, formatAddress(point)),
      ...(now === undefined ? [] : [pause(), h('span', { class: 'now', part: 'open-now' }, now)]),
      ...(hours === undefined
        ? []
        : [pause(), h('span', { class: 'today', part: 'hours-today' }, ...keepRanges(hours))]),
    );
  });
}
