// The admin's own rules, without a browser: translations complete in both languages and in step with the API's
// schema, GraphQL errors turned into what react-admin shows, Shanghai times, deadline colours.
import { afterEach, describe, expect, it, vi } from 'vitest';
import englishMessages from 'ra-language-english';
import { HttpError } from 'react-admin';
import type { IntrospectionEnumType, IntrospectionObjectType } from 'graphql';
import { LOCALES, zhMessages } from '../src/i18n';
import { enMessages } from '../src/i18n/en';
import { raChineseMessages } from '../src/i18n/ra-zh-CN';
import { zhApp } from '../src/i18n/app.zh-CN';
import { enApp } from '../src/i18n/app.en';
import { ENUMS, type EnumName } from '../src/common/enums';
import { schema, scalarFieldsOf, operationsOf } from '../src/schema';
import { AVAILABLE, RESOURCES, MENU_GROUPS } from '../src/resources';
import { translateError } from '../src/dataProvider/errors';
import { withoutNestedCopies } from '../src/dataProvider';
import { authProvider, resetAuthCache } from '../src/authProvider';
import { mayCall, permits, type Permissions } from '../src/access';
import { formatDate, formatDateTime, fromShanghaiLocalInput, toShanghaiLocalInput, startOfShanghaiDay, endOfShanghaiDay, shanghaiDate } from '../src/common/time';
import { dueTone, workingSpan } from '../src/common/DueBadge';
import { dropMaskedPhone } from '../src/resources/Ticket/TicketEdit';

/** 'a.b.c' paths of every string leaf. */
function keys(o: unknown, prefix = ''): string[] {
  if (typeof o === 'string') return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}
const lookup = (o: unknown, key: string): unknown => key.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

describe('translations', () => {
  it('zh-CN translates every message of react-admin, and nothing else', () => {
    expect(keys(raChineseMessages).sort()).toEqual(keys(englishMessages).sort());
    const untranslated = keys(raChineseMessages).filter((k) => {
      const en = lookup(englishMessages, k) as string;
      const words = en.replace(/%\{\w+\}/g, '').replace(/[^A-Za-z]/g, ''); // '%{name} %{recordRepresentation}' needs no translation
      return words !== '' && lookup(raChineseMessages, k) === en;
    });
    expect(untranslated).toEqual([]);
  });

  it('our own messages have the same keys in Chinese and English', () => {
    expect(keys(enApp).sort()).toEqual(keys(zhApp).sort());
  });

  it('Chinese is the default language', () => {
    expect(LOCALES[0].locale).toBe('zh-CN');
    // Every key the Chinese messages have, English has too (English is loaded on demand, so it is checked here).
    expect(keys(enMessages).sort()).toEqual(keys(zhMessages).sort());
  });

  const enumOfSchema: Record<string, EnumName> = {
    TicketCategory: 'category', TicketChannel: 'channel', TicketStatus: 'ticketStatus', ReopenKind: 'reopenKind',
    FactFinding: 'factFinding', Resolution: 'resolution', PeerGroup: 'peerGroup', AbRole: 'abRole', Role: 'userRole', LeaderRank: 'leaderRank',
    CallbackResult: 'callbackResult', CallbackSource: 'callbackSource', ReturnStatus: 'returnStatus', ExtensionStatus: 'extensionStatus',
    WarningLevel: 'warningLevel', AwardKind: 'awardKind', AwardStatus: 'awardStatus', InterviewLevel: 'interviewLevel',
    AssistanceStatus: 'assistanceStatus', Conduct: 'conduct', SlaKind: 'slaKind', SatisfactionVariant: 'satisfactionVariant',
  };

  it('labels every value of every enumeration of the API in both languages', () => {
    for (const [gqlName, ours] of Object.entries(enumOfSchema)) {
      const t = schema.types.find((x) => x.name === gqlName) as IntrospectionEnumType | undefined;
      expect(t, `enum ${gqlName} in the schema`).toBeDefined();
      expect([...ENUMS[ours]].sort(), gqlName).toEqual(t!.enumValues.map((v) => v.name).sort());
      for (const v of ENUMS[ours]) {
        expect(lookup(zhApp, `rexian.enum.${ours}.${v}`), `${ours}.${v}`).toEqual(expect.any(String));
        expect(lookup(enApp, `rexian.enum.${ours}.${v}`), `${ours}.${v}`).toEqual(expect.any(String));
      }
    }
  });

  it('labels every field of every resource in both languages', () => {
    const missing: string[] = [];
    for (const resource of AVAILABLE) {
      for (const f of scalarFieldsOf(resource)) {
        for (const [lang, m] of [['zh-CN', zhApp], ['en', enApp]] as const) {
          if (typeof lookup(m, `resources.${resource}.fields.${f}`) !== 'string') missing.push(`${lang} ${resource}.${f}`);
        }
      }
      expect(lookup(zhApp, `resources.${resource}.name`), resource).toEqual(expect.any(String));
    }
    expect(missing).toEqual([]);
  });
});

describe('resources', () => {
  it('every resource of the admin is served by the API, and every CRUD resource of the API has a page', () => {
    expect(AVAILABLE.sort()).toEqual(Object.keys(RESOURCES).sort());
    const query = schema.types.find((t) => t.name === schema.queryType.name) as IntrospectionObjectType;
    const served = query.fields.filter((f) => /^all[A-Z]/.test(f.name) && query.fields.some((g) => g.name === `_${f.name}Meta`));
    const withoutPage = served.map((f) => f.name).filter((n) => !Object.keys(RESOURCES).some((r) => n === `all${r}s`));
    expect(withoutPage).toEqual([]);
  });

  it('the light registry names exactly the views each resource folder exports', async () => {
    for (const [name, meta] of Object.entries(RESOURCES)) {
      const views = (await meta.load()).default;
      expect([name, Object.keys(views).sort()]).toEqual([name, [...meta.views].sort()]);
    }
  });

  it('every resource is in exactly one menu group', () => {
    const grouped = MENU_GROUPS.flatMap((g) => g.resources);
    expect(grouped.sort()).toEqual(Object.keys(RESOURCES).sort());
  });

  it('treats a create or update that takes no field as not offered', () => {
    expect(operationsOf('Ticket')).toMatchObject({ list: true, one: true, create: true, update: true });
    expect(operationsOf('NoSuchThing').list).toBe(false);
  });
});

describe('errors from the API', () => {
  const apolloError = (errors: Array<{ message: string; extensions?: Record<string, unknown> }>) =>
    new HttpError(errors[0]!.message, 200, { graphQLErrors: errors });
  const caught = (e: unknown) => {
    try {
      translateError(e);
    } catch (x) {
      return x as HttpError;
    }
    throw new Error('translateError returned');
  };

  it('BAD_USER_INPUT with fieldErrors becomes form field errors', () => {
    const e = caught(apolloError([{ message: '单位代码已存在，不能重复', extensions: { code: 'BAD_USER_INPUT', fieldErrors: { code: '已存在，不能重复' } } }]));
    expect(e.status).toBe(400);
    expect(e.body.errors.code).toBe('已存在，不能重复');
    expect(e.body.errors.root.serverError).toBe('单位代码已存在，不能重复');
  });

  it('CONFLICT becomes the clear "changed by someone else" message', () => {
    const e = caught(apolloError([{ message: 'stale', extensions: { code: 'CONFLICT' } }]));
    expect(e.status).toBe(409);
    expect(e.message).toBe('rexian.error.conflict');
    expect(lookup(zhApp, e.message)).toBe('记录已被他人修改，请刷新后重试');
  });

  it('a retryable CONFLICT (concurrent save) shows the server\'s Chinese message, not "refresh"', () => {
    const e = caught(apolloError([{ message: '其他人正在同时保存这些记录，请重试', extensions: { code: 'CONFLICT', retryable: true } }]));
    expect(e.status).toBe(409);
    expect(e.message).toBe('其他人正在同时保存这些记录，请重试');
    expect(e.body).toMatchObject({ code: 'CONFLICT', retryable: true });
  });

  it('UNAUTHENTICATED signs the user out; FORBIDDEN does not', async () => {
    const unauth = caught(apolloError([{ message: '请先登录', extensions: { code: 'UNAUTHENTICATED' } }]));
    expect(unauth.status).toBe(401);
    await expect(authProvider.checkError(unauth)).rejects.toThrow();
    await expect(authProvider.checkError(apolloError([{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }]))).rejects.toThrow();
    const forbidden = caught(apolloError([{ message: '没有执行此操作的权限', extensions: { code: 'FORBIDDEN' } }]));
    expect(forbidden.status).toBe(403);
    await expect(authProvider.checkError(forbidden)).resolves.toBeUndefined();
  });

  it('a lost connection is a network error, not a sign-out', async () => {
    const e = caught(new HttpError('Failed to fetch', undefined as unknown as number));
    expect(e.message).toBe('rexian.error.network');
    await expect(authProvider.checkError(e)).resolves.toBeUndefined();
  });
});

describe('saving', () => {
  it('drops nested copies of references so the edited id wins', () => {
    expect(withoutNestedCopies({ id: '1', unitId: '7', unit: { id: '3' }, 'unit.id': '3', aliases: ['a'], name: 'x' }))
      .toEqual({ id: '1', unitId: '7', aliases: ['a'], name: 'x' });
  });

  it('never writes a masked phone number back', () => {
    expect(dropMaskedPhone({ citizenPhone: '138****1234', topic: '噪声' })).toEqual({ topic: '噪声' });
    expect(dropMaskedPhone({ citizenPhone: '13812341234' })).toEqual({ citizenPhone: '13812341234' });
  });
});

describe('times in Asia/Shanghai', () => {
  it('shows instants as Shanghai wall time, whatever the machine zone', () => {
    expect(formatDateTime('2023-09-01T02:05:00Z')).toBe('2023-09-01 10:05');
    expect(formatDateTime('2023-12-31T16:30:00Z')).toBe('2024-01-01 00:30');
    expect(formatDateTime('2023-12-31T16:00:00Z')).toBe('2024-01-01 00:00'); // midnight is 00:00, never 24:00
    expect(formatDateTime(null)).toBe('');
  });

  it('keeps calendar dates as they are', () => {
    expect(formatDate('2023-09-01')).toBe('2023-09-01');
    expect(shanghaiDate('2023-08-31T16:00:00Z')).toBe('2023-09-01');
  });

  it('reads a datetime-local input as Shanghai time and sends it with its zone', () => {
    expect(fromShanghaiLocalInput('2023-09-01T10:05')).toBe('2023-09-01T02:05:00.000Z');
    expect(toShanghaiLocalInput('2023-09-01T02:05:00.000Z')).toBe('2023-09-01T10:05');
    expect(fromShanghaiLocalInput('')).toBeNull();
  });

  it('filters whole Shanghai days', () => {
    expect(new Date(startOfShanghaiDay('2023-09-01')!).toISOString()).toBe('2023-08-31T16:00:00.000Z');
    expect(new Date(endOfShanghaiDay('2023-09-01')!).toISOString()).toBe('2023-09-01T15:59:59.999Z');
  });
});

describe('deadline badge', () => {
  const H = 3_600_000;
  it('is red when overdue or within 24 hours, amber within 3 days, green otherwise', () => {
    expect(dueTone(-1)).toBe('error');
    expect(dueTone(24 * H)).toBe('error');
    expect(dueTone(24 * H + 1)).toBe('warning');
    expect(dueTone(72 * H)).toBe('warning');
    expect(dueTone(72 * H + 1)).toBe('success');
  });

  it('reads working time as working days and hours (one working day = 24 h)', () => {
    const zh = (key: string, o?: any) => (lookup(zhApp, key) as string).replace('%{n}', String(o?.n));
    const remaining = (m: number) => (lookup(zhApp, 'rexian.due.remaining') as string).replace('%{time}', workingSpan(m, zh as any));
    const overdue = (m: number) => (lookup(zhApp, 'rexian.due.overdue') as string).replace('%{time}', workingSpan(m, zh as any));
    expect(remaining((2 * 24 + 3) * 60 + 59)).toBe('剩余 2 个工作日 3 小时');
    expect(remaining(24 * 60)).toBe('剩余 1 个工作日');
    expect(overdue(-5 * 60 - 1)).toBe('超期 5 小时');
    expect(overdue(-1)).toBe('超期 1 分钟');
  });
});

describe('permissions come from the API (me.permissions), not a copy of the matrix', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    resetAuthCache();
  });
  const signedInAs = (me: Record<string, unknown>) => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: { me } }), { status: 200, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };
  const OPS = {
    id: '7', username: 'ops', role: 'OPS', unitId: null, displayName: '王敏', canRevealPersonalData: true,
    permissions: [
      { resource: 'Ticket', read: true, write: true },
      { resource: 'ExtensionRequest', read: true, write: false },
      { resource: 'User', read: false, write: false },
    ],
    operations: ['Mutation.importTickets', 'Mutation.publishUnitRanking', 'Query.allTickets'],
  };

  it('getPermissions returns the role, the resources and the reveal right as the API sent them', async () => {
    const fetch = signedInAs(OPS);
    const p = (await authProvider.getPermissions!({})) as Permissions;
    expect(p).toEqual({
      role: 'OPS',
      canRevealPersonalData: true,
      resources: { Ticket: { read: true, write: true }, ExtensionRequest: { read: true, write: false }, User: { read: false, write: false } },
      operations: OPS.operations,
    });
    expect(String((fetch.mock.calls[0] as unknown[])[1] && JSON.parse(((fetch.mock.calls[0] as unknown[])[1] as RequestInit).body as string).query)).toContain('permissions { resource read write }');
    // Buttons ask the API's operation table (me.operations), not a role list of their own.
    expect(mayCall(p, 'Mutation.publishUnitRanking')).toBe(true);
    expect(mayCall(p, 'Mutation.decideReturn')).toBe(false);
    expect(mayCall(null, 'Mutation.publishUnitRanking')).toBe(false);
  });

  it('canAccess follows them: reads for list/show/export, writes for create/edit/delete, nothing for unknown resources', async () => {
    signedInAs(OPS);
    const can = (resource: string, action: string) => authProvider.canAccess!({ resource, action });
    expect(await can('Ticket', 'list')).toBe(true);
    expect(await can('Ticket', 'edit')).toBe(true);
    expect(await can('ExtensionRequest', 'show')).toBe(true);
    expect(await can('ExtensionRequest', 'edit')).toBe(false); // the API decides: leaders only
    expect(await can('User', 'list')).toBe(false);
    expect(permits(null, 'Ticket', 'list')).toBe(false);
    expect(permits((await authProvider.getPermissions!({})) as Permissions, 'NoSuchThing', 'list')).toBe(false);
  });

  it('signed out: no permissions and no access', async () => {
    signedInAs(null as unknown as Record<string, unknown>);
    expect(await authProvider.getPermissions!({})).toBeNull();
    expect(await authProvider.canAccess!({ resource: 'Ticket', action: 'list' })).toBe(false);
  });
});
