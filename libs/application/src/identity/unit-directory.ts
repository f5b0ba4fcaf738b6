import { Injectable } from '@nestjs/common';
import { InvalidArgument, unitStreamId } from '@mandate/domain';
import { AggregateRepository } from '../shared/aggregate-repository';

/** Checks that units named in a command exist, naming the offending field when one does not. */
@Injectable()
export class UnitDirectory {
  constructor(private readonly repository: AggregateRepository) {}

  async assertExist(refs: { field: string; unitId: string }[]): Promise<void> {
    for (const { field, unitId } of refs) {
      if (!(await this.repository.exists(unitStreamId(unitId)))) {
        throw new InvalidArgument(`${field}: no unit with id ${unitId}`, 'unit_not_found', field);
      }
    }
  }
}
