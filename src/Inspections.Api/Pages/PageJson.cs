using FluentValidation;
using Inspections.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages;

/// <summary>
/// A page's script asking the page for JSON (the inspection page's chunked upload): the same mediator request the
/// endpoint sends, after the API's input rules, answered as the API answers it — the response as JSON, or the RFC 9457
/// problem the exception maps to (field errors, 409 with currentOffset …) — in Chinese like the page, whatever the
/// browser's languages. Unexpected failures still go to the page's error handling (500, logged).
/// </summary>
public static class PageJson
{
    public static async Task<IActionResult> SendAsync<T>(this PageModel page, object request, Func<CancellationToken, ValueTask<T>> send)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = Show.Chinese;
        try
        {
            var failures = ArgumentRules.CheckRequest(request);
            if (failures.Count > 0) throw new ValidationException(failures);
            return new JsonResult(await send(page.HttpContext.RequestAborted));
        }
        catch (Exception e) when (e is not OperationCanceledException && ProblemMapping.ProblemOf(e) is { } problem)
        {
            problem.Extensions["traceId"] = page.HttpContext.TraceIdentifier;
            return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
        }
    }
}
