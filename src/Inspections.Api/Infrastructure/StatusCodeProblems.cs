using Inspections.Api.Endpoints;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// A refusal that comes without a body (an address with no endpoint, a method the address does not take, authorization's
/// 401 and 403) goes out as a problem document in the caller's language (<see cref="ProblemMapping.DescribeStatus"/>).
/// The status code pages see to it for every request except those to an endpoint that writes every answer itself
/// (<see cref="WritesItsAnswers"/>: the API's reads, whose answer is their result or the problem the exception handler writes
/// for what they throw), which no longer wait in them on every read; on that path the one refusal without a body is
/// authorization's, which <see cref="AuthorizationAnswers"/> writes.
/// </summary>
public static class StatusCodeProblems
{
    public static IServiceCollection AddStatusCodeProblems(this IServiceCollection services) =>
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AuthorizationAnswers>();

    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app) =>
        app.UseWhen(static http => http.GetEndpoint()?.Metadata.GetMetadata<WritesItsAnswers>() is null, static all => all.UseStatusCodePages());

    /// <summary>
    /// The framework's challenge and forbid, then, for an endpoint the status code pages leave out, the problem document
    /// they would have written (only when nothing was written: a provider's challenge may have answered already).
    /// </summary>
    internal sealed class AuthorizationAnswers(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _framework = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            await _framework.HandleAsync(next, context, policy, authorizeResult);
            if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<WritesItsAnswers>() is null) return;
            var response = context.Response;
            if (response.HasStarted || response.StatusCode < 400 || response.ContentLength.HasValue || !string.IsNullOrEmpty(response.ContentType)) return;
            await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = response.StatusCode } });
        }
    }
}
