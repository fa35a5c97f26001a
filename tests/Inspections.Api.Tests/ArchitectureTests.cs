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
        Assert.That(Requests.Where(t => Inspections.Core.Behaviors.AllowedRolesAttribute.Of(t) is null).Select(t => t.FullName), Is.Empty);
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
