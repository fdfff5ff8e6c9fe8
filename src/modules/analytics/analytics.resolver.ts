import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { Analytics, AnalyticsArgs } from './analytics.types';

@Resolver(() => Analytics)
export class AnalyticsResolver {
  @Query(() => Analytics, { description: 'Code generation and health numbers over a date range, computed by the database.' })
  analytics(@Args() args: AnalyticsArgs, @Ctx() ctx: Context) {
    return ctx.analytics.analytics(args);
  }
}
