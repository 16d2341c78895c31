import { beforeAll, describe, expect, it } from 'vitest';
import { runFloatVae } from '../float/float-vae.js';
import { type IrisVaeFixture, trainIrisVae } from './iris-vae.testutil.js';
import { quantizationReport } from './quantization-report.js';
import { renderQuantizationReport } from './render-report.js';

let fx: IrisVaeFixture;
beforeAll(async () => {
  fx = await trainIrisVae();
});

describe('quantizationReport on a trained Iris VAE (4 → 16 → 2-d latent → 16 → 4)', () => {
  it('the float model learned something (reconstruction well below the data variance)', () => {
    const r = runFloatVae(fx.vae, fx.test);
    let se = 0;
    let v = 0;
    for (let i = 0; i < fx.test.length; i++) {
      se += (r.reconstruction[i]! - fx.test[i]!) ** 2;
      v += fx.test[i]! ** 2; // standardized: ≈ variance
    }
    expect(se / v).toBeLessThan(0.3);
  });

  it('16-bit reconstruction MSE is within 1 % of the float model on the test set; 8/12-bit reported', () => {
    const report = quantizationReport(fx.vae, { data: fx.test, calibration: fx.train });
    const [e8, e12, e16] = report.entries as [
      (typeof report.entries)[0],
      (typeof report.entries)[0],
      (typeof report.entries)[0],
    ];
    expect(report.likelihood).toBe('gaussian');
    expect(report.rows).toBe(30);
    expect(Math.abs(e16.mseRelativeChange)).toBeLessThan(0.01);
    expect(Math.abs(e12.mseRelativeChange)).toBeLessThan(0.05);
    expect(Number.isFinite(e8.mse)).toBe(true);
    // SQNR grows by ≈ 6 dB per bit: 16-bit weights beat 8-bit ones by > 40 dB.
    for (let k = 0; k < e16.layers.length; k++) {
      expect(e16.layers[k]!.weightSqnrDb - e8.layers[k]!.weightSqnrDb).toBeGreaterThan(40);
      expect(e16.layers[k]!.activationSqnrDb).toBeGreaterThan(e8.layers[k]!.activationSqnrDb);
    }
    const md = renderQuantizationReport(report);
    expect(md).toContain('| 16-bit |');
    expect(md).toContain('encoder: encoder.fc1');
    // Printed for the record (figures quoted in the package README).
    console.log(md);
  });
});
