/** Name of the frame parser module. */
export const FRAME_RX_NAME = 'lk_frame_rx';
/** Name of the frame builder module. */
export const FRAME_TX_NAME = 'lk_frame_tx';

const CRC8_FUNCTION = `  // CRC-8/SMBUS (polynomial 0x07, MSB first) of one more byte.
  function [7:0] crc8_byte(input [7:0] c_in, input [7:0] d_in);
    integer i;
    reg [7:0] x;
    begin
      x = c_in ^ d_in;
      for (i = 0; i < 8; i = i + 1) x = x[7] ? {x[6:0], 1'b0} ^ 8'h07 : {x[6:0], 1'b0};
      crc8_byte = x;
    end
  endfunction
`;

/**
 * `lk_frame_rx`: the parser of the board frame protocol (`board-frame.ts`; `FrameDecoder` is its
 * byte-for-byte model), between a UART receiver and whatever takes the payload. Parameters:
 * `PAYLOAD_BYTES` (payload bytes per frame, tag and CRC not included) and `CW` (bits of the byte
 * counter, enough for `PAYLOAD_BYTES + 2`). Inputs: `in_valid`/`in_data` (received line bytes)
 * and `in_error` (a bad stop bit). Outputs, all registered one-cycle pulses:
 *
 * - `start`: a FLAG began a new frame; the consumer drops any payload it has not committed.
 * - `data_valid`/`data`: the next payload byte, unstuffed, in order (the tag is not among them;
 *   it is held in `tag` from the frame's first body byte on).
 * - `good`: the frame's CRC matched; the consumer commits the payload it received since `start`.
 * - `bad`: a frame was discarded (CRC, `0x7D 0x7D`, cut short by a FLAG, line error); the
 *   consumer drops its uncommitted payload.
 *
 * About 30 flip-flops and 40 LUTs; reusable by any top that takes framed bytes.
 */
export const FRAME_RX_MODULE = `// ${FRAME_RX_NAME}: board frame parser: 0x7E | stuff(tag | payload | crc8), 0x7D escapes (byte ^ 0x20).
module ${FRAME_RX_NAME} #(
  parameter integer PAYLOAD_BYTES = 8,
  parameter integer CW = 8  // counter bits: 2^CW > PAYLOAD_BYTES + 1
) (
  input  wire       clk,
  input  wire       rst,
  input  wire       in_valid,
  input  wire [7:0] in_data,
  input  wire       in_error,
  output reg        start,
  output reg        data_valid,
  output reg  [7:0] data,
  output reg  [7:0] tag,
  output reg        good,
  output reg        bad
);
${CRC8_FUNCTION}  reg busy;  // inside a frame
  reg esc;   // the previous byte was 0x7D
  reg [CW-1:0] count;  // body bytes so far
  reg [7:0] crc;
  wire [7:0] body = esc ? in_data ^ 8'h20 : in_data;
  wire [7:0] crc_next = crc8_byte(crc, body);
  always @(posedge clk) begin
    start <= 1'b0;
    data_valid <= 1'b0;
    good <= 1'b0;
    bad <= 1'b0;
    if (rst) begin
      busy <= 1'b0;
      esc <= 1'b0;
      count <= 0;
      crc <= 8'h00;
    end else if (in_error) begin
      if (busy) bad <= 1'b1;
      busy <= 1'b0;
    end else if (in_valid) begin
      if (in_data == 8'h7e) begin  // FLAG: always a new frame
        if (busy && (count != 0 || esc)) bad <= 1'b1;
        busy <= 1'b1;
        esc <= 1'b0;
        count <= 0;
        crc <= 8'h00;
        start <= 1'b1;
      end else if (busy) begin
        if (in_data == 8'h7d) begin
          if (esc) begin  // 0x7D 0x7D never occurs in a frame
            bad <= 1'b1;
            busy <= 1'b0;
            esc <= 1'b0;
          end else esc <= 1'b1;
        end else begin
          esc <= 1'b0;
          crc <= crc_next;
          count <= count + 1'b1;
          if (count == 0) tag <= body;
          else if (count <= PAYLOAD_BYTES) begin
            data_valid <= 1'b1;
            data <= body;
          end else begin  // the CRC byte: the CRC over the whole body is 0
            busy <= 1'b0;
            if (crc_next == 8'h00) good <= 1'b1;
            else bad <= 1'b1;
          end
        end
      end
    end
  end
endmodule
`;

/**
 * `lk_frame_tx`: builds board frames (`board-frame.ts`) from a byte stream. Input
 * `in_valid`/`in_ready`/`in_data`/`in_last`: the frame body (tag, then payload), `in_last` on its
 * final byte. Output `out_valid`/`out_ready`/`out_data`: line bytes for a UART transmitter — a
 * FLAG before the first body byte, each body byte (stuffed), then the CRC-8 of the body (stuffed).
 * `out_data` is combinational from the state and `in_data`; the UART transmitter registers it.
 */
export const FRAME_TX_MODULE = `// ${FRAME_TX_NAME}: board frame builder: 0x7E | stuff(body | crc8), 0x7D escapes (byte ^ 0x20).
module ${FRAME_TX_NAME} (
  input  wire       clk,
  input  wire       rst,
  input  wire       in_valid,
  output wire       in_ready,
  input  wire [7:0] in_data,
  input  wire       in_last,
  output wire       out_valid,
  input  wire       out_ready,
  output wire [7:0] out_data
);
${CRC8_FUNCTION}  reg open;       // FLAG sent: the body is going out
  reg esc;        // 0x7D sent: the escaped byte is next
  reg crc_phase;  // body done: the CRC byte is next
  reg [7:0] crc;
  wire [7:0] body = crc_phase ? crc : in_data;
  wire special = (body == 8'h7e) || (body == 8'h7d);
  assign out_valid = crc_phase || in_valid;
  assign out_data = !open ? 8'h7e : esc ? (body ^ 8'h20) : special ? 8'h7d : body;
  wire body_go = open && out_ready && (esc || !special);  // a body or CRC byte leaves now
  assign in_ready = body_go && !crc_phase;
  always @(posedge clk) begin
    if (rst) begin
      open <= 1'b0;
      esc <= 1'b0;
      crc_phase <= 1'b0;
      crc <= 8'h00;
    end else if (out_valid && out_ready) begin
      if (!open) begin
        open <= 1'b1;
        crc <= 8'h00;
      end else if (!esc && special) esc <= 1'b1;
      else begin
        esc <= 1'b0;
        if (crc_phase) begin
          crc_phase <= 1'b0;
          open <= 1'b0;
        end else begin
          crc <= crc8_byte(crc, in_data);
          if (in_last) crc_phase <= 1'b1;
        end
      end
    end
  end
endmodule
`;
