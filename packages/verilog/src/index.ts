/**
 * `@latentkit/verilog`: Verilog-2001 for a quantized MLP or VAE of `@latentkit/quantize` — the
 * datapath that matches the golden model bit for bit, ROM images, the Nexys4 DDR UART top and its
 * constraints, and self-checking testbenches. Browser-safe; simulation and synthesis are in
 * `@latentkit/verilog/node`.
 *
 * @packageDocumentation
 */
export type { BoardDesign, NexysTopOptions } from './board/nexys-top.js';
export { nexysTop } from './board/nexys-top.js';
export { nexysXdc } from './board/nexys-xdc.js';
export { bytesPerCode, bytesToCodes, codesToBytes } from './board/uart-framing.js';
export { checkDesignNames } from './design/check-design-names.js';
export { checkModelForVerilog } from './design/check-model.js';
export type { DesignOptions } from './design/design-options.js';
export { lanesFor } from './design/design-options.js';
export { corePorts, generateMlp } from './design/generate-mlp.js';
export { generateVae } from './design/generate-vae.js';
export type { DesignInterface, LayerSummary, VerilogDesign } from './design/verilog-design.js';
export type { VerilogProblem } from './errors/verilog-error.js';
export { VerilogError } from './errors/verilog-error.js';
export { VerilogToolError } from './errors/verilog-tool-error.js';
export { cxxComment, cxxString } from './hdl/cxx-text.js';
export { checkFileName, SAFE_FILE_NAME } from './hdl/file-name.js';
export { fromHex, hexFile, toHex } from './hdl/hex.js';
export type { SanitizeOptions } from './hdl/identifier.js';
export {
  checkIdentifier,
  isIdentifier,
  sanitizeIdentifier,
  uniqueIdentifiers,
  VERILOG_KEYWORDS,
} from './hdl/identifier.js';
export { REQUANT_MODULE, REQUANT_MODULE_NAME, ROUND_CODE } from './hdl/requant-module.js';
export { tclComment, tclWord } from './hdl/tcl-text.js';
export { MAX_WIRE_WIDTH, verilogString } from './hdl/verilog-text.js';
export type { LayerModule, LayerModuleOptions } from './layer/layer-module.js';
export { layerModule } from './layer/layer-module.js';
export type { LayerRoms } from './layer/layer-roms.js';
export { layerRoms } from './layer/layer-roms.js';
export type { ResourceReport } from './report/parse-stat.js';
export { parseStat, renderResources } from './report/parse-stat.js';
export type { DeviceBudget } from './report/xc7a100t-budget.js';
export { XC7A100T } from './report/xc7a100t-budget.js';
export { cxxrtlName } from './tb/cxxrtl-name.js';
export { CXXRTL_MODEL_FILE, cxxrtlTestbench } from './tb/cxxrtl-testbench.js';
export type { TestVectors } from './tb/test-vectors.js';
export { checkVectors, mlpVectors, vaeVectors } from './tb/test-vectors.js';
export type { TestbenchResult } from './tb/testbench-protocol.js';
export {
  LFSR_SEED,
  parseTestbenchResult,
  RESET_CYCLES,
  TB_ACTUAL_FILE,
  TB_EXPECTED_FILE,
  TB_INPUTS_FILE,
} from './tb/testbench-protocol.js';
export type { UartBench } from './tb/uart-harness.js';
export { UART_EXPECTED_FILE, UART_IN_FILE, uartBench } from './tb/uart-harness.js';
export type { Testbench, TestbenchOptions } from './tb/verilog-testbench.js';
export { vectorFiles, verilogTestbench } from './tb/verilog-testbench.js';
export {
  NEXYS4_CLOCK_HZ,
  UART_BAUD,
  UART_RX_MODULE,
  UART_RX_NAME,
  UART_TX_MODULE,
  UART_TX_NAME,
  uartDivider,
} from './uart/uart-modules.js';
export { activationModule, SUPPORTED_UNIT_KINDS } from './units/activation-module.js';
export type { UnitModule } from './units/unit-module.js';
export { reparamModule } from './vae/reparam-module.js';
