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
    // Not an async method: a request whose handler finishes without waiting (SQLite's reads) passes through without a state
    // machine, and one that waits costs one.
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // Neither line would be written (logging at Warning or above): nothing to time, and a request that waits passes
        // through without a frame of this behaviour's.
        if (!logger.IsEnabled(LogLevel.Information)) return next(message, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        ValueTask<TResponse> pending;
        try
        {
            pending = next(message, cancellationToken);
        }
        catch (Exception ex)
        {
            LogFailed(RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
        if (!pending.IsCompletedSuccessfully) return AwaitedAsync(pending, started);
        LogHandled(RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return pending;
    }

    private async ValueTask<TResponse> AwaitedAsync(ValueTask<TResponse> pending, long started)
    {
        try
        {
            var response = await pending;
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
