using System.Text.Json;
using FluentValidation;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Turns every exception into an RFC 9457 problem: validation 400 with field errors, 401, 403, 404,
/// 409, 429 (a login locked by failed sign-ins, with Retry-After), and 500 with only a trace id (no stack trace, no SQL).
/// </summary>
public sealed partial class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    /// <summary>The status an exception answers: the one its problem document carries.</summary>
    public static int StatusOf(Exception exception) => Map(exception)?.Status ?? StatusCodes.Status500InternalServerError;

    /// <summary>The problem document of an exception the system knows; null for an unexpected one (a 500).</summary>
    public static ProblemDetails? ProblemOf(Exception exception) => Map(exception);

    private static ProblemDetails? Map(Exception exception) => exception switch
        {
            ValidationException v => Validation(v),
            BadHttpRequestException b => BadRequest(b),
            NotFoundException nf => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = Text.Pick("未找到", "Not found"),
                Detail = Text.Pick($"未找到该{nf.EntityZh}（{nf.Id}）。", $"The {nf.EntityEn} {nf.Id} was not found."),
            },
            ForbiddenException f => new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = Text.Pick("无权操作", "Forbidden"),
                Detail = f.Detail,
            },
            ConflictException c => Conflict(c),
            SheetRowsException rows => SheetRows(rows),
            UnauthorizedException u => new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = Text.Pick("未登录或令牌无效", "Unauthorized"),
                Detail = u.Detail,
            },
            LockedOutException l => new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = Text.Pick("登录失败次数过多", "Too many failed sign-ins"),
                Detail = l.Detail,
                Extensions = { ["lockedUntil"] = l.LockedUntil },
            },
            System.Data.Common.DbException d when DbErrors.IsUniqueViolation(d) => new ProblemDetails
            {
                // Two people did the same thing at the same moment and the database kept one: a conflict, not a fault.
                Status = StatusCodes.Status409Conflict,
                Title = Text.Pick("操作冲突", "Conflict"),
                Detail = Text.Pick("与同时提交的另一操作冲突，该记录已存在，请刷新后重试。",
                    "Another request made the same change at the same moment; reload and try again."),
            },
            _ when IsUnavailable(exception) => Unavailable(),
            _ => null,
        };

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // The exception handler has already pointed the request at the error page: the address asked for is the feature's.
        var asked = http.Features.Get<IExceptionHandlerFeature>()?.Path is { } original ? new PathString(original) : http.Request.Path;
        if (PagesSetup.IsPageRequest(http, asked) && !http.Response.HasStarted)
        {
            // A page address answers the Chinese error page, not a problem document: declined here, the exception
            // handler re-executes the error page with this exception's own status (see Program.cs).
            var status = StatusOf(exception);
            if (status == StatusCodes.Status503ServiceUnavailable) LogUnavailable(exception, http.Request.Method, asked);
            else if (status >= 500) LogUnexpected(exception, http.Request.Method, asked);
            return false;
        }
        var problem = Map(exception);
        if (problem is null)
        {
            LogUnexpected(exception, http.Request.Method, asked);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = Text.Pick("服务器内部错误", "Internal server error"),
                Detail = Text.Pick("系统出现意外错误，请将追踪编号提供给管理员。", "An unexpected error occurred; give the trace id to an administrator."),
            };
        }
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // The cause, not a rollback that failed after it, is what an operator needs to see.
            LogUnavailable(exception, http.Request.Method, asked);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (exception is LockedOutException locked)
            http.Response.Headers.RetryAfter = locked.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Validation(ValidationException v)
    {
        // At most the first InputLimits.MaxErrors failures, so a body of a thousand bad items answers a small document.
        var all = v.Errors as ICollection<FluentValidation.Results.ValidationFailure> ?? v.Errors.ToList();
        var errors = all.Take(InputLimits.MaxErrors)
            .GroupBy(e => FieldName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Text.Pick("提交的数据有误", "One or more validation errors occurred."),
            Detail = all.Count <= InputLimits.MaxErrors
                ? Text.Pick("请按字段提示修改后重新提交。", "Correct the fields listed and submit again.")
                : Text.Pick($"共 {all.Count} 处错误，仅列出前 {InputLimits.MaxErrors} 处；请按字段提示修改后重新提交。",
                    $"{all.Count} errors; only the first {InputLimits.MaxErrors} are listed. Correct the fields listed and submit again."),
            Extensions = { ["errorCount"] = all.Count },
        };
    }

    private static ProblemDetails BadRequest(BadHttpRequestException b)
    {
        // Malformed JSON or a value of the wrong type: name the field when the parser knows it.
        var json = b.InnerException as JsonException;
        var parameter = System.Text.RegularExpressions.Regex.Match(b.Message, @"parameter ""[^ ""]+ (\w+)""");
        var field = json?.Path is { Length: > 2 } path ? FieldName(path.TrimStart('$', '.'))
            : parameter.Success ? FieldName(parameter.Groups[1].Value) : "body";
        var message = json is not null || parameter.Success
            ? Text.Pick("格式不正确（例如数字、日期应为 2026-01-31 格式、编号应为 GUID）", "has the wrong format (numbers, dates as 2026-01-31, ids as GUIDs)")
            : Text.Pick("请求格式不正确", "The request is malformed");
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = b.StatusCode,
            Title = Text.Pick("请求格式不正确", "The request could not be read."),
        };
    }

    /// <summary>An uploaded sheet with rows that cannot be taken: nothing stored, every bad row listed (row, column, message).</summary>
    private static ProblemDetails SheetRows(SheetRowsException e) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = Text.Pick("表格中有错误的行，未导入任何数据", "Some rows of the sheet are wrong; nothing was imported"),
        Detail = Text.Pick(
            $"共 {e.Errors.Select(r => r.Row).Distinct().Count()} 行有误（{e.Errors.Count} 处），{e.ValidRows} 行无误。请改正后重新上传，或选择只导入无误的行（importValidRows=true）。",
            $"{e.Errors.Select(r => r.Row).Distinct().Count()} rows are wrong ({e.Errors.Count} errors) and {e.ValidRows} are right. Correct them and upload again, or import the right rows alone (importValidRows=true)."),
        Extensions =
        {
            ["rowErrors"] = e.Errors.Select(r => new { row = r.Row, column = r.Column, field = r.Field, message = r.Message }).ToList(),
            ["errorCount"] = e.Errors.Count,
            ["validRows"] = e.ValidRows,
        },
    };

    private static ProblemDetails Conflict(ConflictException c)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = Text.Pick("操作冲突", "Conflict"),
            Detail = c.Detail,
        };
        foreach (var (key, value) in c.Extensions) problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>
    /// Bodies for answers the framework gives without an exception (no token, a role the endpoint
    /// does not admit, no such route): in the caller's language like every other answer.
    /// </summary>
    public static void DescribeStatus(ProblemDetails problem)
    {
        if (problem.Status == StatusCodes.Status400BadRequest && problem is not HttpValidationProblemDetails)
        {
            // The framework's own refusal of a body it could not read (a multipart form whose boundary is not the
            // one announced): a 400 like every other, with its field error.
            problem.Title = Text.Pick("请求格式不正确", "The request could not be read.");
            problem.Detail ??= Text.Pick("无法读取请求内容，请检查 Content-Type 与正文是否一致（multipart 的 boundary 须与正文相同）。",
                "The request body could not be read; check that the Content-Type matches the body (a multipart boundary must be the body's).");
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["body"] = [Text.Pick("无法读取请求内容", "The body could not be read")] };
            problem.Extensions["errorCount"] = 1;
            return;
        }
        (string Zh, string En, string DetailZh, string DetailEn)? text = problem.Status switch
        {
            StatusCodes.Status401Unauthorized => ("未登录或令牌无效", "Unauthorized",
                "请携带有效的访问令牌（Authorization: Bearer …）。", "Send a valid bearer token."),
            StatusCodes.Status403Forbidden => ("无权操作", "Forbidden",
                "您的角色无权执行此操作。", "Your role may not do this."),
            StatusCodes.Status404NotFound => ("未找到", "Not found", "请求的地址不存在。", "No such address."),
            StatusCodes.Status405MethodNotAllowed => ("不支持的请求方法", "Method not allowed",
                "该地址不支持此请求方法。", "This address does not take this method."),
            StatusCodes.Status415UnsupportedMediaType => ("不支持的内容类型", "Unsupported media type",
                "请以 application/json（上传文件用 multipart/form-data）提交。", "Send application/json (multipart/form-data for files)."),
            _ => null,
        };
        if (text is not { } t) return;
        problem.Title = Text.Pick(t.Zh, t.En);
        problem.Detail ??= Text.Pick(t.DetailZh, t.DetailEn);
    }

    /// <summary>Seconds a client is asked to wait (Retry-After) when the database cannot be reached.</summary>
    public const int RetryAfterSeconds = 5;

    private static ProblemDetails Unavailable() => new()
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = Text.Pick("服务暂时不可用", "Service unavailable"),
        Detail = Text.Pick(
            $"暂时无法连接数据库，请在 {RetryAfterSeconds} 秒后重试。提交的数据可能未保存：重试前请刷新确认，或携带同一 Idempotency-Key 重试。",
            $"The database cannot be reached; try again in {RetryAfterSeconds} seconds. A write may not have been saved: reload before retrying, or retry with the same Idempotency-Key."),
    };

    /// <summary>
    /// The database cannot be reached or is shutting down, on SQLite, PostgreSQL or SQL Server: a
    /// passing fault a client may retry (503), not a bug (500). Looks through wrapped exceptions.
    /// </summary>
    public static bool IsUnavailable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                // 08xxx connection exceptions, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 53300 too many connections.
                case Npgsql.PostgresException p:
                    return p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "53300";
                // Client-side: refused, reset, broken stream, connect or pool timeout.
                case Npgsql.NpgsqlException n when n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException:
                    return true;
                // 5 busy beyond busy_timeout, 6 locked, 14 cannot open the file.
                case Microsoft.Data.Sqlite.SqliteException s:
                    return s.SqliteErrorCode is 5 or 6 or 14;
                case Microsoft.Data.SqlClient.SqlException q:
                    return q.Number is -2 or -1 or 2 or 53 or 64 or 121 or 233 or 4060 or 4221 or 10053 or 10054 or 10060 or 10061
                        or 10928 or 10929 or 40143 or 40197 or 40501 or 40540 or 40613 or 49918 or 49919 or 49920
                        || q.InnerException is System.Net.Sockets.SocketException or IOException;
                case System.Net.Sockets.SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>"LicenseNumber" → "licenseNumber", "Items[0].Note" → "items[0].note": the JSON names the caller sent.</summary>
    public static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : JsonNamingPolicy.CamelCase.ConvertName(p)));


    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable on {Method} {Path}; answered 503")]
    private partial void LogUnavailable(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
