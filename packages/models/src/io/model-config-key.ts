/**
 * The `__metadata__` key under which {@link paramsToSafetensors} stores the model configuration
 * (as a JSON string) and from which {@link safetensorsToRecord} reads it back.
 */
export const CONFIG_METADATA_KEY = 'config';
