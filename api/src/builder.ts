// The SchemaBuilder, its plugins and scalars — no domain types here (architecture.md).
import SchemaBuilder from '@pothos/core';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import type { Context } from './context';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: true;
  Scalars: {
    ID: { Input: string; Output: string | number };
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
  };
}>({});

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseDate(value: unknown): string {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  if (m) {
    const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
    if (d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!) return value as string;
  }
  throw new GraphQLError(`日期格式应为 YYYY-MM-DD：${String(value).slice(0, 40)}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

builder.scalarType('Date', {
  description: "A local calendar date in Asia/Shanghai, 'YYYY-MM-DD'.",
  serialize: (v) => (typeof v === 'string' ? v : String(v)),
  parseValue: parseDate,
  parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && value.length <= 40) {
    // An ISO instant must carry its zone; a bare wall time would be ambiguous.
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
      const d = new Date(value);
      if (!Number.isNaN(d.getTime())) return d;
    }
  }
  throw new GraphQLError(`时间格式应为带时区的 ISO 8601：${String(value).slice(0, 40)}`, { extensions: { code: 'BAD_USER_INPUT' } });
}

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601 with zone.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(v as string).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast: ValueNode) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  serialize: (v) => v,
  parseValue: (v) => v,
});

builder.scalarType('File', {
  description: 'A multipart upload.',
  serialize: () => {
    throw new Error('File is input only');
  },
  parseValue: (v) => v as File,
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
