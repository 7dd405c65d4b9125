import { Field, ID, InputType } from '@nestjs/graphql';
import { TrustLevel } from '../model/model-enums.js';

/** The AddZone domain command as typed input. */
@InputType()
export class AddZoneInput {
  @Field(() => ID, { description: 'Client-chosen id of the new zone.' })
  zoneId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => TrustLevel)
  trust!: keyof typeof TrustLevel;

  @Field(() => ID, { nullable: true, description: 'The zone it nests in; top level when absent.' })
  parentZoneId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

/** The ChangeZone domain command as typed input: absent fields keep their value. */
@InputType()
export class ChangeZoneInput {
  @Field(() => ID)
  zoneId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => TrustLevel, { nullable: true })
  trust?: keyof typeof TrustLevel | null;

  @Field(() => ID, { nullable: true, description: 'null moves the zone to the top level.' })
  parentZoneId?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

/** The RemoveZone domain command as typed input. */
@InputType()
export class RemoveZoneInput {
  @Field(() => ID)
  zoneId!: string;
}
