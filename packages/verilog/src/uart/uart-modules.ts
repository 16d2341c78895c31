/** Name of the UART receiver module. */
export const UART_RX_NAME = 'lk_uart_rx';
/** Name of the UART transmitter module. */
export const UART_TX_NAME = 'lk_uart_tx';

/** System clock of the Nexys4 DDR (Hz). */
export const NEXYS4_CLOCK_HZ = 100_000_000;
/** Baud rate of the generated UART. */
export const UART_BAUD = 115_200;

/**
 * Clock cycles per UART bit for a clock and baud rate: `round(clock / baud)`, and the relative
 * baud error it causes. For 100 MHz / 115200: 868 cycles (868.06 exact), 115,207.4 baud,
 * +0.0064 % — far inside the ±2 % or so an 8N1 link tolerates (half a bit over 10 bits: ±5 %
 * shared by both ends).
 *
 * @example
 * ```ts
 * import { uartDivider } from '@latentkit/verilog';
 *
 * uartDivider(100e6, 115200); // → { clksPerBit: 868, actualBaud: ≈115207, errorPercent: ≈0.0064 }
 * ```
 */
export function uartDivider(
  clockHz = NEXYS4_CLOCK_HZ,
  baud = UART_BAUD,
): {
  /** Clock cycles per bit, `round(clockHz / baud)` (the `CLKS_PER_BIT` parameter). */
  clksPerBit: number;
  /** The baud rate that divider gives, `clockHz / clksPerBit`, bits/s. */
  actualBaud: number;
  /** `100 · (actualBaud − baud) / baud`, percent (signed). */
  errorPercent: number;
} {
  const clksPerBit = Math.round(clockHz / baud);
  const actualBaud = clockHz / clksPerBit;
  return { clksPerBit, actualBaud, errorPercent: (100 * (actualBaud - baud)) / baud };
}

/**
 * `lk_uart_rx`: 8N1 receiver. A two-flip-flop synchronizer on `rx`; a falling edge starts a
 * frame; the start bit is re-checked at mid-bit (a glitch is ignored), then each data bit (LSB
 * first) and the stop bit are sampled in the middle of their bit time, `CLKS_PER_BIT` cycles
 * apart. `valid` pulses for one cycle with `data`; a low stop bit pulses `frame_error` instead.
 * The synchronizer flops carry `ASYNC_REG = "TRUE"`, so Vivado places them in one slice and
 * reports them as a synchronizer.
 */
export const UART_RX_MODULE = `// ${UART_RX_NAME}: UART receiver, 8 data bits, no parity, 1 stop bit (8N1), LSB first.
module ${UART_RX_NAME} #(
  parameter integer CLKS_PER_BIT = 868  // 100 MHz / 115200 baud
) (
  input  wire       clk,
  input  wire       rst,
  input  wire       rx,
  output reg        valid,
  output reg  [7:0] data,
  output reg        frame_error
);
  localparam integer CW = 16;  // bit-time counter: dividers up to 65535
  localparam [1:0] IDLE = 2'd0, START = 2'd1, BITS = 2'd2, STOP = 2'd3;
  (* ASYNC_REG = "TRUE" *) reg [1:0] sync;  // metastability synchronizer, idle high
  always @(posedge clk) sync <= rst ? 2'b11 : {sync[0], rx};
  wire line = sync[1];
  reg [1:0] state;
  reg [CW-1:0] count;
  reg [2:0] bit_index;
  always @(posedge clk) begin
    valid <= 1'b0;
    frame_error <= 1'b0;
    if (rst) begin
      state <= IDLE;
      count <= 0;
      bit_index <= 0;
    end else begin
      case (state)
        IDLE: if (!line) begin
          count <= 0;
          state <= START;
        end
        START: if (count == CLKS_PER_BIT / 2 - 1) begin
          count <= 0;
          state <= line ? IDLE : BITS;  // still low at mid-bit: a real start bit
          bit_index <= 0;
        end else count <= count + 1'b1;
        BITS: if (count == CLKS_PER_BIT - 1) begin
          count <= 0;
          data <= {line, data[7:1]};
          if (bit_index == 3'd7) state <= STOP;
          bit_index <= bit_index + 1'b1;
        end else count <= count + 1'b1;
        STOP: if (count == CLKS_PER_BIT - 1) begin
          count <= 0;
          state <= IDLE;
          if (line) valid <= 1'b1;
          else frame_error <= 1'b1;
        end else count <= count + 1'b1;
        default: state <= IDLE;
      endcase
    end
  end
endmodule
`;

/**
 * `lk_uart_tx`: 8N1 transmitter with a valid/ready byte input: a start bit (0), 8 data bits LSB
 * first, a stop bit (1), each `CLKS_PER_BIT` cycles; `ready` is high when idle. The line idles
 * high. `tx` is bit 0 of the frame shift register itself (it shifts in ones, so it is 1 whenever
 * the transmitter is idle): a flip-flop drives the pin with no LUT in between, so the line has no
 * glitches and a clean clock-to-out.
 */
export const UART_TX_MODULE = `// ${UART_TX_NAME}: UART transmitter, 8N1, LSB first; valid/ready byte input.
module ${UART_TX_NAME} #(
  parameter integer CLKS_PER_BIT = 868  // 100 MHz / 115200 baud
) (
  input  wire       clk,
  input  wire       rst,
  input  wire       valid,
  output wire       ready,
  input  wire [7:0] data,
  output wire       tx
);
  localparam integer CW = 16;  // bit-time counter: dividers up to 65535
  reg [9:0] frame;     // {stop, data, start}, shifted out LSB first
  reg [3:0] bits_left;
  reg [CW-1:0] count;
  assign ready = (bits_left == 0);
  assign tx = frame[0];  // a flip-flop output: 1 when idle (frame shifts in ones)
  always @(posedge clk) begin
    if (rst) begin
      bits_left <= 0;
      count <= 0;
      frame <= 10'h3ff;
    end else if (bits_left == 0) begin
      if (valid) begin
        frame <= {1'b1, data, 1'b0};
        bits_left <= 4'd10;
        count <= 0;
      end
    end else if (count == CLKS_PER_BIT - 1) begin
      count <= 0;
      frame <= {1'b1, frame[9:1]};
      bits_left <= bits_left - 1'b1;
    end else count <= count + 1'b1;
  end
endmodule
`;
