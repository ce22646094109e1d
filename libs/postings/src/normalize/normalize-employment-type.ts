import type { EmploymentType } from '@jobportal/contracts';
import { cleanString } from './normalize-text';

export interface EmploymentTypeInput {
  /**
   * LinkedIn `formatted_work_type` ("Full-time") or `work_type` ("FULL_TIME"), Craigslist
   * `employment_type` ("full-time", "contract", "part-time", "employee's choice").
   */
  field?: unknown;
  title?: unknown;
  description?: unknown;
}

const FIELD_VALUES: ReadonlyArray<readonly [RegExp, EmploymentType]> = [
  [/^(?:full(?:[\s-]?time)?|ft|permanent|regular|perm|fulltime|full time employee)$/, 'full_time'],
  [/^(?:part(?:[\s-]?time)?|pt|parttime)$/, 'part_time'],
  [/^(?:contract(?:or)?|contract to hire|contract-to-hire|freelance|1099|c2c|corp to corp|consultant|per diem)$/, 'contract'],
  [/^(?:temporary|temp|seasonal|temp to hire|temp-to-hire)$/, 'temporary'],
  [/^(?:intern(?:ship)?|co-?op)$/, 'internship'],
  [/^(?:volunteer(?:ing)?|unpaid)$/, 'volunteer'],
  // Craigslist "employee's choice": the employer offers several arrangements.
  [/^(?:other|employee'?s choice|various|multiple)$/, 'other'],
];

const TITLE_RULES: ReadonlyArray<readonly [RegExp, EmploymentType]> = [
  [/\b(?:intern|interns|internship|co-?op)\b/i, 'internship'],
  [/\bpart[\s-]?time\b/i, 'part_time'],
  [/\bcontract[\s-]to[\s-]hire\b|\bcontractor\b|\b1099\b|(?:^|[([,|/–-]\s*)contract(?:\s+(?:role|position|only|job|assignment|basis))?\s*(?:[)\]|,/–-]|$)/i, 'contract'],
  [/\b(?:temporary|seasonal)\b|(?:^|[([,|/–-]\s*)temp\s*(?:[)\]|,/–-]|$)/i, 'temporary'],
  [/\bvolunteer\b/i, 'volunteer'],
  [/\bfull[\s-]?time\b/i, 'full_time'],
];

/*
 * Description phrases, each with a word it must contain; the earliest phrase wins ("full-time or
 * part-time" is full_time). Bare "contract" is not enough ("contract management", "government contracts").
 */
const TEXT_RULES: ReadonlyArray<readonly [RegExp, EmploymentType, string]> = [
  [/\bfull[\s-]?time\b/i, 'full_time', 'time'],
  [/\bpart[\s-]?time\b/i, 'part_time', 'time'],
  [/\bcontract[\s-]to[\s-]hire\b|\bcontract (?:position|role|job|basis|opportunity|assignment|employee|engagement)\b|\b(?:on|is) a (?:\d+[\s-]months?\s+|short[\s-]term\s+|long[\s-]term\s+)?contract\b|\b\d+[\s-]months? contract\b|\b(?:w2|1099|c2c) contract\b/i, 'contract', 'contract'],
  [/\bfreelance (?:position|role|basis)\b/i, 'contract', 'freelance'],
  [/\btemporary (?:position|role|job|assignment|employee|employment|basis|opportunity)\b/i, 'temporary', 'temporary'],
  [/\bseasonal (?:position|role|job|employment)\b/i, 'temporary', 'seasonal'],
  [/\b(?:this|the|our|summer|paid|unpaid) internship\b|\binternship (?:position|program|opportunity|role)\b/i, 'internship', 'internship'],
  [/\bvolunteer (?:position|role|opportunity)\b/i, 'volunteer', 'volunteer'],
];

function fromField(v: unknown): EmploymentType | null {
  const s = cleanString(v);
  if (!s) return null;
  const k = s.toLowerCase().replace(/[_]+/g, ' ').replace(/\s+/g, ' ').replace(/[’`]/g, "'").trim();
  for (const [re, type] of FIELD_VALUES) if (re.test(k)) return type;
  return null;
}

function fromTitle(v: unknown): EmploymentType | null {
  const s = cleanString(v);
  if (!s) return null;
  for (const [re, type] of TITLE_RULES) if (re.test(s)) return type;
  return null;
}

function fromDescription(v: unknown): EmploymentType | null {
  if (typeof v !== 'string' || !v) return null;
  const lower = v.toLowerCase();
  let best: EmploymentType | null = null;
  let bestAt = Infinity;
  for (const [re, type, word] of TEXT_RULES) {
    // A cheap substring test first: most descriptions never say "volunteer" or "seasonal".
    if (!lower.includes(word)) continue;
    const m = re.exec(v);
    if (m && m.index < bestAt) {
      best = type;
      bestAt = m.index;
    }
  }
  return best;
}

/**
 * Full-time / part-time / contract / ... from the source's field when it has one, else from the
 * title ("(Part-Time)", "- Contract", "Contractor", "Intern"), else from the description
 * (the earliest of "full-time", "part-time", "contract position", "temporary role", ...).
 */
export function normalizeEmploymentType(input: EmploymentTypeInput): EmploymentType | null {
  return fromField(input.field) ?? fromTitle(input.title) ?? fromDescription(input.description);
}
