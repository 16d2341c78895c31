import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { BackendInfo } from '@latentkit/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { connectModelWorker, WorkerCallError, type WorkerLike } from './model-client.js';
import { type HostPort, type SessionRegistry, serveSessions } from './worker-host.js';
import { transferablesOf } from './worker-protocol.js';

const INFO: BackendInfo = { name: 'cpu', fellBack: false, simd: false, threads: 1 } as BackendInfo;

/** A MessagePort as the `onmessage`/`postMessage` object each side expects. */
function side(port: MessagePort): HostPort & WorkerLike {
  const s = {
    onmessage: null as ((e: { data: never }) => void) | null,
    postMessage(message: unknown, transfer?: Transferable[]) {
      port.postMessage(message, (transfer ?? []) as ArrayBuffer[]);
    },
  };
  port.on('message', (data) => s.onmessage?.({ data: data as never }));
  return s as unknown as HostPort & WorkerLike;
}

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

function connect(registry: SessionRegistry, wasmPaths?: string) {
  const channel = new MessageChannel();
  channels.push(channel);
  const seenPaths: unknown[] = [];
  serveSessions(side(channel.port2), registry, async (paths) => {
    seenPaths.push(paths);
    return INFO;
  });
  return { client: connectModelWorker(side(channel.port1), wasmPaths), seenPaths };
}

describe('the model worker protocol', () => {
  it('starts the backend with the page’s wasmPaths and reports it', async () => {
    const { client, seenPaths } = connect({}, 'http://localhost/tfjs-wasm/');
    expect(await client.backend).toEqual(INFO);
    expect(seenPaths).toEqual(['http://localhost/tfjs-wasm/']);
  });

  it('opens sessions, calls their methods, routes events, transfers results and disposes on close', async () => {
    let disposed = 0;
    let opened: unknown;
    let kept: Float32Array | undefined;
    const { client } = connect({
      demo: async () => async (options: never, emit) => {
        opened = options;
        return {
          methods: {
            double: (args: never) => {
              const { values } = args as { values: Float32Array };
              kept = Float32Array.from(values, (v) => 2 * v);
              emit('progress', { done: values.length });
              return { values: kept, n: values.length };
            },
            fail: () => {
              throw new RangeError('bad request');
            },
          },
          dispose: () => {
            disposed++;
          },
        };
      },
    });
    const session = await client.open('demo', { columns: 3 });
    expect(opened).toEqual({ columns: 3 });
    const events: unknown[] = [];
    session.on('progress', (p) => events.push(p));
    const result = await session.call<{ values: Float32Array; n: number }>('double', {
      values: new Float32Array([1, 2, 3]),
    });
    expect(Array.from(result.values)).toEqual([2, 4, 6]);
    expect(result.n).toBe(3);
    // The worker's array was transferred, not copied: its buffer is detached there.
    expect(kept!.byteLength).toBe(0);
    expect(events).toEqual([{ done: 3 }]);
    const error = await session.call('fail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCallError);
    expect((error as Error).name).toBe('RangeError');
    expect((error as Error).message).toBe('bad request');
    await expect(session.call('missing')).rejects.toThrow("no method 'missing'");
    session.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(disposed).toBe(1);
    await expect(session.call('double', { values: new Float32Array(1) })).rejects.toThrow('closed');
  });

  it('an unknown demo or a failing backend rejects', async () => {
    const { client } = connect({});
    await expect(client.open('nope', {})).rejects.toThrow("no demo 'nope'");
    const channel = new MessageChannel();
    channels.push(channel);
    serveSessions(side(channel.port2), {}, async () => {
      throw new Error('no wasm');
    });
    const failing = connectModelWorker(side(channel.port1));
    await expect(failing.backend).rejects.toThrow('no wasm');
    await expect(failing.open('demo', {})).rejects.toThrow('no wasm');
  });

  it('prepare runs the prefetch and loads the module before the backend is up; open still waits for it', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    let startBackend: (info: BackendInfo) => void = () => {};
    const events: string[] = [];
    const factory = async () => {
      events.push('open');
      return { methods: {} };
    };
    serveSessions(
      side(channel.port2),
      {
        demo: async () => {
          events.push('load demo');
          return factory;
        },
        failing: () => Promise.reject(new Error('no module')),
      },
      () => new Promise<BackendInfo>((resolve) => (startBackend = resolve)),
      (demo, options) => events.push(`prefetch ${demo} ${JSON.stringify(options)}`),
    );
    const client = connectModelWorker(side(channel.port1));
    client.prepare('nope', {});
    client.prepare('failing', {});
    client.prepare('demo', { assetBase: 'http://localhost/assets/' });
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual([
      'prefetch nope {}',
      'prefetch failing {}',
      'prefetch demo {"assetBase":"http://localhost/assets/"}',
      'load demo',
    ]);
    const opened = client.open('demo', {});
    await new Promise((r) => setTimeout(r, 20));
    expect(events.filter((e) => e === 'open')).toEqual([]);
    startBackend(INFO);
    await opened;
    expect(events.at(-1)).toBe('open');
  });

  it('transferablesOf takes whole-buffer typed arrays one level deep, never partial views', () => {
    const whole = new Float32Array(4);
    const part = new Float32Array(new ArrayBuffer(32), 8, 2);
    expect(transferablesOf(whole)).toEqual([whole.buffer]);
    expect(transferablesOf({ a: whole, b: part, c: 1, d: { e: new Uint8Array(2) } })).toEqual([
      whole.buffer,
    ]);
    expect(transferablesOf([whole, whole])).toEqual([whole.buffer]);
    expect(transferablesOf(null)).toEqual([]);
    expect(transferablesOf(new Float32Array(0))).toEqual([]);
  });
});
