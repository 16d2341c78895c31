import { LatentkitError } from '@latentkit/core';

/**
 * Thrown by the Node entry of `@latentkit/verilog` when an external tool fails: a simulator or
 * compiler that is missing (`problem: 'missing'`) or that exits with an error (`'failed'`,
 * e.g. a Verilog syntax error, a C++ compile error, a timeout). `code` is `'VERILOG_TOOL'`;
 * `tool` names the program; `output` holds its last output.
 */
export class VerilogToolError extends LatentkitError {
  /** The program, e.g. `'iverilog'`, `'g++'`, `'yosys'`. */
  readonly tool: string;
  /** Its standard error (or output). */
  readonly output: string;
  /** `'missing'` when the tool is not installed, else `'failed'`. */
  readonly problem: 'missing' | 'failed';

  /**
   * @param tool - The program.
   * @param message - What happened.
   * @param output - The tool's output.
   * @param problem - Missing or failed. Default `'failed'`.
   */
  constructor(
    tool: string,
    message: string,
    output = '',
    problem: 'missing' | 'failed' = 'failed',
  ) {
    super('VERILOG_TOOL', message);
    this.tool = tool;
    this.output = output;
    this.problem = problem;
  }
}
