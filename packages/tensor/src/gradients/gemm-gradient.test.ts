import { describeGradientCases } from './describe-gradient-cases.js';
import { gemmCases } from './gemm-gradient.cases.js';

describeGradientCases('gemm gradient vs finite differences', gemmCases);
