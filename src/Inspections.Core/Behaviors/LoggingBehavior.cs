using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Inspections.Core.Behaviors;

/// <summary>
/// Logs each request's type and how long it took, never its content: passwords and personal data
/// in a request stay out of the logs (a test reads every log line of a sign-in to hold it to that).
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            LogHandled(RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            LogFailed(RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }

    private static readonly string? RequestName = typeof(TMessage).FullName;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private partial void LogHandled(string? request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} failed after {ElapsedMs:0.0} ms: {Error}")]
    private partial void LogFailed(string? request, double elapsedMs, string error);
}
