import { defineComponent, h, onMounted, ref } from 'vue';
import { describeBackend, ensureBackend } from '../backend.js';

/**
 * Shows which tfjs backend the page runs on, as `initBackend` reported it. The element carries
 * `data-backend` ("wasm", "cpu", "error" or "pending"), which the browser tests read.
 */
export const BackendBadge = defineComponent({
  name: 'BackendBadge',
  setup() {
    const state = ref<'pending' | 'wasm' | 'cpu' | 'error'>('pending');
    const text = ref('starting…');
    onMounted(async () => {
      try {
        const info = await ensureBackend();
        state.value = info.name;
        text.value = describeBackend(info);
      } catch (error) {
        state.value = 'error';
        text.value = error instanceof Error ? error.message : String(error);
        console.error('[docs] backend failed to start', error);
      }
    });
    return () =>
      h('p', { class: ['lk-backend', `lk-backend--${state.value}`], 'data-backend': state.value }, [
        h('span', { class: 'lk-backend__label' }, 'tfjs backend: '),
        h('code', text.value),
      ]);
  },
});
