import { UnknownOptionError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { uniqueIdentifiers } from './hdl/identifier.js';
import {
  axiStreamTestbench,
  axiStreamWrapper,
  cxxrtlTestbench,
  layerModule,
  nexysTop,
  sanitizeIdentifier,
  uartBench,
  vaeVectors,
  verilogTestbench,
} from './index.js';
import { runProcess } from './node/run-process.js';
import {
  compileCxxrtl,
  simulateAxiStream,
  simulateCxxrtl,
  simulateIverilog,
  simulateUart,
  simulateVerilator,
  synthesize,
} from './node.js';
import { activationModule } from './units/activation-module.js';

// Each call passes only a misspelled option: the key check comes first, so the other arguments
// are never read.
const _ = undefined as never;
const cases: [
  name: string,
  call: (options: never) => unknown,
  misspelled: string,
  valid: string,
][] = [
  ['nexysTop', (o) => nexysTop(_, o), 'names', 'name'],
  ['sanitizeIdentifier', (o) => sanitizeIdentifier(_, o), 'prefixs', 'prefix'],
  ['uniqueIdentifiers', (o) => uniqueIdentifiers(_, o), 'prefixs', 'prefix'],
  ['layerModule', (o) => layerModule(_, _, o), 'laness', 'lanes'],
  ['runProcess', (o) => runProcess(_, _, o), 'cwds', 'cwd'],
  ['compileCxxrtl', (o) => compileCxxrtl(_, o), 'dirs', 'dir'],
  ['simulateUart', (o) => simulateUart(_, _, o), 'signals', 'signal'],
  ['synthesize', (o) => synthesize(_, o), 'devices', 'device'],
  ['cxxrtlTestbench', (o) => cxxrtlTestbench(_, o), 'timeoutcycles', 'timeoutCycles'],
  ['vaeVectors', (o) => vaeVectors(_, _, o), 'samples', 'sample'],
  ['uartBench', (o) => uartBench(_, _, o), 'clksperbit', 'clksPerBit'],
  ['verilogTestbench', (o) => verilogTestbench(_, _, o), 'timeoutcycles', 'timeoutCycles'],
  ['activationModule', (o) => activationModule(_, _, _, _, _, o), 'romstyle', 'romStyle'],
  ['simulateCxxrtl', (o) => simulateCxxrtl(_, _, o), 'timeoutms', 'timeoutMs'],
  ['simulateIverilog', (o) => simulateIverilog(_, _, o), 'timeoutms', 'timeoutMs'],
  ['simulateVerilator', (o) => simulateVerilator(_, _, o), 'timeoutms', 'timeoutMs'],
  ['axiStreamWrapper', (o) => axiStreamWrapper(_, o), 'names', 'name'],
  ['axiStreamTestbench', (o) => axiStreamTestbench(_, _, o), 'badpackets', 'badPackets'],
  ['simulateAxiStream', (o) => simulateAxiStream(_, _, o), 'simulators', 'simulator'],
];

describe('unknown option keys', () => {
  it.each(cases)(
    '%s refuses a misspelled key, naming it and the valid ones',
    async (_name, call, bad, valid) => {
      let error: unknown;
      try {
        await call({ [bad]: 1 } as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnknownOptionError);
      expect((error as Error).message).toContain(`"${bad}"`);
      expect((error as Error).message).toContain(`"${valid}"`);
    },
  );
});
