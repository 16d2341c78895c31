/**
 * The demos' model worker (one per page, started by `model-client.ts`): tfjs, the wasm backend
 * and the models run here, off the page's main thread. The wasm backend starts with the `.wasm`
 * URLs the page sends (absolute, on the site's own origin), as `initBackend` would in the page.
 *
 * The entry itself is small: tfjs (`@latentkit/tensor`) loads on `init` and each demo's session
 * module when a page prepares or opens it, while a `prepare` starts downloading the demo's first
 * files at once (`first-files.ts`), in parallel with those chunks.
 */
import { prefetchFirstFiles } from './first-files.js';
import { type HostPort, type SessionRegistry, serveSessions } from './worker-host.js';

const registry: SessionRegistry = {
  'beta-vae': async () => (await import('../beta-vae/beta-vae-session.js')).openBetaVaeSession,
  cvae: async () => (await import('../cvae/cvae-session.js')).openCvaeSession,
  hardware: async () => (await import('../hardware/hardware-session.js')).openHardwareSession,
  'latent-explorer': async () =>
    (await import('../latent-explorer/latent-explorer-session.js')).openLatentExplorerSession,
  pca: async () => (await import('../pca/pca-session.js')).openPcaSession,
  'train-in-browser': async () =>
    (await import('../train-in-browser/train-session.js')).openTrainSession,
  'vq-vae': async () => (await import('../vq-vae/vq-vae-session.js')).openVqVaeSession,
};

serveSessions(
  self as unknown as HostPort,
  registry,
  async (wasmPaths) => {
    const { initBackend } = await import('@latentkit/tensor');
    return initBackend({
      backend: 'auto',
      ...(wasmPaths === undefined ? {} : { wasmPaths }),
      onFallback: () => {
        // Reported to the page through BackendInfo.fallbackReason.
      },
    });
  },
  prefetchFirstFiles,
);
