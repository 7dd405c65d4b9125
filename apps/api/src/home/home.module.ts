import { Module } from '@nestjs/common';
import { WebAppModule } from '../web-app/web-app.module.js';
import { HomeController } from './home.controller.js';

/** `/`: the web app for browsers (or the GraphQL IDE without a build), an endpoint index otherwise. */
@Module({ imports: [WebAppModule], controllers: [HomeController] })
export class HomeModule {}
