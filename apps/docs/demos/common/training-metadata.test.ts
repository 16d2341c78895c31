import { InvalidArgumentError } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { parseTrainingMetadata, TRAINING_METADATA_KEY } from './training-metadata.js';

describe('parseTrainingMetadata', () => {
  it('parses the record and refuses missing, broken or incomplete ones', () => {
    const rec = { id: 'x', seed: 1, scores: { a: 1 } };
    expect(parseTrainingMetadata({ [TRAINING_METADATA_KEY]: JSON.stringify(rec) })).toEqual(rec);
    expect(() => parseTrainingMetadata({})).toThrow(InvalidArgumentError);
    expect(() => parseTrainingMetadata({ [TRAINING_METADATA_KEY]: '{' })).toThrow(/not valid JSON/);
    expect(() => parseTrainingMetadata({ [TRAINING_METADATA_KEY]: '{"id":"x"}' })).toThrow(
      /id, seed and scores/,
    );
  });
});
