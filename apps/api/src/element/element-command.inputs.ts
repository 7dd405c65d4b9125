import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { C4Level, ElementKind } from '../model/model-enums.js';
import { ThreatsPolicyInput } from '../threat/threats-policy.input.js';

/**
 * Diagram geometry of an element. It lives in the model's co-editing doc
 * (docs/collaboration.md): setting it is a doc update, never a domain event.
 */
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

  @Field(() => LayoutInput, {
    nullable: true,
    description:
      "Diagram position, kept in the model's co-editing doc (a doc update, never a domain event); null removes it.",
  })
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

  @Field(() => LayoutInput, {
    nullable: true,
    description:
      'Moves the element on the diagram: a doc update, never a domain event; null removes the position. An input with only elementId and layout appends no event.',
  })
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
