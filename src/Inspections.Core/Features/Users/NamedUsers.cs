using FluentValidation;
using FluentValidation.Results;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Domain.Access;

namespace Inspections.Core.Features.Users;

/// <summary>A user named in a request as the one who does the work, as the users table knows them.</summary>
public sealed record NamedUser(string Id, string DisplayName, string Jurisdiction, string? CredentialNumber);

/// <summary>
/// People named in a request (the officers of an inspection or a draw, a case's officer, the clerk a
/// permit file is handed to, the clerk whose queue is read) must be active users whose jurisdiction
/// the caller's covers (their own district or its towns; a city over its districts), holding the
/// role the work needs. Their names and credential numbers are then taken from the users table,
/// never from the request. Checked in the command's own transaction, so a user deactivated at the
/// same moment is not recorded.
/// </summary>
public static class NamedUsers
{
    /// <summary>What the named person does: the roles that may do it, and how a refusal names them.</summary>
    public sealed record Duty(IReadOnlyList<string> Roles, string NounZh, string NounEn, string RoleZh, string RoleEn, bool NeedsCredential);

    /// <summary>Inspects, is drawn, or carries a case: an officer with an enforcement credential (行政处罚法 art. 42).</summary>
    public static readonly Duty Officer = new([Domain.Access.Roles.Officer], "执法人员", "Officer", "执法人员", "an officer", NeedsCredential: true);

    /// <summary>Takes over a permit file or answers for a queue: a window clerk, or a section head who takes the file on.</summary>
    public static readonly Duty WindowStaff = new([Domain.Access.Roles.Clerk, Domain.Access.Roles.Supervisor], "经办人", "Clerk",
        "窗口人员或科长", "a clerk or supervisor", NeedsCredential: false);

    /// <summary>
    /// The users named, in the order given, each checked against the table; every one that does not
    /// qualify is a field error of its own (<paramref name="named"/> pairs the field with the id), all
    /// answered together as one 400.
    /// </summary>
    public static async Task<IReadOnlyList<NamedUser>> RequireAsync(DbSession db, ICurrentUser actor,
        IReadOnlyList<(string Field, string Id)> named, Duty duty, CancellationToken ct)
    {
        var found = new List<NamedUser>(named.Count);
        var failures = new List<ValidationFailure>();
        foreach (var (field, id) in named)
        {
            var row = await UserRecord.FindAsync(db, id, ct);
            // Unknown, deactivated and out of reach read the same: a caller learns nothing of other jurisdictions' staff.
            if (row is null || !row.Active || !Jurisdiction.IsValidCode(actor.Jurisdiction) || !Jurisdiction.Covers(actor.Jurisdiction, row.Jurisdiction))
            {
                failures.Add(new ValidationFailure(field, Text.Pick(
                    $"{duty.NounZh} {id} 不是本辖区的在职用户", $"{duty.NounEn} {id} is not an active user of your jurisdiction")));
                continue;
            }
            if (!row.RoleNames.Any(duty.Roles.Contains))
            {
                failures.Add(new ValidationFailure(field, Text.Pick(
                    $"{row.DisplayName}（{id}）不是{duty.RoleZh}", $"{id} is not {duty.RoleEn}")));
                continue;
            }
            if (duty.NeedsCredential && string.IsNullOrWhiteSpace(row.CredentialNumber))
            {
                failures.Add(new ValidationFailure(field, Text.Pick(
                    $"{duty.NounZh} {row.DisplayName}（{id}）尚未登记执法证号", $"{duty.NounEn} {id} has no credential number on record")));
                continue;
            }
            found.Add(new NamedUser(row.Id, row.DisplayName, row.Jurisdiction, row.CredentialNumber));
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return found;
    }

    /// <summary>One user named in one field.</summary>
    public static async Task<NamedUser> RequireAsync(DbSession db, ICurrentUser actor, string field, string id, Duty duty, CancellationToken ct) =>
        (await RequireAsync(db, actor, [(field, id)], duty, ct))[0];
}
