import type { estypes } from '@elastic/elasticsearch';
import type { Occupation, OccupationDetailResponse } from '@jobportal/contracts';

const OCCUPATION_CODE = /^(\d{2}-\d{4})(\.\d{2})?$/;

/** "29-1141.00" (O*NET-SOC) or "29-1141" (SOC 2018 detailed); null for anything else. */
export function parseOccupationCode(code: string): { socCode: string; onetCode: string | null } | null {
  const m = OCCUPATION_CODE.exec(code.trim());
  if (!m) return null;
  return { socCode: m[1], onetCode: m[2] ? `${m[1]}${m[2]}` : null };
}

/** Every O*NET-SOC occupation under one SOC 2018 code (rarely more than ten), in code order. */
export function buildOccupationsBySocRequest(index: string, socCode: string): estypes.SearchRequest {
  return {
    index,
    size: 100,
    query: { bool: { filter: [{ term: { soc_code: socCode } }] } },
    sort: [{ onet_code: { order: 'asc' } }],
    _source: ['onet_code', 'title', 'profile'],
  };
}

/**
 * The occupation a code names, and its siblings under the same SOC code. A SOC code names its
 * ".00" occupation (the one O*NET titles like the SOC code; every SOC code has one in O*NET 29.3),
 * else the first; null when the code names nothing.
 */
export function mapOccupationsBySoc(
  res: estypes.SearchResponse,
  code: { socCode: string; onetCode: string | null },
): Pick<OccupationDetailResponse, 'occupation' | 'siblings'> | null {
  const found = res.hits.hits.map((h) => h._source as { onet_code: string; title: string; profile: Occupation });
  if (found.length === 0) return null;
  const chosen = code.onetCode
    ? found.find((o) => o.onet_code === code.onetCode)
    : (found.find((o) => o.onet_code === `${code.socCode}.00`) ?? found[0]);
  if (!chosen) return null;
  return {
    occupation: chosen.profile,
    siblings: found.filter((o) => o !== chosen).map((o) => ({ onetCode: o.onet_code, title: o.title })),
  };
}
