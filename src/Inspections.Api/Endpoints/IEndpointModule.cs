using System.Reflection;
using Inspections.Api.Infrastructure;

namespace Inspections.Api.Endpoints;

/// <summary>
/// A feature's HTTP endpoints. Every implementation in this assembly is mapped at start, so a
/// new feature adds its own file and touches nothing shared.
/// </summary>
public interface IEndpointModule
{
    static abstract void Map(IEndpointRouteBuilder app);
}

public static class EndpointModules
{
    public static void MapEndpointModules(this IEndpointRouteBuilder app)
    {
        var modules = typeof(IEndpointModule).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IEndpointModule).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal);
        // One group without a prefix, so every endpoint of every module holds its arguments to the input rules.
        var api = app.MapGroup("").AddEndpointFilterFactory(ArgumentRules.Create);
        foreach (var module in modules)
            module.GetMethod(nameof(IEndpointModule.Map), BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [api]);
    }
}
