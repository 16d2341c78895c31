import type { RawAttribute, RawNode } from './decode-onnx-model.js';
import { type OnnxErrorSite, OnnxImportError } from './onnx-import-error.js';
import { int64ToNumber } from './onnx-long.js';

/** Attribute type codes of ONNX `AttributeProto.AttributeType`. */
const FLOAT = 1;
const INT = 2;
const STRING = 3;
const INTS = 7;

function find(node: RawNode, name: string): RawAttribute | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

function wrongType(name: string, expected: string, site: OnnxErrorSite): OnnxImportError {
  return new OnnxImportError(
    'unsupported-attribute',
    `attribute '${name}' must be ${expected}`,
    site,
  );
}

/** An INT attribute, or `fallback` when absent. */
export function intAttribute(
  node: RawNode,
  name: string,
  fallback: number,
  site: OnnxErrorSite,
): number {
  const a = find(node, name);
  if (a === undefined) return fallback;
  if (a.type !== INT) throw wrongType(name, 'an INT', site);
  return int64ToNumber(a.i);
}

/** A FLOAT attribute, or `fallback` when absent. */
export function floatAttribute(
  node: RawNode,
  name: string,
  fallback: number,
  site: OnnxErrorSite,
): number {
  const a = find(node, name);
  if (a === undefined) return fallback;
  if (a.type !== FLOAT) throw wrongType(name, 'a FLOAT', site);
  return a.f ?? 0;
}

/** An INTS attribute, or undefined when absent. */
export function intsAttribute(
  node: RawNode,
  name: string,
  site: OnnxErrorSite,
): number[] | undefined {
  const a = find(node, name);
  if (a === undefined) return undefined;
  if (a.type !== INTS) throw wrongType(name, 'INTS', site);
  return (a.ints ?? []).map((v) => int64ToNumber(v));
}

/** A STRING attribute (UTF-8), or undefined when absent. */
export function stringAttribute(
  node: RawNode,
  name: string,
  site: OnnxErrorSite,
): string | undefined {
  const a = find(node, name);
  if (a === undefined) return undefined;
  if (a.type !== STRING) throw wrongType(name, 'a STRING', site);
  return new TextDecoder().decode(a.s ?? new Uint8Array(0));
}

/** The raw attribute of that name (for `Constant`'s value forms). */
export function rawAttribute(node: RawNode, name: string): RawAttribute | undefined {
  return find(node, name);
}
