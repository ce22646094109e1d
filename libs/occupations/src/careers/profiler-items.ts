import { RIASEC_KEYS } from '../onet/occupation';
import { cell, numberCell, OccupationDataError, readTable, type TableSource } from '../onet/read-table';
import type { ProfilerItem, RiasecKey } from './profiler';

export const INTEREST_PROFILER_ITEMS: TableSource = {
  label: 'O*NET Interest Profiler Short Form items',
  paths: ['onet/interest_profiler_short_form_items.csv'],
  columns: ['Item', 'Element ID', 'Element Name', 'Activity'],
};

export const INTEREST_PROFILER_ATTRIBUTION =
  'Interest items from the O*NET Interest Profiler Short Form, by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), developed by the National Center for O*NET Development. O*NET® is a trademark of USDOL/ETA. Used under the O*NET Career Exploration Tools terms.';

/** The 60 items in presentation order; refuses a table that is not 10 items for each area. */
export async function loadInterestProfilerItems(dataDir: string): Promise<ProfilerItem[]> {
  const rows = await readTable(dataDir, INTEREST_PROFILER_ITEMS);
  const items = rows
    .map((r): ProfilerItem => {
      const area = (cell(r, 'Element Name') ?? '').toLowerCase() as RiasecKey;
      return { item: numberCell(r, 'Item') ?? 0, area, elementId: cell(r, 'Element ID') ?? '', text: cell(r, 'Activity') ?? '' };
    })
    .sort((a, b) => a.item - b.item);
  const perArea = RIASEC_KEYS.map((k) => items.filter((i) => i.area === k).length);
  if (items.length !== 60 || perArea.some((n) => n !== 10) || items.some((it, i) => it.item !== i + 1 || !it.text)) {
    throw new OccupationDataError(`${INTEREST_PROFILER_ITEMS.paths[0]} must hold items 1-60, ten for each RIASEC area (found ${items.length}).`);
  }
  return items;
}
