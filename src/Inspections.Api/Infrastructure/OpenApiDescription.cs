using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Inspections.Core.Behaviors;
using Inspections.Core.Common;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Inspections.Api.Infrastructure;

/// <summary>The request type an endpoint sends through the mediator: its roles, name and kind describe the operation.</summary>
public sealed record RequestTypeMetadata(Type RequestType);

/// <summary>A problem status an endpoint answers for its own reasons, with the words the description gives it.</summary>
public sealed record ProblemResponse(int Status, string Description, bool RetryAfter = false);

/// <summary>
/// Makes `/openapi/v1.json` a description a client generator can trust: one readable schema per type,
/// an operationId, a description with the roles allowed, every error status the pipeline can answer,
/// string enums for the wire names, camelCase parameters, and the route's values out of the bodies.
/// </summary>
public static class OpenApiDescription
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "ValidationProblemDetails";
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IServiceCollection AddInspectionsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.CreateSchemaReferenceId = SchemaId;
            o.AddSchemaTransformer(TransformSchema);
            o.AddOperationTransformer(TransformOperation);
            o.AddDocumentTransformer(TransformDocument);
        });

    // ---- schema names --------------------------------------------------------------------------

    /// <summary>"RegisterVenue.Command" → "RegisterVenueCommand", "Page&lt;VenueDto&gt;" → "VenueDtoPage": unique and stable.</summary>
    private static string? SchemaId(JsonTypeInfo info) =>
        OpenApiOptions.CreateDefaultSchemaReferenceId(info) is null ? null : TypeName(info.Type);

    public static string TypeName(Type type)
    {
        if (type.IsGenericType)
        {
            var definition = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return string.Concat(type.GetGenericArguments().Select(TypeName)) + definition;
        }
        var name = type.Name;
        return type.DeclaringType is { } outer && !name.StartsWith(outer.Name, StringComparison.Ordinal)
            ? TypeName(outer) + name
            : name;
    }

    // ---- schemas -------------------------------------------------------------------------------

    private static Task TransformSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is { } property)
        {
            var attributes = property.GetCustomAttributes(inherit: true);
            ApplyWireValues(schema, attributes);
            if (attributes.OfType<MaxItemsAttribute>().FirstOrDefault() is { } max) schema.MaxItems = max.Count;
            if (attributes.OfType<SecretAttribute>().Any()) schema.Format = "password";
        }
        if (context.ParameterDescription?.ParameterDescriptor is IParameterInfoParameterDescriptor p)
            ApplyWireValues(schema, p.ParameterInfo.GetCustomAttributes(inherit: true));

        // Properties the endpoint takes from the URL are not part of the body.
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 } properties)
        {
            foreach (var routed in context.JsonTypeInfo.Properties.Where(IsRouteValue))
            {
                properties.Remove(routed.Name);
                schema.Required?.Remove(routed.Name);
            }
        }
        return Task.CompletedTask;
    }

    private static bool IsRouteValue(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RouteValueAttribute), inherit: true) == true;

    private static void ApplyWireValues(OpenApiSchema schema, object[] attributes)
    {
        if (attributes.OfType<IWireValues>().FirstOrDefault() is not { } wire) return;
        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        var values = wire.Values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        // JSON Schema's enum constrains null too: a field that may be left out keeps null among its values.
        if (target.Type?.HasFlag(JsonSchemaType.Null) == true) values.Add(null!);
        target.Enum = values;
    }

    // ---- operations ----------------------------------------------------------------------------

    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.Ordinal)
    {
        ["officer"] = "执法人员 officer",
        ["clerk"] = "窗口人员 clerk",
        ["supervisor"] = "科长/分管领导 supervisor",
        ["admin"] = "系统管理员 admin",
    };

    private static Task TransformOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var requestType = metadata.OfType<RequestTypeMetadata>().LastOrDefault()?.RequestType;
        var roles = requestType is null ? [] : AllowedRolesAttribute.Of(requestType) ?? [];
        var anonymous = requestType is not null && AnonymousAttribute.IsOn(requestType);
        var method = description.HttpMethod ?? "GET";
        var isCommand = !HttpMethods.IsGet(method);
        var hasBody = operation.RequestBody is not null;
        var hasPath = description.ParameterDescriptions.Any(d => d.Source == BindingSource.Path);
        // A filter that names a record by id (…?venueId=) is answered 404 when there is no such record, as a path's id is.
        var namesRecord = description.ParameterDescriptions.Any(d => d.Source == BindingSource.Query && (d.Type == typeof(Guid) || d.Type == typeof(Guid?)));
        // The host honours Idempotency-Key on every POST (a retried request replays the first answer).
        // Endpoints that carry passwords or tokens take none (see WithoutIdempotencyKey).
        var idempotent = HttpMethods.IsPost(method) && !metadata.OfType<WithoutIdempotencyKey>().Any();

        if (string.IsNullOrEmpty(operation.OperationId) && requestType is not null)
            operation.OperationId = JsonNamingPolicy.CamelCase.ConvertName(OperationName(requestType));

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Query } query && query.Name is { Length: > 0 } name)
                query.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
            if (parameter is OpenApiParameter { Schema: OpenApiSchema { Format: "date" or "date-time" } } dated)
                dated.Description = DateRange;
        }

        if (idempotent)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyHeader,
                In = ParameterLocation.Header,
                Required = false,
                Description = "幂等键：客户端超时重试时带同一个键与同一请求体，返回首次的应答且不重复创建；同一键配不同请求体返回 422。 " +
                              "Idempotency key: a retry with the same key and body returns the first answer and creates nothing new; the same key with another body is a 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            });
        }

        var roleText = anonymous ? "无需登录 anyone, without a token" : string.Join("、", roles.Select(r => RoleNames.GetValueOrDefault(r, r)));
        if (anonymous) operation.Security = [];
        var summary = operation.Summary ?? description.RelativePath ?? "";
        var stations = requestType is not null && NotForStationsAttribute.Of(requestType) is { } bar
            ? $" 乡镇（街道）文化站（9 位辖区）不能办理：{StationBars.Reason(bar).Zh}。 Not for town or street culture stations (nine-digit jurisdictions): {StationBars.Reason(bar).En}."
            : "";
        operation.Description = $"""
            {summary}

            允许的角色 Roles: {roleText}。{stations}{(isCommand ? " 写操作在一个事务内完成，并写入执法全过程记录（审计）。 A write is one transaction, audited in the same transaction." : "")}
            """;
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-roles"] = new JsonNodeExtension(new JsonArray(roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()));

        operation.Responses ??= [];
        foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
        {
            if (string.IsNullOrEmpty(response.Description) || response.Description == "OK") response.Description = "成功 OK";
            // Files are bytes on the wire, not base64 text.
            foreach (var (type, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
                if (!type.Contains("json", StringComparison.Ordinal))
                    media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        }

        var document = context.Document;
        foreach (var own in metadata.OfType<ProblemResponse>())
        {
            // An answer the endpoint describes with a schema of its own (.Produces) keeps it and takes the words.
            if (operation.Responses.TryGetValue(own.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var described))
            {
                described.Description = own.Description;
                continue;
            }
            Problem(operation, document, own.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), own.Description, retryAfter: own.RetryAfter);
        }
        Problem(operation, document, "400", "请求有误：字段错误逐项列出（errors），最多列出前 50 条 Bad request: field errors by name, at most the first 50", validation: true);
        Problem(operation, document, "401", "未登录或令牌无效，或登录后账号已停用或变更 Missing or invalid bearer token, or the account changed since signing in");
        Problem(operation, document, "403", "角色或辖区无权操作 The role or jurisdiction may not do this");
        if ((hasPath || hasBody || namesRecord) && !anonymous)
            Problem(operation, document, "404", "所指记录不存在或不在本辖区 The record named does not exist");
        if (isCommand || metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Any(m => m.StatusCode == StatusCodes.Status409Conflict))
            Problem(operation, document, "409", "版本已过期（currentVersion 为当前版本）或当前状态不允许该操作 Stale version or a step the state does not allow");
        if (hasBody)
            Problem(operation, document, "415", "不支持的内容类型或字符集 Unsupported media type or charset");
        if (idempotent)
            Problem(operation, document, "422", "同一幂等键配了不同的请求体 The idempotency key was used with another body");
        Problem(operation, document, "414", "请求地址（路径与查询参数）过长 The path and query string are too long");
        Problem(operation, document, "500", "意外错误，只返回追踪编号（traceId） An unexpected error; only a trace id is returned");
        Problem(operation, document, "503", "数据库暂不可用，请按 Retry-After 稍后重试 The database is unavailable; retry after Retry-After seconds", retryAfter: true);
        return Task.CompletedTask;
    }

    /// <summary>"RegisterVenue.Command" → "RegisterVenue"; "WorkingDays.Between" → "WorkingDaysBetween".</summary>
    private static string OperationName(Type request) => request.DeclaringType is not { } feature ? request.Name
        : request.Name is "Command" or "Query" ? feature.Name : feature.Name + request.Name;

    private static void Problem(OpenApiOperation operation, OpenApiDocument? document, string status, string description,
        bool validation = false, bool retryAfter = false)
    {
        if (operation.Responses!.ContainsKey(status)) return;
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference(validation ? ValidationProblemSchema : ProblemSchema, document),
                },
            },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "几秒后重试 Seconds to wait before retrying",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                },
            };
        }
        operation.Responses[status] = response;
    }

    // ---- the document --------------------------------------------------------------------------

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Venues 场所"] = "文化经营场所登记与查询（网吧、KTV、游艺、书店、音像、印刷、演出） Venue register",
        ["Inspections 检查"] = "现场检查、检查表、证据、整改复查 Inspections, checklists, evidence and follow-up checks",
        ["Checklists 检查表"] = "按场所类型的检查表及法律依据 Checklists per venue type with their legal basis",
        ["Campaigns 专项行动"] = "专项行动（如打击黑网吧）及其汇总 Special campaigns and their totals",
        ["Random draws 双随机"] = "双随机一公开：可复现的抽取、公开 Reproducible random draws and their publication",
        ["Cases 行政处罚案件"] = "行政处罚案件：线索、立案、各阶段、时限、办结率 Penalty cases, stages, clocks and closure rate",
        ["Permits 行政许可"] = "行政许可与限时办结：收件、受理、审查、办结、责任追究 Permit window and its deadlines",
        ["Unlicensed-venue rectification 无证无照经营整治"] = "无证无照经营集中整治：摸底、动员、通知、前置审批、结果 Unlicensed-venue campaigns",
        ["Calendar 工作日历"] = "法定节假日与调休、工作日计算 Working-day calendar",
        ["Alerts 到期预警"] = "即将到期与已超期预警 Due-soon and overdue alerts",
        ["Reports 工作总结"] = "工作总结的数字与文字，由数据生成 The work summary, generated from the data",
        ["Registers 台账"] = "台账（XLSX）：场所、检查、案件、窗口受理、整治、预警，筛选条件同各查询 Registers as spreadsheets, filtered like the searches",
        ["Audit 执法全过程记录"] = "执法全过程记录（审计） Audit trail",
        ["Users 用户"] = "用户管理：新增、停用、角色、辖区、重置密码 User administration",
        ["Account 账号"] = "登录、修改密码、当前用户、脚本用接口令牌 Signing in, passwords and API tokens",
    };

    private static Task TransformDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "Inspections API 文化市场综合执法";
        document.Info.Version = "v1";
        document.Info.Description = """
            文化市场综合执法系统的接口：场所、检查、行政处罚案件、行政许可限时办结、无证无照经营整治、工作日历、预警与工作总结。
            所有提示默认为中文，请求头 `Accept-Language: en` 时为英文。错误按 RFC 9457 以 `application/problem+json` 返回。

            The API of the cultural-market enforcement system. Messages are Chinese by default and English on
            `Accept-Language: en`; errors are RFC 9457 problem documents.
            """;
        document.Info.Contact = new OpenApiContact { Name = "Inspections", Url = new Uri("https://localhost/") };
        document.Info.License = new OpenApiLicense { Name = "Proprietary 内部使用", Url = new Uri("https://localhost/license") };
        document.Servers = [new OpenApiServer { Url = "/", Description = "本服务 This server" }];

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = ProblemDetailsSchema(validation: false);
        document.Components.Schemas[ValidationProblemSchema] = ProblemDetailsSchema(validation: true);

        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "POST /api/account/sign-in（登录名与密码）或 POST /api/account/token 取得令牌；开发环境也可用 " +
                          "Get one from POST /api/account/sign-in (login name and password) or POST /api/account/token; in development also " +
                          "dotnet run --project src/Inspections.Api -- token --user 张三 --role officer --jurisdiction 510115",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];

        var operations = (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []).Select(o => o.Value).ToList();
        var requestSchemas = new HashSet<IOpenApiSchema>();
        foreach (var body in operations.Select(o => o.RequestBody?.Content).OfType<IDictionary<string, OpenApiMediaType>>().SelectMany(c => c.Values))
            if (body.Schema is { } schema) BoundRequestSchema(schema, document, requestSchemas);
        var responseSchemas = new HashSet<IOpenApiSchema>();
        foreach (var body in operations.SelectMany(o => o.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).Select(r => r.Content).OfType<IDictionary<string, OpenApiMediaType>>().SelectMany(c => c.Values))
            if (body.Schema is { } schema) RequireResponseFields(schema, document, requestSchemas, responseSchemas);
        var usedTags = operations.SelectMany(o => o.Tags ?? (IEnumerable<OpenApiTagReference>)[]).Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        document.Tags = usedTags.Order(StringComparer.Ordinal)
            .Select(t => new OpenApiTag { Name = t, Description = TagDescriptions.GetValueOrDefault(t, t) })
            .ToHashSet();

        var duplicate = operations.GroupBy(o => o.OperationId).FirstOrDefault(g => g.Key is null || g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"OpenAPI operationId '{duplicate.Key}' is missing or not unique: name the endpoint with .WithName().");
        return Task.CompletedTask;
    }

    private static readonly string DateRange =
        $"日期范围 {InputLimits.MinDate:yyyy-MM-dd} 至 {InputLimits.MaxDate:yyyy-MM-dd}（北京时间） Dates lie in {InputLimits.MinDate:yyyy-MM-dd}..{InputLimits.MaxDate:yyyy-MM-dd} (Asia/Shanghai)";

    /// <summary>
    /// What the host holds every request to (lists at most <see cref="InputLimits.MaxItems"/> items unless
    /// the property says otherwise, dates in range), written into the schemas requests use.
    /// </summary>
    private static void BoundRequestSchema(IOpenApiSchema schema, OpenApiDocument document, HashSet<IOpenApiSchema> visited)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (document.Components?.Schemas?.TryGetValue(id, out var target) == true) BoundRequestSchema(target, document, visited);
            return;
        }
        if (schema is not OpenApiSchema s || !visited.Add(s)) return;
        // Every field may be left out of a request: a missing one the use case needs is a 400 naming it.
        s.Required = null;
        if (s.Type?.HasFlag(JsonSchemaType.Array) == true) s.MaxItems ??= InputLimits.MaxItems;
        if (s.Format is "date" or "date-time") s.Description ??= DateRange;
        foreach (var child in (s.Properties?.Values ?? []).Concat(s.AllOf ?? []).Concat(s.Items is null ? [] : [s.Items]))
            BoundRequestSchema(child, document, visited);
    }

    /// <summary>Answers always carry every field of their types (null where empty): a client may rely on each.</summary>
    private static void RequireResponseFields(IOpenApiSchema schema, OpenApiDocument document, HashSet<IOpenApiSchema> requests, HashSet<IOpenApiSchema> visited)
    {
        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (id is not (ProblemSchema or ValidationProblemSchema) && document.Components?.Schemas?.TryGetValue(id, out var target) == true)
                RequireResponseFields(target, document, requests, visited);
            return;
        }
        if (schema is not OpenApiSchema s || requests.Contains(s) || !visited.Add(s)) return;
        if (s.Properties is { Count: > 0 } properties) s.Required = properties.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var child in (s.Properties?.Values ?? []).Concat(s.AllOf ?? []).Concat(s.Items is null ? [] : [s.Items]))
            RequireResponseFields(child, document, requests, visited);
    }

    private static OpenApiSchema ProblemDetailsSchema(bool validation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation
                ? "RFC 9457 问题文档，errors 按字段（JSON 名称，如 items[1].note）列出错误 A problem document with field errors"
                : "RFC 9457 问题文档 A problem document",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "追踪编号 Trace id" },
            },
            // Conflicts add currentVersion / currentStage / allowedNext; truncated error lists add errorCount.
            AdditionalProperties = new OpenApiSchema(),
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
            schema.Properties["errorCount"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Description = $"错误总数（errors 最多列出前 {InputLimits.MaxErrors} 条） All errors found; errors lists at most the first {InputLimits.MaxErrors}",
            };
            schema.Required = new HashSet<string> { "errors" };
        }
        return schema;
    }
}
