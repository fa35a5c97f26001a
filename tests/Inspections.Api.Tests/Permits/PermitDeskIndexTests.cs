using Inspections.Core.Data;
using Inspections.Core.Features.Permits;

namespace Inspections.Api.Tests.Permits;

/// <summary>
/// A partial index serves a statement only while the statement names the index's condition: the figures' "still at the
/// desk" stage and the filter of ix_permit_applications_desk must stay the same, in every database's migration.
/// </summary>
public sealed class PermitDeskIndexTests
{
    [TestCase(DbProvider.Sqlite)]
    [TestCase(DbProvider.Postgres)]
    [TestCase(DbProvider.SqlServer)]
    public void The_desk_index_filters_on_the_stages_the_figures_count(DbProvider provider)
    {
        var script = Migrator.Scripts(provider).Single(s => s.Text.Contains("CREATE INDEX ix_permit_applications_desk", StringComparison.Ordinal));
        Assert.That(PermitFigures.DeskStage, Is.EqualTo("received"));
        Assert.That(script.Text, Does.Contain($"WHERE stage = '{PermitFigures.DeskStage}';"));
    }
}
