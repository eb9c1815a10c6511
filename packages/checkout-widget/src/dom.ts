/**
 * `text` with each `, `-separated part kept on one line: `07:30–12:00` never wraps at its
 * dash. The text content stays the same.
 */
export function keepRanges(text: string): (Node | string)[] {
  return text
    .split(', ')
    .flatMap((part, i) => [...(i ? [', '] : []), h('span', { class: 'nw' }, part)]);
}

/** `document.createElement` with attributes and children, the widget's one way to build DOM. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * Marks a button busy while its request runs. `aria-disabled` rather than `disabled`: a disabled
 * button loses the focus, and the shopper who pressed it would be left nowhere.
 */
export function setBusy(button: HTMLElement, busy: boolean): void {
  if (busy) button.setAttribute('aria-disabled', 'true');
  else button.removeAttribute('aria-disabled');
}

/** Whether {@link setBusy} marked `button` busy. */
export const isBusy = (button: HTMLElement): boolean =>
  button.getAttribute('aria-disabled') === 'true';
