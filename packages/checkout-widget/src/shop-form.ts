import { h } from './dom';

/** Whether `value` of the shop's shipping-method field is one of `shipping-method-value`. */
export function isPickPostMethod(host: Element, value: string): boolean {
  const wanted = (host.getAttribute('shipping-method-value') ?? '').split(',');
  return wanted.some((candidate) => candidate.trim() === value);
}

/** The shop's inputs and selects named `name`, in its form or else the document. */
function fieldsNamed(form: HTMLFormElement | null, name: string) {
  const scope: ParentNode = form ?? document;
  return [...scope.querySelectorAll<HTMLInputElement>('input, select')].filter(
    (field) => field.name === name,
  );
}

/** Whether the shopper has PickPost delivery chosen (always, without `shipping-method-input`). */
export function pickPostActive(host: Element, form: HTMLFormElement | null): boolean {
  const name = host.getAttribute('shipping-method-input');
  if (!name) return true;
  const chosen = fieldsNamed(form, name).find((field) => field.type !== 'radio' || field.checked);
  return !chosen || isPickPostMethod(host, chosen.value);
}

/**
 * The light-DOM inputs a plain form submit carries (`<name>_selection`, `_point_id`,
 * `_pickpost_id`): reused if the page has them, else made inside the element.
 */
export function writeInputs(
  host: HTMLElement,
  form: HTMLFormElement | null,
  [selection, pointId, pickpostId]: [string, string, string],
): void {
  const prefix = host.getAttribute('name') || 'pickpost';
  const scope: ParentNode = form ?? host;
  const values: [string, string][] = [
    [`${prefix}_selection`, selection],
    [`${prefix}_point_id`, pointId],
    [`${prefix}_pickpost_id`, pickpostId],
  ];
  for (const [name, value] of values) {
    let input = [...scope.querySelectorAll('input')].find((element) => element.name === name);
    if (!input) {
      input = h('input', { type: 'hidden', name });
      host.append(input);
    }
    input.value = value;
  }
}

/**
 * Copies what the shopper already typed into the checkout into the empty registration fields:
 * `customer-inputs` maps registration fields to the `name`s of the shop's inputs, e.g.
 * `{"firstName":"first_name","name1":"last_name","email":"email"}`.
 */
export function prefillRegistration(
  host: HTMLElement,
  form: HTMLFormElement | null,
  fields: readonly string[],
): void {
  let map: unknown;
  try {
    map = JSON.parse(host.getAttribute('customer-inputs') || '{}');
  } catch {
    console.error('pickpost-point-picker: customer-inputs must be a JSON object');
    return;
  }
  for (const [field, name] of Object.entries(map as Record<string, unknown>)) {
    if (!fields.includes(field) || typeof name !== 'string') continue;
    const input = host.shadowRoot?.getElementById(`r-${field}`) as HTMLInputElement | null;
    const source = fieldsNamed(form, name)[0];
    if (input && source && !input.value) input.value = source.value.trim();
  }
}
