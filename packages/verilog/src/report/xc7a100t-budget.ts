/** Resources of one FPGA (the numbers synthesis results are checked against). */
export interface DeviceBudget {
  /** Device name. */
  device: string;
  /** 6-input LUTs (logic and LUT-RAM). */
  luts: number;
  /** Flip-flops. */
  ffs: number;
  /** DSP48E1 slices. */
  dsp: number;
  /** 36 Kb block RAMs (each splits into two RAMB18). */
  ramb36: number;
}

/**
 * The Xilinx Artix-7 XC7A100T of the Digilent Nexys4 DDR (Xilinx DS180, 7 Series FPGAs Data
 * Sheet: Overview, table 3): 15,850 slices × 4 LUTs = 63,400 LUTs, 126,800 flip-flops,
 * 240 DSP48E1 slices, 135 RAMB36 (4,860 Kb).
 */
export const XC7A100T: DeviceBudget = {
  device: 'xc7a100t',
  luts: 63_400,
  ffs: 126_800,
  dsp: 240,
  ramb36: 135,
};
