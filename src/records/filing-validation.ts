// Turns untrusted input into a canonical Filing, or into a list of field-level problems.
// Check-digit failures are kept as data-quality warnings on the record: a typo in a container
// number must never make a consignment disappear from risk assessment.
import type { z } from 'zod';
import { filingSchema, type Filing } from './filing.schema.js';
import { isValidContainerNumber, isValidImoNumber } from './identifier-validators.js';
import { fastParseFiling } from './filing-fast-path.js';

export interface FieldProblem {
  /** Dotted path into the record, e.g. `goods.0.hsCode`. Empty for the record itself. */
  path: string;
  reason: string;
}

export interface DataQualityWarning {
  path: string;
  code: 'container_check_digit' | 'imo_check_digit' | 'mass_missing' | 'value_missing';
  message: string;
}

export type FilingValidation =
  | { ok: true; filing: Filing; warnings: DataQualityWarning[] }
  | { ok: false; problems: FieldProblem[] };

export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return {
        path,
        reason: `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`,
      };
    }
    return { path, reason: issue.message };
  });
}

export function dataQualityWarnings(filing: Filing): DataQualityWarning[] {
  const warnings: DataQualityWarning[] = [];
  filing.equipment.forEach((eq, i) => {
    if (!isValidContainerNumber(eq.containerNumber)) {
      warnings.push({
        path: `equipment.${i}.containerNumber`,
        code: 'container_check_digit',
        message: `container number ${eq.containerNumber} fails the ISO 6346 check digit`,
      });
    }
  });
  const imo = filing.transport.conveyance?.imoNumber;
  if (imo !== undefined && !isValidImoNumber(imo)) {
    warnings.push({
      path: 'transport.conveyance.imoNumber',
      code: 'imo_check_digit',
      message: `IMO number ${imo} fails its check digit`,
    });
  }
  filing.goods.forEach((g, i) => {
    if (g.netMassKg === undefined) {
      warnings.push({ path: `goods.${i}.netMassKg`, code: 'mass_missing', message: 'net mass not declared' });
    }
    if (g.value === undefined) {
      warnings.push({ path: `goods.${i}.value`, code: 'value_missing', message: 'value not declared' });
    }
  });
  return warnings;
}

/** The filing as the schema parses it: by the fast path when it is sure, else by zod. */
function parseFiling(input: unknown): { ok: true; filing: Filing } | { ok: false; problems: FieldProblem[] } {
  const fast = fastParseFiling(input);
  if (fast) return { ok: true, filing: fast };
  const parsed = filingSchema.safeParse(input);
  return parsed.success ? { ok: true, filing: parsed.data } : { ok: false, problems: problemsFromZod(parsed.error) };
}

export function validateFiling(input: unknown): FilingValidation {
  const parsed = parseFiling(input);
  if (!parsed.ok) return parsed;
  const filing = parsed.filing;
  const seqs = new Set<number>();
  const problems: FieldProblem[] = [];
  filing.goods.forEach((g, i) => {
    if (seqs.has(g.sequence)) problems.push({ path: `goods.${i}.sequence`, reason: `duplicate goods item sequence ${g.sequence}` });
    seqs.add(g.sequence);
  });
  const { loadingTime, arrivalTime } = filing.transport;
  if (loadingTime && arrivalTime && Date.parse(arrivalTime) < Date.parse(loadingTime)) {
    problems.push({ path: 'transport.arrivalTime', reason: 'arrival is before loading' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, filing, warnings: dataQualityWarnings(filing) };
}
