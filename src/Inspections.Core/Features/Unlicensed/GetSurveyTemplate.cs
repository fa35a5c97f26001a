using Inspections.Core.Behaviors;
using Inspections.Core.Features.Registers;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>The survey list template 摸底排查表（模板）: the headers <see cref="ImportSurvey"/> reads, and what each column takes.</summary>
public static class GetSurveyTemplate
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Query : IQuery<RegisterFile>;

    public sealed class Handler : IQueryHandler<Query, RegisterFile>
    {
        public ValueTask<RegisterFile> Handle(Query query, CancellationToken ct) =>
            ValueTask.FromResult(new RegisterFile($"{SurveySheet.SheetName}（模板）.xlsx", SurveySheet.WriteTemplateAsync));
    }
}
