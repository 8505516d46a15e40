// 文号 (document numbers) of the generated documents: the issuing organ's short name, the kind, the year in 〔〕 and a
// serial — 塘城运〔2023〕6号, 塘城运专报〔2023〕2号, 塘预警〔2023〕5号, 塘督办〔2023〕3号. A form's serial counts the
// street's records of its kind in that year by date, then id (records of these kinds are never deleted, so a number
// does not move); a 专报's counts the matters already filed in the archive, and a regenerated 专报 keeps its number.
import { sql } from 'kysely';
import type { Db } from '../kpis';

/** 塘桥街道 → 塘; 花木街道 → 花; 浦东新区 → 浦 (the organ's short name of a 文号). */
export const organShort = (name: string) => name.replace(/(街道|镇|新区|区)$/, '').slice(0, 1);

export const docNumber = (organ: string, word: string, year: number | string, serial: number | string) => `${organShort(organ)}${word}〔${year}〕${serial}号`;

type FormRecord = 'warning' | 'hotspot' | 'order';

/** The record's year (Shanghai) and its serial among its street's records of that kind in that year. */
export async function formSerial(db: Db, kind: FormRecord, id: number): Promise<{ year: number; serial: number }> {
  const q =
    kind === 'warning'
      ? sql<{ year: number; serial: number }>`
          select extract(year from w.date)::int as year,
                 (select count(*) from warning x
                   where x.street_id = w.street_id and date_trunc('year', x.date) = date_trunc('year', w.date)
                     and (x.date, x.id) <= (w.date, w.id))::int as serial
          from warning w where w.id = ${id}::int`
      : kind === 'hotspot'
        ? sql<{ year: number; serial: number }>`
          select extract(year from h.opened_on)::int as year,
                 (select count(*) from hotspot_warning x
                   where x.street_id = h.street_id and date_trunc('year', x.opened_on) = date_trunc('year', h.opened_on)
                     and (x.opened_on, x.id) <= (h.opened_on, h.id))::int as serial
          from hotspot_warning h where h.id = ${id}::int`
        : sql<{ year: number; serial: number }>`
          select extract(year from o.issued_at at time zone 'Asia/Shanghai')::int as year,
                 (select count(*) from leader_order x join ticket xt on xt.id = x.ticket_id
                   where xt.street_id = t.street_id
                     and date_trunc('year', x.issued_at at time zone 'Asia/Shanghai') = date_trunc('year', o.issued_at at time zone 'Asia/Shanghai')
                     and (x.issued_at, x.id) <= (o.issued_at, o.id))::int as serial
          from leader_order o join ticket t on t.id = o.ticket_id where o.id = ${id}::int`;
  const row = (await q.execute(db)).rows[0];
  if (!row) throw new Error(`formSerial: no ${kind} ${id}`);
  return row;
}

/**
 * The 文号 of a 专报 (HOTSPOT) about `period` (its subject and range): the number it was filed under if this matter was
 * generated before, otherwise the next serial of the organ's 专报 that year (what the archive will give it).
 */
export async function hotspotDocNumber(db: Db, a: { streetId: number | null; period: string; organ: string; year: string }): Promise<string> {
  const street = a.streetId ?? 0;
  const filed = await sql<{ dn: string | null }>`
    select content->>'docNumber' as dn from report
    where kind = 'HOTSPOT' and coalesce(street_id, 0) = ${street}::int and period = ${a.period}
    order by version limit 1`.execute(db);
  const prior = filed.rows[0]?.dn;
  if (prior && prior.includes(`专报〔${a.year}〕`)) return prior;
  const { rows } = await sql<{ n: number }>`
    select count(distinct period)::int as n from report
    where kind = 'HOTSPOT' and coalesce(street_id, 0) = ${street}::int and content->>'docNumber' like ${`%专报〔${a.year}〕%`}`.execute(db);
  return docNumber(a.organ, '城运专报', a.year, rows[0]!.n + 1);
}
