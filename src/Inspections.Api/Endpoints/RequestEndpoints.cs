using Inspections.Api.Auth;
using Inspections.Core.Data;
using Mediator;
using Microsoft.AspNetCore.Http.Metadata;

namespace Inspections.Api.Endpoints;

/// <summary>
/// Maps an endpoint from the request type it sends, named once: <c>bind</c> turns the route, query and
/// body into the request (or returns the body itself), and the mapping sends it through the mediator,
/// admits the roles of the request's [AllowedRoles], tells the API description which request it is and
/// what it answers, and answers 200, or 201 with its Location. The policy and the request sent cannot
/// disagree: both come from <typeparamref name="TRequest"/>, and <c>bind</c> must return that type.
/// </summary>
public static class RequestEndpoints
{
    /// <summary>
    /// GET: reads, answers 200. Its binding reads no body, so a route or query value it cannot bind is thrown (and answered
    /// by the exception handler) like everything else it refuses: every answer carries a body (<see cref="WritesItsAnswers"/>).
    /// A read runs to its end even when its caller has gone: each is a page or a figure, milliseconds at a province's volume
    /// (and every statement has its command timeout), and watching the caller would cost every read more than finishing
    /// the few nobody waits for (the request's cancellation source, and the database driver registering with it for each
    /// step of each statement). The exports, which stream a whole register, keep the request's token (RegisterEndpoints).
    /// </summary>
    public static RouteHandlerBuilder MapQuery<TRequest, TResponse>(this IEndpointRouteBuilder app, string pattern, Delegate bind)
        where TRequest : IQuery<TResponse> =>
        Map<TRequest, TResponse>(app, HttpMethods.Get, pattern, bind, Query<TRequest, TResponse>(app), Answer<TRequest, TResponse>(null), typeof(TResponse), StatusCodes.Status200OK,
            finishesAlone: true)
            .WithMetadata(WritesItsAnswers.Instance);

    /// <summary>POST: a step on an existing record (or a run of a job), answers 200.</summary>
    public static RouteHandlerBuilder MapCommand<TRequest, TResponse>(this IEndpointRouteBuilder app, string pattern, Delegate bind)
        where TRequest : ICommand<TResponse> =>
        Map<TRequest, TResponse>(app, HttpMethods.Post, pattern, bind, Command<TRequest, TResponse>(app), Answer<TRequest, TResponse>(null), typeof(TResponse), StatusCodes.Status200OK);

    /// <summary>
    /// POST: a step whose answer the endpoint shapes from the response (signing in answers a token, not the
    /// use case's result): 200 with what <paramref name="answer"/> returns, which may also throw a refusal.
    /// </summary>
    public static RouteHandlerBuilder MapCommand<TRequest, TResponse, TAnswer>(this IEndpointRouteBuilder app, string pattern, Delegate bind,
        Func<HttpContext, TResponse, TAnswer> answer)
        where TRequest : ICommand<TResponse> =>
        Map<TRequest, TResponse>(app, HttpMethods.Post, pattern, bind, Command<TRequest, TResponse>(app),
            (http, _, response) => Results.Ok(answer(http, response)), typeof(TAnswer), StatusCodes.Status200OK);

    /// <summary>PUT: replaces a record or one part of it, answers 200.</summary>
    public static RouteHandlerBuilder MapReplace<TRequest, TResponse>(this IEndpointRouteBuilder app, string pattern, Delegate bind)
        where TRequest : ICommand<TResponse> =>
        Map<TRequest, TResponse>(app, HttpMethods.Put, pattern, bind, Command<TRequest, TResponse>(app), Answer<TRequest, TResponse>(null), typeof(TResponse), StatusCodes.Status200OK);

    /// <summary>DELETE: removes a record, answers 200 with it as it was removed.</summary>
    public static RouteHandlerBuilder MapRemove<TRequest, TResponse>(this IEndpointRouteBuilder app, string pattern, Delegate bind)
        where TRequest : ICommand<TResponse> =>
        Map<TRequest, TResponse>(app, HttpMethods.Delete, pattern, bind, Command<TRequest, TResponse>(app), Answer<TRequest, TResponse>(null), typeof(TResponse), StatusCodes.Status200OK);

    /// <summary>POST: creates, answers 201 with the Location <paramref name="location"/> names (none when it returns null).</summary>
    public static RouteHandlerBuilder MapCreate<TRequest, TResponse>(this IEndpointRouteBuilder app, string pattern, Delegate bind,
        Func<TRequest, TResponse, string?> location)
        where TRequest : ICommand<TResponse> =>
        Map<TRequest, TResponse>(app, HttpMethods.Post, pattern, bind, Command<TRequest, TResponse>(app), Answer(location), typeof(TResponse), StatusCodes.Status201Created);

    /// <summary>
    /// How the endpoint sends its request: through the mediator's own dispatch for <typeparamref name="TRequest"/> (the
    /// generated wrapper that resolves the handler and the behaviours from the request's scope and runs them in order), found
    /// once when the endpoint is mapped rather than looked up by the request's type on every send. The same code
    /// <c>mediator.Send</c> runs; pages and jobs go through <c>Send</c> itself.
    /// </summary>
    private static Func<global::Mediator.Mediator, TRequest, CancellationToken, ValueTask<TResponse>> Query<TRequest, TResponse>(IEndpointRouteBuilder app)
        where TRequest : IQuery<TResponse> =>
        app.ServiceProvider.GetRequiredService<global::Mediator.Internals.QueryHandlerWrapper<TRequest, TResponse>>().Handle;

    /// <inheritdoc cref="Query{TRequest, TResponse}"/>
    private static Func<global::Mediator.Mediator, TRequest, CancellationToken, ValueTask<TResponse>> Command<TRequest, TResponse>(IEndpointRouteBuilder app)
        where TRequest : ICommand<TResponse> =>
        app.ServiceProvider.GetRequiredService<global::Mediator.Internals.CommandHandlerWrapper<TRequest, TResponse>>().Handle;

    private static Func<HttpContext, TRequest, TResponse, IResult> Answer<TRequest, TResponse>(Func<TRequest, TResponse, string?>? location) =>
        location is null
            ? static (_, _, response) => Results.Ok(response)
            : (_, request, response) => Results.Created(location(request, response), response);

    private static RouteHandlerBuilder Map<TRequest, TResponse>(IEndpointRouteBuilder app, string method, string pattern, Delegate bind,
        Func<global::Mediator.Mediator, TRequest, CancellationToken, ValueTask<TResponse>> send, Func<HttpContext, TRequest, TResponse, IResult> answer,
        Type answers, int status, bool finishesAlone = false)
    {
        var returns = bind.Method.ReturnType;
        if (returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            returns = returns.GetGenericArguments()[0];
        if (returns != typeof(TRequest))
            throw new InvalidOperationException(
                $"{method} {pattern}: the binding returns {returns.FullName}, but the endpoint is mapped for {typeof(TRequest).FullName}.");

        // The binding is the endpoint's handler, so its parameters (names, [OneOf], [AsParameters], bodies) are
        // what the framework binds and the API description shows; this filter, last in line, sends what it built.
        var endpoint = app.MapMethods(pattern, [method], bind)
            .AddEndpointFilter(new Sending<TRequest, TResponse>(send, answer, finishesAlone,
                app.ServiceProvider.GetRequiredService<global::Mediator.Internals.ContainerMetadata>()).InvokeAsync)
            .Allow<TRequest>()
            .Produces(status, answers);
        // The framework reads the binding's return type as a 200 answer of the request itself; the answer is TResponse.
        endpoint.Finally(built =>
        {
            foreach (var inferred in built.Metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Type == typeof(TRequest)).ToList())
                built.Metadata.Remove(inferred);
        });
        return endpoint;
    }

    /// <summary>
    /// The filter that sends what the binding built and answers. Not an async method: a request whose every step is done
    /// at once (SQLite's reads) passes through without a state machine, and one that waits (a PostgreSQL query) pays for one.
    /// </summary>
    private sealed class Sending<TRequest, TResponse>(Func<global::Mediator.Mediator, TRequest, CancellationToken, ValueTask<TResponse>> send,
        Func<HttpContext, TRequest, TResponse, IResult> answer, bool finishesAlone, global::Mediator.Internals.ContainerMetadata metadata)
    {
        public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var binding = next(context);
            return binding.IsCompletedSuccessfully ? Send(binding.Result, context.HttpContext) : BoundAsync(binding, context.HttpContext);
        }

        private async ValueTask<object?> BoundAsync(ValueTask<object?> binding, HttpContext http) => await Send(await binding, http);

        private ValueTask<object?> Send(object? bound, HttpContext http)
        {
            // Anything but the request (a refusal of the binding) goes out as it is.
            if (bound is not TRequest request) return new(bound);
            // The generated mediator itself, made here for the request's scope as the container would make it (EndpointMediator).
            var sending = send(new global::Mediator.Mediator(http.RequestServices, metadata), request,
                finishesAlone ? CancellationToken.None : http.RequestAborted);
            return sending.IsCompletedSuccessfully ? Answer(request, sending.Result, http) : SentAsync(sending, request, http);
        }

        private async ValueTask<object?> SentAsync(ValueTask<TResponse> sending, TRequest request, HttpContext http) =>
            await Answer(request, await sending, http);

        private ValueTask<object?> Answer(TRequest request, TResponse response, HttpContext http)
        {
            // The answer is built (answers are read in full, never streamed from the session): the connection goes back
            // to the pool before the answer is written, not after.
            var releasing = http.RequestServices.GetRequiredService<DbSession>().ReleaseAsync();
            return releasing.IsCompletedSuccessfully ? new(answer(http, request, response)) : ReleasedAsync(releasing, request, response, http);
        }

        private async ValueTask<object?> ReleasedAsync(ValueTask releasing, TRequest request, TResponse response, HttpContext http)
        {
            await releasing;
            return answer(http, request, response);
        }
    }
}

/// <summary>
/// Marks an endpoint every answer of which carries a body: its result, or the problem document the exception handler writes
/// for what it throws (<see cref="RequestEndpoints.MapQuery"/>; not one that reads a body, which the framework may refuse
/// with an empty 400, e.g. a form whose boundary is not the one announced). The status code pages are not run for it
/// (<see cref="Infrastructure.StatusCodeProblems"/>).
/// </summary>
public sealed class WritesItsAnswers
{
    public static readonly WritesItsAnswers Instance = new();

    private WritesItsAnswers() { }
}
