// Every error code the API can answer with and its HTTP status, without zod: the web reads them on every page.
export const errorCodes = {
  validation_failed: { status: 400 },
  unauthenticated: { status: 401 },
  invalid_credentials: { status: 401 },
  temporarily_locked: { status: 429 },
  too_busy: { status: 429 },
  forbidden: { status: 403 },
  not_found: { status: 404 },
  conflict: { status: 409 },
  duplicate_party_card: { status: 409 },
  duplicate_citizen_id: { status: 409 },
  tree_cycle: { status: 422 },
  invalid_tree_change: { status: 422 },
  edit_conflict: { status: 409 },
  invalid_state: { status: 422 },
  payload_too_large: { status: 413 },
  unsupported_file: { status: 415 },
  internal: { status: 500 },
} as const;

export type ErrorCode = keyof typeof errorCodes;
