// Group commit for an append-only log written on reads (the personal-data log of what a ticket page shows): while
// one request's insert runs, the rows of requests arriving meanwhile wait and then go as ONE insert, run on the
// connection of the first of them. Every request still gets its answer only after its own rows are committed, so
// the log stays durable and precedes what it records; under load there are fewer statements and commits (8 clients
// on the ticket page: ~1,000 pages wrote ~450 inserts, ~1.45 statements a page instead of 2). A lone request waits
// for nothing: its rows go at once.
//
// Only a request holding a connection of its own (a pinned one, db/connection.ts onOneConnection or db/scope.ts)
// may lead a batch: a leader that first had to take a connection from the pool could wait behind followers holding
// every connection while they wait for it. Inside a transaction the rows belong to that transaction (a mutation's
// log stands or falls with it): those never join a group.

export interface Waiting<R> {
  rows: R[];
  /** Writes the rows of a whole batch (on this request's own connection) and commits them. */
  write: (rows: R[]) => Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Rows one batch carries at most (a list page logs up to 25 tickets × a few fields a request). */
export const MAX_BATCH_ROWS = 2_000;

export class GroupCommit<R> {
  private queue: Waiting<R>[] = [];
  private running = false;
  /** Batches written (tests). */
  batches = 0;

  /** Requests waiting for a batch to start (tests). */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves once `rows` are committed, by `write` or by the write of an earlier request's batch. */
  append(rows: R[], write: (rows: R[]) => Promise<void>): Promise<void> {
    if (!rows.length) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, write, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain() {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch = this.take();
        this.batches++;
        try {
          await batch[0]!.write(batch.flatMap((w) => w.rows));
          for (const w of batch) w.resolve();
        } catch (e) {
          // Nothing of the batch is committed (one statement): every request in it fails, none shows its data.
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** The waiting requests, in arrival order, up to MAX_BATCH_ROWS (always at least one). */
  private take(): Waiting<R>[] {
    let n = 0;
    let rows = 0;
    while (n < this.queue.length && (n === 0 || rows + this.queue[n]!.rows.length <= MAX_BATCH_ROWS)) rows += this.queue[n++]!.rows.length;
    return this.queue.splice(0, n);
  }
}
