using Inspections.Core.Common;
using Inspections.Core.Features.Jurisdictions;
using Mediator;
using Microsoft.Extensions.Caching.Memory;

namespace Inspections.Api.Pages;

/// <summary>
/// Names of jurisdictions for people to read (温江区 rather than 510115), from the ListJurisdictions request
/// as the signed-in user may send it. The tree changes a few times a year, so each user jurisdiction's
/// names are kept for a few minutes; a name that cannot be had (a user not yet allowed to send requests)
/// reads as its code.
/// </summary>
public sealed class Places(ISender sender, ICurrentUser user, IMemoryCache cache)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    public async Task<string> NameAsync(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "";
        var names = await NamesAsync();
        return names.TryGetValue(code, out var name) ? name : code;
    }

    /// <summary>The name a request gave, unless it only repeated the code: then the tree's.</summary>
    public async Task<string> ShownAsync(string code, string? given) =>
        string.IsNullOrEmpty(given) || given == code ? await NameAsync(code) : given;

    /// <summary>"温江区（510115）", for lists where the code matters too.</summary>
    public async Task<string> NameWithCodeAsync(string? code)
    {
        var name = await NameAsync(code);
        return name == code ? code ?? "" : $"{name}（{code}）";
    }

    private async Task<IReadOnlyDictionary<string, string>> NamesAsync()
    {
        if (!user.IsAuthenticated || user.Jurisdiction.Length == 0) return Empty;
        if (cache.TryGetValue(("places", user.Jurisdiction), out IReadOnlyDictionary<string, string>? known) && known is not null) return known;
        try
        {
            var list = await sender.Send(new ListJurisdictions.Query(null));
            var names = list.ToDictionary(j => j.Code, j => j.Name, StringComparer.Ordinal);
            cache.Set(("places", user.Jurisdiction), (IReadOnlyDictionary<string, string>)names, Keep);
            return names;
        }
        catch (Exception e) when (e is ForbiddenException or UnauthorizedException or FluentValidation.ValidationException or NotFoundException)
        {
            return Empty;
        }
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
