// For tests: a value with every message in it replaced by its Vietnamese words, so that a test written against
// the sentences the domain built before messages had codes still checks the same words (renderVi).
import { isMessage, renderVi } from '../messages/index.ts';

export function inVi(x: unknown): unknown {
  if (isMessage(x)) return renderVi(x);
  if (Array.isArray(x)) return x.map(inVi);
  if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, inVi(v)]));
  }
  return x;
}
