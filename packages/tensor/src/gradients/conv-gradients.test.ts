import { convCases } from './conv-gradients.cases.js';
import { describeGradientCases } from './describe-gradient-cases.js';

describeGradientCases('conv gradients vs finite differences', convCases);
