// Introspection (contract.md Authentication): every authenticated caller — session or API token — may introspect,
// also in production, so GraphQL tools and the stock react-admin provider work against a production server; an
// anonymous caller gets none, in production and in development alike. Field suggestions ("Did you mean …") stay
// off in production (graphql-armor, yoga.ts). The caller is known only once the context is built, after validation,
// so the rule runs before execution instead of as a validation rule.
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context';

/** Whether the document asks for the schema anywhere (`__schema`, `__type`; `__typename` is ordinary data). */
export function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD]: (node) => {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  return found;
}

export function useIntrospectionRule(): Plugin<Record<string, unknown>, Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as unknown as Context;
      if (ctx.user || !asksForSchema(args.document)) return;
      setResultAndStopExecution({
        errors: [new GraphQLError('查询接口结构（introspection）需要先登录或使用接口令牌', { extensions: { code: 'UNAUTHENTICATED' } })],
      });
    },
  };
}
