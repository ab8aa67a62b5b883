/**
 * Where records without a value sort in the list's keyset orders. The indexes are built on
 * these exact expressions (migrations 0011, 0013), so the query and the index must agree.
 */
export const NO_PRIORITY = 99;
/** Later than any due time. */
export const NO_DUE = 9_000_000_000_000_000;
