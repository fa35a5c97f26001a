using Inspections.Domain.Access;

namespace Inspections.Core.Common;

/// <summary>Who acts when a scheduled job runs: recorded as such in the audit trail.</summary>
public sealed class SystemUser : ICurrentUser
{
    public bool IsAuthenticated => true;
    public string UserId => "system";
    public string DisplayName => "系统定时任务";
    public string Role => Roles.System;
    public string Jurisdiction => "";
    public string? CredentialNumber => null;
}
