import { expect } from 'vitest';
import type { RawGraph, RawNode } from '../decode-onnx-model.js';
import { OnnxImportError, type OnnxProblem } from '../onnx-import-error.js';

/** What an {@link OnnxImportError} must say (`graph` unchecked when absent). */
export interface Expected {
  problem: OnnxProblem;
  graph?: string;
  node?: string;
  op?: string;
  message?: RegExp;
}

/**
 * Runs `run`, expects it to throw an {@link OnnxImportError} with the expected problem, site and
 * message, and returns the error.
 */
export function expectOnnxError(run: () => unknown, expected: Expected): OnnxImportError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OnnxImportError);
  const error = caught as OnnxImportError;
  expect(error.code).toBe('ONNX_IMPORT');
  expect({ problem: error.problem, graph: error.graph, node: error.node, op: error.op }).toEqual({
    problem: expected.problem,
    graph: expected.graph ?? error.graph,
    node: expected.node,
    op: expected.op,
  });
  if (expected.message) expect(error.message).toMatch(expected.message);
  return error;
}

/** The node of that name in a graph (a missing one fails the test). */
export function node(graph: RawGraph, name: string): RawNode {
  const found = graph.node?.find((n) => n.name === name);
  if (found === undefined) throw new Error(`no node ${name}`);
  return found;
}
