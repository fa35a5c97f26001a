using Inspections.Domain.Inspections;

namespace Inspections.Domain.Tests.Inspections;

public sealed class RandomDrawTests
{
    private static readonly Guid[] Pool = Enumerable.Range(1, 20).Select(i => new Guid($"00000000-0000-0000-0000-{i:D12}")).ToArray();
    private static readonly DrawOfficer[] Officers =
        Enumerable.Range(1, 5).Select(i => new DrawOfficer($"u{i}", $"执法员{i}", $"5101150010{i}")).ToArray();

    [Test]
    public void The_same_seed_pool_and_officers_give_the_same_draw()
    {
        var a = RandomDraw.Run(42, Pool, Officers, 6);
        var b = RandomDraw.Run(42, Pool, Officers, 6);
        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void The_draw_for_a_fixed_seed_never_changes_between_runtimes()
    {
        // Pinned so that a change of algorithm (or of System.Random's seeded sequence) cannot pass unnoticed:
        // published draws must replay years later.
        var draw = RandomDraw.Run(20260401, Pool, Officers, 3);
        var pinned = string.Join(" ", draw.Select(d => $"{d.VenueId.ToString()[^2..]}:{d.First.UserId}+{d.Second.UserId}"));
        Assert.That(pinned, Is.EqualTo(PinnedDraw));
    }

    private const string PinnedDraw = "02:u5+u2 14:u3+u2 16:u4+u5";

    [Test]
    public void Venues_are_drawn_without_repeats_and_each_pair_is_two_different_officers([Range(0, 30)] int seed)
    {
        var draw = RandomDraw.Run(seed, Pool, Officers, 10);
        Assert.That(draw.Select(d => d.VenueId).Distinct().Count(), Is.EqualTo(10));
        Assert.That(draw.All(d => d.First != d.Second), Is.True);
        Assert.That(draw.Select(d => d.Position), Is.EqualTo(Enumerable.Range(1, 10)));
    }

    [Test]
    public void Every_venue_can_be_drawn_and_the_whole_pool_is_a_permutation()
    {
        var seen = new HashSet<Guid>();
        for (var seed = 0; seed < 200; seed++) seen.Add(RandomDraw.Run(seed, Pool, Officers, 1)[0].VenueId);
        Assert.That(seen, Has.Count.EqualTo(Pool.Length));
        Assert.That(RandomDraw.Run(5, Pool, Officers, Pool.Length).Select(d => d.VenueId), Is.EquivalentTo(Pool));
    }

    [Test]
    public void Asking_for_more_than_the_pool_or_with_one_officer_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomDraw.Run(1, Pool, Officers, Pool.Length + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomDraw.Run(1, Pool, Officers, 0));
        Assert.Throws<ArgumentException>(() => RandomDraw.Run(1, Pool, Officers[..1], 1));
    }
}

public sealed class EvidenceContentTests
{
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, EvidenceFileType.Jpeg)]
    [TestCase(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, EvidenceFileType.Png)]
    [TestCase(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, EvidenceFileType.Pdf)]
    [TestCase(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D, 0, 0, 2, 0 }, EvidenceFileType.Mp4)]        // ftyp isom
    [TestCase(new byte[] { 0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4D, 0x34, 0x41, 0x20, 0, 0, 0, 0 }, EvidenceFileType.M4a)]        // ftyp M4A
    [TestCase(new byte[] { 0x49, 0x44, 0x33, 0x03, 0, 0, 0, 0, 0x0F, 0x76 }, EvidenceFileType.Mp3)]                                   // ID3v2.3
    [TestCase(new byte[] { 0xFF, 0xFB, 0x90, 0x64, 0x00 }, EvidenceFileType.Mp3)]                                                     // MPEG-1 layer III frame
    [TestCase(new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0x02 }, EvidenceFileType.Aac)]                                                     // ADTS
    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x24, 0x08, 0, 0, 0x57, 0x41, 0x56, 0x45 }, EvidenceFileType.Wav)]                 // RIFF....WAVE
    [TestCase(new byte[] { 0x23, 0x21, 0x41, 0x4D, 0x52, 0x0A, 0x3C }, EvidenceFileType.Amr)]                                         // #!AMR\n
    [TestCase(new byte[] { 0x23, 0x21, 0x41, 0x4D, 0x52, 0x2D, 0x57, 0x42, 0x0A }, EvidenceFileType.AmrWb)]                           // #!AMR-WB\n
    public void Allowed_files_are_recognised_by_their_first_bytes(byte[] content, EvidenceFileType expected) =>
        Assert.That(EvidenceContent.Detect(content), Is.EqualTo(expected));

    [TestCase(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]       // Windows executable "MZ"
    [TestCase(new byte[] { 0x7F, 0x45, 0x4C, 0x46 })]       // ELF
    [TestCase(new byte[] { 0x50, 0x4B, 0x03, 0x04 })]       // zip / docx
    [TestCase(new byte[] { 0xFF, 0xD8 })]                   // truncated JPEG header
    [TestCase(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 })] // ftyp heic: a HEIF picture, not video
    [TestCase(new byte[] { 0x52, 0x49, 0x46, 0x46, 0x24, 0x08, 0, 0, 0x41, 0x56, 0x49, 0x20 })] // RIFF....AVI : not WAVE
    [TestCase(new byte[] { 0x23, 0x21, 0x2F, 0x62, 0x69, 0x6E })]  // "#!/bin": a script
    [TestCase(new byte[0])]
    public void Anything_else_is_not_evidence(byte[] content) =>
        Assert.That(EvidenceContent.Detect(content), Is.Null);
}
