import { Field, InputType } from '@nestjs/graphql';
import { AttestableChecklistItem, AttestationVerdict } from '../model/model-enums.js';

/** The AttestChecklistItem domain command as typed input. */
@InputType()
export class AttestChecklistItemInput {
  @Field(() => AttestableChecklistItem)
  item!: keyof typeof AttestableChecklistItem;

  @Field(() => AttestationVerdict)
  verdict!: keyof typeof AttestationVerdict;

  @Field(() => String, { description: 'What was reviewed and what the reviewer found.' })
  note!: string;
}
