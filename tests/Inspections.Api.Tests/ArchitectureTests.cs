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
