using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using FluentValidation;
using Inspections.Api.Auth;
using Inspections.Api.Endpoints;
using Inspections.Api.Infrastructure;
using Inspections.Core.Behaviors;
using Inspections.Core.Data;
using Inspections.Core.Evidence;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Calendar;
using Inspections.Core.Features.Cases;
using Inspections.Core.Features.Documents;
using Inspections.Core.Features.OfficeWork;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Reports;
using Inspections.Core.Features.Venues;
using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));

if (command == "token") return Commands.Token(builder, args);
if (command == "create-admin") return await Commands.CreateAdminAsync(builder, args);

var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
if (command == "migrate")
{
    Migrator.Migrate(database, new DbUp.Engine.Output.ConsoleUpgradeLog());
    await Seeder.RunAsync(new DbConnectionFactory(database), new SeedFiles(SeedRoot()), TimeProvider.System);
    Console.WriteLine($"Migrated {database.ParsedProvider} database.");
    return 0;
}

var services = builder.Services;
services.AddSingleton(database);
services.AddSingleton<DbConnectionFactory>();
services.AddScoped<DbSession>();
services.AddSingleton(TimeProvider.System);
services.AddSingleton(builder.Configuration.GetSection(ClockOptions.Section).Get<ClockOptions>() ?? new ClockOptions());
services.AddSingleton<CalendarStore>();
services.AddSingleton((builder.Configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions()).Validated());
services.AddSingleton<ClockRows>();
services.AddSingleton<FigureFacts>();
services.AddEvidenceStore(builder.Configuration);
services.AddSingleton((builder.Configuration.GetSection(CaseOptions.Section).Get<CaseOptions>() ?? new CaseOptions()).Validated());
services.AddScoped<CaseView>();
services.AddSingleton((builder.Configuration.GetSection(PermitOptions.Section).Get<PermitOptions>() ?? new PermitOptions()).Validated());
services.AddScoped<PermitView>();
services.AddSingleton((builder.Configuration.GetSection(DocumentOptions.Section).Get<DocumentOptions>() ?? new DocumentOptions()).Validated());
services.AddSingleton((builder.Configuration.GetSection(OfficeWorkOptions.Section).Get<OfficeWorkOptions>() ?? new OfficeWorkOptions()).Validated());

services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Transient;
    options.Assemblies = [typeof(RegisterVenue)];
});
services.AddValidatorsFromAssemblyContaining<RegisterVenue.Command>(ServiceLifetime.Singleton);
// The behaviours, outermost first (a message's pipeline is the registrations' order; TransactionBehavior's constraint keeps it
// to commands). Registered here rather than through the options, which would make each a new object on every send:
// logging and validation hold only singletons (the logger, the message's validators) and are made once per message type;
// authorization and the transaction read the request's caller and session. Validation is registered for the messages
// that have validators only (after them, above), so a message nothing validates skips the step.
services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
services.AddValidationBehaviors();
services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member?.Name;

services.AddInspectionsAuth(builder.Configuration, builder.Environment);
services.AddSharedDataProtection();
services.AddInspectionsPages();
services.AddInspectionsHangfire(database, builder.Configuration);

services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
{
    ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
    if (ctx.Exception is null) ProblemMapping.DescribeStatus(ctx.ProblemDetails);
});
services.AddExceptionHandler<ProblemMapping>();
services.AddStatusCodeProblems();
services.AddInputRules();
// Malformed JSON and wrongly typed values reach ProblemMapping, which names the field, in every environment.
services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    // Numbers are JSON numbers: "5" for 5 is refused, so the description can say "integer" and mean it.
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
    .AddCheck<CalendarHealthCheck>("calendar", tags: ["ready"])
    .AddCheck<DeadlineScanHealthCheck>("deadline-scan", tags: ["ready"]);
services.AddSingleton(builder.Configuration.GetSection(IdempotencyOptions.Section).Get<IdempotencyOptions>() ?? new IdempotencyOptions());
services.AddSingleton<IdempotencyKeys>();
services.AddInspectionsOpenApi();

if (command == "demo") return await Inspections.Api.Demo.DemoCommand.RunAsync(builder, database, args);
var app = builder.Build();

if (app.Configuration.GetValue("Database:MigrateOnStart", true))
{
    Migrator.Migrate(database);
    await Seeder.RunAsync(app.Services.GetRequiredService<DbConnectionFactory>(), new SeedFiles(SeedRoot()),
        app.Services.GetRequiredService<TimeProvider>());
    // Open work from before the clocks were stored (the first start after migration 0013), or clocks stored with a
    // due-soon threshold the configuration has changed since: stored now, before the first request or scan.
    await app.Services.GetRequiredService<ClockRows>().BuildAsync(app.Services.GetRequiredService<DbConnectionFactory>(), CancellationToken.None);
    // Closed cases, completed applications and replied letters from before migration 0025: their figure facts stored now.
    await app.Services.GetRequiredService<FigureFacts>().BackfillAsync(app.Services.GetRequiredService<DbConnectionFactory>(), CancellationToken.None);
}
await app.LoadKeyRingAsync();

// Chinese unless a request asks otherwise: zh-CN is every thread's default (the jobs' too), so a request without
// Accept-Language (a script, curl) runs in it as it is, and only a request that names its languages goes through the
// localization middleware, which picks zh-CN or English for it. (A culture set for a request is an async-local value
// whose change callback runs each time one of the request's continuations resumes: not worth paying to set the default.)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
app.UseWhen(static http => http.Request.Headers.AcceptLanguage.Count > 0, languages => languages.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture("zh-CN"),
    SupportedCultures = [new CultureInfo("zh-CN"), new CultureInfo("en")],
    SupportedUICultures = [new CultureInfo("zh-CN"), new CultureInfo("en")],
    RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()],
}));
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    // The API answers problem documents (ProblemMapping); a page address that fails is declined there and
    // re-executed here as the Chinese error page, with the status the exception answers.
    ExceptionHandlingPath = "/error/500",
    StatusCodeSelector = ProblemMapping.StatusOf,
    // A record a page cannot find is the error page's 404, not a failure of the handler.
    AllowStatusCode404Response = true,
});
// An API read with a token validated before, which the steps below would only pass on, goes from here to its endpoint.
app.UseApiReadLane();
app.UseStatusCodeProblems();
app.UseInspectionsPages();
app.UseInputRules();
app.UseTokenAuthentication();
app.UseEndpointAuthorization();
app.UseCurrentUser();
app.UseMiddleware<IdempotencyMiddleware>();
app.UseInspectionsDashboard();
app.ScheduleRecurringJobs();

app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthWriter.WriteAsync }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
// The interactive page only describes the API (every call still needs a token); production does not serve it.
if (!app.Environment.IsProduction())
    app.MapScalarApiReference(o => o.WithTitle("Inspections API 文化市场综合执法")).AllowAnonymous();

app.MapEndpointModules();

if (app.Environment.IsDevelopment())
    app.Lifetime.ApplicationStarted.Register(() => Commands.PrintDevToken(app));

app.Run();
return 0;

string SeedRoot() => builder.Configuration["Database:SeedPath"] is { Length: > 0 } p ? p : SeedFiles.DefaultRoot;

public partial class Program;
