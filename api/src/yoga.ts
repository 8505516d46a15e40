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
import { MAX_FILE_BYTES, formatMb } from './import/format';

/** An upload (a multipart request) is the import file plus the multipart envelope around it. */
export const MAX_REQUEST_BYTES = MAX_FILE_BYTES + 1024 * 1024;
/** Any other request (JSON, a query string, form fields): yoga's own default, no more — its body is parsed whole. */
export const MAX_OTHER_REQUEST_BYTES = 25_000_000;

/** The answer to a body over its limit; `bytes` is the declared size, or null when it is only known to be over. */
export function payloadTooLargeMessage(bytes: number | null, limit = MAX_REQUEST_BYTES): string {
  const size = bytes === null ? `超过 ${formatMb(limit)}` : formatMb(bytes);
  return limit >= MAX_REQUEST_BYTES
    ? `请求过大（${size}），一次最多上传 ${formatMb(MAX_FILE_BYTES)}，请拆分后分批导入`
    : `请求过大（${size}），请求内容最多 ${formatMb(limit)}`;
}

const payloadTooLarge = (bytes: number | null, limit: number) =>
  new GraphQLError(payloadTooLargeMessage(bytes, limit), { extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } } });

/**
 * The request body's limit, in place of yoga's `maxRequestBodySize` (whose 25 MB would refuse the 100 MB imports the
 * README promises, and whose answer is English): MAX_REQUEST_BYTES for a multipart upload, 25 MB for anything else
 * (a JSON body is parsed in one go on the event loop). A declared Content-Length over it is refused before the body
 * is read (app.ts refuses the same for the HTTP server before yoga sees the request); a body without one
 * (Transfer-Encoding: chunked) is counted as it arrives and refused at the first byte beyond — 413
 * PAYLOAD_TOO_LARGE in Chinese either way, not the multipart parser's "invalid multipart data".
 */
function useRequestBodyLimit(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const limit = type === 'multipart/form-data' ? MAX_REQUEST_BYTES : MAX_OTHER_REQUEST_BYTES;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        // One non-negative integer only (a list of values is a request-smuggling attempt).
        if (!/^\d+$/.test(declared)) {
          throw new GraphQLError('请求头 Content-Length 无效', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
        if (Number(declared) > limit) throw payloadTooLarge(Number(declared), limit);
        // Within its limit, a declared body is exactly that long: Node's HTTP parser reads no byte past
        // Content-Length. Counting it again would pipe every request through a stream (~0.1 ms of CPU each).
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        let read = 0;
        let over = false;
        const body = req.body!;
        // As yoga's own limit does: a native ReadableStream needs the native TransformStream (graphql-yoga#4583).
        const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        const counted = body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              read += chunk.byteLength;
              if (read > limit) {
                over = true;
                controller.error(payloadTooLarge(null, limit));
                return;
              }
              controller.enqueue(chunk);
            },
          }),
        );
        const limited = new fetchAPI.Request(req.url, {
          method: req.method,
          headers: req.headers,
          signal: req.signal,
          body: counted,
          duplex: 'half',
        } as RequestInit);
        try {
          return await parse(limited);
        } catch (e) {
          // The multipart parser wraps whatever stopped the stream as "POST body sent invalid multipart data".
          if (over) throw payloadTooLarge(null, limit);
          throw e;
        }
      });
    },
  };
}

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
    // useRequestBodyLimit below: 100 MB uploads, and the answer in Chinese.
    maxRequestBodySize: false,
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
      useRequestBodyLimit(),
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
