import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** Flattens class-validator's nested errors into paths like tasks[0].leadUnitId. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; messages: string[] }[] {
  const out: { field: string; messages: string[] }[] = [];
  for (const error of errors) {
    const segment = /^\d+$/.test(error.property) ? `[${error.property}]` : error.property;
    const field = parent ? (segment.startsWith('[') ? `${parent}${segment}` : `${parent}.${segment}`) : segment;
    if (error.constraints) {
      out.push({ field, messages: Object.values(error.constraints).map((m) => m.replace(/^property (\S+) should not exist$/, 'is not a known field')) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export class InvalidInput extends BadRequestException {
  constructor(readonly fields: { field: string; messages: string[] }[]) {
    super(`Invalid input: ${fields.map((f) => `${f.field} ${f.messages.join('; ')}`).join(' | ')}`);
  }
}

/** Every body and query is validated; unknown fields are rejected, never silently dropped. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  forbidUnknownValues: true,
  stopAtFirstError: false,
  exceptionFactory: (errors) => new InvalidInput(flattenValidationErrors(errors)),
});
