import { PickPostPointPicker } from './point-picker';

/**
 * Registers `<pickpost-point-picker>` (or `name`) with the browser. Safe to call more than once,
 * and next to the script bundle: an existing definition is kept, never redefined.
 *
 * @example
 * import { defineElement } from '@pickpost/checkout-widget';
 * defineElement();
 * document.querySelector('pickpost-point-picker')?.addEventListener('pickpost:select', (event) => {
 *   console.log(event.detail.point.name);
 * });
 */
export function defineElement(name = 'pickpost-point-picker'): CustomElementConstructor {
  const existing = customElements.get(name);
  if (existing) return existing;
  // One class can back one tag name only; another name gets a subclass of its own.
  const element =
    name === 'pickpost-point-picker' ? PickPostPointPicker : class extends PickPostPointPicker {};
  customElements.define(name, element);
  return element;
}
