/**
 * `@latentkit/verilog`: Verilog-2001 for a quantized MLP or VAE of `@latentkit/quantize` — the
 * datapath that matches the golden model bit for bit, ROM images, the Nexys4 DDR UART top and its
 * constraints, and self-checking testbenches. Browser-safe; simulation and synthesis are in
 * `@latentkit/verilog/node`.
 *
 * @packageDocumentation
 */

export type { AxiStreamTestbenchOptions } from './axis/axi-stream-testbench.js';
export { axiStreamTestbench } from './axis/axi-stream-testbench.js';
export type { AxiStreamDesign, AxiStreamWrapperOptions } from './axis/axi-stream-wrapper.js';
export { axiStreamWrapper } from './axis/axi-stream-wrapper.js';
export type { DecodedFrame } from './board/board-frame.js';
export { crc8, encodeFrame, FRAME_ESCAPE, FRAME_FLAG, FrameDecoder } from './board/board-frame.js';
export type { BoardDesign, NexysTopOptions } from './board/nexys-top.js';
export { nexysTop } from './board/nexys-top.js';
export { nexysVgaXdc } from './board/nexys-xdc.js';
export type { BoardCodes, BoardReply } from './board/uart-framing.js';
export {
  bytesPerCode,
  bytesToCodes,
  codesToBytes,
  parseReply,
  replyFrame,
  replyPayloadBytes,
  requestFrame,
  requestPayloadBytes,
} from './board/uart-framing.js';
export type { VivadoBuildOptions } from './board/vivado-build-script.js';
export { vivadoBuildScript } from './board/vivado-build-script.js';
export type { VivadoBuildInput } from './board/vivado-files.js';
export type { VivadoProgramOptions } from './board/vivado-program-script.js';
export { vivadoProgramScript } from './board/vivado-program-script.js';
export type { VivadoProjectOptions } from './board/vivado-project-files.js';
export { vivadoProjectFiles } from './board/vivado-project-files.js';
export type { DesignOptions } from './design/design-options.js';
export { generateMlp } from './design/generate-mlp.js';
export { generateVae } from './design/generate-vae.js';
export type { DesignInterface, LayerSummary, VerilogDesign } from './design/verilog-design.js';
export type { VerilogProblem } from './errors/verilog-error.js';
export { VerilogError } from './errors/verilog-error.js';
export { VerilogToolError } from './errors/verilog-tool-error.js';
export type { SanitizeOptions } from './hdl/identifier.js';
export { sanitizeIdentifier } from './hdl/identifier.js';
export type { BoardTransport } from './host/board-transport.js';
export type { ExchangeOptions, ExchangeResult } from './host/exchange-vectors.js';
export { exchangeVectors } from './host/exchange-vectors.js';
export type { LayerModule, LayerModuleOptions } from './layer/layer-module.js';
export { layerModule } from './layer/layer-module.js';
export type { ResourceReport } from './report/parse-stat.js';
export { parseStat, renderResources } from './report/parse-stat.js';
export type { DeviceBudget } from './report/xc7a100t-budget.js';
export { XC7A100T } from './report/xc7a100t-budget.js';
export { cxxrtlTestbench } from './tb/cxxrtl-testbench.js';
export type { TestVectors } from './tb/test-vectors.js';
export { mlpVectors, vaeVectors } from './tb/test-vectors.js';
export type { RomMismatch, TestbenchResult } from './tb/testbench-protocol.js';
export { parseTestbenchResult } from './tb/testbench-protocol.js';
export type { UartBench } from './tb/uart-harness.js';
export { uartBench } from './tb/uart-harness.js';
export type { UartFault, UartScript, UartSegment } from './tb/uart-script.js';
export { uartScript } from './tb/uart-script.js';
export type { Testbench, TestbenchOptions } from './tb/verilog-testbench.js';
export { verilogTestbench } from './tb/verilog-testbench.js';
export { uartDivider } from './uart/uart-modules.js';
export { greyLevel } from './vga/grey-level.js';
export type { LatentWalkControls, WalkAction } from './vga/latent-walk.js';
export { walkLatent, walkSelection } from './vga/latent-walk.js';
export type { NexysVgaTopOptions, VgaBoardDesign } from './vga/nexys-vga-top.js';
export { nexysVgaTop } from './vga/nexys-vga-top.js';
export type { VgaCapture, VgaMeasuredTiming } from './vga/vga-capture.js';
export { parseVgaCapture } from './vga/vga-capture.js';
export type { VgaBench, VgaBenchOptions } from './vga/vga-harness.js';
export { VGA_SAMPLES_FILE, vgaBench } from './vga/vga-harness.js';
export type { VgaLayout, VgaLayoutOptions } from './vga/vga-layout.js';
export { vgaLayout, vgaScreen } from './vga/vga-layout.js';
export type { VgaAxisTiming, VgaTiming } from './vga/vga-timing.js';
export { VGA_640X480 } from './vga/vga-timing.js';
