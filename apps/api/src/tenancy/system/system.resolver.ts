import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { RequestScope } from '../../access/request-scope.js';
import { Scope } from '../../access/scope.decorator.js';
import { PageArgsInput } from '../../graphql/page-args.js';
import { pageCost } from '../../graphql/page-cost.js';
import type { ConnectionShape } from '../../graphql/pagination.js';
import { SystemService } from './system.service.js';
import {
  AddModelArgs,
  RegisterSystemInput,
  ShareArgs,
  ShareWithRoleArgs,
  System,
  SystemConnection,
  SystemShare,
} from './system.types.js';

/** Systems and sharing. */
@Resolver(() => System)
export class SystemResolver {
  constructor(private readonly service: SystemService) {}

  @Query(() => SystemConnection, {
    complexity: pageCost,
    description: 'Systems the acting organisation owns or has been shared, by name.',
  })
  systems(
    @Scope() scope: RequestScope,
    @Args() page: PageArgsInput,
  ): Promise<ConnectionShape<System>> {
    return this.service.list(scope, page);
  }

  @Query(() => System, { description: 'One system by id.' })
  system(
    @Scope() scope: RequestScope,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<System> {
    return this.service.get(scope, id);
  }

  @Mutation(() => System, {
    description: 'Registers a system owned by the acting organisation (admins).',
  })
  registerSystem(
    @Scope() scope: RequestScope,
    @Args('input', { type: () => RegisterSystemInput }) input: RegisterSystemInput,
  ): Promise<System> {
    return this.service.register(scope, input);
  }

  @Mutation(() => System, {
    description: 'Adds a threat model of the owner organisation to the system.',
  })
  addModelToSystem(@Scope() scope: RequestScope, @Args() args: AddModelArgs): Promise<System> {
    return this.service.addModel(scope, args.systemId, args.modelId);
  }

  @Mutation(() => SystemShare, {
    description: 'Shares the system with another organisation (owner admins).',
  })
  shareSystem(@Scope() scope: RequestScope, @Args() args: ShareWithRoleArgs): Promise<SystemShare> {
    return this.service.share(scope, args.systemId, args.granteeOrganisationId, args.role);
  }

  @Mutation(() => SystemShare, { description: 'Changes the role of a share (owner admins).' })
  changeSystemShare(
    @Scope() scope: RequestScope,
    @Args() args: ShareWithRoleArgs,
  ): Promise<SystemShare> {
    return this.service.changeShare(scope, args.systemId, args.granteeOrganisationId, args.role);
  }

  @Mutation(() => Boolean, {
    description: 'Revokes a share; the grantee loses access at once (owner admins).',
  })
  revokeSystemShare(@Scope() scope: RequestScope, @Args() args: ShareArgs): Promise<boolean> {
    return this.service.revokeShare(scope, args.systemId, args.granteeOrganisationId);
  }
}
