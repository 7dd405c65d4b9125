import { Field, ID, InputType } from '@nestjs/graphql';
import { Sensitivity } from '../model/model-enums.js';

/** The AddAsset domain command as typed input. */
@InputType()
export class AddAssetInput {
  @Field(() => ID, { description: 'Client-chosen id of the new asset.' })
  assetId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Sensitivity)
  sensitivity!: keyof typeof Sensitivity;

  @Field(() => Sensitivity, {
    nullable: true,
    description: 'Business impact if compromised; the sensitivity when absent.',
  })
  businessImpact?: keyof typeof Sensitivity | null;
}

/** The ChangeAsset domain command as typed input: absent fields keep their value. */
@InputType()
export class ChangeAssetInput {
  @Field(() => ID)
  assetId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Sensitivity, { nullable: true })
  sensitivity?: keyof typeof Sensitivity | null;

  @Field(() => Sensitivity, { nullable: true })
  businessImpact?: keyof typeof Sensitivity | null;
}

/** The RemoveAsset domain command as typed input. */
@InputType()
export class RemoveAssetInput {
  @Field(() => ID)
  assetId!: string;
}
