import { decodeGlobalID } from '@pothos/plugin-relay';
import { AppError } from '../errors.js';
import { isUuid } from '../validation.js';

/**
 * The database id inside a Relay global id of the expected type. A string that is not such an id
 * is a BAD_USER_INPUT naming the field; a well-formed id of a missing row is the caller's NOT_FOUND.
 */
export function decodeId(typename: string, globalId: string, field: string): string {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  if (!decoded || decoded.typename !== typename || !isUuid(decoded.id)) {
    throw AppError.badInput(field, `${field}: not a valid ${typename} id`);
  }
  return decoded.id.toLowerCase();
}
