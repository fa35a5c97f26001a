using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Inspections.Api.Auth;
using Inspections.Api.Tests.Cases;
using Inspections.Api.Tests.Infrastructure;
using Inspections.Core.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace Inspections.Api.Tests.InspectionsFeature;

/// <summary>
/// Body-camera video and audio 执法记录仪 through resumable uploads: chunks over a flaky connection, a hash
/// computed as they arrive, the type read from the bytes, nothing that is evidence until complete, and
/// playback by range requests.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.WithEvidenceStores))]
public sealed class EvidenceUploadTests(string provider, string store) : ApiFixture(provider)
{
    protected override string? EvidenceStore => store;

    protected override IEnumerable<TestUser> FixtureUsers => Officers.Of();

    private SettableClock Clock { get; } = new() { Now = DateTimeOffset.UtcNow };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(sp => new TokenIssuer(sp.GetRequiredService<AuthOptions>(), TimeProvider.System));
    }

    private const int MiB = 1024 * 1024;

    /// <summary>The start of an MP4 file as a body camera writes it: an 'ftyp' box, brand isom.</summary>
    internal static readonly byte[] Mp4Head =
        [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0,
         (byte)'i', (byte)'s', (byte)'o', (byte)'m', (byte)'m', (byte)'p', (byte)'4', (byte)'1'];

    internal static byte[] WithHead(byte[] head, int size, int seed = 7)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        head.CopyTo(bytes, 0);
        return bytes;
    }

    private static readonly byte[] WavHead = [.. "RIFF"u8, 0x24, 0x08, 0, 0, .. "WAVEfmt "u8];
    private static readonly byte[] Mp3Head = [.. "ID3"u8, 3, 0, 0, 0, 0, 0x0F, 0x76, 0xFF, 0xFB, 0x90, 0x64];
    private static readonly byte[] M4aHead = [0, 0, 0, 0x20, .. "ftypM4A "u8, 0, 0, 0, 0, .. "M4A mp42isom"u8];
    private static readonly byte[] AmrHead = [.. "#!AMR\n"u8, 0x3C, 0x48, 0xF5, 0x1F, 0x96, 0x66, 0x79, 0xE1, 0xE0, 0x01];
    private static readonly byte[] AacHead = [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC, 0x21, 0x00, 0x49, 0x90, 0x02, 0x19, 0x00, 0x23, 0x80];

    private Task<string> RecordInspection() => Api.RecordInspectionAsync("执法记录仪测试网吧", "温江区光华大道 2 号", "新出发〔2024〕16 号");

    internal static string Uploads(string inspection) => $"/api/inspections/{inspection}/evidence/uploads";

    internal static async Task<JsonElement> Start(HttpClient client, string inspection, long size, string type = "video/mp4",
        string name = "执法记录仪-20260506-0900.mp4", string? sha256 = null, HttpStatusCode status = HttpStatusCode.Created) =>
        await (await client.PostJson(Uploads(inspection), new { fileName = name, contentType = type, sizeBytes = size, sha256, caption = "现场检查全程录像" }))
            .Expect(status);

    internal static Task<HttpResponseMessage> Chunk(HttpClient client, string inspection, string upload, byte[] buffer, int count, long from, long? total)
    {
        var content = new ByteArrayContent(buffer, 0, count);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentRange = total is { } t ? new ContentRangeHeaderValue(from, from + count - 1, t) : new ContentRangeHeaderValue(from, from + count - 1);
        return client.PutAsync($"{Uploads(inspection)}/{upload}", content);
    }

    internal static Task<HttpResponseMessage> Complete(HttpClient client, string inspection, string upload) =>
        client.PostAsync($"{Uploads(inspection)}/{upload}/complete", null);

    /// <summary>Chunk <paramref name="index"/> of the test video: the same bytes every time it is asked for.</summary>
    private static void FillChunk(byte[] buffer, int index, int length)
    {
        new Random(1000 + index).NextBytes(buffer.AsSpan(0, length));
        if (index == 0) Mp4Head.CopyTo(buffer, 0);
    }

    private async Task<long[]> Counts() => [await Api.CountAsync("inspection_evidence"), await Api.CountAsync("evidence_uploads")];

    [Test]
    public async Task A_200_MB_video_arrives_in_8_MB_chunks_with_a_retry_and_a_resume_and_plays_back_by_range()
    {
        const int chunk = 8 * MiB;
        const int chunks = 25;
        const long total = (long)chunk * chunks; // 200 MiB
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var buffer = new byte[chunk];

        // The client knows its file's hash (a camera's export does); the server must arrive at the same one.
        using var clientHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < chunks; i++)
        {
            FillChunk(buffer, i, chunk);
            clientHash.AppendData(buffer, 0, chunk);
        }
        var expectedSha = Convert.ToHexStringLower(clientHash.GetHashAndReset());

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakBefore = process.PeakWorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var sending = TimeSpan.Zero;

        var upload = await Start(officer, inspection, total, sha256: expectedSha);
        var id = upload.Str("id");
        Assert.Multiple(() =>
        {
            Assert.That(upload.GetProperty("receivedBytes").GetInt64(), Is.Zero);
            Assert.That(upload.GetProperty("maxChunkBytes").GetInt32(), Is.GreaterThanOrEqualTo(chunk));
            Assert.That(upload.GetProperty("completed").GetBoolean(), Is.False);
        });
        var heapPeak = 0L;
        for (var i = 0; i < chunks; i++)
        {
            FillChunk(buffer, i, chunk);
            long from = (long)i * chunk;
            if (i == 7)
            {
                // The connection drops after 3 MB: the phone asks where the upload stands and sends the rest from there.
                await (await Chunk(officer, inspection, id, buffer, 3 * MiB, from, total)).Expect(HttpStatusCode.OK);
                var state = await (await officer.GetAsync($"{Uploads(inspection)}/{id}")).Expect(HttpStatusCode.OK);
                var resumeAt = state.GetProperty("receivedBytes").GetInt64();
                Assert.That(resumeAt, Is.EqualTo(from + 3 * MiB));
                var rest = buffer[(int)(resumeAt - from)..];
                await (await Chunk(officer, inspection, id, rest, rest.Length, resumeAt, total)).Expect(HttpStatusCode.OK);
                continue;
            }
            var answer = await (await Chunk(officer, inspection, id, buffer, chunk, from, total)).Expect(HttpStatusCode.OK);
            Assert.That(answer.GetProperty("receivedBytes").GetInt64(), Is.EqualTo(from + chunk));
            if (i == 3)
            {
                // The answer was lost on the way back: the phone sends the same chunk again, which is accepted and changes nothing.
                var again = await (await Chunk(officer, inspection, id, buffer, chunk, from, total)).Expect(HttpStatusCode.OK);
                Assert.That(again.GetProperty("receivedBytes").GetInt64(), Is.EqualTo(from + chunk));
            }
            if (i == 12)
            {
                // A chunk from further on is refused with the offset to continue from.
                var ahead = await (await Chunk(officer, inspection, id, buffer, chunk, from + 2L * chunk, total)).Expect(HttpStatusCode.Conflict);
                Assert.That(ahead.GetProperty("currentOffset").GetInt64(), Is.EqualTo(from + chunk));
            }
            // What the process holds after each chunk (a full collection first: garbage is not held, and is
            // counted apart below as the bytes allocated).
            sending += clock.Elapsed;
            heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: true));
            clock.Restart();
        }
        Assert.That(await Api.CountAsync($"inspection_evidence WHERE inspection_id = '{inspection}'"), Is.Zero, "nothing is evidence before completion");
        var sendSeconds = sending.TotalSeconds;
        var completing = Stopwatch.StartNew();
        var evidence = await (await Complete(officer, inspection, id)).Expect(HttpStatusCode.Created);
        var completeSeconds = completing.Elapsed.TotalSeconds;

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();
        var peakAfter = process.PeakWorkingSet64;
        var staging = Api.Services.GetRequiredService<UploadStaging>();
        TestContext.Out.WriteLine(
            $"{Provider}, {store} store: 200 MiB in {chunks} chunks of 8 MiB (+1 retried, +1 resumed) sent in {sendSeconds:0.0} s ({total / MiB / sendSeconds:0} MiB/s), completed in {completeSeconds:0.00} s; " +
            $"live managed heap {heapBefore / MiB} → {heapAfter / MiB} MiB (highest after any chunk {heapPeak / MiB} MiB); peak working set {peakBefore / MiB} → {peakAfter / MiB} MiB; " +
            $"allocated (garbage included, test client and test server too) {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / MiB} MiB; " +
            $"hash rebuilds from part files: {staging.Rebuilds}");

        Assert.Multiple(() =>
        {
            Assert.That(evidence.Str("sha256"), Is.EqualTo(expectedSha));
            Assert.That(evidence.GetProperty("sizeBytes").GetInt64(), Is.EqualTo(total));
            Assert.That(evidence.Str("contentType"), Is.EqualTo("video/mp4"));
            Assert.That(evidence.Str("fileName"), Is.EqualTo("执法记录仪-20260506-0900.mp4"));
            Assert.That(heapAfter - heapBefore, Is.LessThan(64L * MiB), "the managed heap stays flat");
            Assert.That(heapPeak - heapBefore, Is.LessThan(64L * MiB), "the live managed heap stays flat during the upload");
            Assert.That(peakAfter - peakBefore, Is.LessThan(64L * MiB), "the process's peak working set stays flat");
        });

        // Stored once, under its hash, and the unfinished upload's bytes are gone (in the database: adopted, not copied).
        Assert.That(await Api.StoredAsync(expectedSha), Is.EqualTo((1, total)));
        Assert.That(await Api.HoldsUnfinishedAsync(Guid.Parse(id)), Is.False);
        if (Api.InDatabase())
            Assert.That(await Api.CountAsync($"evidence_blobs WHERE sha256 = '{expectedSha}' AND blob_id = '{id}'"), Is.EqualTo(1));
        var done = await (await officer.GetAsync($"{Uploads(inspection)}/{id}")).Expect(HttpStatusCode.OK);
        Assert.That(done.Str("evidenceId"), Is.EqualTo(evidence.Str("id")));

        // Played back by range: a middle part, the last bytes, and a range past the end.
        var url = $"/api/inspections/{inspection}/evidence/{evidence.Str("id")}";
        FillChunk(buffer, 0, chunk);
        var middle = await Ranged(officer, url, "bytes=1000-1999");
        Assert.Multiple(() =>
        {
            Assert.That(middle.Status, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(middle.ContentRange, Is.EqualTo($"bytes 1000-1999/{total}"));
            Assert.That(middle.AcceptRanges, Is.EqualTo("bytes"));
            Assert.That(middle.Body, Is.EqualTo(buffer[1000..2000]));
        });
        FillChunk(buffer, chunks - 1, chunk);
        var tail = await Ranged(officer, url, "bytes=-500");
        Assert.Multiple(() =>
        {
            Assert.That(tail.Status, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(tail.ContentRange, Is.EqualTo($"bytes {total - 500}-{total - 1}/{total}"));
            Assert.That(tail.Body, Is.EqualTo(buffer[(chunk - 500)..]));
        });
        var beyond = await Ranged(officer, url, $"bytes={total}-");
        Assert.Multiple(() =>
        {
            Assert.That(beyond.Status, Is.EqualTo(HttpStatusCode.RequestedRangeNotSatisfiable));
            Assert.That(beyond.ContentRange, Is.EqualTo($"bytes */{total}"));
        });

        // The whole file, read as a stream, hashes to what the client sent.
        using var raw = Api.Server.CreateClient();
        raw.DefaultRequestHeaders.Authorization = officer.DefaultRequestHeaders.Authorization;
        using var whole = await raw.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(whole.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(whole.Headers.AcceptRanges, Does.Contain("bytes"));
        await using (var stream = await whole.Content.ReadAsStreamAsync())
            Assert.That(Convert.ToHexStringLower(await SHA256.HashDataAsync(stream)), Is.EqualTo(expectedSha));
    }

    internal sealed record RangedAnswer(HttpStatusCode Status, string? ContentRange, string? AcceptRanges, byte[] Body);

    internal static async Task<RangedAnswer> Ranged(HttpClient client, string url, string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await client.SendAsync(request);
        return new RangedAnswer(response.StatusCode, response.Content.Headers.ContentRange?.ToString(),
            string.Join(",", response.Headers.AcceptRanges), await response.Content.ReadAsByteArrayAsync());
    }

    private static IEnumerable<TestCaseData> Recordings()
    {
        yield return new TestCaseData(WavHead, "audio/wav", "询问录音.wav", "audio/wav").SetName("{m}(WAV)");
        yield return new TestCaseData(WavHead, "audio/x-wav", "询问录音.wav", "audio/wav").SetName("{m}(WAV declared audio/x-wav)");
        yield return new TestCaseData(Mp3Head, "audio/mpeg", "现场录音.mp3", "audio/mpeg").SetName("{m}(MP3 with an ID3 tag)");
        yield return new TestCaseData(M4aHead, "audio/x-m4a", "录音.m4a", "audio/mp4").SetName("{m}(M4A)");
        yield return new TestCaseData(AacHead, "audio/aac", "录音.aac", "audio/aac").SetName("{m}(AAC ADTS)");
        yield return new TestCaseData(AmrHead, "audio/amr", "录音.amr", "audio/amr").SetName("{m}(AMR)");
        yield return new TestCaseData(Mp4Head, "video/mp4", "录像.mp4", "video/mp4").SetName("{m}(MP4)");
    }

    [TestCaseSource(nameof(Recordings))]
    public async Task Audio_and_video_are_recognised_by_their_bytes(byte[] head, string declared, string name, string stored)
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var bytes = WithHead(head, 300_000);
        var upload = await Start(officer, inspection, bytes.Length, declared, name, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        await (await Chunk(officer, inspection, upload.Str("id"), bytes, bytes.Length, 0, bytes.Length)).Expect(HttpStatusCode.OK);
        var evidence = await (await Complete(officer, inspection, upload.Str("id"))).Expect(HttpStatusCode.Created);
        Assert.That(evidence.Str("contentType"), Is.EqualTo(stored));
        var download = await officer.GetAsync($"/api/inspections/{inspection}/evidence/{evidence.Str("id")}");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(download.Content.Headers.ContentType!.MediaType, Is.EqualTo(stored));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
        var detail = await (await officer.GetAsync($"/api/inspections/{inspection}")).Expect(HttpStatusCode.OK);
        Assert.That(detail.GetProperty("evidence").EnumerateArray().Select(e => e.Str("id")), Is.EqualTo(new[] { evidence.Str("id") }));
    }

    [Test]
    public async Task A_recording_small_enough_for_one_request_is_accepted_by_the_multipart_upload_too()
    {
        var inspection = await RecordInspection();
        var bytes = WithHead(Mp3Head, 50_000);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/mpeg");
        form.Add(file, "file", "现场录音.mp3");
        var created = await (await Api.ZhangSanClient().PostAsync($"/api/inspections/{inspection}/evidence", form)).Expect(HttpStatusCode.Created);
        Assert.That(created.Str("contentType"), Is.EqualTo("audio/mpeg"));
    }

    [Test]
    public async Task Bytes_that_are_not_the_declared_type_are_refused_at_the_first_chunk_in_chinese_or_english()
    {
        var inspection = await RecordInspection();
        var before = await Counts();
        var officer = Api.ZhangSanClient();
        var wav = WithHead(WavHead, 4096);
        var upload = await Start(officer, inspection, wav.Length, "video/mp4", "伪装的视频.mp4");
        var problem = await (await Chunk(officer, inspection, upload.Str("id"), wav, wav.Length, 0, wav.Length)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("contentType"), Has.Some.Contains("与文件内容（audio/wav）不符"), problem.ToString());

        var english = Api.ZhangSanClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        problem = await (await Chunk(english, inspection, upload.Str("id"), wav, wav.Length, 0, wav.Length)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("contentType"), Has.Some.Contains("does not match the file's bytes (audio/wav)"), problem.ToString());

        var executable = WithHead([(byte)'M', (byte)'Z', 0x90, 0x00], 4096);
        problem = await (await Chunk(officer, inspection, upload.Str("id"), executable, executable.Length, 0, executable.Length)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("file"), Has.Some.Contains("不是可接受的证据格式"), problem.ToString());

        var state = await (await officer.GetAsync($"{Uploads(inspection)}/{upload.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(state.GetProperty("receivedBytes").GetInt64(), Is.Zero, "a refused chunk stores nothing");
        Assert.That(await Api.HoldsUnfinishedAsync(Guid.Parse(upload.Str("id"))), Is.False);
        Assert.That(await Counts(), Is.EqualTo(new[] { before[0], before[1] + 1 }));

        // An unknown declared type never starts an upload.
        problem = await Start(officer, inspection, 4096, "application/x-msdownload", "a.exe", status: HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("contentType"), Has.Some.Contains("video/mp4"));
    }

    [Test]
    public async Task Chunks_out_of_place_are_refused_and_the_offset_to_resume_from_is_named()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var video = WithHead(Mp4Head, 10_000);
        var upload = await Start(officer, inspection, video.Length);
        var id = upload.Str("id");
        await (await Chunk(officer, inspection, id, video, 4000, 0, video.Length)).Expect(HttpStatusCode.OK);

        // Beyond the declared size.
        var past = await (await Chunk(officer, inspection, id, video[..2000], 2000, 9000, null)).Expect(HttpStatusCode.BadRequest);
        Assert.That(past.FieldErrors("contentRange"), Has.Some.Contains("超出了声明的文件大小 10000 字节"), past.ToString());
        // A total other than the declared size.
        var otherTotal = await (await Chunk(officer, inspection, id, video[4000..5000], 1000, 4000, 20_000)).Expect(HttpStatusCode.BadRequest);
        Assert.That(otherTotal.FieldErrors("contentRange"), Has.Some.Contains("20000"));
        // A gap: the chunk starts after what has arrived.
        var gap = await (await Chunk(officer, inspection, id, video[6000..8000], 2000, 6000, video.Length)).Expect(HttpStatusCode.Conflict);
        Assert.That(gap.GetProperty("currentOffset").GetInt64(), Is.EqualTo(4000));
        Assert.That(gap.Str("detail"), Does.Contain("请从 4000 处继续上传"));
        // Different bytes where bytes have already arrived.
        var changed = video[..4000];
        changed[100] ^= 0xFF;
        var conflict = await (await Chunk(officer, inspection, id, changed, 4000, 0, video.Length)).Expect(HttpStatusCode.Conflict);
        Assert.That(conflict.GetProperty("currentOffset").GetInt64(), Is.EqualTo(4000));
        // No Content-Range at all.
        var bare = new ByteArrayContent(video, 4000, 1000);
        var missing = await (await officer.PutAsync($"{Uploads(inspection)}/{id}", bare)).Expect(HttpStatusCode.BadRequest);
        Assert.That(missing.FieldErrors("contentRange"), Has.Some.Contains("Content-Range"));
        // Completing before everything is in.
        var early = await (await Complete(officer, inspection, id)).Expect(HttpStatusCode.Conflict);
        Assert.That(early.GetProperty("currentOffset").GetInt64(), Is.EqualTo(4000));

        // An overlapping chunk adds only what is new; then the upload completes with the right bytes.
        var overlapping = await (await Chunk(officer, inspection, id, video[3000..], video.Length - 3000, 3000, video.Length)).Expect(HttpStatusCode.OK);
        Assert.That(overlapping.GetProperty("receivedBytes").GetInt64(), Is.EqualTo(video.Length));
        var evidence = await (await Complete(officer, inspection, id)).Expect(HttpStatusCode.Created);
        Assert.That(evidence.Str("sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(video))));
        // Completing again answers the same evidence; a chunk after completion is a conflict.
        var again = await (await Complete(officer, inspection, id)).Expect(HttpStatusCode.Created);
        Assert.That(again.Str("id"), Is.EqualTo(evidence.Str("id")));
        var late = await (await Chunk(officer, inspection, id, video[..1000], 1000, 0, video.Length)).Expect(HttpStatusCode.Conflict);
        Assert.That(late.Str("evidenceId"), Is.EqualTo(evidence.Str("id")));
    }

    [Test]
    public async Task A_chunk_larger_than_allowed_is_refused()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var max = Api.Services.GetRequiredService<EvidenceOptions>().MaxChunkBytes;
        var upload = await Start(officer, inspection, 64L * MiB);
        var big = WithHead(Mp4Head, max + 1);
        var problem = await (await Chunk(officer, inspection, upload.Str("id"), big, big.Length, 0, 64L * MiB)).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("body"), Has.Some.Contains("每个分块不能超过"), problem.ToString());
        var tooLarge = await Start(officer, inspection, Api.Services.GetRequiredService<EvidenceOptions>().MaxUploadBytes + 1, status: HttpStatusCode.BadRequest);
        Assert.That(tooLarge.FieldErrors("sizeBytes"), Has.Some.Contains("GiB"), tooLarge.ToString());
    }

    [Test]
    public async Task A_file_whose_hash_is_not_the_declared_one_is_not_made_evidence()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var video = WithHead(Mp4Head, 20_000);
        var damaged = video.ToArray();
        damaged[15_000] ^= 0x01; // one bit flipped on the way
        var upload = await Start(officer, inspection, video.Length, sha256: Convert.ToHexStringLower(SHA256.HashData(video)));
        await (await Chunk(officer, inspection, upload.Str("id"), damaged, damaged.Length, 0, damaged.Length)).Expect(HttpStatusCode.OK);
        var before = await Counts();
        var problem = await (await Complete(officer, inspection, upload.Str("id"))).Expect(HttpStatusCode.BadRequest);
        Assert.That(problem.FieldErrors("sha256"), Has.Some.Contains(Convert.ToHexStringLower(SHA256.HashData(damaged))), problem.ToString());
        Assert.That(await Counts(), Is.EqualTo(before));
        var state = await (await officer.GetAsync($"{Uploads(inspection)}/{upload.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(state.GetProperty("completed").GetBoolean(), Is.False);
    }

    [Test]
    public async Task An_upload_is_its_starters_and_scoped_like_its_inspection()
    {
        var inspection = await RecordInspection();
        var video = WithHead(Mp4Head, 8_000);
        var upload = await Start(Api.ZhangSanClient(), inspection, video.Length);
        var url = $"{Uploads(inspection)}/{upload.Str("id")}";
        var lisi = Api.As(Officers.Id(Officers.LiSi), Officers.Name(Officers.LiSi), Officers.Credential(Officers.LiSi));
        await (await Chunk(lisi, inspection, upload.Str("id"), video, video.Length, 0, video.Length)).Expect(HttpStatusCode.Forbidden);
        await (await lisi.GetAsync(url)).Expect(HttpStatusCode.Forbidden);
        var stranger = Api.ZhangSanClient(jurisdiction: "510104");
        await Start(stranger, inspection, video.Length, status: HttpStatusCode.Forbidden);
        await (await Chunk(stranger, inspection, upload.Str("id"), video, video.Length, 0, video.Length)).Expect(HttpStatusCode.Forbidden);
        await Start(Api.Client("clerk"), inspection, video.Length, status: HttpStatusCode.Forbidden);
        await (await Complete(Api.Client("clerk"), inspection, upload.Str("id"))).Expect(HttpStatusCode.Forbidden);
        await (await Api.ZhangSanClient().GetAsync($"{Uploads(inspection)}/{Guid.CreateVersion7()}")).Expect(HttpStatusCode.NotFound);
        await (await Api.ZhangSanClient().GetAsync($"{Uploads(Guid.CreateVersion7().ToString())}/{upload.Str("id")}")).Expect(HttpStatusCode.NotFound);
        var state = await (await Api.ZhangSanClient().GetAsync(url)).Expect(HttpStatusCode.OK);
        Assert.That(state.GetProperty("receivedBytes").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Every_step_of_an_upload_is_in_the_audit_trail()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var video = WithHead(Mp4Head, 9_000);
        var upload = await Start(officer, inspection, video.Length);
        var id = upload.Str("id");
        var before = await Api.CountAsync($"audit_entries WHERE entity_id = '{id}'");
        await (await Chunk(officer, inspection, id, video, 5000, 0, video.Length)).Expect(HttpStatusCode.OK);
        await (await Chunk(officer, inspection, id, video[5000..], 4000, 5000, video.Length)).Expect(HttpStatusCode.OK);
        var evidence = await (await Complete(officer, inspection, id)).Expect(HttpStatusCode.Created);
        Assert.That(await Api.CountAsync($"audit_entries WHERE entity_id = '{id}' AND command = 'AppendEvidenceChunk'"), Is.EqualTo(2));
        Assert.That(before, Is.EqualTo(1), "the start is audited");
        Assert.That(await Api.CountAsync($"audit_entries WHERE entity_id = '{evidence.Str("id")}' AND command = 'CompleteEvidenceUpload'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Abandoned_uploads_are_removed_with_their_bytes_after_the_expiry_and_completed_ones_stay()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var video = WithHead(Mp4Head, 12_000);
        var abandoned = await Start(officer, inspection, video.Length);
        await (await Chunk(officer, inspection, abandoned.Str("id"), video, 6000, 0, video.Length)).Expect(HttpStatusCode.OK);
        var finished = await Start(officer, inspection, video.Length);
        await (await Chunk(officer, inspection, finished.Str("id"), video, video.Length, 0, video.Length)).Expect(HttpStatusCode.OK);
        var evidence = await (await Complete(officer, inspection, finished.Str("id"))).Expect(HttpStatusCode.Created);
        var part = Guid.Parse(abandoned.Str("id"));
        Assert.That(await Api.HoldsUnfinishedAsync(part), Is.True);

        // Not yet expired: nothing of it is removed.
        var admin = Api.Client("admin");
        await (await admin.PostAsync("/api/evidence-uploads/cleanup", null)).Expect(HttpStatusCode.OK);
        await (await officer.GetAsync($"{Uploads(inspection)}/{abandoned.Str("id")}")).Expect(HttpStatusCode.OK);
        await (await officer.PostAsync("/api/evidence-uploads/cleanup", null)).Expect(HttpStatusCode.Forbidden);

        var expiry = Api.Services.GetRequiredService<EvidenceOptions>().UploadExpiry;
        var now = Clock.Now;
        try
        {
            Clock.Now = now + expiry + TimeSpan.FromMinutes(1);
            var result = await (await admin.PostAsync("/api/evidence-uploads/cleanup", null)).Expect(HttpStatusCode.OK);
            Assert.That(result.GetProperty("removed").GetInt32(), Is.GreaterThanOrEqualTo(1));
        }
        finally { Clock.Now = now; }
        await (await officer.GetAsync($"{Uploads(inspection)}/{abandoned.Str("id")}")).Expect(HttpStatusCode.NotFound);
        Assert.That(await Api.HoldsUnfinishedAsync(part), Is.False);
        var kept = await (await officer.GetAsync($"{Uploads(inspection)}/{finished.Str("id")}")).Expect(HttpStatusCode.OK);
        Assert.That(kept.Str("evidenceId"), Is.EqualTo(evidence.Str("id")));
        var download = await officer.GetAsync($"/api/inspections/{inspection}/evidence/{evidence.Str("id")}");
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(video));
    }

    [Test]
    public async Task Chunks_may_arrive_at_another_server_which_rebuilds_the_running_hash_from_the_part_file()
    {
        var inspection = await RecordInspection();
        var video = WithHead(Mp4Head, 3 * MiB + 123);
        var upload = await Start(Api.ZhangSanClient(), inspection, video.Length, sha256: Convert.ToHexStringLower(SHA256.HashData(video)));
        var id = upload.Str("id");
        await (await Chunk(Api.ZhangSanClient(), inspection, id, video, MiB, 0, video.Length)).Expect(HttpStatusCode.OK);

        // A second server on the same database and the same evidence store (the same folder, or the database): it has
        // no running hash for this upload.
        var root = Api.EvidenceRoot;
        await using var other = Api.InDatabase()
            ? new ApiFactory(Api.Database, evidenceStore: EvidenceOptions.DatabaseStore)
            : new ApiFactory(Api.Database, services: s => s.AddSingleton(new EvidenceOptions { Root = root }));
        var otherStaging = other.Services.GetRequiredService<UploadStaging>();
        var rest = video[MiB..];
        await (await Chunk(other.ZhangSanClient(), inspection, id, rest, 2 * MiB, MiB, video.Length)).Expect(HttpStatusCode.OK);
        Assert.That(otherStaging.Rebuilds, Is.EqualTo(1), "the second server hashed the first MiB from the stored part once");

        // Back on the first server: its running hash stands at 1 MiB, behind the database, so it rebuilds too.
        var staging = Api.Services.GetRequiredService<UploadStaging>();
        var rebuildsBefore = staging.Rebuilds;
        await (await Chunk(Api.ZhangSanClient(), inspection, id, rest[(2 * MiB)..], 123, 3L * MiB, video.Length)).Expect(HttpStatusCode.OK);
        Assert.That(staging.Rebuilds, Is.EqualTo(rebuildsBefore + 1));
        var evidence = await (await Complete(other.ZhangSanClient(), inspection, id)).Expect(HttpStatusCode.Created);
        Assert.That(evidence.Str("sha256"), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(video))));
    }

    [Test]
    public async Task A_recording_is_linked_to_a_case_as_audio_visual_evidence_and_a_photo_is_not_a_recording()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var audio = WithHead(WavHead, 40_000);
        var upload = await Start(officer, inspection, audio.Length, "audio/wav", "询问录音.wav");
        await (await Chunk(officer, inspection, upload.Str("id"), audio, audio.Length, 0, audio.Length)).Expect(HttpStatusCode.OK);
        var recording = await (await Complete(officer, inspection, upload.Str("id"))).Expect(HttpStatusCode.Created);
        var form = new MultipartFormDataContent();
        var jpeg = new ByteArrayContent(WithHead([0xFF, 0xD8, 0xFF, 0xE0], 2048));
        jpeg.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(jpeg, "file", "现场照片.jpg");
        var photo = await (await officer.PostAsync($"/api/inspections/{inspection}/evidence", form)).Expect(HttpStatusCode.Created);

        var lead = await (await Api.Client("officer").PostJson("/api/cases", new
        {
            source = "complaint",
            sourceReference = "举报 2026-031",
            party = new { kind = "person", name = "王某" },
            violationCode = "cafe-minors-admitted",
            facts = "检查时发现接纳未成年人上网，执法记录仪全程录像录音。",
            occurredOn = "2026-05-06",
        })).Expect(HttpStatusCode.Created);
        var refused = await (await officer.PostJson($"/api/cases/{lead.Str("id")}/evidence", new
        {
            version = lead.GetProperty("version").GetInt64(), kind = "recording", reference = photo.Str("id"),
        })).Expect(HttpStatusCode.BadRequest);
        Assert.That(refused.FieldErrors("reference"), Has.Some.Contains("音视频"));
        var linked = await (await officer.PostJson($"/api/cases/{lead.Str("id")}/evidence", new
        {
            version = lead.GetProperty("version").GetInt64(), kind = "recording", reference = recording.Str("id"), description = "现场询问录音",
        })).Expect(HttpStatusCode.OK);
        var evidence = linked.GetProperty("evidence").EnumerateArray().Single();
        Assert.That(evidence.Str("kind"), Is.EqualTo("recording"));
        Assert.That(evidence.Str("reference"), Is.EqualTo(recording.Str("id")));
    }

    [Test]
    public async Task The_inspection_page_plays_a_recording_by_range_requests()
    {
        var inspection = await RecordInspection();
        var officer = Api.ZhangSanClient();
        var video = WithHead(Mp4Head, 500_000);
        var upload = await Start(officer, inspection, video.Length);
        await (await Chunk(officer, inspection, upload.Str("id"), video, video.Length, 0, video.Length)).Expect(HttpStatusCode.OK);
        var evidence = await (await Complete(officer, inspection, upload.Str("id"))).Expect(HttpStatusCode.Created);

        var browser = Browser(SessionCookie("officer"));
        var page = await browser.GetAsync($"/inspections/{inspection}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await page.Content.ReadAsStringAsync();
        var src = System.Text.RegularExpressions.Regex.Match(html, "<video controls preload=\"metadata\" src=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(src, Does.Contain(evidence.Str("id")), html);

        using var request = new HttpRequestMessage(HttpMethod.Get, System.Net.WebUtility.HtmlDecode(src));
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-23");
        using var part = await browser.SendAsync(request);
        var bytes = await part.Content.ReadAsByteArrayAsync();
        Assert.Multiple(() =>
        {
            Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(part.Content.Headers.ContentType!.MediaType, Is.EqualTo("video/mp4"));
            Assert.That(part.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 0-23/{video.Length}"));
            Assert.That(bytes, Is.EqualTo(Mp4Head));
        });
        // Another district's officer sees neither the page nor the file.
        var stranger = Browser(SessionCookie("officer", "510104"));
        Assert.That((await stranger.GetAsync(System.Net.WebUtility.HtmlDecode(src))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private HttpClient Browser(string cookie)
    {
        var client = Api.Client(null);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        client.DefaultRequestHeaders.Add("Cookie", $"{PageAuth.CookieName}={cookie}");
        return client;
    }

    /// <summary>A session cookie as the sign-in page issues it, sealed with the host's own keys.</summary>
    private string SessionCookie(string role, string jurisdiction = "510115")
    {
        var options = Api.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
            .Get(PageAuth.CookieScheme);
        var identity = TokenIssuer.Identity(new Inspections.Core.Features.Users.TokenSubject($"{role}-{jurisdiction}", "测试" + role, [role], jurisdiction, null, null),
            PageAuth.CookieScheme);
        var properties = new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = DateTimeOffset.UtcNow, ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        return options.TicketDataFormat.Protect(new Microsoft.AspNetCore.Authentication.AuthenticationTicket(
            new System.Security.Claims.ClaimsPrincipal(identity), properties, PageAuth.CookieScheme));
    }
}
