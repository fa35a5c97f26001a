using System.Collections;
using System.Reflection;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Common;
using Microsoft.AspNetCore.Http.Metadata;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// The endpoint filter that holds every bound argument (body, query, route, form fields, uploaded file
/// names) to <see cref="InputRules"/> before the endpoint runs, and refuses with one validation problem
/// naming each field as the caller sent it (<c>name</c>, <c>items[2].note</c>, <c>from</c>). A list too
/// long is refused whole, without walking its items, so a huge body costs its parsing and no more.
/// The shape of each type is worked out once, when the endpoint is built.
/// </summary>
public static class ArgumentRules
{
    public static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var isService = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var checks = new List<Check>();
        var parameters = context.MethodInfo.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            if (IsInfrastructure(p, isService)) continue;
            var shape = Shape.Of(p.ParameterType);
            if (shape.Kind == Kind.Skip) continue;
            // A body or [AsParameters] object's members are top-level names; anything else is named by its parameter.
            checks.Add(new Check(i, shape.Kind == Kind.Object ? "" : BoundName(p), shape));
        }
        if (checks.Count == 0) return next;
        return invocation =>
        {
            var failures = new Failures();
            foreach (var check in checks)
                Walk(invocation.Arguments[check.Index], check.Shape, check.Name, InputLimits.MaxItems, failures, 0);
            if (failures.List is { } list) throw new ValidationException(list);
            return next(invocation);
        };
    }

    /// <summary>
    /// The same rules for a request a page built from a form, so a page admits exactly what the API admits:
    /// the failures, named as the API names them (<c>displayName</c>, <c>roles[1]</c>), or none.
    /// </summary>
    public static IReadOnlyList<ValidationFailure> CheckRequest(object request)
    {
        var failures = new Failures();
        Walk(request, Shape.Of(request.GetType()), "", InputLimits.MaxItems, failures, 0);
        return failures.List ?? [];
    }

    private sealed record Check(int Index, string Name, Shape Shape);

    private sealed class Failures
    {
        public List<ValidationFailure>? List { get; private set; }
        public void Add(string field, string message) => (List ??= []).Add(new ValidationFailure(field, message));
    }

    private const int MaxDepth = 32;

    private static void Walk(object? value, Shape shape, string path, int maxItems, Failures failures, int depth)
    {
        if (value is null || depth > MaxDepth) return;
        switch (shape.Kind)
        {
            case Kind.Text:
                if (InputRules.TextProblem((string)value) is { } text) failures.Add(path, text);
                break;
            case Kind.Date:
                var date = value switch
                {
                    DateOnly d => d,
                    DateTime t => DateOnly.FromDateTime(t),
                    DateTimeOffset o => DateOnly.FromDateTime(o.DateTime),
                    _ => InputLimits.MinDate,
                };
                if (InputRules.DateProblem(date) is { } dateProblem) failures.Add(path, dateProblem);
                break;
            case Kind.File:
                if (InputRules.TextProblem(((IFormFile)value).FileName) is { } fileName) failures.Add(path, fileName);
                break;
            case Kind.List:
                var items = (IEnumerable)value;
                var count = items is ICollection c ? c.Count : items.Cast<object?>().Count();
                if (count > maxItems)
                {
                    failures.Add(path, InputRules.TooMany(maxItems, count));
                    return;
                }
                var element = shape.Element!;
                if (element.Kind == Kind.Skip && !element.MayHoldNull) return;
                var index = 0;
                foreach (var item in items)
                {
                    var itemPath = $"{path}[{index++}]";
                    if (item is null) failures.Add(itemPath, InputRules.NullItem());
                    else Walk(item, element, itemPath, InputLimits.MaxItems, failures, depth + 1);
                }
                break;
            case Kind.Object:
                foreach (var member in shape.Members)
                    Walk(member.Property.GetValue(value), member.Shape, path.Length == 0 ? member.Name : $"{path}.{member.Name}",
                        member.MaxItems, failures, depth + 1);
                break;
            case Kind.Skip:
                break;
        }
    }

    private static readonly Type[] InfrastructureTypes =
    [
        typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(CancellationToken), typeof(ClaimsPrincipal),
        typeof(Stream), typeof(System.IO.Pipelines.PipeReader),
    ];

    private static bool IsInfrastructure(ParameterInfo p, IServiceProviderIsService? isService) =>
        InfrastructureTypes.Contains(p.ParameterType)
        || p.GetCustomAttributes().Any(a => a is IFromServiceMetadata or FromKeyedServicesAttribute)
        || (isService?.IsService(p.ParameterType) ?? false);

    /// <summary>The name the caller used: an explicit [FromQuery(Name = …)] and the like, else the parameter's.</summary>
    private static string BoundName(ParameterInfo p)
    {
        foreach (var a in p.GetCustomAttributes())
        {
            var name = a switch
            {
                IFromQueryMetadata q => q.Name,
                IFromRouteMetadata r => r.Name,
                IFromFormMetadata f => f.Name,
                IFromHeaderMetadata h => h.Name,
                _ => null,
            };
            if (!string.IsNullOrEmpty(name)) return name;
        }
        return p.Name ?? "value";
    }

    private enum Kind { Skip, Text, Date, File, List, Object }

    private sealed record Member(string Name, PropertyInfo Property, Shape Shape, int MaxItems);

    /// <summary>What in a type is held to the rules: built once per type, then only read.</summary>
    private sealed class Shape
    {
        public Kind Kind { get; private set; }
        public bool MayHoldNull { get; private set; }
        public Shape? Element { get; private set; }
        public Member[] Members { get; private set; } = [];

        private static readonly Dictionary<Type, Shape> Cache = [];
        private static readonly Lock Gate = new();

        public static Shape Of(Type type)
        {
            lock (Gate) return Build(type);
        }

        private static Shape Build(Type type)
        {
            if (Cache.TryGetValue(type, out var known)) return known;
            var shape = new Shape { MayHoldNull = !type.IsValueType || Nullable.GetUnderlyingType(type) is not null };
            Cache[type] = shape; // before the members, so a type that refers to itself ends
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t == typeof(string)) shape.Kind = Kind.Text;
            else if (t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset)) shape.Kind = Kind.Date;
            else if (typeof(IFormFile).IsAssignableFrom(t)) shape.Kind = Kind.File;
            else if (typeof(IFormFileCollection).IsAssignableFrom(t))
            {
                shape.Kind = Kind.List;
                shape.Element = Build(typeof(IFormFile));
            }
            else if (typeof(IEnumerable).IsAssignableFrom(t))
            {
                shape.Kind = Kind.List;
                shape.Element = Build(ElementType(t) ?? typeof(object));
            }
            else if (IsOurs(t))
            {
                shape.Kind = Kind.Object;
                shape.Members = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    // Settable (init) properties are what a caller can send; computed ones are left alone.
                    .Where(p => p.CanRead && p.SetMethod is not null && p.GetIndexParameters().Length == 0)
                    .Select(p => new Member(JsonName(p), p, Build(p.PropertyType),
                        p.GetCustomAttribute<MaxItemsAttribute>()?.Count ?? InputLimits.MaxItems))
                    .Where(m => m.Shape.Kind != Kind.Skip)
                    .ToArray();
            }
            return shape;
        }

        private static bool IsOurs(Type t) =>
            !t.IsPrimitive && !t.IsEnum && t.Assembly.GetName().Name?.StartsWith("Inspections.", StringComparison.Ordinal) == true;

        private static Type? ElementType(Type t)
        {
            if (t.IsArray) return t.GetElementType();
            var enumerable = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                ? t
                : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            return enumerable?.GetGenericArguments()[0];
        }

        private static string JsonName(PropertyInfo p) =>
            p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
    }
}
