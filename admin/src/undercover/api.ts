// The shapes the 暗访抽样 page reads (who may do what: me.operations, from api/src/auth/operations.ts).

export interface Visit {
  id: string;
  version: number;
  ticketId: string;
  visitedAt: string | null;
  finding: string | null;
  overturned: boolean | null;
  recordedAt: string | null;
  negativeRecordId: string | null;
  disciplineReferralId: string | null;
  negativeRecord: { points: number; item: { code: string; title: string } | null } | null;
  disciplineReferral: { conduct: string } | null;
  ticket: { id: string; number: string; closedAt: string | null; unit: { name: string } | null } | null;
}

export interface Sample {
  month: string;
  seed: number;
  share: number;
  population: number;
  size: number;
  recordedCount: number;
  overturnedCount: number;
  drawnAt: string;
  drawnBy: string | null;
  visits: Visit[];
}

export const VISIT_FIELDS = `id version ticketId visitedAt finding overturned recordedAt negativeRecordId disciplineReferralId
  negativeRecord { id points item { id code title } } disciplineReferral { id conduct }
  ticket { id number closedAt unit { id name } }`;

export const SAMPLE_FIELDS = `month seed share population size recordedCount overturnedCount drawnAt drawnBy visits { ${VISIT_FIELDS} }`;
