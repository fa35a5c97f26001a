using System.Net;

namespace Inspections.Api.Tests.Infrastructure;

/// <summary>
/// Sits between every test client and the host: each answer from <c>/api/...</c> must be one the host's own
/// OpenAPI document promises for that operation (status, content type, and the JSON body against its schema).
/// A mismatch fails the test that made the request, naming the operation, the status and each error's JSON path.
/// </summary>
public sealed class OpenApiConformanceHandler(Func<HttpMessageHandler, Task<OpenApiContract>> contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || request.Method == HttpMethod.Head) return response;

        var document = await contract(InnerHandler!);
        var status = (int)response.StatusCode;
        var operation = document.Find(request.Method.Method, path, out var pathKnown);
        if (operation is null)
        {
            // Probes of routes that do not exist, or of a method a route does not have, are the framework's refusals.
            if (status == (int)HttpStatusCode.NotFound && !pathKnown) return response;
            if (status == (int)HttpStatusCode.MethodNotAllowed && pathKnown) return response;
            Fail($"{request.Method} {path} answered {status}, but the OpenAPI document has no such operation.", []);
            return response;
        }

        byte[] body = [];
        if (response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        var contentType = response.Content?.Headers.ContentType?.ToString();
        var problems = OpenApiContract.Check(operation, status, contentType, body);
        if (problems.Count > 0)
            Fail($"{request.Method} {path} → {operation} answered {status} {contentType}, which the OpenAPI document does not allow:", problems,
                OpenApiContract.Excerpt(body));
        return response;
    }

    private static void Fail(string what, IReadOnlyList<string> problems, string? body = null)
    {
        var message = what + string.Concat(problems.Select(p => "\n  - " + p)) + (body is null ? "" : "\n  body: " + body);
        TestContext.Out.WriteLine("OpenAPI mismatch: " + message);
        Assert.Fail("OpenAPI mismatch: " + message);
    }
}
