// Cookie-session auth against the API: login/logout mutations set and clear an HttpOnly cookie; `me` says who
// is signed in, and with what rights (`permissions`, from the API's own rules: access.ts). Any operation failing
// with UNAUTHENTICATED signs the user out (checkError).
import type { AuthProvider } from 'react-admin';
import { HttpError } from 'react-admin';
import { permissionsFrom, permits, type Permissions, type ResourcePermission } from './access';
import { operationsOf } from './schema';
import { graphqlRequest } from './dataProvider/request';
import { codeOf, graphQLErrorsOf } from './dataProvider/errors';
import { LANDING } from './work/landing';

export interface Me {
  id: string;
  username: string;
  role: string;
  unitId?: string | null;
  displayName?: string | null;
  permissions?: ResourcePermission[];
  operations?: string[];
  canRevealPersonalData?: boolean;
}

/** A GraphQL call whose errors keep the server's message and code (checkError and the login page read them). */
async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  try {
    return await graphqlRequest<T>(query, variables, { raw: true });
  } catch (error) {
    const errors = (error as { graphQLErrors?: Array<{ message: string; extensions?: { code?: string } }> }).graphQLErrors;
    if (!errors?.length) throw error;
    throw new HttpError(errors[0]!.message, 400, { errors: undefined, graphQLErrors: errors, code: errors[0]!.extensions?.code });
  }
}

let cached: { me: Me | null; at: number; permissions: Permissions | null } | undefined;
const CACHE_MS = 30_000;

async function currentUser(force = false): Promise<Me | null> {
  if (!force && cached && Date.now() - cached.at < CACHE_MS) return cached.me;
  const data = await gql<{ me: Me | null }>('query Me { me { id username role unitId displayName canRevealPersonalData permissions { resource read write } operations } }');
  // One Permissions object per fetch: usePermissions consumers see a stable value between refreshes.
  cached = { me: data.me, at: Date.now(), permissions: data.me ? permissionsFrom(data.me) : null };
  return data.me;
}

async function currentPermissions(): Promise<Permissions | null> {
  const me = await currentUser();
  return me ? (cached?.permissions ?? permissionsFrom(me)) : null;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    cached = undefined;
    try {
      await gql('mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { id username role } }', { username, password });
    } catch (e) {
      const code = (e as HttpError).body?.code;
      // The API's own message (wrong password, account locked, …) is already in Chinese and precise.
      if (code === 'UNAUTHENTICATED' || code === 'BAD_USER_INPUT' || code === 'FORBIDDEN' || code === 'RATE_LIMITED') throw new Error((e as Error).message || 'ra.auth.sign_in_error');
      throw e;
    }
    const me = await currentUser(true);
    const landing = me ? LANDING[me.role] : undefined;
    return landing ? { redirectTo: landing } : undefined;
  },
  async logout() {
    cached = { me: null, at: Date.now(), permissions: null };
    try {
      await gql('mutation Logout { logout }');
    } catch {
      /* already signed out or offline: the login page is the right place either way */
    }
  },
  async checkAuth() {
    const me = await currentUser().catch((e) => {
      if ((e as HttpError).status === 0) throw e; // offline: do not pretend the session ended
      return null;
    });
    if (!me) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: unknown) {
    const status = (error as { status?: number })?.status;
    const code = (error as { body?: { code?: string } })?.body?.code ?? codeOf(error);
    if (code === 'UNAUTHENTICATED' || status === 401 || graphQLErrorsOf(error).some((g) => g.extensions?.code === 'UNAUTHENTICATED')) {
      cached = undefined;
      throw new Error('ra.notification.logged_out');
    }
    // FORBIDDEN and everything else: stay signed in, the page shows the error.
  },
  async getIdentity() {
    const me = await currentUser();
    if (!me) throw new Error('ra.auth.auth_check_error');
    return { id: me.id, fullName: me.displayName || me.username, role: me.role, unitId: me.unitId, username: me.username };
  },
  /** The API's `me.permissions` and `me.canRevealPersonalData` with the role (access.ts `Permissions`). */
  async getPermissions(): Promise<Permissions | null> {
    return currentPermissions().catch(() => null);
  },
  async canAccess({ resource, action }) {
    const permissions = await currentPermissions().catch(() => null);
    if (!resource || !permissions) return false;
    const ops = operationsOf(resource);
    if (!ops.list) return false;
    if (action === 'edit' && !ops.update) return false;
    if (action === 'create' && !ops.create) return false;
    if (action === 'delete' && !ops.delete) return false;
    if (action === 'show' && !ops.one) return false;
    return permits(permissions, resource, action);
  },
};

/** Forget the cached identity (tests, a role change). */
export const resetAuthCache = () => {
  cached = undefined;
};
