using Inspections.Core.Features.Registers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Inspections.Api.Infrastructure;

/// <summary>
/// Streams a register 台账 into the response as MiniExcel writes it: no Content-Length (chunked), the Chinese file
/// name as filename*=UTF-8''…, and never stored by a cache. The same result answers the API and the pages.
/// </summary>
public sealed class RegisterDownload(RegisterFile file) : IResult, IActionResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = RegisterFile.ContentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = "no-store";
        await using var body = new AsyncWriteStream(http.Response.Body);
        await file.WriteAsync(body, http.RequestAborted);
        await body.FlushAsync(http.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}

/// <summary>
/// A write-only, forward-only view of the response body for writers that mix synchronous and asynchronous writes.
/// The zip archive under an XLSX writes its entry headers, the tail of each deflated entry and the central directory
/// synchronously (a few kilobytes), which the server refuses on its body; those bytes are held here and sent
/// asynchronously before the next asynchronous write, and at the end. The rows themselves go out asynchronously.
/// </summary>
public sealed class AsyncWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();

    /// <summary>Bytes that came in through a synchronous write (for the benchmark: it shows they stay small).</summary>
    public long SynchronousBytes { get; private set; }

    /// <summary>The most bytes held at once.</summary>
    public long MostHeld { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        SynchronousBytes += buffer.Length;
        MostHeld = Math.Max(MostHeld, _pending.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() { }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask SendPendingAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _pending.SetLength(0);
    }

    public override async ValueTask DisposeAsync()
    {
        await SendPendingAsync(CancellationToken.None);
        await base.DisposeAsync();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
