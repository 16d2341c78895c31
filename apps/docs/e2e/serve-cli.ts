// `pnpm --filter @latentkit/docs preview`: serves the built site, like any static host would.
import { serveSite } from './harness.js';

const port = Number(process.env.PORT ?? 4173);
const server = await serveSite({ port, crossOriginIsolated: process.env.COI === '1' });
console.log(`latentkit docs: ${server.origin}/  (Ctrl+C to stop)`);
