import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { C4Level, ElementKind } from '../model/model-enums.js';
import { ThreatsPolicyInput } from '../threat/threats-policy.input.js';

/** Diagram geometry of an element, owned by the collaborative editor. */
@InputType()
export class LayoutInput {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field(() => Float, { nullable: true })
  width?: number | null;

  @Field(() => Float, { nullable: true })
  height?: number | null;
}

/** The AddElement domain command as typed input; the domain validates the values. */
@InputType()
export class AddElementInput {
  @Field(() => ID, { description: 'Client-chosen id of the new element.' })
  elementId!: string;

  @Field(() => ElementKind)
  kind!: keyof typeof ElementKind;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  technology?: string | null;

  @Field(() => ID)
  zoneId!: string;

  @Field(() => C4Level, {
    nullable: true,
    description: "'context' for external entities and 'container' otherwise when absent.",
  })
  c4Level?: keyof typeof C4Level | null;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => LayoutInput, { nullable: true, description: 'Diagram position.' })
  layout?: LayoutInput | null;
}

/** The ChangeElement domain command as typed input: absent fields keep their value. */
@InputType()
export class ChangeElementInput {
  @Field(() => ID)
  elementId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  technology?: string | null;

  @Field(() => ID, { nullable: true, description: 'Moves the element to another zone.' })
  zoneId?: string | null;

  @Field(() => C4Level, { nullable: true })
  c4Level?: keyof typeof C4Level | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the tags.' })
  tags?: string[] | null;

  @Field(() => LayoutInput, { nullable: true, description: 'null removes the diagram position.' })
  layout?: LayoutInput | null;
}

/** The RemoveElement domain command as typed input. */
@InputType()
export class RemoveElementInput {
  @Field(() => ID)
  elementId!: string;

  @Field(() => ThreatsPolicyInput)
  threats!: ThreatsPolicyInput;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Remove the flows touching the element too; refused while flows remain otherwise.',
  })
  cascadeFlows?: boolean | null;
}
