using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Logging;

namespace Inspections.Api.Tests.Sweep;

public sealed record User(string Role, string Jurisdiction)
{
    public override string ToString() => $"{Role}@{Jurisdiction}";
}

/// <summary>What FsCheck draws for one request: the operation, user, class and language, a seed for the value choices, and a string.</summary>
public sealed record Pick(int Operation, int User, int Class, bool English, int Seed, string Fuzz, bool Permitted);

/// <summary>One request of the plan. Class is null for the valid request of the operation.</summary>
public sealed record Planned(int Index, string Phase, Operation Operation, User User, BadInput? Class, bool English, int Seed, string Fuzz, string? Target = null);

public sealed record Sent(Planned Plan, string Note, string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body, int Status, string Answer, string? Cause)
{
    /// <summary>The request as it went out, enough to send again (the token is named, not shown).</summary>
    public string Replay(int bodyChars = 400)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"#{Plan.Index} [{Plan.Phase}/{Plan.Class?.Name ?? "valid"}] {Plan.User}{(Plan.English ? " en" : "")}: {Note}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    {Method} {(Url.Length > 300 ? Url[..300] + $"… ({Url.Length} chars)" : Url)}\n");
        foreach (var (name, value) in Headers) sb.Append(CultureInfo.InvariantCulture, $"    {name}: {value}\n");
        if (Body is not null)
        {
            var text = Encoding.UTF8.GetString(Body);
            var shown = text.Length > bodyChars ? text[..bodyChars] + $"… ({Body.Length:N0} bytes)" : text;
            sb.Append(CultureInfo.InvariantCulture, $"    body: {Escape(shown)}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"    → {Status}{(Cause is null ? "" : " " + Cause)} {Escape(Answer.Length > 300 ? Answer[..300] + "…" : Answer)}");
        return sb.ToString();
    }

    private static string Escape(string s) => Regex.Replace(s, @"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]", m => $"\\u{(int)m.Value[0]:x4}");
}

/// <summary>Exceptions the host logs, so that a 5xx can be told by its cause.</summary>
public sealed class ErrorCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public ILogger CreateLogger(string categoryName) => new Capture(this);

    public void Dispose() { }

    public void Clear() => _errors.Clear();

    public string? First() => _errors.TryPeek(out var e) ? e : null;

    private sealed class Capture(ErrorCapture owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var e = exception;
            while (e?.InnerException is not null && e is AggregateException or System.Reflection.TargetInvocationException) e = e.InnerException;
            var frame = e?.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Inspections.", StringComparison.Ordinal));
            var message = (e?.Message ?? formatter(state, exception)).Split('\n')[0];
            owner._errors.Enqueue($"{e?.GetType().Name ?? "error"}: {Regex.Replace(message, @"[0-9a-f]{8}-[0-9a-f-]{27}|\d+", "#")}{(frame is null ? "" : " " + frame)}");
        }
    }
}

/// <summary>Everything one sweep did, for the tests to assert on and for the log.</summary>
public sealed class SweepResult
{
    public ulong Seed { get; init; }
    public int RandomCount { get; init; }
    public List<Sent> ServerErrors { get; } = [];
    public List<Sent> ChineseInEnglish { get; } = [];
    public Dictionary<string, int> Statuses { get; } = [];
    public Dictionary<string, int> ValidByPermittedUsers { get; } = [];
    public HashSet<string> OperationsCovered { get; } = [];
    public Dictionary<string, int> ClassesUsed { get; } = [];
    public int Requests { get; set; }
    public int EnglishRefusalsChecked { get; set; }
    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// Sends the plan: every operation valid for every user, every class of bad input on every
/// operation it applies to, then a number of requests FsCheck draws at random. One seed decides
/// the whole plan, so a sweep is replayed with the same seed and count.
/// </summary>
public sealed class Sweeper(Contract contract, World world, IReadOnlyList<User> users, Func<User, string> token, HttpClient client, ErrorCapture errors)
{
    /// <summary>The status recorded for a request the test client would not send.</summary>
    public const int ClientRefused = -1;

    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}+", RegexOptions.Compiled);

    public IReadOnlyList<Planned> Plan(ulong seed, int randomCount)
    {
        var ops = contract.Operations;
        var classes = BadInputs.All;
        var applicable = ops.Select(op =>
        {
            var draft = ValidRequests.Build(op, world, new Random(0));
            return classes.Where(c => c.Applies(draft)).ToList();
        }).ToList();
        // the field-wise classes once per slot (and value variant), the others once per operation
        var targets = ops.Select((op, o) => applicable[o].Select(c => c.Each is null ? [null] : c.Each(ValidRequests.Build(op, world, new Random(0)))
            .Select(s => s.Key).Distinct()
            .SelectMany(k => c.Variants == 1 ? [k] : Enumerable.Range(0, c.Variants).Select(v => $"{k}|{v}"))
            .Select(k => (string?)k).ToList()).ToList()).ToList();
        var fixedCount = ops.Count * users.Count + targets.Sum(t => t.Sum(x => x.Count));

        // FsCheck draws every choice; its default string generator supplies the "fscheck-string" values
        var pickGen =
            from op in Gen.Choose(0, ops.Count - 1)
            from user in Gen.Choose(0, users.Count - 1)
            from cls in Gen.Choose(0, 1 << 20)
            from english in Gen.Elements(true, false)
            from valueSeed in Gen.Choose(0, int.MaxValue)
            from fuzz in ArbMap.Default.GeneratorFor<string>()
            from permitted in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            select new Pick(op, user, cls, english, valueSeed, fuzz ?? "", permitted);
        var picks = pickGen.Sample(fixedCount + randomCount, new Rnd(seed), 30);
        if (picks.Length != fixedCount + randomCount) throw new InvalidOperationException($"FsCheck drew {picks.Length} picks, not {fixedCount + randomCount}.");

        var plan = new List<Planned>(picks.Length);
        var next = 0;
        for (var o = 0; o < ops.Count; o++)
            for (var u = 0; u < users.Count; u++)
            {
                var p = picks[next];
                plan.Add(new Planned(next++, "valid", ops[o], users[u], null, p.English, p.Seed, p.Fuzz));
            }
        for (var o = 0; o < ops.Count; o++)
            for (var c = 0; c < applicable[o].Count; c++)
                foreach (var target in targets[o][c])
                {
                    var p = picks[next];
                    plan.Add(new Planned(next++, "each", ops[o], UserFor(ops[o], p), applicable[o][c], p.English, p.Seed, p.Fuzz, target));
                }
        while (next < picks.Length)
        {
            var p = picks[next];
            var choices = applicable[p.Operation];
            plan.Add(new Planned(next++, "random", ops[p.Operation], UserFor(ops[p.Operation], p), choices.Count == 0 ? null : choices[p.Class % choices.Count], p.English, p.Seed, p.Fuzz));
        }
        return plan;
    }

    private string Home => users[0].Jurisdiction;

    /// <summary>Mostly a user the operation's x-roles allow, in the district that owns the data, so bad input meets the handlers and not only 403.</summary>
    private User UserFor(Operation op, Pick p)
    {
        var allowed = users.Where(u => u.Jurisdiction == Home && op.Roles.Contains(u.Role)).ToList();
        return p.Permitted && allowed.Count > 0 ? allowed[p.User % allowed.Count] : users[p.User];
    }

    public async Task<SweepResult> RunAsync(ulong seed, int randomCount, Func<Planned, bool>? only = null)
    {
        var result = new SweepResult { Seed = seed, RandomCount = randomCount };
        var clock = Stopwatch.StartNew();
        foreach (var planned in Plan(seed, randomCount))
        {
            if (only is not null && !only(planned)) continue;
            var sent = await SendAsync(planned);
            result.Requests++;
            var key = sent.Status switch
            {
                0 => "no answer",
                ClientRefused => "not sent (path with NUL)",
                _ => sent.Status.ToString(CultureInfo.InvariantCulture),
            };
            result.Statuses[key] = result.Statuses.GetValueOrDefault(key) + 1;
            result.OperationsCovered.Add(planned.Operation.ToString());
            var cls = planned.Class?.Name ?? "valid";
            result.ClassesUsed[cls] = result.ClassesUsed.GetValueOrDefault(cls) + 1;
            if (sent.Status is 0 or >= 500) result.ServerErrors.Add(sent);
            if (planned.Class is null && planned.User.Jurisdiction == Home && planned.Operation.Roles.Contains(planned.User.Role))
                result.ValidByPermittedUsers[key] = result.ValidByPermittedUsers.GetValueOrDefault(key) + 1;
            if (planned.English && sent.Status >= 400)
            {
                result.EnglishRefusalsChecked++;
                if (ForeignChinese(sent)) result.ChineseInEnglish.Add(sent);
            }
        }
        result.Elapsed = clock.Elapsed;
        return result;
    }

    /// <summary>Chinese in an English answer that the request did not carry itself (an echoed value is the caller's own text).</summary>
    private static bool ForeignChinese(Sent sent)
    {
        var asked = (sent.Body is null ? "" : Encoding.UTF8.GetString(sent.Body)) + Unescape(sent.Url);
        return Chinese.Matches(sent.Answer).Any(m => !asked.Contains(m.Value, StringComparison.Ordinal));
    }

    private static string Unescape(string url)
    {
        try { return Uri.UnescapeDataString(url); }
        catch (UriFormatException) { return url; }
    }

    /// <summary>
    /// A body's <c>version</c> is the row's current one, read from the operation's resource (the
    /// longest GET path that this path extends), so that valid requests pass the concurrency check
    /// and what is spoiled after it reaches the handler.
    /// </summary>
    private async Task FreshVersionAsync(Draft draft)
    {
        if (draft.Body is not System.Text.Json.Nodes.JsonObject body || !body.ContainsKey("version")) return;
        var op = draft.Operation;
        var get = contract.Operations
            .Where(o => o.Method == "GET" && o.Template.EndsWith('}') && (op.Template.StartsWith(o.Template + "/", StringComparison.Ordinal) || o.Template == op.Template))
            .MaxBy(o => o.Template.Length);
        if (get is null) return;
        var url = get.Template;
        foreach (var (name, value) in draft.PathValues) url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        var reader = new User(get.Roles.FirstOrDefault() ?? "supervisor", Home);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token(reader));
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode) return;
        using var row = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (row.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && row.RootElement.TryGetProperty("version", out var version)
            && version.TryGetInt64(out var current))
            body["version"] = current;
    }

    private async Task<Sent> SendAsync(Planned planned)
    {
        var rng = new Random(planned.Seed);
        var draft = ValidRequests.Build(planned.Operation, world, rng);
        await FreshVersionAsync(draft);
        var note = planned.Class?.Apply(new Mutation(draft, rng, planned.Fuzz, world, planned.Target)) ?? "valid request";
        var url = draft.Url();
        var body = draft.BodyBytes();
        var headers = new List<(string, string)> { ("Authorization", $"Bearer <{planned.User} token>") };
        if (planned.English) headers.Add(("Accept-Language", "en"));
        if (body is not null && draft.ContentType is not null) headers.Add(("Content-Type", draft.ContentType));

        using var request = new HttpRequestMessage(new HttpMethod(planned.Operation.Method), url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token(planned.User));
        if (planned.English) request.Headers.AcceptLanguage.ParseAdd("en");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = null;
            if (draft.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", draft.ContentType);
        }
        errors.Clear();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var answer = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            return new Sent(planned, note, request.Method.Method, url, headers, body, status, answer, status >= 500 ? errors.First() ?? "(nothing logged)" : null);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("path contains null characters", StringComparison.Ordinal) && errors.First() is null)
        {
            // the test server's client refuses a path with %00 before it reaches the host (Kestrel answers 400 itself)
            return new Sent(planned, note, request.Method.Method, url, headers, body, ClientRefused, e.Message, null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // the host threw through the test server or never answered: as bad as a 500
            return new Sent(planned, note, request.Method.Method, url, headers, body, 0, e.Message, errors.First() ?? e.GetType().Name);
        }
    }
}
