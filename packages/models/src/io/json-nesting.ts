/**
 * Deepest nesting accepted in the JSON texts stored as `__metadata__` strings (a model
 * configuration, a training checkpoint's state): theirs is at most 5 levels, so 32 leaves room
 * for any future field while keeping `JSON.parse` linear in memory.
 */
export const MAX_METADATA_JSON_DEPTH = 32;
