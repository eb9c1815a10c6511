import { MOCK_FIELD_LIMITS } from './field-limits';
import type { ItemFindings } from './item-rules';
import { addError, addWarning, isObject, readText } from './item-rules';
import type { Language } from './post-codes';
import type { ServiceKind } from './service-codes';
import {
  BASIC_PAIRS,
  PAIRED_ONLY_BASIC_SERVICES,
  PHONE_DELIVERY_INSTRUCTION,
  RESTRICTED_ADDITIONAL_SERVICES,
  serviceKind,
} from './service-codes';

type BasicKind = Extract<ServiceKind, { kind: 'basic' }>;

function isValidBasicSet(basics: ReadonlyArray<{ code: string }>): boolean {
  const [only, second, third] = basics.map((entry) => entry.code);
  if (only === undefined || third !== undefined) return false;
  if (second === undefined) return !PAIRED_ONLY_BASIC_SERVICES.includes(only);
  return BASIC_PAIRS.some(([a, b]) => (a === only && b === second) || (a === second && b === only));
}

/**
 * The service codes of one item, the way the Barcode web service resolves them to a service
 * [V meanings §Z]: a code it does not know E1015 ("no service found"); no basic service, two
 * that are not a listed pair (GAS with ECO or PRI), or a letter service beside a parcel one
 * E1000 ("invalid combination of basic services"); an additional service that does not go with
 * the basic service E1001 ("additional service not combinable"): a letter-only one, bulky goods
 * (SP) beside anything but ECO or PRI, one the combination code already holds (PRISI + SI), or
 * the same one twice. Which combination gets which of the three codes is our reading [G].
 * A request with letter services only is refused with a field error: the simulator makes
 * parcel labels only.
 */
function checkServiceCodes(
  codes: readonly string[],
  path: string,
  findings: ItemFindings,
  language: Language,
): void {
  const known = codes.flatMap((code) => {
    const kind = serviceKind(code);
    return kind === undefined ? [] : [{ code, kind }];
  });
  if (known.length < codes.length) addError(findings, 'E1015', language);
  const basics = known.filter(
    (entry): entry is { code: string; kind: BasicKind } => entry.kind.kind === 'basic',
  );
  const letterBasics = known.filter((entry) => entry.kind.kind === 'letter-basic');
  if (basics.length === 0 && letterBasics.length > 0) {
    findings.fieldErrors.push({
      field: path,
      error: 'the simulator makes parcel labels only (no letter services)',
      rejectedValue: codes,
    });
    return;
  }
  const noBasicAtAll = basics.length === 0 && known.length === codes.length;
  if (letterBasics.length > 0 || noBasicAtAll || (basics.length > 0 && !isValidBasicSet(basics))) {
    addError(findings, 'E1000', language);
    return;
  }
  const underlying = new Set(basics.map((entry) => entry.kind.basic));
  const included = new Set(basics.flatMap((entry) => entry.kind.includes));
  const seen = new Set<string>();
  for (const { code, kind } of known) {
    if (kind.kind === 'basic') continue;
    const allowedWith = RESTRICTED_ADDITIONAL_SERVICES[code];
    if (
      kind.kind === 'letter-additional' ||
      included.has(code) ||
      seen.has(code) ||
      (allowedWith !== undefined && !allowedWith.some((basic) => underlying.has(basic)))
    ) {
      addError(findings, 'E1001', language);
    }
    seen.add(code);
  }
}

/**
 * `attributes.weight` in grams [V §A1, §Z]: optional; more than 5 digits E2036; below 0 E2037.
 * §Z gives E2037 as "weight must be > 0", yet a recorded request with `weight: 0` (and one with
 * `0.0`) got a label [C OCA cassettes `test_missing_language`, `test_2_missing_language`], so 0
 * is taken as "no weight given" and E2037 is left for negative weights. §Z's E2036 also covers
 * "over the maximum"; no source gives a maximum per service, so only the 5-digit bound is
 * checked. A fraction or a string is a schema violation (the XSD's `int`).
 */
function checkWeight(
  weight: unknown,
  path: string,
  findings: ItemFindings,
  language: Language,
): number | undefined {
  if (weight === undefined || weight === null) return undefined;
  if (typeof weight !== 'number' || !Number.isInteger(weight)) {
    findings.fieldErrors.push({
      field: `${path}.weight`,
      error: 'must be a whole number of grams',
      rejectedValue: weight,
    });
    return undefined;
  }
  if (weight < 0) addError(findings, 'E2037', language);
  else if (weight > MOCK_FIELD_LIMITS.item.weightGramsMax) addError(findings, 'E2036', language);
  else return weight;
  return undefined;
}

/**
 * Checks `item.attributes`: the service codes (1–10 characters each [V XSD v2.4, §Z]) and how
 * they combine, the free text, the delivery place and the weight.
 */
export function checkAttributes(
  attributes: unknown,
  path: string,
  findings: ItemFindings,
  language: Language,
): { przl: string[]; weightGrams: number | undefined } {
  if (!isObject(attributes)) {
    findings.fieldErrors.push({ field: path, error: 'must not be null' });
    return { przl: [], weightGrams: undefined };
  }
  const przl = attributes.przl;
  const maxCodeLength = MOCK_FIELD_LIMITS.item.przlCodeLength;
  const codes: string[] = [];
  if (!Array.isArray(przl) || przl.length === 0) {
    findings.fieldErrors.push({
      field: `${path}.przl`,
      error: 'must not be empty',
      rejectedValue: przl,
    });
  } else {
    przl.forEach((code, index) => {
      // The XSD's 1–10 characters; the REST API's own codes (NOTIME_PickupPoint) are longer.
      const known = typeof code === 'string' && serviceKind(code) !== undefined;
      if (
        typeof code !== 'string' ||
        code.length === 0 ||
        (code.length > maxCodeLength && !known)
      ) {
        findings.fieldErrors.push({
          field: `${path}.przl[${index}]`,
          error: `size must be between 1 and ${maxCodeLength}`,
          rejectedValue: code,
        });
      } else {
        codes.push(code);
      }
    });
    if (codes.length === przl.length) checkServiceCodes(codes, `${path}.przl`, findings, language);
  }
  readText(attributes, 'freeText', MOCK_FIELD_LIMITS.item.freeText, path, findings);
  readText(attributes, 'deliveryPlace', MOCK_FIELD_LIMITS.item.deliveryPlace, path, findings);
  const weightGrams = checkWeight(attributes.weight, path, findings, language);
  return { przl: codes, weightGrams };
}

/**
 * W2005 [V §Z]: the recipient's phone number is given without delivery instruction ZAW3213,
 * the one it is for. A warning: the label is still made.
 */
export function checkPhoneInstruction(
  recipient: Record<string, unknown>,
  przl: readonly string[],
  findings: ItemFindings,
  language: Language,
): void {
  const phone = recipient.phone;
  if (
    typeof phone === 'string' &&
    phone.trim() !== '' &&
    !przl.includes(PHONE_DELIVERY_INSTRUCTION)
  )
    addWarning(findings, 'W2005', language);
}
