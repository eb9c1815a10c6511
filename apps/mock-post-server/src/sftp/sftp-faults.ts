import { remainingFaults } from '../faults';

/**
 * What can go wrong on the simulated Post's SFTP server. Faults are taken by an SSH session
 * (one client connection) when it logs in and hold for its whole life, so a test that sets
 * them before connecting knows exactly which upload they hit.
 */
export interface SftpFaults {
  /**
   * Drops the connection, without a reply, once this many bytes of file data were written in
   * the session: the bytes up to the limit reach the file, the rest never arrives.
   */
  disconnectAfterBytes?: number;
  /** Refuses every open for writing with PERMISSION_DENIED, as a read-only inbox does. */
  permissionDenied?: boolean;
  /** Holds back the acknowledgement of writes so the session writes no faster than this. */
  slowBytesPerSecond?: number;
  /** Applies these faults to the next `times` sessions only, then clears them. */
  times?: number;
}

/** What the session does with one WRITE request. */
export interface WritePlan {
  /** How many of the request's bytes to write (fewer than sent when the connection drops). */
  bytes: number;
  /** Drop the connection after writing `bytes`, without answering. */
  disconnect: boolean;
  /** Wait this long before acknowledging the write. */
  delayMs: number;
}

/** The faults one session took, and what it has written so far. */
export interface SessionFaults {
  readonly permissionDenied: boolean;
  /** Plans a WRITE of `length` bytes; call it when the request arrives, in arrival order. */
  planWrite(length: number): WritePlan;
}

/**
 * The fault state of one session. Planning is synchronous so that writes pipelined by the
 * client are counted and throttled in the order they arrived.
 *
 * @example
 * const faults = createSessionFaults({ slowBytesPerSecond: 32_768 }, Date.now);
 * faults.planWrite(32_768); // { bytes: 32768, disconnect: false, delayMs: 1000 }
 */
export function createSessionFaults(
  config: SftpFaults | undefined,
  now: () => number,
): SessionFaults {
  let written = 0;
  let dropped = false;
  // Token bucket with no burst: the instant at which the throttled link is free again.
  let linkFreeAt = 0;
  return {
    permissionDenied: config?.permissionDenied === true,
    planWrite(length) {
      if (dropped) return { bytes: 0, disconnect: true, delayMs: 0 };
      let bytes = length;
      let disconnect = false;
      const limit = config?.disconnectAfterBytes;
      if (limit !== undefined && written + length >= limit) {
        bytes = Math.max(0, limit - written);
        disconnect = true;
        dropped = true;
      }
      written += bytes;
      let delayMs = 0;
      const rate = config?.slowBytesPerSecond;
      if (rate !== undefined && rate > 0 && !disconnect) {
        const at = now();
        linkFreeAt = Math.max(at, linkFreeAt) + (bytes / rate) * 1000;
        delayMs = linkFreeAt - at;
      }
      return { bytes, disconnect, delayMs };
    },
  };
}

/**
 * Hands faults to sessions as they log in, counting down `times`.
 *
 * @example
 * const plan = createFaultPlan();
 * plan.set({ permissionDenied: true, times: 1 });
 * plan.take(); // { permissionDenied: true, times: 1 } for this session, undefined for the next
 */
export function createFaultPlan(): {
  set(faults: SftpFaults | undefined): void;
  take(): SftpFaults | undefined;
} {
  let current: SftpFaults | undefined;
  return {
    set(faults) {
      current = faults === undefined ? undefined : { ...faults };
    },
    take() {
      const taken = current;
      current = remainingFaults(taken);
      return taken;
    },
  };
}
