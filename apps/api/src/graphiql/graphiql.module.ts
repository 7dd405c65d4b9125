import { Module } from '@nestjs/common';
import { GraphiqlController } from './graphiql.controller.js';

/** The GraphQL IDE page and its locally served assets. */
@Module({ controllers: [GraphiqlController] })
export class GraphiqlModule {}
