namespace Inspections.Domain.Inspections;

/// <summary>
/// The kinds of evidence file accepted 证据材料: photos and scanned documents, and the video and audio
/// of the full-process record 行政执法全过程记录 (body cameras 执法记录仪, voice recorders).
/// </summary>
public enum EvidenceFileType
{
    Jpeg,
    Png,
    Pdf,
    Mp4,   // MP4 video (ISO base media, 'ftyp' box)
    M4a,   // AAC audio in an MP4 container ('ftyp' brand M4A)
    Aac,   // raw AAC audio (ADTS frames)
    Mp3,   // MPEG-1/2 layer III audio (ID3 tag or frame sync)
    Wav,   // RIFF/WAVE audio
    Amr,   // AMR narrow-band speech ('#!AMR')
    AmrWb, // AMR wide-band speech ('#!AMR-WB')
}

/// <summary>
/// Recognises a file by its first bytes. The file name and the declared content type are the
/// uploader's claims; an executable renamed to .jpg still starts with "MZ", so only the bytes decide.
/// </summary>
public static class EvidenceContent
{
    /// <summary>Enough of a file's start to recognise any accepted type.</summary>
    public const int HeaderBytes = 16;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] AmrMagic = "#!AMR\n"u8.ToArray();
    private static readonly byte[] AmrWbMagic = "#!AMR-WB\n"u8.ToArray();

    // Brands of MP4 video as cameras and phones write them. HEIF/AVIF pictures ('heic', 'mif1', 'avif') and
    // QuickTime ('qt  ') also start with an 'ftyp' box, and are not accepted as MP4.
    private static readonly HashSet<string> VideoBrands = new(StringComparer.Ordinal)
    {
        "isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "hvc1", "M4V ", "MSNV", "dash", "mmp4", "XAVC",
    };

    private static readonly HashSet<string> AudioBrands = new(StringComparer.Ordinal) { "M4A ", "M4B " };

    public static EvidenceFileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic)) return EvidenceFileType.Jpeg;
        if (content.StartsWith(PngMagic)) return EvidenceFileType.Png;
        if (content.StartsWith(PdfMagic)) return EvidenceFileType.Pdf;
        if (content.StartsWith(AmrMagic)) return EvidenceFileType.Amr;
        if (content.StartsWith(AmrWbMagic)) return EvidenceFileType.AmrWb;
        if (content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(content[8..12]);
            if (AudioBrands.Contains(brand)) return EvidenceFileType.M4a;
            if (VideoBrands.Contains(brand)) return EvidenceFileType.Mp4;
            return null;
        }
        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WAVE"u8)) return EvidenceFileType.Wav;
        if (content.Length >= 10 && content.StartsWith("ID3"u8) && content[3] is >= 2 and <= 4) return EvidenceFileType.Mp3;
        if (content.Length >= 4 && content[0] == 0xFF && (content[1] & 0xE0) == 0xE0)
        {
            var version = (content[1] >> 3) & 0b11; // 01 is reserved
            var layer = (content[1] >> 1) & 0b11;
            var bitrate = content[2] >> 4;
            var sampleRate = (content[2] >> 2) & 0b11;
            if (version != 0b01 && layer == 0b01 && bitrate is not (0 or 0xF) && sampleRate != 0b11) return EvidenceFileType.Mp3;
            // ADTS: a 12-bit sync word, layer 00, and a sampling-frequency index below 13.
            if ((content[1] & 0xF6) == 0xF0 && ((content[2] >> 2) & 0x0F) < 13) return EvidenceFileType.Aac;
        }
        return null;
    }

    public static string ContentType(this EvidenceFileType kind) => kind switch
    {
        EvidenceFileType.Jpeg => "image/jpeg",
        EvidenceFileType.Png => "image/png",
        EvidenceFileType.Pdf => "application/pdf",
        EvidenceFileType.Mp4 => "video/mp4",
        EvidenceFileType.M4a => "audio/mp4",
        EvidenceFileType.Aac => "audio/aac",
        EvidenceFileType.Mp3 => "audio/mpeg",
        EvidenceFileType.Wav => "audio/wav",
        EvidenceFileType.Amr => "audio/amr",
        EvidenceFileType.AmrWb => "audio/amr-wb",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The content types a client may declare for each kind: the registered one and the spellings phones
    /// and browsers send (audio/x-m4a, audio/mp3, audio/x-wav …).
    /// </summary>
    private static readonly Dictionary<string, EvidenceFileType> Declared = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = EvidenceFileType.Jpeg, ["image/jpg"] = EvidenceFileType.Jpeg, ["image/pjpeg"] = EvidenceFileType.Jpeg,
        ["image/png"] = EvidenceFileType.Png,
        ["application/pdf"] = EvidenceFileType.Pdf,
        ["video/mp4"] = EvidenceFileType.Mp4,
        ["audio/mp4"] = EvidenceFileType.M4a, ["audio/m4a"] = EvidenceFileType.M4a, ["audio/x-m4a"] = EvidenceFileType.M4a,
        ["audio/aac"] = EvidenceFileType.Aac, ["audio/aacp"] = EvidenceFileType.Aac, ["audio/x-aac"] = EvidenceFileType.Aac,
        ["audio/mpeg"] = EvidenceFileType.Mp3, ["audio/mp3"] = EvidenceFileType.Mp3, ["audio/x-mp3"] = EvidenceFileType.Mp3,
        ["audio/wav"] = EvidenceFileType.Wav, ["audio/x-wav"] = EvidenceFileType.Wav, ["audio/wave"] = EvidenceFileType.Wav, ["audio/vnd.wave"] = EvidenceFileType.Wav,
        ["audio/amr"] = EvidenceFileType.Amr,
        ["audio/amr-wb"] = EvidenceFileType.AmrWb,
    };

    /// <summary>Every content type a client may declare, for messages and the API description.</summary>
    public static IReadOnlyCollection<string> DeclarableTypes => Declared.Keys;

    /// <summary>The kind a declared content type names (parameters such as "; codecs=…" ignored), or null.</summary>
    public static EvidenceFileType? OfDeclared(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return null;
        var bare = contentType.Split(';', 2)[0].Trim();
        return Declared.TryGetValue(bare, out var kind) ? kind : null;
    }

    /// <summary>Whether the declared type and the bytes agree (an M4A declared as video/mp4 is accepted: it is an MP4 file).</summary>
    public static bool Agrees(EvidenceFileType declared, EvidenceFileType detected) =>
        declared == detected || (declared == EvidenceFileType.Mp4 && detected == EvidenceFileType.M4a);

    public static bool IsMedia(this EvidenceFileType kind) => kind is not (EvidenceFileType.Jpeg or EvidenceFileType.Png or EvidenceFileType.Pdf);
}
