using System.Buffers;
using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// The rules every request meets before a validator or handler sees it, the same on every database:
/// text holds no control characters (tab, CR and LF excepted) and is valid Unicode; dates lie within
/// <see cref="InputLimits.MinDate"/>..<see cref="InputLimits.MaxDate"/>; lists hold no null items and
/// at most <see cref="InputLimits.MaxItems"/> (or their <see cref="MaxItemsAttribute"/>); a JSON body is
/// UTF-8; the path holds no control characters and path plus query fit in <see cref="InputLimits.MaxUriLength"/>.
/// The request-level checks are a middleware (<see cref="UseInputRules"/>); the argument checks an
/// endpoint filter (<see cref="ArgumentRules"/>) on every API endpoint.
/// </summary>
public static class InputRules
{
    /// <summary>
    /// Kestrel's own request-line limit (8 KB by default) answers 414 with an empty body before the app
    /// sees the request; raised so that anything up to this size gets our 414 problem document instead.
    /// </summary>
    public const int KestrelRequestLineBytes = 64 * 1024;

    public static IServiceCollection AddInputRules(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = KestrelRequestLineBytes);

    // The middleware as the next step's closure: Use(Func<HttpContext, RequestDelegate, Task>) would wrap a delegate to a
    // static method (called through a shuffle thunk) in one more lambda, two calls on every request instead of one.
    public static IApplicationBuilder UseInputRules(this IApplicationBuilder app) => app.Use(static next => http => CheckRequestAsync(http, next));

    // Not async: a request that passes (nearly all) goes on to the next middleware without a state machine of its own.
    private static Task CheckRequestAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        switch (CheckAddress(request))
        {
            case Address.TooLong:
                return RefuseAsync(http, StatusCodes.Status414UriTooLong, Text.Pick("请求地址过长", "URI too long"),
                    Text.Pick($"请求地址（路径与查询参数）不能超过 {InputLimits.MaxUriLength} 个字符。",
                        $"The path and query string must not exceed {InputLimits.MaxUriLength} characters."));
            case Address.BadPath:
                throw new ValidationException([new ValidationFailure("path",
                    Text.Pick("请求地址中不能包含控制字符或无效字符", "The path must not contain control characters or invalid Unicode"))]);
        }
        if (UnsupportedCharset(request) is { } charset)
            return RefuseAsync(http, StatusCodes.Status415UnsupportedMediaType, Text.Pick("不支持的内容类型", "Unsupported media type"),
                Text.Pick($"不支持字符集“{charset}”，请以 UTF-8 编码提交 JSON（可省略 charset）。",
                    $"The charset \"{charset}\" is not supported; send JSON in UTF-8 (charset may be left out)."));
        return next(http);
    }

    /// <summary>
    /// Whether the middleware would pass the request on without a word and without changing it: an address within the rules
    /// and no body type named (a GET's; a body type may be refused, or rewritten to "utf-8").
    /// </summary>
    public static bool Passes(HttpRequest request) => request.Headers.ContentType.Count == 0 && CheckAddress(request) == Address.Fine;

    private enum Address { Fine, TooLong, BadPath }

    private static Address CheckAddress(HttpRequest request)
    {
        var length = (request.Path.Value?.Length ?? 0) + (request.PathBase.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (length > InputLimits.MaxUriLength) return Address.TooLong;
        // The decoded path (%01, %0A and the like: no line breaks either); Kestrel itself refuses %00 before we are called.
        if (request.Path.Value is { } path && (path.AsSpan().IndexOfAny(LineBreaks) >= 0 || TextProblem(path) is not null)) return Address.BadPath;
        return Address.Fine;
    }

    /// <summary>
    /// The charset of a JSON body other than UTF-8 (the only one the API reads), or null when acceptable.
    /// The framework reads only a bare <c>charset=utf-8</c>, so the spellings we accept (<c>"UTF-8"</c>, <c>utf8</c>) are rewritten to it.
    /// </summary>
    private static string? UnsupportedCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)) return null;
        var json = type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
        if (!json || !type.Charset.HasValue) return null;
        var charset = HeaderUtilities.RemoveQuotes(type.Charset).ToString();
        if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            return charset.Length > 40 ? charset[..40] + "…" : charset;
        if (type.Charset != "utf-8")
        {
            type.Charset = "utf-8";
            request.ContentType = type.ToString();
        }
        return null;
    }

    private static async Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    // C0 controls but tab, LF and CR; DEL; C1 controls. PostgreSQL refuses NUL outright and the others
    // are never meant as text, so both databases get only what either would store the same way.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r'))
            .Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).ToArray());

    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\t\r\n");


    /// <summary>Why a text is refused (a control character, an unpaired surrogate), or null when it is acceptable.</summary>
    public static string? TextProblem(string text)
    {
        var span = text.AsSpan();
        if (span.ContainsAny(Controls))
            return Text.Pick("不能包含控制字符（制表符、回车、换行除外）", "must not contain control characters (other than tab, CR and LF)");
        var first = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0) return null;
        for (var i = first; i < span.Length; i++)
        {
            if (!char.IsSurrogate(span[i])) continue;
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) { i++; continue; }
            return Text.Pick("含有无效的 Unicode 字符（不成对的代理项）", "contains invalid Unicode (an unpaired surrogate)");
        }
        return null;
    }

    public static string? DateProblem(DateOnly date) => date < InputLimits.MinDate || date > InputLimits.MaxDate
        ? Text.Pick($"日期须在 {InputLimits.MinDate:yyyy-MM-dd} 至 {InputLimits.MaxDate:yyyy-MM-dd} 之间",
            $"must be between {InputLimits.MinDate:yyyy-MM-dd} and {InputLimits.MaxDate:yyyy-MM-dd}")
        : null;

    public static string NullItem() => Text.Pick("列表项不能为 null", "A list item must not be null");

    public static string TooMany(int max, int count) =>
        Text.Pick($"最多 {max} 项（提交了 {count} 项）", $"At most {max} items (got {count})");
}
