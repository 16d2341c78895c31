/**
 * The demos' model worker (one per page, started by `model-client.ts`): tfjs, the wasm backend
 * and the models run here, off the page's main thread. The wasm backend starts with the `.wasm`
 * URLs the page sends (absolute, on the site's own origin), as `initBackend` would in the page.
 * Each demo's session module is loaded only when a page opens it.
 */
import { initBackend } from '@latentkit/tensor';
import { type HostPort, type SessionFactory, serveSessions } from './worker-host.js';

const registry: Record<string, () => Promise<SessionFactory>> = {
  'beta-vae': async () => (await import('../beta-vae/beta-vae-session.js')).openBetaVaeSession,
  cvae: async () => (await import('../cvae/cvae-session.js')).openCvaeSession,
  hardware: async () => (await import('../hardware/hardware-session.js')).openHardwareSession,
  'latent-explorer': async () => {
    const { openLatentExplorerSession, prepareLatentExplorerSession } = await import(
      '../latent-explorer/latent-explorer-session.js'
    );
    return Object.assign(openLatentExplorerSession, { prepare: prepareLatentExplorerSession });
  },
  pca: async () => (await import('../pca/pca-session.js')).openPcaSession,
  'train-in-browser': async () =>
    (await import('../train-in-browser/train-session.js')).openTrainSession,
  'vq-vae': async () => {
    const { openVqVaeSession, prepareVqVaeSession } = await import('../vq-vae/vq-vae-session.js');
    return Object.assign(openVqVaeSession, { prepare: prepareVqVaeSession });
  },
};

serveSessions(self as unknown as HostPort, registry, (wasmPaths) =>
  initBackend({
    backend: 'auto',
    ...(wasmPaths === undefined ? {} : { wasmPaths }),
    onFallback: () => {
      // Reported to the page through BackendInfo.fallbackReason.
    },
  }),
);
