// asl-validator ships no type declarations; this is the part of its API Goldsmith uses.
declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean;
    errors: unknown[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(definition: unknown, options?: { checkArn?: boolean; checkPaths?: boolean }): ValidationResult;
}
