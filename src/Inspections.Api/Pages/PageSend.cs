using FluentValidation;
using FluentValidation.Results;
using Inspections.Api.Infrastructure;
using Inspections.Core.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages;

/// <summary>
/// How a page sends what its form built: the API's input rules first (<see cref="ArgumentRules.CheckRequest"/>),
/// then the same mediator request the endpoint sends, with its validator, access rules and handler. Field
/// errors land in ModelState next to the form's fields (keys <c>Input.DisplayName</c>, <c>Input.Roles</c>);
/// a stale version lands at the top of the form. Refusals (403, 404) propagate to the error page.
/// </summary>
public static class PageSend
{
    /// <param name="conflict">What to say when the record changed since the form was read (409); the request's own words when null.</param>
    /// <param name="onConflict">Handles a 409 itself (a refusal that names another record), instead of the words at the top of the form.</param>
    public static Task<(bool Ok, T Value)> TrySendAsync<T>(this PageModel page, ISender sender, ICommand<T> command, string prefix = "Input",
        string? conflict = null, Action<ConflictException>? onConflict = null) =>
        page.TryAsync(command, prefix, conflict, ct => sender.Send(command, ct), onConflict);

    public static Task<(bool Ok, T Value)> TrySendAsync<T>(this PageModel page, ISender sender, IQuery<T> query, string prefix = "Input") =>
        page.TryAsync(query, prefix, null, ct => sender.Send(query, ct));

    private static async Task<(bool Ok, T Value)> TryAsync<T>(this PageModel page, object request, string prefix, string? conflict,
        Func<CancellationToken, ValueTask<T>> send, Action<ConflictException>? onConflict = null)
    {
        // A value the form could not bind (a date like "2026-13-01") is already an error: the request is not sent half-read.
        if (!page.ModelState.IsValid) return (false, default!);
        var failures = ArgumentRules.CheckRequest(request);
        if (failures.Count > 0)
        {
            page.AddFailures(failures, prefix);
            return (false, default!);
        }
        try
        {
            return (true, await send(page.HttpContext.RequestAborted));
        }
        catch (ValidationException e)
        {
            page.AddFailures(e.Errors, prefix);
        }
        catch (ConflictException e) when (onConflict is not null)
        {
            onConflict(e);
        }
        catch (ConflictException e)
        {
            page.ModelState.AddModelError("", conflict ?? e.Detail);
        }
        return (false, default!);
    }

    /// <summary>Each failure under its form field when the form has one, else at the top of the form.</summary>
    public static void AddFailures(this PageModel page, IEnumerable<ValidationFailure> failures, string prefix = "Input")
    {
        // Fields bound on the page model itself (a GET form with plain query names) have no prefix.
        var input = prefix.Length == 0 ? page.GetType() : page.GetType().GetProperty(prefix)?.PropertyType;
        foreach (var failure in failures.Take(InputLimits.MaxErrors))
        {
            var key = FieldKey(failure.PropertyName);
            var first = key.Split('.', '[')[0];
            var known = input?.GetProperty(first) is not null;
            page.ModelState.AddModelError(!known ? "" : prefix.Length == 0 ? key : $"{prefix}.{key}", failure.ErrorMessage);
        }
    }

    /// <summary>"displayName" or "DisplayName" → "DisplayName"; "items[0].note" → "Items[0].Note".</summary>
    private static string FieldKey(string name) =>
        string.Join('.', name.Split('.').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}
