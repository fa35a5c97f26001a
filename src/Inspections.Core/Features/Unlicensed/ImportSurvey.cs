using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Calendar;
using Inspections.Domain.Access;
using Mediator;

namespace Inspections.Core.Features.Unlicensed;

/// <summary>
/// Bulk survey 摸底排查: an office's survey list (XLSX or CSV, see <see cref="SurveySheet"/>) taken into an unlicensed
/// campaign, each row doing exactly what <see cref="SurveyVenue"/> does for one venue found, all in one transaction.
/// Every row is checked; if any cannot be taken, nothing is stored and every bad row is answered (row, column,
/// message) — unless the caller asks to import the good rows alone (<see cref="Command.ImportValidRows"/>).
/// </summary>
public static class ImportSurvey
{
    [NotForStations(StationBar.Campaigns)]
    [AllowedRoles(Roles.Officer, Roles.Supervisor)]
    public sealed record Command : ICommand<Result>
    {
        [RouteValue] public Guid CampaignId { get; init; }
        public string? FileName { get; init; }
        /// <summary>The uploaded file; kept out of the audit payload, which records its name, size and the rows taken.</summary>
        [JsonIgnore] public byte[]? Content { get; init; }
        /// <summary>Store the good rows even though others are wrong (只导入无误的行); the wrong ones are listed in the answer.</summary>
        public bool ImportValidRows { get; init; }
        public long? Size => Content?.Length;
    }

    public sealed record ImportedRow(int Row, Guid CampaignVenueId, string Name);

    /// <summary>What was stored, and the rows left out (only when <see cref="Command.ImportValidRows"/> was asked for).</summary>
    public sealed record Result(int Imported, IReadOnlyList<ImportedRow> Rows, IReadOnlyList<SheetRowError> Errors);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(x => x.Content).Must(c => c is { Length: > 0 }).OverridePropertyName("File")
                .Says("请选择要导入的摸底排查表（XLSX 或 CSV）", "Choose the survey list (XLSX or CSV) to import")
                .DependentRules(() => RuleFor(x => x.Content).Must(c => c!.Length <= SurveySheet.MaxBytes).OverridePropertyName("File")
                    .Says($"文件不能超过 {SurveySheet.MaxBytes / 1024 / 1024} MB", $"The file may not exceed {SurveySheet.MaxBytes / 1024 / 1024} MB"));
            RuleFor(x => x.FileName).MaximumLength(255).Named("文件名", "File name");
        }
    }

    private static readonly SurveyVenue.Validator RowRules = new();

    public sealed class Handler(DbSession db, ICurrentUser user, CalendarStore calendars, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var campaign = await UnlicensedRows.ChangeableCampaignAsync(db, user, command.CampaignId, ct);
            var rows = SurveySheet.Read(command.Content!);
            var today = await UnlicensedRows.TodayAsync(db, calendars, clock, ct);
            var now = clock.GetUtcNow();
            var towns = await TownsAsync(ct);
            var errors = new List<SheetRowError>();
            var imported = new List<ImportedRow>();
            var seen = new Dictionary<(string, string), int>();
            foreach (var row in rows)
            {
                var survey = Parse(row, campaign, towns, errors);
                if (survey is null) continue;
                var failures = RowRules.Validate(survey).Errors;
                if (failures.Count > 0)
                {
                    errors.AddRange(failures.Select(f => Error(row, f.PropertyName, f.ErrorMessage)));
                    continue;
                }
                var key = (survey.Name!.Trim(), survey.Address!.Trim());
                if (seen.TryGetValue(key, out var first))
                {
                    errors.Add(Error(row, nameof(SurveyVenue.Command.Name),
                        Text.Pick($"与第 {first} 行是同一场所（名称和地址相同）", $"The same venue (name and address) as row {first}")));
                    continue;
                }
                seen[key] = row.Number;
                try
                {
                    var id = await SurveyVenue.SurveyAsync(db, user, campaign, survey, today, now, ct);
                    imported.Add(new ImportedRow(row.Number, id, survey.Name!));
                }
                // Every refusal of the survey step is thrown before it writes anything, so the row is simply left out.
                catch (ValidationException v)
                {
                    errors.AddRange(v.Errors.Select(f => Error(row, f.PropertyName, f.ErrorMessage)));
                }
                catch (ConflictException c)
                {
                    errors.Add(Error(row, nameof(SurveyVenue.Command.Name), c.Detail));
                }
                catch (ForbiddenException f)
                {
                    errors.Add(Error(row, nameof(SurveyVenue.Command.Jurisdiction), f.Detail));
                }
            }
            errors = errors.OrderBy(e => e.Row).ToList();
            if (errors.Count > 0 && !command.ImportValidRows) throw new SheetRowsException(errors, imported.Count);
            db.AuditAbout("unlicensedCampaign", campaign.Id);
            return new Result(imported.Count, imported, errors);
        }

        private static readonly Sql Towns = new("SELECT code, name FROM jurisdictions");

        private async Task<IReadOnlyDictionary<string, string>> TownsAsync(CancellationToken ct)
        {
            var byName = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, name) in await db.QueryAsync<(string Code, string Name)>(Towns, null, ct))
                byName.TryAdd(name, code);
            return byName;
        }

        /// <summary>The row's cells as the survey step's command; a cell that cannot be read is the row's error.</summary>
        private static SurveyVenue.Command? Parse(SurveySheet.Row row, UnlicensedCampaignDto campaign, IReadOnlyDictionary<string, string> towns,
            List<SheetRowError> errors)
        {
            var before = errors.Count;
            string? Cell(string field) => row[SurveySheet.HeaderOf(field)];

            var typeText = Cell(nameof(SurveyVenue.Command.Type));
            string? type = null;
            if (typeText is not null && (type = SurveySheet.VenueType(typeText)) is null)
                errors.Add(Error(row, nameof(SurveyVenue.Command.Type),
                    Text.Pick($"未知的场所类型“{typeText}”，可填：{SurveySheet.TypeNames}", $"Unknown venue type '{typeText}'; write one of: {SurveySheet.TypeNames}")));

            var town = Cell(nameof(SurveyVenue.Command.Jurisdiction));
            string? jurisdiction = null;
            if (town is not null)
            {
                if (town.All(char.IsAsciiDigit)) jurisdiction = town;
                else if (towns.TryGetValue(town, out var code)) jurisdiction = code;
                else errors.Add(Error(row, nameof(SurveyVenue.Command.Jurisdiction),
                    Text.Pick($"未找到乡镇（街道）“{town}”，请填 9 位代码或准确名称", $"No town or street '{town}'; write its nine-digit code or exact name")));
            }

            int? Number(string field)
            {
                var text = Cell(field);
                if (text is null) return null;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
                errors.Add(Error(row, field, Text.Pick($"“{text}”不是整数", $"'{text}' is not a whole number")));
                return null;
            }
            var terminals = Number(nameof(SurveyVenue.Command.Terminals));
            var rooms = Number(nameof(SurveyVenue.Command.Rooms));

            var foundText = Cell(nameof(SurveyVenue.Command.FoundOn));
            DateOnly? foundOn = null;
            if (foundText is not null)
            {
                if (DateOnly.TryParseExact(foundText, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    foundOn = d;
                else errors.Add(Error(row, nameof(SurveyVenue.Command.FoundOn),
                    Text.Pick($"“{foundText}”不是日期，请写成 2026-03-15", $"'{foundText}' is not a date; write it as 2026-03-15")));
            }
            if (errors.Count > before) return null;
            return new SurveyVenue.Command
            {
                CampaignId = campaign.Id,
                Name = Cell(nameof(SurveyVenue.Command.Name)),
                Address = Cell(nameof(SurveyVenue.Command.Address)),
                Type = type,
                Jurisdiction = jurisdiction,
                OperatorName = Cell(nameof(SurveyVenue.Command.OperatorName)),
                Terminals = terminals,
                Rooms = rooms,
                FoundOn = foundOn,
                Note = Cell(nameof(SurveyVenue.Command.Note)),
            };
        }

        private static SheetRowError Error(SurveySheet.Row row, string field, string message) =>
            new(row.Number, SurveySheet.HeaderOf(field), JsonNamingPolicy.CamelCase.ConvertName(field), message);
    }
}
