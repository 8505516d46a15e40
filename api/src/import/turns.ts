// An import's loops over its rows run on the server's event loop: validating a 200,000-row file took 2 s, its digests
// 0.9 s and its plans 0.85 s, each in one piece, while /healthz, the lists and every other request waited. Loops over
// a file's rows give the event loop a turn once they have run a slice of SLICE_MS, so nothing waits longer than that.

const SLICE_MS = 20;
/** The clock is read once per this many rows (a row costs microseconds; the clock, tens of nanoseconds). */
const ROWS_PER_LOOK = 64;

export interface Turns {
  /** Call once per row: true when the slice is used up and the loop should `await next()`. */
  due(): boolean;
  /** Lets the event loop run (timers, I/O, other requests), then starts a new slice. */
  next(): Promise<void>;
}

export function turns(sliceMs = SLICE_MS): Turns {
  let started = performance.now();
  let rows = 0;
  return {
    due: () => ++rows % ROWS_PER_LOOK === 0 && performance.now() - started >= sliceMs,
    next: async () => {
      await nextTurn();
      started = performance.now();
    },
  };
}

/** One turn of the event loop: timers, I/O and other requests run before the caller goes on. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** No turns: the whole loop in one piece (a caller with nothing else to serve, or a test of the result alone). */
export const noTurns: Turns = { due: () => false, next: () => Promise.resolve() };
