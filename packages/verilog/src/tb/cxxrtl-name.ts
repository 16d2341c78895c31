/**
 * The C++ member name CXXRTL gives a port or wire of a simple identifier: `p_` + the name with
 * every `_` doubled (`in_valid` → `p_in__valid`); the class of module `m` is `p_` + the same
 * mangling, in namespace `cxxrtl_design`.
 */
export function cxxrtlName(identifier: string): string {
  return `p_${identifier.replace(/_/g, '__')}`;
}
