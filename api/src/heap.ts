// How far V8 lets the heap grow between full collections, for the server and the CLI processes.
//
// V8's default lets the old generation grow to up to four times what survived the last full collection before it
// collects again — right for short scripts, wrong for a server that imports a 50,000-row city export: the import's
// live data is ~150 MB, but its garbage (parsed rows, plans, statement texts) pushed the process to 550–600 MB RSS
// before V8 collected. Growing by 30 % kept the same import near 280 MB; once the CLI read the CSV on its own thread
// (whose garbage grows the heap V8 then sizes from) it peaked at 316–319 MB, and 20 % keeps it at 272–278 MB at no
// measurable cost in time (api/bench/import.ts --cli 50000). Set once at start, before the heap has grown.
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 20;

export function boundHeapGrowth() {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
