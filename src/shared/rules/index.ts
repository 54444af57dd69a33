// Validation of BDT records against the dictionary: field checks for proposals and
// whole-record validation with the rules R1–R11.
export type { Issue, Message, ValidationResult, FieldIssueCode } from './issues.ts';
export { splitIssues, makeIssue } from './issues.ts';
export { type Condition, parseCondition, evalCondition, describeCondition } from './conditions.ts';
export { checkFields, checkValue } from './fields.ts';
export {
  type HouseholdRecordInput,
  type RecordValidationOptions,
  checkRecordFields,
  nikHeldElsewhereIssue,
  validateHouseholdRecord,
} from './record.ts';
export { deriveHouseholdFields } from './derive.ts';
export { OPERATOR_LIMITS, operatorNameIssues, tooLongMessage } from './names.ts';
