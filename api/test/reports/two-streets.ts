// Two streets of one district whose units share codes and names (each street has its 城管中队), with June 2023
// tickets: street A does well, street B poorly. Used by the report tests.
import type { TestDatabase } from '../helpers/db';
import { addAward, addNegativeRecord, addTicket, at, makeDistrict, makeStreet } from '../kpi/fixtures';

export interface TwoStreets {
  districtId: number;
  streetA: number;
  streetB: number;
  a: number[];
  b: number[];
}

export async function twoStreets(db: TestDatabase): Promise<TwoStreets> {
  const districtId = await makeDistrict(db);
  const A = await makeStreet(db, districtId);
  const B = await makeStreet(db, districtId);
  const a: number[] = [];
  const b: number[] = [];
  for (const [org, ids] of [[A, a], [B, b]] as const) {
    ids.push(await org.unit('CGZD', 'DEPARTMENT'), await org.unit('FGB', 'DEPARTMENT'), await org.unit('JW1', 'RESIDENTIAL'));
  }
  const results = ['SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED'] as const;
  let n = 0;
  for (const [streetId, ids, late] of [[A.streetId, a, false], [B.streetId, b, true]] as const) {
    for (const [ui, unitId] of ids.entries()) {
      for (let d = 1; d <= 20; d++) {
        const day = `2023-06-${String(d + 4).padStart(2, '0')}`;
        n++;
        await addTicket(db, {
          streetId,
          unitId,
          receivedAt: at(`${day} 09:00`),
          completionDue: at(`${day} 20:00`),
          firstContactAt: at(`${day} ${late && d % 3 === 0 ? '10:00' : '09:30'}`),
          firstContactDue: at(`${day} ${late && d % 3 === 0 ? '09:45' : '12:00'}`),
          closedAt: at(`${day} ${late && d % 2 ? '21:00' : '18:00'}`),
          resolution: (n + ui) % 7 === 0 ? 'UNRESOLVED' : n % 5 === 0 ? 'EXPLAINED' : 'ACTUALLY_RESOLVED',
          factFinding: 'TRUE',
          callbacks: [{ calledAt: at(`${day} 22:00`), result: results[(n + (late ? 1 : 0)) % 4]! }],
        });
      }
    }
  }
  // A May ticket each, so the month before has something to compare with.
  for (const [streetId, ids] of [[A.streetId, a], [B.streetId, b]] as const) {
    for (const unitId of ids) {
      await addTicket(db, { streetId, unitId, receivedAt: at('2023-05-10 09:00'), closedAt: at('2023-05-10 10:00'), firstContactAt: at('2023-05-10 09:10'), resolution: 'ACTUALLY_RESOLVED' });
    }
  }
  await addAward(db, { unitId: a[1]!, month: '2023-06', status: 'SELECTED', points: 0.2 });
  await addNegativeRecord(db, { unitId: b[0]!, date: '2023-06-15', points: 1 });
  return { districtId, streetA: A.streetId, streetB: B.streetId, a, b };
}
