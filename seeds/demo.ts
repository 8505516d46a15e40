// The demo district (浦东新区, its 36 街镇, 塘桥街道 in full detail) with its year 2023 of tickets and Tangqiao's
// live tail of the last 14 days. The rows come from the pure generator in demo-generate.ts; this file only writes them, in batches, inside one
// transaction. The caller decides that the database is empty; the reference data of seedBase is
// (re)assured first because negative records need the negative list.
import type { DB } from '../api/src/db/connection';
import { seedBase } from './base';
import { seedDemoMeetings } from './demo-meetings';
import { DEFAULT_DEMO_SEED, generateDemo, type DemoData } from './demo-generate';

export { DEFAULT_DEMO_SEED, generateDemo, demoChecksum, type DemoData } from './demo-generate';

const BATCH = 500;

/** `today` (YYYY-MM-DD, Asia/Shanghai) dates the live tail; tests pass a fixed day, the server the real one. */
export async function seedDemo(db: DB, opts: { seed?: number; today?: string } = {}): Promise<void> {
  const data = generateDemo({ seed: opts.seed ?? DEFAULT_DEMO_SEED, today: opts.today });
  // A Kysely transaction cannot open another one; accept either.
  if (db.isTransaction) await insertDemo(db, data);
  else await db.transaction().execute((trx) => insertDemo(trx, data));
}

async function chunks<R>(rows: readonly R[], insert: (chunk: R[]) => Promise<unknown>, size = BATCH): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Writes generated rows. Exported for tests that insert a generated data set of their own. */
export async function insertDemo(db: DB, data: DemoData): Promise<void> {
  await seedBase(db);

  const district = await db.insertInto('district').values(data.district).returning('id').executeTakeFirstOrThrow();
  const streets = await db
    .insertInto('street')
    .values(data.streets.map((s) => ({ ...s, districtId: district.id })))
    .returning(['id', 'code'])
    .execute();
  const streetId = new Map(streets.map((s) => [s.code, s.id]));
  const sid = (code: string) => streetId.get(code)!;

  const units = await db
    .insertInto('unit')
    .values(
      data.units.map((u) => ({
        code: u.code,
        name: u.name,
        streetId: sid(u.streetCode),
        peerGroup: u.peerGroup,
        head: u.head,
        deputyLeader: u.deputyLeader,
        aliases: u.aliases,
      })),
    )
    .returning(['id', 'code', 'streetId'])
    .execute();
  const codeOfStreet = new Map(streets.map((s) => [s.id, s.code]));
  const unitId = new Map(units.map((u) => [`${codeOfStreet.get(u.streetId)}:${u.code}`, u.id]));
  const uid = (streetCode: string, code: string) => {
    const id = unitId.get(`${streetCode}:${code}`);
    if (id === undefined) throw new Error(`demo seed: no unit ${streetCode}:${code}`);
    return id;
  };

  await chunks(data.roleAssignments, (rows) =>
    db
      .insertInto('roleAssignment')
      .values(
        rows.map((r) => ({
          unitId: uid(r.streetCode, r.unitCode),
          role: r.role,
          personName: r.personName,
          post: r.post,
          phone: r.phone,
          filingRef: r.filingRef,
          filingDate: r.filingDate,
          effectiveFrom: r.effectiveFrom,
          effectiveTo: r.effectiveTo,
        })),
      )
      .execute(),
  );

  // Tickets get explicit ids (in receipt order, masters before their repeats) so that every other row
  // can refer to them without a round trip; the identity sequence is moved past them afterwards.
  const maxRow = await db.selectFrom('ticket').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  const base = Number(maxRow?.max ?? 0);
  const tid = (key: number) => base + key + 1;
  await chunks(data.tickets, (rows) =>
    db
      .insertInto('ticket')
      .values(
        rows.map((t) => ({
          id: tid(t.key),
          number: t.number,
          streetId: sid(t.streetCode),
          unitId: t.unitCode ? uid(t.streetCode, t.unitCode) : null,
          category: t.category,
          channel: t.channel,
          urgent: t.urgent,
          topic: t.topic,
          content: t.content,
          citizenName: t.citizenName,
          citizenPhone: t.citizenPhone,
          address: t.address,
          committeeName: t.committeeName,
          committeeUnitId: t.committeeUnitCode ? uid(t.streetCode, t.committeeUnitCode) : null,
          status: t.status,
          statusBeforeReturn: t.statusBeforeReturn,
          receivedAt: t.receivedAt,
          dispatchedAt: t.dispatchedAt,
          acceptedAt: t.acceptedAt,
          firstContactAt: t.firstContactAt,
          submittedAt: t.submittedAt,
          closedAt: t.closedAt,
          reopenedAt: t.reopenedAt,
          reopenKind: t.reopenKind,
          firstContactDue: t.firstContactDue,
          completionDue: t.completionDue,
          extensionApproved: t.extensionApproved,
          factFinding: t.factFinding,
          factBasis: t.factBasis,
          unfoundedAccepted: t.unfoundedAccepted,
          resolution: t.resolution,
          demand: t.demand,
          siteVisit: t.siteVisit,
          replyText: t.replyText,
          difficult: t.difficult,
          concentrated: t.concentrated,
          callbackReview: t.callbackReview,
          reassigned: t.reassigned,
          escalated: t.escalated,
          leaderName: t.leaderName,
          redoCount: t.redoCount,
          repeatOfId: t.repeatOfKey === null ? null : tid(t.repeatOfKey),
          createdAt: t.receivedAt,
          updatedAt: t.updatedAt,
        })),
      )
      .execute(),
  );
  if (data.tickets.length) {
    await db
      .selectNoFrom((eb) =>
        eb.fn('setval', [eb.fn('pg_get_serial_sequence', [eb.val('ticket'), eb.val('id')]), eb.val(base + data.tickets.length)]).as('v'),
      )
      .execute();
  }

  await chunks(data.callbacks, (rows) =>
    db
      .insertInto('callback')
      .values(rows.map((c) => ({ ticketId: tid(c.ticketKey), calledAt: c.calledAt, result: c.result, caller: c.caller, source: c.source, note: c.note, createdAt: c.calledAt })))
      .execute(),
  );

  await chunks(data.events, (rows) =>
    db
      .insertInto('ticketEvent')
      .values(rows.map((e) => ({ ticketId: tid(e.ticketKey), at: e.at, actorLabel: e.actorLabel, kind: e.kind, before: json(e.before), after: json(e.after), note: e.note })))
      .execute(),
  );

  await chunks(data.closureAudits, (rows) =>
    db
      .insertInto('closureAudit')
      .values(rows.map((a) => ({ ticketId: tid(a.ticketKey), submittedAt: a.submittedAt, auditedAt: a.auditedAt, checks: json(a.checks)!, passed: a.passed, note: a.note, createdAt: a.auditedAt })))
      .execute(),
  );

  const returnIds = new Map<string, number>();
  if (data.returnRequests.length) {
    const inserted = await db
      .insertInto('returnRequest')
      .values(
        data.returnRequests.map((r) => ({
          ticketId: tid(r.ticketKey),
          fromUnitId: uid(r.streetCode, r.fromUnitCode),
          toUnitId: r.toUnitCode ? uid(r.streetCode, r.toUnitCode) : null,
          reason: r.reason,
          requestedAt: r.requestedAt,
          needsMainLeader: r.needsMainLeader,
          status: r.status,
          decidedAt: r.decidedAt,
          decisionNote: r.decisionNote,
          mainLeaderAt: r.mainLeaderAt,
          disciplineFilingRef: r.disciplineFilingRef,
          createdAt: r.requestedAt,
        })),
      )
      .returning(['id', 'ticketId', 'requestedAt'])
      .execute();
    const byKey = new Map(inserted.map((r) => [`${r.ticketId}|${new Date(r.requestedAt).getTime()}`, r.id]));
    for (const r of data.returnRequests) returnIds.set(r.ref, byKey.get(`${tid(r.ticketKey)}|${r.requestedAt.getTime()}`)!);
  }

  if (data.leaderOrders.length) {
    await db
      .insertInto('leaderOrder')
      .values(data.leaderOrders.map((o) => ({ ticketId: tid(o.ticketKey), leaderName: o.leaderName, issuedAt: o.issuedAt, dueAt: o.dueAt, reason: o.reason, completionNote: o.completionNote, completedAt: o.completedAt })))
      .execute();
  }

  const items = await db.selectFrom('negativeItem').select(['id', 'code']).execute();
  const itemId = new Map(items.map((i) => [i.code, i.id]));
  if (data.negativeRecords.length) {
    await db
      .insertInto('negativeRecord')
      .values(
        data.negativeRecords.map((n) => ({
          unitId: uid(n.streetCode, n.unitCode),
          itemId: itemId.get(n.itemCode)!,
          ticketId: n.ticketKey === null ? null : tid(n.ticketKey),
          date: n.date,
          points: n.points,
          note: n.note,
          recorder: n.recorder,
        })),
      )
      .execute();
  }
  await chunks(data.negativeQuotas, (rows) =>
    db
      .insertInto('negativeQuota')
      .values(rows.map((q) => ({ unitId: uid(q.streetCode, q.unitCode), month: q.month, indicator: q.indicator, allowed: q.allowed })))
      .execute(),
  );

  if (data.awards.length) {
    await db
      .insertInto('award')
      .values(
        data.awards.map((a) => ({
          kind: a.kind,
          unitId: uid(a.streetCode, a.unitCode),
          ticketId: a.ticketKey === null ? null : tid(a.ticketKey),
          month: a.month,
          nomination: a.nomination,
          meetingDate: a.meetingDate,
          status: a.status,
          amount: a.amount,
          points: a.points,
          recognitionSource: a.recognitionSource,
        })),
      )
      .execute();
  }

  if (data.interviews.length) {
    await db
      .insertInto('interview')
      .values(
        data.interviews.map((i) => ({
          unitId: uid(i.streetCode, i.unitCode),
          level: i.level,
          reasons: i.reasons,
          date: i.date,
          interviewer: i.interviewer,
          attendees: i.attendees,
          findings: i.findings,
          rectification: i.rectification,
          rectificationDue: i.rectificationDue,
          followUp: i.followUp,
          ticketIds: i.ticketKeys.map(tid),
        })),
      )
      .execute();
  }

  if (data.assistance.length) {
    await db
      .insertInto('assistance')
      .values(data.assistance.map(({ streetCode, unitCode, ...a }) => ({ ...a, unitId: uid(streetCode, unitCode) })))
      .execute();
  }

  if (data.dutyRoster.length) {
    await db
      .insertInto('dutyRoster')
      .values(data.dutyRoster.map((d) => ({ streetId: sid(d.streetCode), isoWeek: d.isoWeek, leaderName: d.leaderName })))
      .execute();
  }

  if (data.pairings.length) {
    await db
      .insertInto('pairing')
      .values(data.pairings.map((p) => ({ staffName: p.staffName, unitId: uid(p.streetCode, p.unitCode), since: p.since })))
      .execute();
  }

  if (data.escalations.length) {
    await db
      .insertInto('escalation')
      .values(
        data.escalations.map((e) => ({
          streetId: sid(e.streetCode),
          title: e.title,
          ticketIds: e.ticketKeys.map(tid),
          meetingDate: e.meetingDate,
          decision: e.decision,
          owner: e.owner,
          due: e.due,
        })),
      )
      .execute();
  }

  if (data.reviews.length) {
    await db
      .insertInto('review')
      .values(data.reviews.map(({ streetCode, unitCode, ...r }) => ({ ...r, unitId: uid(streetCode, unitCode) })))
      .execute();
  }

  if (data.disciplineReferrals.length) {
    await db
      .insertInto('disciplineReferral')
      .values(
        data.disciplineReferrals.map((r) => ({
          unitId: uid(r.streetCode, r.unitCode),
          conduct: r.conduct,
          ticketIds: r.ticketKeys.map(tid),
          returnRequestIds: r.returnRefs.map((ref) => returnIds.get(ref)!).filter((id) => id !== undefined),
          referredBy: r.referredBy,
          date: r.date,
          outcome: r.outcome,
        })),
      )
      .execute();
  }

  await seedDemoMeetings(db);
}
