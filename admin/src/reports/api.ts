// GraphQL calls of the report screens (indicators, rankings, exports, import): outside the CRUD convention, so
// they go through the same Apollo client and error translation as the data provider.
import { GRAPHQL_URL, graphqlRequest } from '../dataProvider/request';
import { translateError } from '../dataProvider/errors';

export const query = <T>(document: string, variables: Record<string, unknown> = {}): Promise<T> => graphqlRequest<T>(document, variables);
export const mutate = <T>(document: string, variables: Record<string, unknown> = {}): Promise<T> => graphqlRequest<T>(document, variables);

export interface Kpis {
  receivedCount: number;
  closedCount: number;
  firstContactRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  actualResolvedShare: number | null;
  satisfactionRate: number | null;
}
export const KPI_FIELDS = 'receivedCount closedCount firstContactRate onTimeRate resolutionRate actualResolvedShare satisfactionRate';

export type RateKey = 'firstContactRate' | 'onTimeRate' | 'resolutionRate' | 'actualResolvedShare' | 'satisfactionRate';
export type Indicator = 'RECEIVED' | 'CLOSED' | 'FIRST_CONTACT' | 'ON_TIME' | 'RESOLUTION' | 'ACTUAL_RESOLVED_SHARE' | 'SATISFACTION';

/** The five rates in the order the plan lists them, with the indicator that explains each. */
export const RATES: { key: RateKey; indicator: Indicator }[] = [
  { key: 'firstContactRate', indicator: 'FIRST_CONTACT' },
  { key: 'onTimeRate', indicator: 'ON_TIME' },
  { key: 'resolutionRate', indicator: 'RESOLUTION' },
  { key: 'actualResolvedShare', indicator: 'ACTUAL_RESOLVED_SHARE' },
  { key: 'satisfactionRate', indicator: 'SATISFACTION' },
];
export const RATE_OF: Partial<Record<Indicator, RateKey>> = Object.fromEntries(RATES.map((r) => [r.indicator, r.key]));

export type Targets = Record<RateKey, number>;
/** The campaign (百日攻坚) targets when the scheme cannot be read (a unit handler may not read the scheme). */
export const DEFAULT_TARGETS: Targets = { firstContactRate: 1, onTimeRate: 1, resolutionRate: 0.97, actualResolvedShare: 0.8, satisfactionRate: 0.93 };

export async function loadTargets(): Promise<Targets> {
  try {
    const d = await query<{ allScoringSchemes: Array<Record<string, number | null>> }>(
      `query { allScoringSchemes(perPage: 1, filter: { active: true }) { id tFirstContact tOnTime tResolution tActualShare tSatisfaction } }`,
    );
    const s = d.allScoringSchemes[0];
    if (!s) return DEFAULT_TARGETS;
    return {
      firstContactRate: s.tFirstContact ?? DEFAULT_TARGETS.firstContactRate,
      onTimeRate: s.tOnTime ?? DEFAULT_TARGETS.onTimeRate,
      resolutionRate: s.tResolution ?? DEFAULT_TARGETS.resolutionRate,
      actualResolvedShare: s.tActualShare ?? DEFAULT_TARGETS.actualResolvedShare,
      satisfactionRate: s.tSatisfaction ?? DEFAULT_TARGETS.satisfactionRate,
    };
  } catch {
    return DEFAULT_TARGETS;
  }
}

export interface ExportFile { filename: string; contentType: string; base64: string; rows: number }

/** Saves an exported file (base64 from the API) through the browser's download. */
export function download(file: ExportFile) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface ImportError { row: number; column: string | null; message: string; number: string | null }
export interface ImportResult { inserted: number; updated: number; unchanged: number; rows: number; errors: ImportError[]; notes: ImportError[]; notices: string[] }

const IMPORT_RESULT = 'inserted updated unchanged rows errors { row column message number } notes { row column message number } notices';
const IMPORT_OPERATIONS = {
  checkImport: `query($streetId: ID!, $file: File!) { checkImport(streetId: $streetId, file: $file) { ${IMPORT_RESULT} } }`,
  importTickets: `mutation($streetId: ID!, $file: File!) { importTickets(streetId: $streetId, file: $file) { ${IMPORT_RESULT} } }`,
};

/**
 * checkImport or importTickets as a GraphQL multipart request (the upload spec: operations, map, file) over
 * XMLHttpRequest, the only browser API that reports upload progress. Non-JSON POSTs need the csrf header (contract.md).
 */
export function uploadTickets(
  streetId: string,
  file: File,
  onProgress: (fraction: number) => void,
  operation: keyof typeof IMPORT_OPERATIONS = 'importTickets',
): Promise<ImportResult> {
  const operations = { query: IMPORT_OPERATIONS[operation], variables: { streetId, file: null } };
  const form = new FormData();
  form.append('operations', JSON.stringify(operations));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', GRAPHQL_URL);
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-graphql-yoga-csrf', '1');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new Error('rexian.error.network'));
    xhr.onload = () => {
      let body: { data?: Record<string, ImportResult>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new Error(xhr.status >= 500 ? 'rexian.error.server' : `HTTP ${xhr.status}`));
        return;
      }
      if (body.errors?.length) {
        try {
          translateError({ graphQLErrors: body.errors });
        } catch (e) {
          reject(e);
        }
        return;
      }
      onProgress(1);
      resolve(body.data![operation]!);
    };
    xhr.send(form);
  });
}
