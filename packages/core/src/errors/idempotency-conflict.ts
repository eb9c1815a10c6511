import { isPickPostErrorNamed, PickPostError } from './pickpost-error';

/**
 * A `fulfil` or `createReturn` repeated for an order reference (and parcel index) whose parcel
 * was made with other contents: a different recipient, parcel, point… As payment APIs do with a
 * reused idempotency key, the SDK refuses it rather than answer with the old parcel, and names
 * what differs (never the values, which are personal data).
 *
 * @example
 * if (isIdempotencyConflictError(error)) console.log(error.differences); // ['parcel']
 */
export class IdempotencyConflictError extends PickPostError {
  override name = 'IdempotencyConflictError' as const;
  /** The parts of the request that differ from the first: `recipient`, `parcel`, `point`… */
  readonly differences: readonly string[];
  readonly operation: string;

  constructor(init: { operation: string; differences: readonly string[] }) {
    super(
      'IDEMPOTENCY_CONFLICT',
      `${init.operation} was made before with other contents: ${init.differences.join(', ')} ${init.differences.length === 1 ? 'differs' : 'differ'}. Use a new order reference or parcel index for a new parcel`,
    );
    this.operation = init.operation;
    this.differences = Object.freeze([...init.differences]);
  }

  protected override details(): Record<string, unknown> {
    return { operation: this.operation, differences: this.differences };
  }
}

/** Whether `value` is an {@link IdempotencyConflictError}, from any copy of core. */
export function isIdempotencyConflictError(value: unknown): value is IdempotencyConflictError {
  return (
    value instanceof IdempotencyConflictError ||
    isPickPostErrorNamed(value, 'IdempotencyConflictError')
  );
}
