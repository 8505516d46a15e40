// The GraphQL endpoint, exported for tests (yoga.fetch in process) and mounted by the HTTP server.
import { createYoga, type Plugin } from 'graphql-yoga';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { schema } from './schema/index';
import { buildContext, useOneConnection, useCacheReset, type AppServices, type Context } from './context';
import { TOKEN_RATE_LIMIT, useTokenRateLimit } from './security/rateLimit';
import { useAbuseLimits } from './security/limits';
import { databaseFailure } from './security/dbErrors';
import { useDatabaseUnitScope } from './db/scope';
import { useOperationGate } from './auth/gate';
import { useStreetArguments } from './auth/streetArgs';
import { useOriginPolicy } from './security/origins';
import { useSecurityHeaders } from './security/headers';
import { useIntrospectionRule } from './security/introspection';

/** Cookies set by resolvers (login/logout) reach the response through this map. */
const pendingCookies = new WeakMap<Request, string[]>();

function useResponseCookies(): Plugin {
  return {
    onResponse({ request, response }) {
      for (const c of pendingCookies.get(request) ?? []) response.headers.append('set-cookie', c);
    },
  };
}

/**
 * Form posts (multipart, urlencoded, text/plain) can be sent cross-site without a preflight, so they must carry
 * `x-graphql-yoga-csrf` (contract.md). JSON posts and GET queries need a preflight or cannot mutate.
 */
function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const simple = type === '' || type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded' || type === 'text/plain';
      if (simple && !request.headers.has('x-graphql-yoga-csrf')) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: '缺少 x-graphql-yoga-csrf 请求头', extensions: { code: 'BAD_REQUEST' } }] }),
            { status: 403, headers: { 'content-type': 'application/json' } },
          ),
        );
      }
    },
  };
}

export function createApiYoga(services: AppServices) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // Development only, and from the bundled @graphql-yoga/render-graphiql (yoga's default loads from a CDN);
    // imported on first use, so production never loads its 9 MB.
    graphiql: !services.production && { title: 'Rexian GraphQL' },
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    landingPage: false,
    // yoga's default CORS echoes any Origin with credentials; useOriginPolicy answers for origins instead.
    cors: false,
    // Client errors are answers, not incidents; unexpected ones are logged by maskError below.
    logging: 'warn',
    maskedErrors: {
      isDev: false,
      maskError: (error, message) => {
        // Duck-typed: under test runners graphql may be loaded twice (ESM and CJS), defeating instanceof.
        const e = error as GraphQLError;
        if (e && typeof e === 'object' && e.name === 'GraphQLError') {
          const original = e.originalError as GraphQLError | undefined;
          // graphql's located error already carries the original's extensions (our code).
          if (original?.name === 'GraphQLError' && typeof original.extensions?.code === 'string') return e;
          if (!original || !e.path) return e; // parse, validation and variable errors: about the request
        }
        const db = databaseFailure((error as GraphQLError).originalError ?? error);
        if (db) {
          console.error('[graphql] database failure:', ((error as GraphQLError).originalError as Error)?.message ?? db.message);
          return new GraphQLError(db.message, { extensions: db.extensions, path: (error as GraphQLError).path });
        }
        console.error('[graphql] unexpected error:', (error as GraphQLError).originalError ?? error);
        return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      },
    },
    context: async (initial) => {
      const ctx = await buildContext(services, initial);
      pendingCookies.set(initial.request, ctx.setCookies);
      return ctx;
    },
    plugins: [
      // First: a foreign Origin is refused before anything is parsed or run.
      useOriginPolicy(services.allowedOrigins ?? []),
      useSecurityHeaders({ production: services.production }),
      useCsrfPrevention(),
      useTokenRateLimit(services.limits?.tokenRate ?? TOKEN_RATE_LIMIT, services.db),
      useResponseCookies(),
      // Role × operation (auth/operations.ts), before anything executes.
      useOperationGate(),
      // The street boundary for id arguments (auth/streetArgs.ts): another street's is NOT_FOUND before execution.
      useStreetArguments(),
      // Introspection for signed-in callers and tokens only (also in production).
      useIntrospectionRule(),
      useAbuseLimits({ production: services.production, maxCost: services.limits?.maxCost }),
      useDatabaseUnitScope(services.dbUnitScope ?? true),
      useOneConnection(),
      useCacheReset(services),
      EnvelopArmorPlugin({
        maxDepth: { n: 10 },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 5000 },
        costLimit: { maxCost: 20000 },
        blockFieldSuggestion: { enabled: services.production },
      }),
    ],
  });
}
