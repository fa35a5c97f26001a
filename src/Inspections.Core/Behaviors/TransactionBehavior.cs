using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Inspections.Core.Common;
using Inspections.Core.Data;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Users;
using Mediator;

namespace Inspections.Core.Behaviors;

/// <summary>
/// A command runs in one transaction on one connection, and its audit row 执法全过程记录 is
/// written in that same transaction: either both land or neither does. So are the stored deadline clocks of
/// the entity the command names (<see cref="ClockRows"/>): no feature has to remember to store them (a handler that
/// changed nothing a clock reads may say so, <see cref="DbSession.LeaveClocks"/>). A command about
/// a user makes <see cref="UserStandings"/> read that user's row afresh once it has committed.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(DbSession db, ICurrentUser user, TimeProvider clock, ClockRows clocks, UserStandings standings)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Passwords are never part of the record: the row says a password was set, not what it was.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutSecrets } },
    };

    private static void LeaveOutSecrets(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
            if (property.AttributeProvider?.IsDefined(typeof(SecretAttribute), inherit: true) == true)
                property.ShouldSerialize = static (_, _) => false;
    }

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await db.BeginAsync(cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            var subject = db.AuditSubject
                ?? throw new InvalidOperationException($"{typeof(TMessage).Name} did not name the entity it changed.");
            if (!db.LeavesClocks) await clocks.RefreshAsync(db, subject.Type, subject.Id, cancellationToken);
            await db.ExecuteAsync(AuditSql.Insert, new
            {
                Id = Guid.CreateVersion7(),
                OccurredAt = clock.GetUtcNow(),
                user.UserId,
                UserName = user.DisplayName,
                user.Role,
                user.Jurisdiction,
                Command = CommandName,
                EntityType = subject.Type,
                EntityId = subject.Id,
                Payload = JsonSerializer.Serialize(message, PayloadJson),
            }, cancellationToken);
            await db.CommitAsync(cancellationToken);
            // After the commit: a request reading the row from now on reads the change.
            standings.Committed(subject.Type, subject.Id);
            return response;
        }
        catch
        {
            await db.RollbackAsync();
            throw;
        }
    }

    // Nested feature types read best as "RegisterVenue.Command" → "RegisterVenue".
    private static readonly string CommandName = typeof(TMessage).DeclaringType?.Name ?? typeof(TMessage).Name;
}

/// <summary>Kept outside the generic behaviour so there is one statement, not one per command type.</summary>
internal static class AuditSql
{
    public static readonly Sql Insert = new("""
        INSERT INTO audit_entries (id, occurred_at, user_id, user_name, role, jurisdiction, command, entity_type, entity_id, payload)
        VALUES (@Id, @OccurredAt, @UserId, @UserName, @Role, @Jurisdiction, @Command, @EntityType, @EntityId, @Payload)
        """);
}
