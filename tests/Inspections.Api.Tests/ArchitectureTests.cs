using System.Text.RegularExpressions;

namespace Inspections.Api.Tests;

/// <summary>Arrows point one way: Api → Core → Domain. Domain knows no SQL or HTTP; Core knows no HTTP.</summary>
public sealed class ArchitectureTests
{
    private static string[] References(Type anchor) =>
        anchor.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Test]
    public void Domain_references_nothing_but_the_runtime()
    {
        var refs = References(typeof(Inspections.Domain.Access.Roles));
        Assert.That(refs.Where(r => !r.StartsWith("System", StringComparison.Ordinal) && r != "netstandard"), Is.Empty);
    }

    [Test]
    public void Core_knows_nothing_of_http_or_the_host()
    {
        var refs = References(typeof(Inspections.Core.Data.Sql));
        Assert.That(refs, Has.None.StartsWith("Microsoft.AspNetCore"));
        Assert.That(refs, Has.None.EqualTo("Inspections.Api"));
        Assert.That(refs, Does.Contain("Inspections.Domain"));
    }
}

/// <summary>Every request that carries input is validated, and every request says who may send it.</summary>
public sealed class RequestConventionTests
{
    private static readonly Type[] Requests = typeof(Inspections.Core.Data.Sql).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i == typeof(Mediator.IMessage)))
        .ToArray();

    [Test]
    public void Every_request_names_the_roles_that_may_send_it()
    {
        Assert.That(Requests, Is.Not.Empty);
        Assert.That(Requests.Where(t => Inspections.Core.Behaviors.AllowedRolesAttribute.Of(t) is null
                                        && !Inspections.Core.Behaviors.AnonymousAttribute.IsOn(t)).Select(t => t.FullName), Is.Empty);
        // Only signing in is open to anyone.
        Assert.That(Requests.Where(Inspections.Core.Behaviors.AnonymousAttribute.IsOn).Select(t => t.FullName),
            Is.EqualTo(new[] { typeof(Inspections.Core.Features.Users.SignIn.Command).FullName }));
    }

    [Test]
    public void Every_command_with_input_has_a_validator()
    {
        static Type? Validates(Type t)
        {
            for (var b = t.BaseType; b is not null; b = b.BaseType)
                if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(FluentValidation.AbstractValidator<>))
                    return b.GetGenericArguments()[0];
            return null;
        }
        var validated = typeof(Inspections.Core.Data.Sql).Assembly.GetTypes()
            .Where(t => !t.IsAbstract).Select(Validates).OfType<Type>().ToHashSet();
        // A command whose only input is the route's id (or nothing) has nothing to validate.
        var withInput = Requests.Where(t => t.GetInterfaces().Any(i => i == typeof(Mediator.IBaseCommand)))
            .Where(t => t.GetProperties().Any(p => p.Name is not ("Id" or "EqualityContract")));
        Assert.That(withInput.Where(t => !validated.Contains(t)).Select(t => t.FullName), Is.Empty);
    }
}

/// <summary>
/// A file's name says what is in it: a use case is the static class holding its request, and it is
/// found in the file of its name, alone. Read from the source tree, since an assembly keeps no file names.
/// </summary>
public sealed partial class FileNameTests
{
    private static readonly string[] UseCases = typeof(Inspections.Core.Data.Sql).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i == typeof(Mediator.IMessage)))
        .Select(t => Outermost(t).Name)
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static Type Outermost(Type t) => t.DeclaringType is { } outer ? Outermost(outer) : t;

    [GeneratedRegex(@"^\s*(?:public|internal)\s+static\s+(?:partial\s+)?class\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex StaticClass();

    /// <summary>Top-level code shared by a feature's slices: reading and writing rows, assembling views, feeding the deadline scan.</summary>
    [GeneratedRegex(@"^(?:public|internal)\s+(?:(?:static|sealed|abstract|partial)\s+)*(?:class|record)\s+(\w+(?:Record|Records|Rows|View|Source))\b", RegexOptions.Multiline)]
    private static partial Regex SharedCode();

    private static string CoreFolder()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Inspections.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("Inspections.sln not found above the tests"),
            "src", "Inspections.Core");
    }

    private static IEnumerable<string> Sources(string core) =>
        Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>Every static class the Core's sources declare, by the file that declares it.</summary>
    private static Dictionary<string, string[]> Declarations()
    {
        var core = CoreFolder();
        return Sources(core).ToDictionary(f => Path.GetRelativePath(core, f),
            f => StaticClass().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value).ToArray());
    }

    [Test]
    public void Every_use_case_lives_in_a_file_of_its_name()
    {
        var declarations = Declarations();
        Assert.That(UseCases, Has.Length.GreaterThan(50));
        var misplaced = UseCases
            .Select(useCase => (useCase, files: declarations.Where(d => d.Value.Contains(useCase)).Select(d => d.Key).ToArray()))
            .Where(u => u.files.Length != 1 || Path.GetFileNameWithoutExtension(u.files[0]) != u.useCase)
            .Select(u => $"{u.useCase} in [{string.Join(", ", u.files)}]");
        Assert.That(misplaced, Is.Empty);
    }

    [Test]
    public void No_file_holds_two_use_cases()
    {
        var crowded = Declarations()
            .Select(d => (file: d.Key, useCases: d.Value.Intersect(UseCases, StringComparer.Ordinal).ToArray()))
            .Where(d => d.useCases.Length > 1)
            .Select(d => $"{d.file}: {string.Join(", ", d.useCases)}");
        Assert.That(crowded, Is.Empty);
    }

    [Test]
    public void Rows_records_views_and_sources_live_in_files_of_their_names()
    {
        var core = CoreFolder();
        var found = Sources(core)
            .SelectMany(f => SharedCode().Matches(File.ReadAllText(f)).Select(m => (file: Path.GetRelativePath(core, f), type: m.Groups[1].Value)))
            .ToArray();
        Assert.That(found, Has.Length.GreaterThan(10));
        Assert.That(found.Where(d => Path.GetFileNameWithoutExtension(d.file) != d.type).Select(d => $"{d.type} in {d.file}"), Is.Empty);
    }
}
