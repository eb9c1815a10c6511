import { PickPostRequestError } from './api';
import { isBusy, setBusy } from './dom';
import type { Messages } from './messages';
import { errorText, fieldText, inputForPath } from './server-errors';

/**
 * The element's two error boxes (`error` and `customer-error`, each with a "Try again") and its
 * field hints. One box shows at a time; the box whose retry runs stays, with the focus on its
 * button, until the answer; `focusAfter` says where the focus goes when a box closes under it.
 */
export class ErrorBoxes {
  /** The box whose "Try again" is running. */
  #retrying: HTMLElement | null = null;

  constructor(
    private readonly root: ShadowRoot,
    private readonly focusAfter: (part: string) => void,
  ) {}

  /** Shows `text` in the error box `part`, or hides it (`null`); one box shows at a time. */
  show(part: string, text: string | null, retry?: () => void): void {
    const box = this.root.querySelector<HTMLElement>(`[part=${part}]`)!;
    if (text === null && box === this.#retrying) return;
    if (text !== null) {
      this.#retrying = null;
      this.show(part === 'error' ? 'customer-error' : 'error', null);
    } else if (this.root.activeElement && box.contains(this.root.activeElement)) {
      this.focusAfter(part);
    }
    delete box.dataset.code;
    box.hidden = text === null;
    box.querySelector('span')!.textContent = text ?? '';
    const button = box.querySelector('button')!;
    setBusy(button, false);
    button.hidden = !retry;
    button.onclick = retry
      ? () => {
          if (isBusy(button)) return;
          setBusy(button, true);
          this.#retrying = box;
          retry();
        }
      : null;
  }

  hideAll(): void {
    this.show('error', null);
    this.show('customer-error', null);
  }

  /** A retry succeeded: its box goes, and the focus moves on to what the retry brought. */
  retryDone(): void {
    const box = this.#retrying;
    this.#retrying = null;
    if (box) this.show(box.getAttribute('part')!, null);
  }

  /** The retry under way no longer matters (the shopper chose another point). */
  dropRetry(): void {
    this.#retrying = null;
  }

  /**
   * Shows what went wrong, in the shopper's language (never the server's developer text),
   * marks the refused fields of `fields` and offers `retry` where trying again can help.
   */
  fail(part: string, error: unknown, retry: () => void, m: Messages, fields?: HTMLElement): void {
    if (!(error instanceof PickPostRequestError)) {
      // Not the server's doing: keep the checkout usable, and tell the developer.
      console.error(error);
      this.show(part, m.failed, retry);
      return;
    }
    const inputs = [...(fields?.querySelectorAll('input') ?? [])];
    let first: HTMLInputElement | undefined;
    for (const { path } of error.fields) {
      const input = inputForPath(inputs, path);
      if (!input) continue;
      this.markField(input, fieldText(input, m));
      first ??= input;
    }
    const text = errorText(error, m, {
      marked: first !== undefined,
      selecting: !!fields?.matches('.id-form'),
    });
    this.show(part, text, error.retryable ? retry : undefined);
    this.root.querySelector<HTMLElement>(`[part=${part}]`)!.dataset.code = error.code;
    first?.focus();
  }

  /** Marks `input` invalid with `message` in its hint (`<id>-e`, tied by aria-describedby). */
  markField(input: HTMLInputElement, message: string): void {
    input.setAttribute('aria-invalid', 'true');
    const hint = this.root.getElementById(`${input.id}-e`);
    if (hint) hint.textContent = message;
  }

  clearFields(container: HTMLElement): void {
    for (const input of container.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      const hint = this.root.getElementById(`${input.id}-e`);
      if (hint) hint.textContent = '';
    }
  }
}
