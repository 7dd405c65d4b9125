import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ModelSettingsInput } from './model-settings-command.inputs.js';

/** An event a command produced, as stored. */
@ObjectType()
export class AppendedEvent {
  @Field(() => String)
  type!: string;

  @Field(() => Int)
  streamVersion!: number;

  @Field(() => Int)
  position!: number;
}

/** The outcome of a model command: the model's new stream version and the events it appended. */
@ObjectType()
export class CommandResult {
  @Field(() => ID)
  modelId!: string;

  @Field(() => Int, { description: 'Pass it as expectedVersion of the next command.' })
  streamVersion!: number;

  @Field(() => [AppendedEvent])
  events!: AppendedEvent[];
}

/** A new threat model inside a system. */
@InputType()
export class CreateThreatModelInput {
  @Field(() => ID)
  systemId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ModelSettingsInput, {
    nullable: true,
    description: 'Severity bands, approval threshold and risk matrix; defaults when absent.',
  })
  settings?: ModelSettingsInput | null;
}
