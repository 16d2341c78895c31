import type { BackendInfo } from '@latentkit/tensor';
import { withBase } from 'vitepress';
import { defineComponent, h, onBeforeUnmount, onMounted, ref } from 'vue';
import { ASSETS_PATH, ensureBackend, WASM_PATH } from '../backend.js';

/** What a demo module's `mountXxx(element, options)` returns. */
export interface DemoHandle {
  /** Resolves when the demo shows its first output (optional). */
  readonly ready?: Promise<void>;
  dispose(): void;
}

/** The options every demo's mount function receives from the page. */
export interface DemoHostOptions {
  /** Base URL of `apps/docs/assets/` in the built site (`<base>assets/`). */
  assetBase: string;
  /** Base URL of the tfjs `.wasm` files, as passed to `initBackend`. */
  wasmPaths: string;
  /** The backend the page already started (the demo need not call `initBackend`). */
  backend: BackendInfo;
}

type MountFunction = (element: HTMLElement, options: DemoHostOptions) => DemoHandle;

// Every demo module in apps/docs/demos, loaded only on its own page. A page names its module;
// until the file exists the page shows a placeholder instead.
const modules = import.meta.glob<Record<string, unknown>>([
  '../../../../demos/*.ts',
  '../../../../demos/*/index.ts',
  '../../../../demos/*/mount-*.ts',
  '!../../../../demos/index.ts',
  '!../../../../demos/**/*.test.ts',
]);

/**
 * The loader of demo `name` — `demos/<name>.ts`, `demos/<name>/index.ts` or
 * `demos/<name>/mount-<name>.ts` — if it exists.
 */
export function findDemoModule(name: string): (() => Promise<Record<string, unknown>>) | undefined {
  const base = '../../../../demos';
  return (
    modules[`${base}/${name}.ts`] ??
    modules[`${base}/${name}/index.ts`] ??
    modules[`${base}/${name}/mount-${name}.ts`]
  );
}

/** The module's mount function: the export named `exportName`, or its only `mount*` export. */
export function pickMount(
  mod: Record<string, unknown>,
  exportName?: string,
): MountFunction | undefined {
  if (exportName) {
    const f = mod[exportName];
    return typeof f === 'function' ? (f as MountFunction) : undefined;
  }
  const mounts = Object.entries(mod).filter(
    ([key, value]) => /^mount[A-Z]/.test(key) && typeof value === 'function',
  );
  return mounts.length === 1 ? (mounts[0]![1] as MountFunction) : undefined;
}

/**
 * Mounts a framework-agnostic demo module (`demos/<name>.ts` exporting
 * `mountXxx(element, options): { dispose() }`) on the client, after the backend is ready;
 * disposes it when the page is left. `data-demo-state` is `placeholder`, `loading`,
 * `mounted`, `ready` (the handle's `ready` resolved) or `error`.
 */
export const LiveDemo = defineComponent({
  name: 'LiveDemo',
  props: {
    /** Module name under `apps/docs/demos/`. */
    name: { type: String, required: true },
    /** Export to call; default: the module's only `mount*` export. */
    export: { type: String, required: false },
  },
  setup(props) {
    const root = ref<HTMLElement>();
    const state = ref<'placeholder' | 'loading' | 'mounted' | 'ready' | 'error'>('loading');
    const message = ref('');
    let handle: DemoHandle | undefined;
    let left = false;

    onMounted(async () => {
      const load = findDemoModule(props.name);
      if (!load) {
        state.value = 'placeholder';
        return;
      }
      try {
        const [mod, backend] = await Promise.all([load(), ensureBackend()]);
        const mount = pickMount(mod, props.export);
        if (!mount) throw new Error(`demos/${props.name}.ts has no single mount* export`);
        if (left || !root.value) return;
        handle = mount(root.value, {
          assetBase: withBase(ASSETS_PATH),
          wasmPaths: withBase(WASM_PATH),
          backend,
        });
        state.value = 'mounted';
        if (handle.ready) {
          await handle.ready;
          if (!left) state.value = 'ready';
        }
      } catch (error) {
        state.value = 'error';
        message.value = error instanceof Error ? error.message : String(error);
        console.error(`[docs] demo ${props.name} failed`, error);
      }
    });
    onBeforeUnmount(() => {
      left = true;
      handle?.dispose();
      handle = undefined;
    });

    return () =>
      h('div', { class: 'lk-demo', 'data-demo': props.name, 'data-demo-state': state.value }, [
        state.value === 'placeholder'
          ? h('div', { class: 'lk-demo__placeholder custom-block info' }, [
              h('p', { class: 'custom-block-title' }, 'Demo coming soon'),
              h('p', [
                'This demo is being built: its module ',
                h('code', `apps/docs/demos/${props.name}/index.ts`),
                ' is not in this build yet.',
              ]),
            ])
          : null,
        state.value === 'loading'
          ? h('p', { class: 'lk-demo__loading' }, 'Loading the demo…')
          : null,
        state.value === 'error'
          ? h('div', { class: 'custom-block danger' }, [
              h('p', { class: 'custom-block-title' }, 'The demo failed to start'),
              h('p', message.value),
            ])
          : null,
        // vp-raw: the demo's own styles, not the page's (see postcssIsolateStyles in the config).
        h('div', { ref: root, class: 'lk-demo__mount vp-raw' }),
      ]);
  },
});
