// Which changes a caller hears: the street boundary (auth/scope.ts) applied to change notifications. A street account
// never hears of another street's rows, a unit handler only of its unit's; district accounts hear every street.
import { callerScope } from '../auth/scope';
import type { Principal } from '../repos/auth';
import type { Change } from './feed';

/** The change as this caller may see it, or null when none of it is theirs. */
export function changeFor(principal: Principal, change: Change): Change | null {
  const scope = callerScope(principal);
  if (scope.unitId !== null) {
    // A handler: its unit's rows only. Unknown units (after a reconnect) are announced without ids.
    if (change.units === null) return { ...change, ids: null, streets: scope.streetId === null ? null : [scope.streetId], units: [scope.unitId] };
    return change.units.includes(scope.unitId) ? { ...change, ids: change.units.length === 1 ? change.ids : null, units: [scope.unitId], streets: scope.streetId === null ? change.streets : [scope.streetId] } : null;
  }
  if (scope.streetId === null) return change;
  if (change.streets === null) return { ...change, ids: null, streets: [scope.streetId], units: null };
  if (!change.streets.includes(scope.streetId)) return null;
  // Ids of a statement that also touched another street's rows could name rows the caller may not see: omit them.
  return change.streets.length === 1 ? { ...change, streets: [scope.streetId] } : { ...change, ids: null, streets: [scope.streetId], units: null };
}
