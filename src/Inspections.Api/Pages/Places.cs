namespace Inspections.Api.Pages;

/// <summary>Names of jurisdictions for people to read.</summary>
public static class Places
{
    public static string NameOf(HttpContext http, string? code) => code ?? "";
}
