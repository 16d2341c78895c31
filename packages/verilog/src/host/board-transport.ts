/**
 * A byte link to a board: what the host side of the frame protocol (`exchangeVectors`) needs
 * and nothing more, so the same host code talks to a serial port (`openSerialTransport` in
 * `@latentkit/verilog/node`), a simulated board (`openSimulatedBoard`), or anything else that
 * moves bytes (a Web Serial port in a browser).
 */
export interface BoardTransport {
  /** Sends line bytes (each 0…255) to the board. */
  write(bytes: Uint8Array): Promise<void>;
  /**
   * Bytes received since the last call, waiting up to `timeoutMs` for the first one; an empty
   * array when none came in time. A simulated board counts the wait in simulated time.
   */
  read(timeoutMs: number): Promise<Uint8Array>;
  /** Releases the link (closes the port, ends the simulator). */
  close(): Promise<void>;
}
