/** Size limits shared by the API schemas and the forms. */
export const LIMITS = {
  username: 64,
  name: 200,
  shortText: 200,
  description: 4000,
  email: 254,
  phone: 40,
  passwordMin: 10,
  passwordMax: 128,
  pageSizeDefault: 50,
  pageSizeMax: 200,
  bodyBytes: 1024 * 1024,
  cursor: 512,
  search: 200,
  /** Results of one search request. */
  searchMax: 50,
  /** Records in one bulk update. */
  bulkMax: 500,
} as const;
