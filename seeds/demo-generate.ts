// The demo district (domain.md §9), built in three passes that each draw from their own PRNG streams, so that
// one pass changing never reshuffles another:
//   1. demo-year.ts     — 2023 of 塘桥街道 in full detail, and of 花木, 洋泾 and 陆家嘴;
//   2. demo-district.ts — the other 32 街镇 of 浦东新区, lighter but real rows;
//   3. demo-tail.ts     — 塘桥街道's last 14 days before the seed's run date, open tickets at every stage.
// Pure, no I/O: seeds/demo.ts inserts what generateDemo returns.
import { shanghaiDate } from '../api/src/domain/time';
import { generateDistrict } from './demo-district';
import { generateTail } from './demo-tail';
import { demoContext, generateYear, type DemoData, type GenerateOptions } from './demo-year';

export * from './demo-year';
export { DISTRICT_STREETS } from './demo-district';
export { TAIL_DAYS } from './demo-tail';

export function generateDemo(options: GenerateOptions = {}): DemoData {
  const ctx = demoContext(options);
  const { tq } = generateYear(ctx);
  generateDistrict(ctx);
  generateTail(ctx, tq, options.today ?? shanghaiDate(new Date()));
  return ctx.out;
}
