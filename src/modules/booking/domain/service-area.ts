import { isValid, match, parse, toNormalised } from 'postcode';
import { ValidationError } from '../../../shared/domain/domain-error';

/** A UK postcode area ("N", "SW") or outward code / district ("N1", "SW1A", "SW1"). */
const AREA = /^[A-Z]{1,2}$/;
const OUTWARD = /^[A-Z]{1,2}\d[A-Z\d]?$/;

export const MAX_SERVICE_AREAS = 100;

/** Normalizes and checks what an admin gives as a technician's service areas. */
export function normalizeServiceAreas(areas: string[], field = 'serviceAreas'): string[] {
  if (areas.length > MAX_SERVICE_AREAS) throw new ValidationError(field, `at most ${MAX_SERVICE_AREAS} areas`);
  const normalized = areas.map((a) => (typeof a === 'string' ? a.replace(/\s+/g, '').toUpperCase() : ''));
  const bad = normalized.find((a) => !AREA.test(a) && !OUTWARD.test(a));
  if (bad !== undefined) throw new ValidationError(field, `"${bad}" is not a UK postcode area (N, SW) or district (N1, SW1A)`);
  return [...new Set(normalized)].sort();
}

/** A full UK postcode, normalized ("sw1a1aa" -> "SW1A 1AA"), or a 400 naming the field. */
export function normalizePostcode(value: string, field = 'postcode'): string {
  const normalized = isValid(value) ? toNormalised(value) : null;
  if (!normalized) throw new ValidationError(field, 'must be a valid UK postcode, e.g. N1 1AA');
  return normalized;
}

/** The UK postcode written in a visit address (the last one when several), normalized. */
export function postcodeInAddress(address: string, field = 'address'): string {
  const found = match(address.toUpperCase()).filter((p) => isValid(p));
  if (!found.length) throw new ValidationError(field, 'must contain a valid UK postcode, e.g. "1 High Street, London N1 1AA"');
  return normalizePostcode(found[found.length - 1], field);
}

/**
 * The service-area keys a postcode falls in, most specific first: its outward code ("SW1A"),
 * its district ("SW1") and its area ("SW"). A technician covers the postcode when their areas
 * share one of these keys.
 */
export function areaKeysOf(postcode: string): string[] {
  const p = parse(postcode);
  if (!p.valid) return [];
  return [...new Set([p.outcode, p.district, p.area])];
}

export const coversPostcode = (areas: readonly string[], postcode: string): boolean => areaKeysOf(postcode).some((k) => areas.includes(k));
