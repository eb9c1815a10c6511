/**
 * Where DataTransfer files go. A delivery is three steps so that a crash at any moment leaves a
 * state the next flush can finish without sending anything twice:
 *
 * 1. `putPart` uploads the file under a temporary name (`<name>.part`, never picked up) and
 *    verifies what arrived (size and SHA-256);
 * 2. `commit` renames `<name>.part` to `<name>`: the one atomic step that makes the file visible;
 * 3. `putSidecar` places the sidecar (by default the `<name>.sha256` checksum file; its name is
 *    passed when the configuration chose another), itself under a temporary name first: last,
 *    so a sidecar is never there without its file. With `sidecar: 'none'` it is never called.
 *
 * After a crash, `hasPart(name)` tells whether step 2 happened: a `.part` that is gone was
 * renamed (only `commit` and `removePart` remove it), even if the Post already took the file;
 * `hasSidecar(name)` whether step 3 did.
 */
export interface DataTransferTransport {
  /** Where files go, for logs and reports; never holds a password. */
  readonly description: string;
  /** Opens a session (an SFTP connection, say) for one flush. */
  open(): Promise<TransportSession>;
}

/**
 * One open connection to a transport, for one flush: the steps of a delivery as
 * {@link DataTransferTransport} describes them.
 */
export interface TransportSession {
  /**
   * Step 1: uploads `localPath` as `<fileName>.part` and fails unless the size and SHA-256 that
   * arrived are `expected`.
   */
  putPart(
    localPath: string,
    fileName: string,
    expected: { size: number; sha256: string },
  ): Promise<void>;
  /** `sidecarName`: the sidecar's file name; `<fileName>.sha256` when absent. */
  putSidecar(fileName: string, content: string, sidecarName?: string): Promise<void>;
  /** Step 2: renames `<fileName>.part` to `<fileName>`, making the file visible to Swiss Post. */
  commit(fileName: string): Promise<void>;
  /** Whether `<fileName>.part` is still there, i.e. step 2 did not happen. */
  hasPart(fileName: string): Promise<boolean>;
  /** Whether the sidecar is in place, i.e. step 3 happened. */
  hasSidecar(fileName: string, sidecarName?: string): Promise<boolean>;
  /** Removes `<fileName>.part`, for a delivery abandoned before `commit`. */
  removePart(fileName: string): Promise<void>;
  /** Ends the session; called once per flush, also after a failure. */
  close(): Promise<void>;
}
