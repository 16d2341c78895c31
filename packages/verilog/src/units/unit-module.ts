/**
 * A generated activation-unit module. Every unit has the same ports:
 *
 * ```verilog
 * module <name> (input wire clk, input wire rst, input wire in_valid,
 *                input wire signed [IN_W-1:0] din,
 *                output reg out_valid, output reg signed [OUT_W-1:0] dout);
 * ```
 *
 * and a fixed latency: `out_valid` / `dout` follow `in_valid` / `din` by `latency` clock cycles
 * (fully pipelined: one input per cycle).
 */
export interface UnitModule {
  /** Module name. */
  name: string;
  /** Verilog text of the module (and of any sub-module it needs). */
  text: string;
  /** Cycles from `in_valid` to `out_valid`. */
  latency: number;
  /** Memory initialization files (`$readmemh`) the module reads: file name → contents. */
  files: Record<string, string>;
}

/** The common port list of a unit module (see {@link UnitModule}). */
export function unitPorts(name: string, inWidth: number, outWidth: number): string {
  return (
    `module ${name} (\n` +
    `  input  wire                     clk,\n` +
    `  input  wire                     rst,\n` +
    `  input  wire                     in_valid,\n` +
    `  input  wire signed [${inWidth - 1}:0]  din,\n` +
    `  output reg                      out_valid,\n` +
    `  output reg  signed [${outWidth - 1}:0] dout\n` +
    `);\n`
  );
}

/** A `valid` pipeline of `depth` registers from `in_valid` to `out_valid` (depth ≥ 1). */
export function validPipe(depth: number): string {
  if (depth === 1) {
    return `  always @(posedge clk) out_valid <= rst ? 1'b0 : in_valid;\n`;
  }
  return (
    `  reg [${depth - 2}:0] v_pipe;\n` +
    `  always @(posedge clk) begin\n` +
    `    if (rst) begin\n      v_pipe <= 0;\n      out_valid <= 1'b0;\n    end else begin\n` +
    (depth === 2
      ? `      v_pipe <= in_valid;\n`
      : `      v_pipe <= {v_pipe[${depth - 3}:0], in_valid};\n`) +
    `      out_valid <= v_pipe[${depth - 2}];\n    end\n  end\n`
  );
}

/**
 * Clock (MHz) above which units, the reparameterization and layers are built fully pipelined:
 * every register-to-register path ≤ 6.5 ns of logic on the 7 series (Yosys `sta`), so 100 MHz
 * leaves room for routing. At or below it, the shorter forms (fewer cycles, paths up to ~10 ns).
 */
export const FULL_PIPELINE_ABOVE_MHZ = 50;

/**
 * Whether a design for `targetClockMHz` (default 100) gets the full pipeline (see
 * {@link FULL_PIPELINE_ABOVE_MHZ}).
 */
export function fullPipeline(targetClockMHz: number | undefined): boolean {
  return (targetClockMHz ?? 100) > FULL_PIPELINE_ABOVE_MHZ;
}
