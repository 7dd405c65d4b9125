import { Field, ID, InputType } from '@nestjs/graphql';
import { AttackTreeGate, AttackTreeNodeKind, Feasibility } from '../model/model-enums.js';

/** The CreateAttackTree domain command as typed input. */
@InputType()
export class CreateAttackTreeInput {
  @Field(() => ID, { description: 'Client-chosen id of the new tree.' })
  attackTreeId!: string;

  @Field(() => ID, { description: 'The threat the tree breaks into attacker steps.' })
  threatId!: string;

  @Field(() => ID)
  rootNodeId!: string;

  @Field(() => AttackTreeGate, {
    description: "How the root (the attacker's goal) combines its children.",
  })
  rootKind!: keyof typeof AttackTreeGate;

  @Field(() => String)
  rootLabel!: string;
}

/** The AddAttackTreeNode domain command as typed input; only leaves carry a feasibility. */
@InputType()
export class AddAttackTreeNodeInput {
  @Field(() => ID)
  attackTreeId!: string;

  @Field(() => ID)
  nodeId!: string;

  @Field(() => ID)
  parentNodeId!: string;

  @Field(() => AttackTreeNodeKind)
  kind!: keyof typeof AttackTreeNodeKind;

  @Field(() => String)
  label!: string;

  @Field(() => Feasibility, {
    nullable: true,
    description: 'Leaves only; AND/OR nodes compute theirs.',
  })
  feasibility?: keyof typeof Feasibility | null;
}

/** The RemoveAttackTreeNode domain command as typed input (removes the node's subtree). */
@InputType()
export class RemoveAttackTreeNodeInput {
  @Field(() => ID)
  attackTreeId!: string;

  @Field(() => ID)
  nodeId!: string;
}
