/**
 * The longest stack name, or `stackLabel`, config validation accepts. Every name budget of
 * components/shared/names.ts assumes it, so the limit is set here, where validation reads it.
 */
export const STACK_NAME_MAX_LENGTH = 30;
