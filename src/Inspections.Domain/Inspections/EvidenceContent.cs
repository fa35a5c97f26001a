namespace Inspections.Domain.Inspections;

/// <summary>The kinds of evidence file accepted 证据材料: photos and scanned documents.</summary>
public enum EvidenceFileType
{
    Jpeg,
    Png,
    Pdf,
}

/// <summary>
/// Recognises a file by its first bytes. The file name and the declared content type are the
/// uploader's claims; an executable renamed to .jpg still starts with "MZ", so only the bytes decide.
/// </summary>
public static class EvidenceContent
{
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    public static EvidenceFileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic)) return EvidenceFileType.Jpeg;
        if (content.StartsWith(PngMagic)) return EvidenceFileType.Png;
        if (content.StartsWith(PdfMagic)) return EvidenceFileType.Pdf;
        return null;
    }

    public static string ContentType(this EvidenceFileType kind) => kind switch
    {
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Pdf => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
